import { Rule } from '../../core/rule';
import { iamNoAccessKey } from './iam-no-access-key';
import { iamNoUser } from './iam-no-user';
import { cfnInitAuthNoKeys } from './cfn-init-auth-no-keys';
import { environmentNoSecrets } from './environment-no-secrets';
import { iamUserPasswordResetRequired } from './iam-user-password-reset-required';
import { noCredentialsInTemplate } from './no-credentials-in-template';
import { secretParameterNoEcho } from './secret-parameter-no-echo';
import { secretPropertyNotHardcoded } from './secret-property-not-hardcoded';

export const longTermCredentialRules: Rule[] = [
  iamNoUser,
  iamNoAccessKey,
  secretPropertyNotHardcoded,
  secretParameterNoEcho,
  environmentNoSecrets,
  noCredentialsInTemplate,
  cfnInitAuthNoKeys,
  iamUserPasswordResetRequired,
];
