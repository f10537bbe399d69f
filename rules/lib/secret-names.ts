/**
 * What a variable or parameter name says it holds. A name is judged by its head noun (the last word):
 * `DbPassword` holds a password, `ParentSecretStack` a stack name, `MaxPasswordAge` a number of days,
 * `SecretsKmsKey` a KMS key, `EnableSecretsPlugin` a switch. Only a name whose head is a secret noun says
 * it carries a secret.
 */

/** Head nouns that are secrets by themselves. Compound words cover names written without separators. */
const SECRET_HEAD =
  /^(pass|password|passwd|passphrase|passcode|secret|secrets|token|tokens|credential|credentials|apikey|apikeys|privatekey|secretkey|accesskey|signingkey|authkey|clientsecret|connectionstring|[a-z0-9]*(password|passwd|passphrase|secretkey|apikey|privatekey|clientsecret))$/;
/** Words that make the head `key`/`keys` a secret key (`ApiKey`, `PRIVATE_KEY`), unlike `KmsKey` or `S3Key`. */
const KEY_QUALIFIER = new Set([
  'api',
  'private',
  'secret',
  'access',
  'signing',
  'auth',
  'encryption',
  'hmac',
  'shared',
  'master',
  'client',
  'app',
  'application',
  'webhook',
  'license',
  'session',
  'jwt',
  'recaptcha',
]);
/** First words that make a name a setting about secrets (`EnableSecretsPlugin`, `AllowUsersToChangePassword`, `MaxPasswordAge`). */
const SETTING_VERB = new Set([
  'enable',
  'enabled',
  'disable',
  'disabled',
  'use',
  'create',
  'generate',
  'rotate',
  'skip',
  'allow',
  'require',
  'requires',
  'max',
  'min',
  'maximum',
  'minimum',
  'is',
  'has',
  'should',
  'no',
  'include',
  'exclude',
  'manage',
  'store',
  'num',
  'number',
]);
/** Words that say `Tokens` are IMDS session tokens (`HttpTokens`), a setting rather than a value. */
const IMDS_WORD = /^(http|metadata|imds|imd|imdsv2|sv2|imdsv1|sv1)$/;

/** The words of a name: `DBPassword` -> db, password; `api_key` -> api, key; `IMDSv2Tokens` -> imd, sv2, tokens. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** True for a variable or parameter name that says it holds a secret (`DB_PASSWORD`, `GitHubToken`), not a pointer to one (`SECRET_ARN`) or a setting about one (`MaxPasswordAge`). */
export function isSecretName(name: string): boolean {
  // A numbered name (`PrivateKey1`, `DbPassword2`) says what its unnumbered head says.
  const words = nameWords(name).map((w, i, all) => (i === all.length - 1 && /[a-z]\d+$/.test(w) ? w.replace(/\d+$/, '') : w));
  if (words.length > 1 && /^\d+$/.test(words[words.length - 1])) words.pop(); // DB_PASSWORD_2
  const head = words[words.length - 1];
  if (!head || (words.length === 1 && head === 'pwd')) return false; // PWD is the working directory
  if (SETTING_VERB.has(words[0]) && words.length > 1) return false;
  if (head === 'key' || head === 'keys') return words.length > 1 && KEY_QUALIFIER.has(words[words.length - 2]);
  if (head === 'string') return words[words.length - 2] === 'connection';
  if (head === 'pwd') return true;
  if (!SECRET_HEAD.test(head)) return false;
  if ((head === 'tokens' || head === 'token') && words.some((w) => IMDS_WORD.test(w))) return false;
  return true;
}

const AWS_CREDENTIAL_NAME = /^aws_(access_key_id|secret_access_key|session_token)$/i;

/** True for an environment variable name that holds a credential. */
export function isSecretEnvName(name: string): boolean {
  return AWS_CREDENTIAL_NAME.test(name) || isSecretName(name);
}
