import { Rule } from '../../core/rule';
import { cdkSecretValuePlaintext } from './cdk-secret-value-plaintext';

/** Rules that exist only in CDK source (no CloudFormation equivalent). */
export const cdkRules: Rule[] = [
  // One entry per line, as in every registry: adding a rule is a one-line change.
  cdkSecretValuePlaintext,
];
