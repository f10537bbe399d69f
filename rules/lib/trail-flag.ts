import { runL2Checks } from '../../core/cdk/check';
import type { PropCheck } from '../../core/cdk/table';
import { Rule, RuleMeta } from '../../core/rule';
import { everyMustBeTrue } from './property-value';

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
      everyMustBeTrue(t, ctx, ['AWS::CloudTrail::Trail'], (r) => ({
        path: [prop],
        fixTitle: `Set ${prop}: true`,
        missing: missing && { message: missing(r.id) },
        bad: () => bad(r.id),
      }));
    },
  };
}
