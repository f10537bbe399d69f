import { Rule } from '../../core/rule';

export const encryptionInTransitRules: Rule[] = [];
