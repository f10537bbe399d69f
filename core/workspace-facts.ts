import { WorkspaceFacts } from './rule';

/**
 * What a file contributes to its workspace's facts, read from its text: the account-baseline services it sets
 * up, as CloudFormation types or CDK constructs. A text search, not a parse: the CLI runs it over every file
 * before the scan, and a name in a comment at worst keeps account-baseline-complete quiet.
 */
const BASELINE: [string, RegExp][] = [
  ['trail', /AWS::CloudTrail::Trail\b|\bCfnTrail\b|\bcloudtrail\.Trail\b/],
  ['config', /AWS::Config::ConfigurationRecorder\b|\bCfnConfigurationRecorder\b/],
  ['guardduty', /AWS::GuardDuty::Detector\b|\bCfnDetector\b/],
  ['securityhub', /AWS::SecurityHub::Hub\b|\bCfnHub\b/],
];

/** Every account-baseline service a workspace can set up. */
export const BASELINE_SERVICES: readonly string[] = BASELINE.map(([id]) => id).sort();

/** The baseline services a file's text sets up. */
export function baselineInText(text: string): string[] {
  return BASELINE.filter(([, re]) => re.test(text)).map(([id]) => id);
}

/** The facts of a workspace from the texts of its files. */
export function workspaceFacts(texts: Iterable<string>): WorkspaceFacts {
  const baseline = new Set<string>();
  for (const t of texts) for (const id of baselineInText(t)) baseline.add(id);
  return { baseline: [...baseline].sort() };
}
