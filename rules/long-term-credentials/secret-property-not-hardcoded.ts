import { Node } from '../../core/nodes';
import { Fix, Rule, RuleContext } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { nodesAt } from '../lib/paths';
import { hardenParameterFix, noEchoParameterFix, parameterNameFor, secretsManagerFix, SecretSource, secretSources } from '../lib/secrets';

/**
 * The properties that carry a password, token or private key, by resource type. One table rather
 * than one rule per property: the reasoning (literal, parameter Default, NoEcho, dynamic
 * reference) is the same everywhere. `*` walks each item of a list.
 */
export const SECRET_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  'AWS::RDS::DBInstance': ['MasterUserPassword'],
  'AWS::RDS::DBCluster': ['MasterUserPassword'],
  'AWS::DocDB::DBCluster': ['MasterUserPassword'],
  'AWS::DocDBElastic::Cluster': ['AdminUserPassword'],
  'AWS::Redshift::Cluster': ['MasterUserPassword'],
  'AWS::RedshiftServerless::Namespace': ['AdminUserPassword'],
  'AWS::Lightsail::Database': ['MasterUserPassword'],
  'AWS::OpenSearchService::Domain': ['AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword'],
  'AWS::Elasticsearch::Domain': ['AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword'],
  'AWS::ElastiCache::ReplicationGroup': ['AuthToken'],
  'AWS::ElastiCache::User': ['Passwords.*'],
  'AWS::MemoryDB::User': ['AuthenticationMode.Passwords.*'],
  'AWS::SecretsManager::Secret': ['SecretString'],
  'AWS::DMS::Endpoint': [
    'Password',
    'MongoDbSettings.Password',
    'RedshiftSettings.Password',
    'OracleSettings.AsmPassword',
    'OracleSettings.SecurityDbEncryption',
  ],
  'AWS::DirectoryService::SimpleAD': ['Password'],
  'AWS::DirectoryService::MicrosoftAD': ['Password'],
  'AWS::Amplify::App': ['AccessToken', 'OauthToken', 'BasicAuthConfig.Password', 'AutoBranchCreationConfig.BasicAuthConfig.Password'],
  'AWS::Amplify::Branch': ['BasicAuthConfig.Password'],
  'AWS::CodeBuild::SourceCredential': ['Token'],
  'AWS::Pinpoint::APNSChannel': ['PrivateKey', 'TokenKey'],
  'AWS::Pinpoint::APNSSandboxChannel': ['PrivateKey', 'TokenKey'],
  'AWS::Pinpoint::APNSVoipChannel': ['PrivateKey', 'TokenKey'],
  'AWS::Pinpoint::APNSVoipSandboxChannel': ['PrivateKey', 'TokenKey'],
  'AWS::Pinpoint::GCMChannel': ['ApiKey', 'ServiceJson'],
  'AWS::Pinpoint::BaiduChannel': ['ApiKey', 'SecretKey'],
  'AWS::Pinpoint::ADMChannel': ['ClientSecret'],
  'Alexa::ASK::Skill': ['AuthenticationConfiguration.ClientSecret', 'AuthenticationConfiguration.RefreshToken'],
  'AWS::OpsWorks::Stack': ['RdsDbInstances.*.DbPassword', 'CustomCookbooksSource.Password'],
  'AWS::OpsWorks::App': ['AppSource.Password', 'SslConfiguration.PrivateKey'],
  'AWS::ManagedBlockchain::Member': ['MemberConfiguration.MemberFrameworkConfiguration.MemberFabricConfiguration.AdminPassword'],
  'AWS::AmazonMQ::Broker': ['Users.*.Password'],
  'AWS::AppStream::DirectoryConfig': ['ServiceAccountCredentials.AccountPassword'],
  'AWS::EMR::Cluster': [
    'KerberosAttributes.ADDomainJoinPassword',
    'KerberosAttributes.CrossRealmTrustPrincipalPassword',
    'KerberosAttributes.KdcAdminPassword',
  ],
  'AWS::KinesisFirehose::DeliveryStream': [
    'RedshiftDestinationConfiguration.Password',
    'SplunkDestinationConfiguration.HECToken',
    'HttpEndpointDestinationConfiguration.EndpointConfiguration.AccessKey',
  ],
  'AWS::CodePipeline::Webhook': ['AuthenticationConfiguration.SecretToken'],
  'AWS::Lambda::Permission': ['EventSourceToken'],
  'AWS::IAM::User': ['LoginProfile.Password'],
  'AWS::Glue::Connection': ['ConnectionInput.ConnectionProperties.PASSWORD'],
  'AWS::DataSync::LocationSMB': ['Password'],
  'AWS::DataSync::LocationObjectStorage': ['SecretKey'],
  'AWS::FSx::FileSystem': ['WindowsConfiguration.SelfManagedActiveDirectoryConfiguration.Password', 'OntapConfiguration.FsxAdminPassword'],
  'AWS::QuickSight::DataSource': ['Credentials.CredentialPair.Password'],
  'AWS::Events::Connection': [
    'AuthParameters.BasicAuthParameters.Password',
    'AuthParameters.ApiKeyAuthParameters.ApiKeyValue',
    'AuthParameters.OAuthParameters.ClientParameters.ClientSecret',
  ],
  'AWS::Cognito::UserPoolIdentityProvider': ['ProviderDetails.client_secret'],
  'AWS::ApiGateway::ApiKey': ['Value'],
};

