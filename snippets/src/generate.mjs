// Writes snippets/*.json. CloudFormation building blocks are written once, as data, and rendered to
// YAML (short-form tags) and JSON so the two never drift. Run: node snippets/src/generate.mjs
import { writeFileSync } from 'node:fs';

const OUT = new URL('../', import.meta.url);
// Intrinsics as data; `$` in a literal CloudFormation `${…}` must be escaped as `\$` in a snippet body.
const Ref = (x) => ({ $tag: 'Ref', v: x });
const GetAtt = (x) => ({ $tag: 'GetAtt', v: x });
const Sub = (x) => ({ $tag: 'Sub', v: x });
const P = '\\${AWS::Partition}';
const A = '\\${AWS::AccountId}';
const R = '\\${AWS::Region}';

// ---- rendering -------------------------------------------------------------------------------
// What the text looks like once the snippet is expanded: quoting is decided on that.
function expanded(v) {
  return v.replace(/\$\{\d+:((?:\\\}|[^}])*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{[A-Z_]+\}/g, '1').replace(/\\([$}])/g, '$1');
}
function yScalar(v) {
  if (typeof v !== 'string') return String(v);
  const e = expanded(v);
  const quote = e === '' || /^(true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9._:-]*(e[0-9]+)?)$/i.test(e) ||
    /: | #|\{\{|\*|^[\s'"&!%@`|>?[\]{},#-]|\s$/.test(e);
  return quote ? `'${v.replace(/'/g, "''")}'` : v;
}
function yTag(t) {
  if (t.$tag === 'Ref') return `!Ref ${t.v}`;
  if (t.$tag === 'GetAtt') return `!GetAtt ${t.v}`;
  return `!Sub ${yScalar(t.v)}`;
}
const isObj = (v) => v && typeof v === 'object' && !Array.isArray(v) && !v.$tag;
function inline(v) {
  if (v && v.$tag) return yTag(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x.$tag) && v.length <= 4 && JSON.stringify(v).length < 70) return `[${v.map(inline).join(', ')}]`;
  if (typeof v !== 'object' || v === null) return yScalar(v);
  return undefined;
}
function yaml(v, indent = '') {
  const lines = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      const i = inline(item);
      if (i !== undefined) { lines.push(`${indent}- ${i}`); continue; }
      const sub = yaml(item, indent + '  ');
      lines.push(`${indent}- ${sub[0].trimStart()}`, ...sub.slice(1));
    }
    return lines;
  }
  for (const [k, val] of Object.entries(v)) {
    const i = inline(val);
    if (i !== undefined) lines.push(`${indent}${k}: ${i}`);
    else lines.push(`${indent}${k}:`, ...yaml(val, Array.isArray(val) ? indent + '  ' : indent + '  '));
  }
  return lines;
}
function toJson(v) {
  if (v && v.$tag === 'Ref') return { Ref: v.v };
  if (v && v.$tag === 'GetAtt') { const [a, ...b] = v.v.split('.'); return { 'Fn::GetAtt': [a, b.join('.')] }; }
  if (v && v.$tag === 'Sub') return { 'Fn::Sub': v.v };
  if (Array.isArray(v)) return v.map(toJson);
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJson(x)]));
  return v;
}
// JSON bodies keep snippet escapes (`\$`) and placeholders; a JSON string may hold them as they are.
function jsonLines(v) {
  const text = JSON.stringify(toJson(v), null, 2).replace(/\\\\([$}])/g, '\\$1');
  // Drop the outer braces: the body goes inside an existing "Resources" (or other) object.
  return text.split('\n').slice(1, -1).map((l) => l.slice(2)).map((l, i, all) => (i === all.length - 1 ? l : l));
}

