import { Rule } from '../../core/rule';

export const loggingMonitoringRules: Rule[] = [];