/** The key a Secrets Manager secret would use for a property: `MasterUserPassword` → `password`. */
function secretKey(path: string): string {
  const last =
    path
      .split('.')
      .filter((p) => p !== '*')
      .pop() ?? 'value';
  if (/password/i.test(last)) return 'password';
  if (/token/i.test(last)) return 'token';
  if (/privatekey/i.test(last)) return 'privateKey';
  return last.charAt(0).toLowerCase() + last.slice(1);
}

/** Compliant: every password, token and private-key property comes from Secrets Manager, SSM SecureString or a NoEcho parameter without a Default. */
export const secretPropertyNotHardcoded: Rule = {
  meta: {
    id: 'secret-property-not-hardcoded',
    title: 'Passwords and tokens are not written in the template',
    compliant:
      'Password, token and key properties use `{{resolve:secretsmanager:…}}`, `{{resolve:ssm-secure:…}}` or a `!Ref` to a NoEcho parameter without a Default.',
    description:
      'A password, token or private key written in a template (or in a parameter Default) is readable by everyone who can read the repository, the stack template (GetTemplate) or its history, and it never rotates. ' +
      'A parameter without NoEcho shows its value in the console and in DescribeStacks, and a plain SSM String parameter is stored unencrypted. ' +
      'Keep the secret in Secrets Manager and reference it with a dynamic reference, so it never touches the template.',
    category: 'long-term-credentials',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: Object.keys(SECRET_PROPERTIES),
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Using dynamic references to specify template values',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html',
      },
      {
        title: 'Do not embed credentials in your templates',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds',
      },
      {
        title: 'Parameters: NoEcho',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html',
      },
    ],
    equivalents: {
      guard: [
        'AMAZON_MQ_BROKER_USERS_NO_PLAINTEXT_PASSWORD',
        'DMS_NO_PLAINTEXT_PASSWORD',
        'IAM_USER_LOGIN_PROFILE_NO_PLAINTEXT_PASSWORD',
        'KINESIS_FIREHOSE_REDSHIFT_DESTINATION_CONFIGURATION_NO_PLAINTEXT_PASSWORD',
        'KINESIS_FIREHOSE_SPLUNK_DESTINATION_CONFIGURATION_NO_PLAINTEXT_PASSWORD',
        'MICROSOFT_AD_NO_PLAINTEXT_PASSWORD',
        'RDS_CLUSTER_MASTER_USER_PASSWORD_NO_PLAINTEXT_PASSWORD',
        'RDS_MASTER_USER_PASSWORD_NO_PLAINTEXT_PASSWORD',
        'REDSHIFT_CLUSTER_MASTER_USER_PASSWORD_NO_PLAINTEXT_PASSWORD',
      ],
      cfnNag: [
        'F23',
        'F31',
        'F34',
        'F35',
        'F36',
        'F37',
        'F41',
        'F42',
        'F43',
        'F44',
        'F45',
        'F46',
        'F47',
        'F48',
        'F49',
        'F50',
        'F51',
        'F52',
        'F53',
        'F54',
        'F55',
        'F56',
        'F57',
        'F58',
        'F60',
        'F61',
        'F62',
        'F63',
        'F64',
        'F65',
        'F66',
        'F67',
        'F68',
        'F69',
        'F70',
        'F71',
        'F74',
        'F75',
      ],
      cdkNag: ['DocumentDBCredentialsInSecretsManager', 'DOC3'],
    },
    fix: 'Two choices: replace the value with a `{{resolve:secretsmanager:<stack>/<resource>:SecretString:<key>}}` dynamic reference, or move it to a new NoEcho parameter and `!Ref` it. For a parameter with a Default: remove the Default and add NoEcho.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    for (const [type, paths] of Object.entries(SECRET_PROPERTIES)) {
      for (const r of t.byType.get(type) ?? []) {
        for (const path of paths) {
          for (const node of nodesAt(r.properties, path.split('.'))) {
            for (const src of secretSources(t, node)) {
              if (src.kind === 'literal' && storesIdentifier(ctx, r, src.value)) continue;
              reportSource(t, ctx, r, path, src);
            }
          }
        }
      }
    }
  },
};