// ---- secure building blocks (CloudFormation) ------------------------------------------------
const tlsDeny = (bucket) => [
  { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*',
    Resource: [GetAtt(`${bucket}.Arn`), Sub(`\\\${${bucket}.Arn}/*`)], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
  { Sid: 'DenyTlsBelow12', Effect: 'Deny', Principal: '*', Action: 's3:*',
    Resource: [GetAtt(`${bucket}.Arn`), Sub(`\\\${${bucket}.Arn}/*`)], Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } },
];
const keyPolicy = {
  Version: '2012-10-17',
  Statement: [{
    Sid: 'AccountAdministersKey', Effect: 'Allow', Principal: { AWS: Sub(`arn:${P}:iam::${A}:root`) },
    Action: ['kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*',
      'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion',
      'kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
    Resource: '*',
  }],
};

const CFN = {
  'Parapet: encrypted S3 bucket': {
    prefix: 'parapet-s3-bucket',
    description: 'S3 bucket: SSE-KMS with a rotated customer key and bucket keys, public access blocked, versioned, access-logged, TLS 1.2+ enforced by bucket policy',
    body: {
      '${1:Data}Key': { Type: 'AWS::KMS::Key', Properties: { Description: 'Encrypts the ${1:Data} bucket', EnableKeyRotation: true, KeyPolicy: keyPolicy } },
      '${1:Data}Bucket': {
        Type: 'AWS::S3::Bucket', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain',
        Properties: {
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: GetAtt('${1:Data}Key.Arn') }, BucketKeyEnabled: true }] },
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          VersioningConfiguration: { Status: 'Enabled' },
          LoggingConfiguration: { DestinationBucketName: '${2:access-log-bucket-name}', LogFilePrefix: '${1:Data}/' },
        },
      },
      '${1:Data}BucketPolicy': {
        Type: 'AWS::S3::BucketPolicy',
        Properties: { Bucket: Ref('${1:Data}Bucket'), PolicyDocument: { Version: '2012-10-17', Statement: tlsDeny('${1:Data}Bucket') } },
      },
    },
  },
  'Parapet: EC2 launch template requiring IMDSv2': {
    prefix: 'parapet-launch-template-imdsv2',
    description: 'EC2 launch template: IMDSv2 only (HttpTokens required, hop limit 1), encrypted gp3 root volume, detailed monitoring',
    body: {
      '${1:App}LaunchTemplate': {
        Type: 'AWS::EC2::LaunchTemplate',
        Properties: {
          LaunchTemplateData: {
            ImageId: '${2:{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64\\}\\}}',
            InstanceType: '${3:t3.micro}',
            MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1, HttpEndpoint: 'enabled' },
            BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeType: 'gp3', VolumeSize: 20, DeleteOnTermination: true } }],
            Monitoring: { Enabled: true },
          },
        },
      },
    },
  },
  'Parapet: encrypted RDS instance': {
    prefix: 'parapet-rds-encrypted',
    description: 'RDS PostgreSQL: storage encrypted with KMS, master password generated and kept in Secrets Manager, TLS forced, private, Multi-AZ, deletion-protected',
    body: {
      '${1:Db}ParameterGroup': {
        Type: 'AWS::RDS::DBParameterGroup',
        Properties: { Description: 'Forces TLS for ${1:Db}', Family: '${2:postgres16}', Parameters: { 'rds.force_ssl': '1' } },
      },
      '${1:Db}': {
        Type: 'AWS::RDS::DBInstance', DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot',
        Properties: {
          Engine: 'postgres', DBInstanceClass: '${3:db.t4g.medium}', AllocatedStorage: '${4:20}',
          StorageEncrypted: true, KmsKeyId: '${5:alias/aws/rds}',
          MasterUsername: '${6:dbadmin}', ManageMasterUserPassword: true,
          DBParameterGroupName: Ref('${1:Db}ParameterGroup'), DBSubnetGroupName: '${7:private-db-subnet-group}',
          VPCSecurityGroups: ['${8:sg-0123456789abcdef0}'],
          PubliclyAccessible: false, MultiAZ: true, DeletionProtection: true, BackupRetentionPeriod: 14, CopyTagsToSnapshot: true,
          EnableIAMDatabaseAuthentication: true, AutoMinorVersionUpgrade: true, EnableCloudwatchLogsExports: ['postgresql'],
        },
      },
    },
  },
  'Parapet: ALB with HTTPS listener and HTTP redirect': {
    prefix: 'parapet-alb-https',
    description: 'Application Load Balancer: HTTPS listener with a TLS 1.2+/1.3 policy, HTTP→HTTPS 301 redirect, access logs, invalid headers dropped',
    body: {
      '${1:Web}LoadBalancer': {
        Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        Properties: {
          Type: 'application', Scheme: '${2|internet-facing,internal|}',
          Subnets: ['${3:subnet-aaaa}', '${4:subnet-bbbb}'], SecurityGroups: ['${5:sg-0123456789abcdef0}'],
          LoadBalancerAttributes: [
            { Key: 'access_logs.s3.enabled', Value: 'true' },
            { Key: 'access_logs.s3.bucket', Value: '${6:access-log-bucket-name}' },
            { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
            { Key: 'deletion_protection.enabled', Value: 'true' },
          ],
        },
      },
      '${1:Web}HttpsListener': {
        Type: 'AWS::ElasticLoadBalancingV2::Listener',
        Properties: {
          LoadBalancerArn: Ref('${1:Web}LoadBalancer'), Protocol: 'HTTPS', Port: 443, SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
          Certificates: [{ CertificateArn: '${7:arn:aws:acm:us-east-1:111122223333:certificate/replace-me}' }],
          DefaultActions: [{ Type: 'forward', TargetGroupArn: Ref('${8:TargetGroup}') }],
        },
      },
      '${1:Web}HttpRedirectListener': {
        Type: 'AWS::ElasticLoadBalancingV2::Listener',
        Properties: {
          LoadBalancerArn: Ref('${1:Web}LoadBalancer'), Protocol: 'HTTP', Port: 80,
          DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_301' } }],
        },
      },
    },
  },
  'Parapet: CloudTrail trail': {
    prefix: 'parapet-cloudtrail',
    description: 'CloudTrail: multi-region, global service events, log-file validation, SSE-KMS encrypted, delivered to CloudWatch Logs',
    body: {
      '${1:Account}Trail': {
        Type: 'AWS::CloudTrail::Trail',
        Properties: {
          IsLogging: true, IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, EnableLogFileValidation: true,
          KMSKeyId: '${2:arn:aws:kms:us-east-1:111122223333:key/replace-me}', S3BucketName: '${3:cloudtrail-bucket-name}',
          // CloudWatch Logs delivery, so metric filters and alarms can react to what the trail records.
          CloudWatchLogsLogGroupArn: '${4:arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail:*}',
          CloudWatchLogsRoleArn: '${5:arn:aws:iam::111122223333:role/CloudTrailToCloudWatchLogs}',
        },
      },
    },
  },
  'Parapet: least-privilege IAM role': {
    prefix: 'parapet-role-least-privilege',
    description: 'IAM role: one service may assume it, only from this account; named actions on named resources',
    body: {
      '${1:App}Role': {
        Type: 'AWS::IAM::Role',
        Properties: {
          Description: '${2:What this role is for}', MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: '${3:lambda.amazonaws.com}' }, Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'aws:SourceAccount': Ref('AWS::AccountId') } } }],
          },
          Policies: [{
            PolicyName: '${1:App}Access',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Sid: '${4:ReadOrders}', Effect: 'Allow', Action: ['${5:dynamodb:GetItem}', '${6:dynamodb:Query}'],
                Resource: Sub(`arn:${P}:dynamodb:${R}:${A}:table/\${7:orders}`) }],
            },
          }],
        },
      },
    },
  },
};

