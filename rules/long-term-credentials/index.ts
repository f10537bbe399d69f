import { Rule } from '../../core/rule';
import { iamNoUser } from './iam-no-user';

export const longTermCredentialRules: Rule[] = [iamNoUser];
