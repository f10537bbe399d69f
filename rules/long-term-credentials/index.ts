import { Rule } from '../../core/rule';
import { iamNoAccessKey } from './iam-no-access-key';
import { iamNoUser } from './iam-no-user';

export const longTermCredentialRules: Rule[] = [iamNoUser, iamNoAccessKey];