// ---- guardrails (policy documents, used by CloudFormation and by policy JSON snippets) -------
const SCP = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'DenyLeavingOrganization', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
    { Sid: 'ProtectSecurityServices', Effect: 'Deny',
      Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'guardduty:DeleteDetector', 'guardduty:DisassociateFromMasterAccount',
        'config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder', 'config:DeleteDeliveryChannel', 'securityhub:DisableSecurityHub'],
      Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': '${1:arn:aws:iam::*:role/SecurityAdmin}' } } },
    { Sid: 'DenyRootUser', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } },
    { Sid: 'RequireImdsv2', Effect: 'Deny', Action: 'ec2:RunInstances', Resource: 'arn:aws:ec2:*:*:instance/*',
      Condition: { StringNotEquals: { 'ec2:MetadataHttpTokens': 'required' } } },
    { Sid: 'DenyIamUserCredentials', Effect: 'Deny', Action: ['iam:CreateUser', 'iam:CreateAccessKey', 'iam:CreateLoginProfile'], Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': '${2:arn:aws:iam::*:role/BreakGlass}' } } },
    { Sid: 'DenyOutsideApprovedRegions', Effect: 'Deny',
      NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*', 'cloudfront:*', 'route53:*', 'budgets:*', 'health:*'],
      Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['${3:eu-west-1}', '${4:us-east-1}'] } } },
  ],
};
const RCP = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'EnforceOrgIdentities', Effect: 'Deny', Principal: '*', Action: ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*', 'sts:AssumeRole'], Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': '${1:o-exampleorgid}' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } },
    { Sid: 'EnforceSecureTransport', Effect: 'Deny', Principal: '*', Action: ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*', 'sts:*'], Resource: '*',
      Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } },
  ],
};
CFN['Parapet: SCP guardrail'] = {
  prefix: 'parapet-scp-guardrail',
  description: 'Organizations service control policy: protect CloudTrail/GuardDuty/Config, deny root, require IMDSv2, no IAM user credentials, approved regions only',
  body: { '${5:Baseline}Scp': { Type: 'AWS::Organizations::Policy', Properties: { Name: '${5:Baseline}Guardrails', Type: 'SERVICE_CONTROL_POLICY', TargetIds: ['${6:ou-abcd-12345678}'], Content: SCP } } },
};
CFN['Parapet: RCP guardrail'] = {
  prefix: 'parapet-rcp-guardrail',
  description: 'Organizations resource control policy: only identities of your organization reach S3/SQS/KMS/Secrets Manager/STS, and only over TLS',
  body: { '${2:Perimeter}Rcp': { Type: 'AWS::Organizations::Policy', Properties: { Name: '${2:Perimeter}ResourceControls', Type: 'RESOURCE_CONTROL_POLICY', TargetIds: ['${3:r-abcd}'], Content: RCP } } },
};

