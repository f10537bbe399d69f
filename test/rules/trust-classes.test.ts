import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyze } from '../../core/engine';
import { ruleById } from '../../rules';
import { isSecretName } from '../../rules/lib/secret-names';
import { FIXTURES, parseFile } from './helpers';

/** Resources (or parameters) a rule flags in one of its fixtures, sorted. */
function flagged(ruleId: string, file: string): string[] {
  const doc = parseFile(path.join(FIXTURES, ruleId, file));
  const found = analyze(doc, [ruleById.get(ruleId)!]).findings.map((f) => f.resource ?? String(f.data?.parameter ?? '?'));
  return [...new Set(found)].sort();
}

// Classes of findings that were wrong on real code (issue 10): each case is the class, not the one sample.
describe('known-wrong classes stay fixed', () => {
  describe('secret names are judged by their head noun', () => {
    const secret = ['DbPassword', 'DB_PASSWORD', 'GitHubToken', 'ApiKey', 'API_KEY', 'DatadogAppKey', 'ReCaptchaSecretKey'];
    const secret2 = [
      'ClientSecret',
      'SigningSecret',
      'masterpassword',
      'DB_PASS',
      'DB_PWD',
      'PRIVATE_KEY',
      'ConnectionString',
      'PrivateKey1',
      'DbPassword2',
    ];
    const notSecret = ['MaxPasswordAge', 'MinimumPasswordLength', 'PasswordReusePrevention', 'AllowUsersToChangePassword'];
    const notSecret2 = ['ParentSecretStack', 'SecretsKmsKeyArn', 'SecretsManagerDomainCredentialsSecretsKMSKey', 'KmsKey'];
    const notSecret3 = ['EnableSecretsPlugin', 'EnableECRCredentialHelper', 'SecretsBucketEncryption', 'IMDSv2Tokens'];
    const notSecret4 = ['EC2MetadataHttpTokens', 'DB_PASSWORD_SECRET_ARN', 'TOKEN_TABLE', 'PWD', 'S3Key', 'SshKey', 'Bypass', 'Subnet1'];
    for (const name of [...secret, ...secret2]) it(`${name} holds a secret`, () => assert.equal(isSecretName(name), true));
    for (const name of [...notSecret, ...notSecret2, ...notSecret3, ...notSecret4]) {
      it(`${name} does not`, () => assert.equal(isSecretName(name), false));
    }
  });

  it('secret parameters: type, AllowedValues and switch Defaults rule out settings named after secrets', () => {
    const bad = ['ApiKey', 'DATABASE_MASTER_PASSWORD', 'DatadogAppKey', 'GitHubToken', 'SigningSecret'];
    for (const file of ['bad.yaml', 'bad.json']) assert.deepEqual(flagged('secret-parameter-no-echo', file), bad);
    for (const file of ['good.yaml', 'good.json']) assert.deepEqual(flagged('secret-parameter-no-echo', file), []);
  });
});
