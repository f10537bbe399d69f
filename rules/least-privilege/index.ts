import { Rule } from '../../core/rule';

export const leastPrivilegeRules: Rule[] = [];