// ---- threat modelling (CloudFormation Metadata) -----------------------------------------------
const stride = (n) => Object.fromEntries([
  ['Spoofing', 'Who could pretend to be a legitimate caller, user or service here?'],
  ['Tampering', 'Who could change data, code or configuration in transit or at rest?'],
  ['Repudiation', 'Which actions could someone deny having done? What is logged, where, for how long?'],
  ['InformationDisclosure', 'What could leak: data, secrets, credentials, error details?'],
  ['DenialOfService', 'What could exhaust, throttle or delete this, and what does it cost?'],
  ['ElevationOfPrivilege', 'How could a caller gain more than they were granted?'],
].map(([k, q], i) => [k, { Question: q, Threat: `\${${n + i * 3}:describe the threat}`, Mitigation: `\${${n + i * 3 + 1}:control or Parapet rule that covers it}`, Status: `\${${n + i * 3 + 2}|open,mitigated,accepted,not-applicable|}` }]));

const TM = {
  'Parapet: STRIDE worksheet (template Metadata)': {
    prefix: 'parapet-stride-template',
    description: 'Template-level threat model worksheet: scope, assets, actors, entry points, and STRIDE threats with mitigation and status',
    wrap: 'top',
    body: {
      Metadata: {
        ThreatModel: {
          System: '${1:name of the system or feature}', Owner: '${2:team or person}', ReviewedOn: '${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}',
          Reviewers: ['${3:someone who did not write this template}'], Scope: '${4:what this template deploys, what it does not}',
          Assets: [{ Name: '${5:customer orders}', Classification: '${6|public,internal,confidential,restricted|}' }],
          Actors: [{ Name: '${7:end user}', Trust: '${8|untrusted,authenticated,internal,admin|}' }],
          EntryPoints: [{ Resource: '${9:LogicalId}', ReachableFrom: '${10|internet,vpc,account,organization|}', Authentication: '${11:IAM, Cognito, OIDC, mTLS or none}' }],
          Stride: stride(12),
        },
      },
    },
  },
  'Parapet: STRIDE worksheet (resource Metadata)': {
    prefix: 'parapet-stride-resource',
    description: 'Per-resource threat model worksheet in the resource Metadata: element kind, data, trust, STRIDE threats with mitigation and status',
    wrap: 'resource',
    body: {
      Metadata: {
        ThreatModel: {
          Element: '${1|entry-point,process,data-store,identity|}', DataClassification: '${2|public,internal,confidential,restricted|}',
          ReachableFrom: '${3|internet,vpc,account,organization|}', Owner: '${4:team or person}',
          Stride: stride(5),
        },
      },
    },
  },
  'Parapet: data flows and trust boundaries (template Metadata)': {
    prefix: 'parapet-dataflow',
    description: 'Data-flow and trust-boundary block: each flow with source, destination, data, boundary crossed, authentication and encryption',
    wrap: 'top',
    body: {
      Metadata: {
        DataFlows: {
          TrustBoundaries: [
            { Name: '${1:Internet to AWS}', Between: ['${2:internet}', '${3:LoadBalancer}'], Controls: '${4:TLS 1.2+, WAF, authentication}' },
            { Name: '${5:VPC private subnets}', Between: ['${6:LoadBalancer}', '${7:AppInstances}'], Controls: '${8:security groups, no public IPs}' },
          ],
          Flows: [
            { Id: 1, From: '${9:browser}', To: '${10:LoadBalancer}', Data: '${11:credentials, orders}', Crosses: '${12:Internet to AWS}',
              Protocol: '${13:HTTPS}', Authentication: '${14:Cognito JWT}', Encryption: '${15:TLS 1.2+}' },
            { Id: 2, From: '${16:AppInstances}', To: '${17:Database}', Data: '${18:orders}', Crosses: '${19:none}',
              Protocol: '${20:PostgreSQL over TLS}', Authentication: '${21:IAM database auth}', Encryption: '${22:TLS, KMS at rest}' },
          ],
        },
      },
    },
  },
};

