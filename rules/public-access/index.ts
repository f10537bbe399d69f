import { Rule } from '../../core/rule';

export const publicAccessRules: Rule[] = [];
