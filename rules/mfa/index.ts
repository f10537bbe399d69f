import { Rule } from '../../core/rule';

export const mfaRules: Rule[] = [];