// ---- write ---------------------------------------------------------------------------------
function file(blocks, render) {
  const out = {};
  for (const [name, s] of Object.entries(blocks)) out[name] = { prefix: s.prefix, description: s.description, body: render(s) };
  return out;
}
const yamlFile = { ...file(CFN, (s) => yaml(s.body)), ...file(TM, (s) => yaml(s.body)) };
// JSON bodies are object members: insert inside "Resources" (or the top-level object for Metadata).
const jsonFile = { ...file(CFN, (s) => withComma(jsonLines(s.body))), ...file(TM, (s) => withComma(jsonLines(s.body))) };
function withComma(lines) { return [...lines.slice(0, -1), lines[lines.length - 1] + '$0']; }
const policy = (name, prefix, description, doc) => [name, { prefix, description, body: JSON.stringify(doc, null, 2).replace(/\\\\([$}])/g, '\\$1').split('\n') }];
const policyFile = Object.fromEntries([
  policy('Parapet: least-privilege identity policy', 'parapet-policy-least-privilege', 'IAM identity policy: named actions on named resources, with a condition', {
    Version: '2012-10-17',
    Statement: [
      { Sid: '${1:ReadOrders}', Effect: 'Allow', Action: ['${2:dynamodb:GetItem}', '${3:dynamodb:Query}'],
        Resource: '${4:arn:aws:dynamodb:us-east-1:111122223333:table/orders}', Condition: { StringEquals: { 'aws:ResourceAccount': '${5:111122223333}' } } },
    ],
  }),
  policy('Parapet: SCP guardrail', 'parapet-scp-guardrail', CFN['Parapet: SCP guardrail'].description, SCP),
  policy('Parapet: RCP guardrail', 'parapet-rcp-guardrail', CFN['Parapet: RCP guardrail'].description, RCP),
]);

// ---- CDK (TypeScript and Python) ---------------------------------------------------------------
const lines = (t) => t.replace(/^\n/, '').replace(/\n$/, '').split('\n');
const tsObj = (o, indent) => JSON.stringify(o, null, 2).replace(/\\\\([$}])/g, '\\$1').replace(/"([A-Za-z_][A-Za-z0-9_]*)":/g, '$1:').replace(/"/g, "'")
  .split('\n').map((l, i) => (i ? indent + l : l)).join('\n');
const pyObj = (o, indent) => JSON.stringify(o, null, 4).replace(/\\\\([$}])/g, '\\$1').split('\n').map((l, i) => (i ? indent + l : l)).join('\n');
const ABUSE = (c) => lines(`
${c} Threat model: abuse cases for \${1:this stack} (owner: \${2:team}, reviewed: \${CURRENT_YEAR}-\${CURRENT_MONTH}-\${CURRENT_DATE})
${c} For each case: can it happen here? what stops it? how would we notice? Tick when answered.
${c} [ ] Leaked developer credential: which of these resources can it read, change or delete? \${3:answer}
${c} [ ] SSRF or RCE in the workload: which role credentials does it reach (IMDSv2 required)? \${4:answer}
${c} [ ] Public exposure: which construct is reachable from the internet, and who can call it unauthenticated? \${5:answer}
${c} [ ] Data exfiltration: which buckets, tables or secrets could be copied out, and to where? \${6:answer}
${c} [ ] Privilege escalation: can any role here pass a role, edit a policy or create access keys? \${7:answer}
${c} [ ] Tampering with evidence: can anyone here stop CloudTrail or delete its logs? \${8:answer}
${c} [ ] Denial of service or cost: what happens under a flood of requests or a runaway loop? \${9:answer}
${c} [ ] Supply chain: where do images, layers and packages come from, and who can change them? \${10:answer}
${c} Open threats: \${11:none}$0`);

