/** The static calls that put their argument into the template in clear text. */
export const PLAINTEXT: ReadonlySet<string> = new Set(['core.SecretValue.unsafePlainText', 'core.SecretValue.plainText']);

/** Fields of a secret object (`secretObjectValue: { username: …, password: … }`) that name things rather than hold secrets. */
export const NOT_SECRET_FIELD = /^(user|username|\w*username|dbuser|dbname|databasename|database|host|hostname|port|engine|region)$/;
