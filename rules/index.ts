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

// CDK: the source parsers and the fix writer. Each rule declares its own CDK side (`source`, `<rule-id>.cdk.ts`).
registerCdk();

/** Rule by id. */
export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.meta.id, r]));