const TS = {
  'Parapet CDK: encrypted S3 bucket': ['parapet-cdk-s3-bucket', CFN['Parapet: encrypted S3 bucket'].description, lines(`
const \${1:data}Key = new kms.Key(this, '\${2:Data}Key', { enableKeyRotation: true });
const \${1:data}Bucket = new s3.Bucket(this, '\${2:Data}Bucket', {
  encryption: s3.BucketEncryption.KMS,
  encryptionKey: \${1:data}Key,
  bucketKeyEnabled: true,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  versioned: true,
  serverAccessLogsBucket: \${3:accessLogsBucket},
  serverAccessLogsPrefix: '\${2:Data}/',
  removalPolicy: cdk.RemovalPolicy.RETAIN,
});$0`)],
  'Parapet CDK: EC2 launch template requiring IMDSv2': ['parapet-cdk-launch-template-imdsv2', CFN['Parapet: EC2 launch template requiring IMDSv2'].description, lines(`
const \${1:app}LaunchTemplate = new ec2.LaunchTemplate(this, '\${2:App}LaunchTemplate', {
  machineImage: ec2.MachineImage.latestAmazonLinux2023(),
  instanceType: new ec2.InstanceType('\${3:t3.micro}'),
  requireImdsv2: true,
  httpTokens: ec2.LaunchTemplateHttpTokens.REQUIRED,
  httpPutResponseHopLimit: 1,
  detailedMonitoring: true,
  blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
});$0`)],
  'Parapet CDK: encrypted RDS instance': ['parapet-cdk-rds-encrypted', CFN['Parapet: encrypted RDS instance'].description, lines(`
const \${1:db} = new rds.DatabaseInstance(this, '\${2:Db}', {
  engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
  instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
  vpc: \${3:vpc},
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  credentials: rds.Credentials.fromGeneratedSecret('\${4:dbadmin}'),
  storageEncrypted: true,
  parameters: { 'rds.force_ssl': '1' },
  publiclyAccessible: false,
  multiAz: true,
  deletionProtection: true,
  backupRetention: cdk.Duration.days(14),
  iamAuthentication: true,
  cloudwatchLogsExports: ['postgresql'],
  removalPolicy: cdk.RemovalPolicy.SNAPSHOT,
});$0`)],
  'Parapet CDK: ALB with HTTPS listener and HTTP redirect': ['parapet-cdk-alb-https', CFN['Parapet: ALB with HTTPS listener and HTTP redirect'].description, lines(`
const \${1:web}Alb = new elbv2.ApplicationLoadBalancer(this, '\${2:Web}Alb', {
  vpc: \${3:vpc},
  internetFacing: true,
  dropInvalidHeaderFields: true,
  deletionProtection: true,
});
\${1:web}Alb.logAccessLogs(\${4:accessLogsBucket});
\${1:web}Alb.addListener('Https', {
  port: 443,
  protocol: elbv2.ApplicationProtocol.HTTPS,
  sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
  certificates: [elbv2.ListenerCertificate.fromArn('\${5:arn:aws:acm:us-east-1:111122223333:certificate/replace-me}')],
  defaultAction: elbv2.ListenerAction.forward([\${6:targetGroup}]),
});
\${1:web}Alb.addRedirect({ sourcePort: 80, sourceProtocol: elbv2.ApplicationProtocol.HTTP, targetPort: 443, targetProtocol: elbv2.ApplicationProtocol.HTTPS });$0`)],
  'Parapet CDK: CloudTrail trail': ['parapet-cdk-cloudtrail', CFN['Parapet: CloudTrail trail'].description, lines(`
new cloudtrail.Trail(this, '\${1:Account}Trail', {
  isMultiRegionTrail: true,
  includeGlobalServiceEvents: true,
  enableFileValidation: true,
  encryptionKey: \${2:trailKey},
  bucket: \${3:trailBucket},
  sendToCloudWatchLogs: true,
});$0`)],
  'Parapet CDK: least-privilege IAM role': ['parapet-cdk-role-least-privilege', CFN['Parapet: least-privilege IAM role'].description, lines(`
const \${1:app}Role = new iam.Role(this, '\${2:App}Role', {
  assumedBy: new iam.ServicePrincipal('\${3:lambda.amazonaws.com}', { conditions: { StringEquals: { 'aws:SourceAccount': cdk.Stack.of(this).account } } }),
  description: '\${4:What this role is for}',
  maxSessionDuration: cdk.Duration.hours(1),
});
\${1:app}Role.addToPolicy(new iam.PolicyStatement({
  actions: ['\${5:dynamodb:GetItem}', '\${6:dynamodb:Query}'],
  resources: [\${7:table.tableArn}],
}));$0`)],
  'Parapet CDK: SCP guardrail': ['parapet-cdk-scp-guardrail', CFN['Parapet: SCP guardrail'].description, lines(`
new organizations.CfnPolicy(this, '\${5:Baseline}Scp', {
  name: '\${5:Baseline}Guardrails',
  type: 'SERVICE_CONTROL_POLICY',
  targetIds: ['\${6:ou-abcd-12345678}'],
  content: ${tsObj(SCP, '  ')},
});$0`)],
  'Parapet CDK: RCP guardrail': ['parapet-cdk-rcp-guardrail', CFN['Parapet: RCP guardrail'].description, lines(`
new organizations.CfnPolicy(this, '\${2:Perimeter}Rcp', {
  name: '\${2:Perimeter}ResourceControls',
  type: 'RESOURCE_CONTROL_POLICY',
  targetIds: ['\${3:r-abcd}'],
  content: ${tsObj(RCP, '  ')},
});$0`)],
  'Parapet CDK: abuse-case checklist': ['parapet-abuse-cases', 'Threat-model abuse-case checklist as comments above a CDK stack: each case with an answer to fill in', ABUSE('//')],
};