/** A secret whose name or description says it holds a name, ARN or id (`dataall-pivot-role-name`): not a credential. */
const IDENTIFIER_SECRET = /(role|user|bucket|queue|topic|account|cluster|table|function|resource)[-_ ]?(name|arn|id)s?(\b|_|[A-Z]|$)/i;

/** True when a Secrets Manager secret is named or described as holding an identifier, and its literal looks like one. */
function storesIdentifier(ctx: RuleContext, r: Resource, value: string): boolean {
  if (r.type !== 'AWS::SecretsManager::Secret' || !r.properties) return false;
  if (!/^[A-Za-z0-9+=,.@_:/-]{1,256}$/.test(value)) return false;
  return ['Name', 'Description'].some((k) => {
    const n = r.properties?.pairs.find((p) => p.key.value === k)?.value;
    // The text as written: a Python f-string or an `Fn::Sub` still shows what the secret is for.
    return n !== undefined && IDENTIFIER_SECRET.test(ctx.doc.text.slice(n.start, n.end));
  });
}

function reportSource(t: Template, ctx: RuleContext, r: Resource, path: string, src: SecretSource): void {
  const prop = path.replace(/\.\*/g, '[]');
  const where = `${r.type.replace(/^AWS::/, '')} ${prop}`;
  const key = secretKey(path);
  const moveFixes = (node: Node): Fix[] => [
    secretsManagerFix(node, r, key),
    noEchoParameterFix(
      t,
      node,
      parameterNameFor(
        r,
        path
          .split('.')
          .filter((p) => p !== '*')
          .pop() ?? 'Secret',
      ),
      `${where} of ${r.id}`,
    ),
  ];
  switch (src.kind) {
    case 'literal': {
      const param = t.parameters.get(src.value);
      if (param) {
        // `"Password": "DbPassword"` in JSON: the Ref was forgotten, and the literal name became the password.
        ctx.report({
          node: src.node,
          resource: r,
          data: { source: 'literal-parameter-name', parameter: param.id },
          message: `${where} is the literal text '${param.id}', not a reference to parameter ${param.id}: the password is that text, written in the template. Write !Ref ${param.id}.`,
          fix: [
            { title: `Reference parameter ${param.id}`, ops: [{ op: 'replace', node: src.node, value: { Ref: param.id } }] },
            secretsManagerFix(src.node, r, key),
          ],
        });
        break;
      }
      ctx.report({
        node: src.node,
        resource: r,
        secrets: [src.value],
        fix: moveFixes(src.node),
        data: { source: 'literal' },
        message: `${where} is written in the template in plain text. Reference a Secrets Manager secret (or a NoEcho parameter) instead.`,
      });
      break;
    }
    case 'default':
      ctx.report({
        node: src.node,
        resource: r,
        secrets: [src.value],
        data: { source: 'parameter-default', parameter: src.param.id },
        message: `${where} comes from parameter ${src.param.id}, whose ${src.valueNode === src.param.default ? 'Default' : 'AllowedValues'} writes the secret in the template. Remove it and reference a Secrets Manager secret.`,
        related: [{ node: src.valueNode, message: `The secret is written here, in parameter ${src.param.id}.` }],
        fix: [hardenParameterFix(src.param), secretsManagerFix(src.node, r, key)],
      });
      break;
    case 'visible-param':
      ctx.report({
        node: src.node,
        resource: r,
        data: { source: 'visible-parameter', parameter: src.param.id },
        message: `${where} comes from parameter ${src.param.id}, which is not NoEcho: its value shows in the console and in DescribeStacks. Add NoEcho: true, or reference a Secrets Manager secret.`,
        related: [{ node: src.param.keyNode, message: `Parameter ${src.param.id} needs NoEcho: true.` }],
        fix: [hardenParameterFix(src.param), secretsManagerFix(src.node, r, key)],
      });
      break;
    case 'ssm-plain':
      ctx.report({
        node: src.node,
        resource: r,
        data: { source: 'plain-ssm' },
        message: `${where} comes from a plain SSM String parameter, which is stored unencrypted and is not a secret store. Use Secrets Manager (or ssm-secure where supported).`,
        fix: secretsManagerFix(src.node, r, key),
      });
      break;
  }
}
