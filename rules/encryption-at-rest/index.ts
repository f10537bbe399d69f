import { Rule } from '../../core/rule';

export const encryptionAtRestRules: Rule[] = [];