const PY = {
  'Parapet CDK: encrypted S3 bucket': ['parapet-cdk-s3-bucket', TS['Parapet CDK: encrypted S3 bucket'][1], lines(`
\${1:data}_key = kms.Key(self, "\${2:Data}Key", enable_key_rotation=True)
\${1:data}_bucket = s3.Bucket(
    self,
    "\${2:Data}Bucket",
    encryption=s3.BucketEncryption.KMS,
    encryption_key=\${1:data}_key,
    bucket_key_enabled=True,
    block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
    object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforce_ssl=True,
    minimum_tls_version=1.2,
    versioned=True,
    server_access_logs_bucket=\${3:access_logs_bucket},
    server_access_logs_prefix="\${2:Data}/",
    removal_policy=RemovalPolicy.RETAIN,
)$0`)],
  'Parapet CDK: EC2 launch template requiring IMDSv2': ['parapet-cdk-launch-template-imdsv2', TS['Parapet CDK: EC2 launch template requiring IMDSv2'][1], lines(`
\${1:app}_launch_template = ec2.LaunchTemplate(
    self,
    "\${2:App}LaunchTemplate",
    machine_image=ec2.MachineImage.latest_amazon_linux2023(),
    instance_type=ec2.InstanceType("\${3:t3.micro}"),
    require_imdsv2=True,
    http_tokens=ec2.LaunchTemplateHttpTokens.REQUIRED,
    http_put_response_hop_limit=1,
    detailed_monitoring=True,
    block_devices=[
        ec2.BlockDevice(
            device_name="/dev/xvda",
            volume=ec2.BlockDeviceVolume.ebs(20, encrypted=True, volume_type=ec2.EbsDeviceVolumeType.GP3),
        )
    ],
)$0`)],
  'Parapet CDK: encrypted RDS instance': ['parapet-cdk-rds-encrypted', TS['Parapet CDK: encrypted RDS instance'][1], lines(`
\${1:db} = rds.DatabaseInstance(
    self,
    "\${2:Db}",
    engine=rds.DatabaseInstanceEngine.postgres(version=rds.PostgresEngineVersion.VER_16),
    instance_type=ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
    vpc=\${3:vpc},
    vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED),
    credentials=rds.Credentials.from_generated_secret("\${4:dbadmin}"),
    storage_encrypted=True,
    parameters={"rds.force_ssl": "1"},
    publicly_accessible=False,
    multi_az=True,
    deletion_protection=True,
    backup_retention=Duration.days(14),
    iam_authentication=True,
    cloudwatch_logs_exports=["postgresql"],
    removal_policy=RemovalPolicy.SNAPSHOT,
)$0`)],
  'Parapet CDK: ALB with HTTPS listener and HTTP redirect': ['parapet-cdk-alb-https', TS['Parapet CDK: ALB with HTTPS listener and HTTP redirect'][1], lines(`
\${1:web}_alb = elbv2.ApplicationLoadBalancer(
    self,
    "\${2:Web}Alb",
    vpc=\${3:vpc},
    internet_facing=True,
    drop_invalid_header_fields=True,
    deletion_protection=True,
)
\${1:web}_alb.log_access_logs(\${4:access_logs_bucket})
\${1:web}_alb.add_listener(
    "Https",
    port=443,
    protocol=elbv2.ApplicationProtocol.HTTPS,
    ssl_policy=elbv2.SslPolicy.RECOMMENDED_TLS,
    certificates=[elbv2.ListenerCertificate.from_arn("\${5:arn:aws:acm:us-east-1:111122223333:certificate/replace-me}")],
    default_action=elbv2.ListenerAction.forward([\${6:target_group}]),
)
\${1:web}_alb.add_redirect(
    source_port=80,
    source_protocol=elbv2.ApplicationProtocol.HTTP,
    target_port=443,
    target_protocol=elbv2.ApplicationProtocol.HTTPS,
)$0`)],
  'Parapet CDK: CloudTrail trail': ['parapet-cdk-cloudtrail', TS['Parapet CDK: CloudTrail trail'][1], lines(`
cloudtrail.Trail(
    self,
    "\${1:Account}Trail",
    is_multi_region_trail=True,
    include_global_service_events=True,
    enable_file_validation=True,
    encryption_key=\${2:trail_key},
    bucket=\${3:trail_bucket},
    send_to_cloud_watch_logs=True,
)$0`)],
  'Parapet CDK: least-privilege IAM role': ['parapet-cdk-role-least-privilege', TS['Parapet CDK: least-privilege IAM role'][1], lines(`
\${1:app}_role = iam.Role(
    self,
    "\${2:App}Role",
    assumed_by=iam.ServicePrincipal(
        "\${3:lambda.amazonaws.com}",
        conditions={"StringEquals": {"aws:SourceAccount": Stack.of(self).account}},
    ),
    description="\${4:What this role is for}",
    max_session_duration=Duration.hours(1),
)
\${1:app}_role.add_to_policy(
    iam.PolicyStatement(
        actions=["\${5:dynamodb:GetItem}", "\${6:dynamodb:Query}"],
        resources=[\${7:table.table_arn}],
    )
)$0`)],
  'Parapet CDK: SCP guardrail': ['parapet-cdk-scp-guardrail', TS['Parapet CDK: SCP guardrail'][1], lines(`
organizations.CfnPolicy(
    self,
    "\${5:Baseline}Scp",
    name="\${5:Baseline}Guardrails",
    type="SERVICE_CONTROL_POLICY",
    target_ids=["\${6:ou-abcd-12345678}"],
    content=${pyObj(SCP, '    ')},
)$0`)],
  'Parapet CDK: RCP guardrail': ['parapet-cdk-rcp-guardrail', TS['Parapet CDK: RCP guardrail'][1], lines(`
organizations.CfnPolicy(
    self,
    "\${2:Perimeter}Rcp",
    name="\${2:Perimeter}ResourceControls",
    type="RESOURCE_CONTROL_POLICY",
    target_ids=["\${3:r-abcd}"],
    content=${pyObj(RCP, '    ')},
)$0`)],
  'Parapet CDK: abuse-case checklist': ['parapet-abuse-cases', TS['Parapet CDK: abuse-case checklist'][1], ABUSE('#')],
};
const cdkFile = (o) => Object.fromEntries(Object.entries(o).map(([k, [prefix, description, body]]) => [k, { prefix, description, body }]));

const write = (name, obj) => writeFileSync(new URL(name, OUT), JSON.stringify(obj, null, 2) + '\n');
write('cloudformation-yaml.json', yamlFile);
write('cloudformation-json.json', jsonFile);
write('iam-policy-json.json', policyFile);
write('cdk-typescript.json', cdkFile(TS));
write('cdk-python.json', cdkFile(PY));
// Which wrapper the snippet test puts each CloudFormation body in.
write('src/wrap.json', Object.fromEntries(Object.values({ ...CFN, ...TM }).map((s) => [s.prefix, s.wrap ?? 'resources'])));
