import { attachCdk } from '../core/cdk/attach';
import { registerCdk } from '../core/cdk';
import { Rule } from '../core/rule';
import { cdkRules } from './cdk';
import { encryptionAtRestRules } from './encryption-at-rest';
import { encryptionInTransitRules } from './encryption-in-transit';
import { instanceMetadataRules } from './instance-metadata';
import { leastPrivilegeRules } from './least-privilege';
import { loggingMonitoringRules } from './logging-monitoring';
import { longTermCredentialRules } from './long-term-credentials';
import { mfaRules } from './mfa';
import { publicAccessRules } from './public-access';

/** The catalogue: an explicit list, one entry per rule file, that tests enumerate. */
export const rules: readonly Rule[] = [
  ...longTermCredentialRules,
  ...instanceMetadataRules,
  ...encryptionAtRestRules,
  ...encryptionInTransitRules,
  ...leastPrivilegeRules,
  ...mfaRules,
  ...loggingMonitoringRules,
  ...publicAccessRules,
  ...cdkRules,
];

// CDK: source parsers and fix writer, and CDK hooks/syntaxes on the rules above (core/cdk/attach.ts).
registerCdk();
attachCdk(rules);

/** Rule by id. */
export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.meta.id, r]));
