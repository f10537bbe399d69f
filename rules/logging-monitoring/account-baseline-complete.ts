import { Rule } from '../../core/rule';
import { Template } from '../../core/template';
import { asBool, resolvePath } from '../../core/values';

/** The detective services an account baseline turns on, and the resources that turn each on. */
const SERVICES: { key: string; name: string; types: string[]; control: string }[] = [
  // CDK's L2 Trail (read from source as `CDK::aws-cloudtrail.Trail`, without properties) records every Region unless told otherwise.
  {
    key: 'trail',
    name: 'a multi-Region CloudTrail trail',
    types: ['AWS::CloudTrail::Trail', 'CDK::aws-cloudtrail.Trail'],
    control: 'CloudTrail.1',
  },
  { key: 'config', name: 'an AWS Config recorder', types: ['AWS::Config::ConfigurationRecorder'], control: 'Config.1' },
  { key: 'guardduty', name: 'a GuardDuty detector', types: ['AWS::GuardDuty::Detector'], control: 'GuardDuty.1' },
  { key: 'securityhub', name: 'Security Hub', types: ['AWS::SecurityHub::Hub'], control: 'SecurityHub' },
];
/** Another detective service: with one of the four, it makes the template a baseline. */
const OTHER_BASELINE = ['AWS::AccessAnalyzer::Analyzer'];
/**
 * Parts of one service, not a second service: a recorder always comes with its delivery channel, so a
 * Config-only template (a single-purpose stack) is not a baseline. They still anchor the finding.
 */
const PARTS = ['AWS::Config::DeliveryChannel', 'AWS::Config::ConfigurationAggregator', 'AWS::SecurityHub::Standard'];

function hasService(t: Template, i: number): boolean {
  const s = SERVICES[i];
  const found = s.types.flatMap((type) => t.byType.get(type) ?? []);
  if (i !== 0) return found.length > 0;
  // Only a multi-Region trail counts as the account's trail.
  return found.some((r) =>
    resolvePath(t, r.node, ['Properties', 'IsMultiRegionTrail']).some((o) => o.kind !== 'value' || asBool(o.value) === true),
  );
}

/**
 * Compliant: a template that sets up an account's detective controls (two or more of CloudTrail,
 * Config, GuardDuty, Security Hub, Access Analyzer) sets up all of CloudTrail, Config, GuardDuty and Security Hub.
 */
export const accountBaselineComplete: Rule = {
  meta: {
    id: 'account-baseline-complete',
    title: 'Account baselines turn on CloudTrail, Config, GuardDuty and Security Hub',
    compliant:
      'A template that creates two or more account-level detective services creates all four: a multi-Region trail, a Config recorder, a GuardDuty detector and Security Hub.',
    description:
      "AWS's baseline for every account is an organisation-wide trail, AWS Config recording, GuardDuty threat detection and Security Hub checks; each one sees what the others miss. " +
      'A baseline template that sets up only some of them leaves the rest to be forgotten. A template that is not a baseline (one trail beside an application) is not flagged.',
    category: 'logging-monitoring',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: [
      'AWS::CloudTrail::Trail',
      'AWS::Config::ConfigurationRecorder',
      'AWS::GuardDuty::Detector',
      'AWS::SecurityHub::Hub',
      'AWS::AccessAnalyzer::Analyzer',
    ],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'AWS Security Reference Architecture',
        url: 'https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/welcome.html',
      },
      {
        title: 'AWS Foundational Security Best Practices',
        url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html',
      },
    ],
    controls: ['CloudTrail.1', 'Config.1', 'GuardDuty.1'],
  },
  template(t, ctx) {
    const present = SERVICES.map((_, i) => hasService(t, i));
    const others = OTHER_BASELINE.some((type) => t.byType.has(type));
    const count = present.filter(Boolean).length + (others ? 1 : 0);
    if (count < 2 || present.every(Boolean)) return;
    const anchorType = SERVICES.flatMap((s) => s.types)
      .concat(OTHER_BASELINE, PARTS)
      .find((type) => t.byType.has(type));
    const anchor = anchorType ? t.byType.get(anchorType)![0] : undefined;
    if (!anchor) return;
    // Judged across the workspace when the caller knows it: a sibling template may set up the rest.
    const elsewhere = new Set(ctx.workspace?.baseline ?? []);
    const missing = SERVICES.filter((s, i) => !present[i] && !elsewhere.has(s.key)).map((s) => s.name);
    if (!missing.length) return;
    const where = ctx.workspace ? 'neither it nor any other file scanned with it sets up' : 'not';
    ctx.report({
      node: anchor.keyNode,
      resource: anchor,
      message: `${anchor.id}: this template sets up account-level detective controls but ${where} ${missing.join(', ')}. Add ${missing.length === 1 ? 'it' : 'them'} so the baseline is complete (or deploy ${missing.length === 1 ? 'it' : 'them'} organisation-wide and suppress this with the reason).`,
      data: { missing: missing.join(',') },
    });
  },
};
