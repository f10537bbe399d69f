import { runL2Checks } from '../../core/cdk/check';
import type { PropCheck } from '../../core/cdk/table';
import { Rule, RuleMeta } from '../../core/rule';
import { asBool } from '../../core/values';
import { expectProperty } from './expect';
import { propertiesUnreadable } from './paths';

/** The CloudFormation reference page every trail rule cites. */
export const TRAIL_DOC = {
  title: 'AWS::CloudTrail::Trail',
  url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudtrail-trail.html',
};

/** A rule that one boolean of every trail must be true, with a fix that sets it; `cdk`: its L2 table (`<rule-id>.cdk.ts`). */
export function trailFlag(
  meta: Omit<RuleMeta, 'category' | 'resourceTypes' | 'syntaxes'>,
  prop: string,
  missing: ((id: string) => string) | undefined,
  bad: (id: string) => string,
  cdk?: readonly PropCheck[],
): Rule {
  return {
    ...(cdk && { source: (ctx) => runL2Checks(ctx, cdk) }),
    meta: {
      ...meta,
      category: 'logging-monitoring',
      resourceTypes: ['AWS::CloudTrail::Trail'],
      syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    },
    template(t, ctx) {
      for (const r of t.byType.get('AWS::CloudTrail::Trail') ?? []) {
        if (propertiesUnreadable(r)) continue;
        expectProperty(t, ctx, r, [prop], {
          // Only an explicit false (or a missing flag) is judged; a null or a non-boolean is still being typed.
          ok: (v) => v === null || asBool(v) !== false,
          fixValue: true,
          fixTitle: `Set ${prop}: true`,
          missing: missing?.(r.id),
          bad: () => bad(r.id),
          quietWhileTyping: true,
        });
      }
    },
  };
}
