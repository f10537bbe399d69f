import * as assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { analyze, Finding } from '../../core/engine';
import { Profile } from '../../core/rule';
import { maskAll } from '../../core/secrets';
import { workspaceFacts } from '../../core/workspace-facts';
import { ruleById } from '../../rules';

// CloudFormation classes of wrong or noisy findings seen on public templates (bench/realworld/RESULTS.md), one block each.

function run(ruleId: string, lines: string[], profile: Profile = 'recommended'): Finding[] {
  const doc = parseDocument('file:///work/inline.yaml', 1, lines.join('\n') + '\n');
  return analyze(doc, [ruleById.get(ruleId)!], { profile }).findings;
}

const TEMPLATE = ['AWSTemplateFormatVersion: "2010-09-09"'];

describe('W4: Amazon Linux 2023 AMIs already require IMDSv2', () => {
  const launchTemplate = (image: string, params: string[] = []): string[] => [
    ...TEMPLATE,
    ...(params.length ? ['Parameters:', ...params] : []),
    'Resources:',
    '  LT:',
    '    Type: AWS::EC2::LaunchTemplate',
    '    Properties:',
    '      LaunchTemplateData:',
    `        ImageId: ${image}`,
  ];
  const param = (def: string): string[] => ['  Ami:', '    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', `    Default: ${def}`];

  for (const [what, lines] of [
    ['a parameter default', launchTemplate('!Ref Ami', param('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-arm64'))],
    [
      'a dynamic reference',
      launchTemplate("'{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-minimal-kernel-default-x86_64}}'"),
    ],
    ['ECS-optimized AL2023', launchTemplate('!Ref Ami', param('/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id'))],
  ] as const) {
    it(`says nothing by default for ${what}; strict gets an info note`, () => {
      assert.deepEqual(run('ec2-imdsv2-required', [...lines]), []);
      const strict = run('ec2-imdsv2-required', [...lines], 'strict');
      assert.deepEqual(
        strict.map((f) => [f.severity, f.profile]),
        [['info', 'strict']],
      );
      assert.match(strict[0].message, /^LT launches an Amazon Linux 2023 AMI/);
    });
  }

  it('still flags Amazon Linux 2, a literal AMI id, and an unknown parameter', () => {
    assert.equal(
      run('ec2-imdsv2-required', launchTemplate('!Ref Ami', param('/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2'))).length,
      1,
    );
    assert.equal(run('ec2-imdsv2-required', launchTemplate('ami-0123456789abcdef0')).length, 1);
    assert.equal(run('ec2-imdsv2-required', launchTemplate('!Ref Ami', ['  Ami:', '    Type: AWS::EC2::Image::Id'])).length, 1);
  });
});

describe('W10: a public canned ACL on a bucket whose ACLs are disabled fails the stack', () => {
  const bucket = (extra: string[]): string[] => [
    ...TEMPLATE,
    'Resources:',
    '  Site:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    '      AccessControl: PublicRead',
    ...extra,
  ];
  it('without OwnershipControls: a warning that the stack fails, not that the bucket is public', () => {
    const [f] = run('s3-bucket-no-public-acl', bucket([]));
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /ACLs are disabled.*the stack fails/);
    assert.doesNotMatch(f.message, /lets anyone/);
  });
  it('with ObjectWriter and Block Public Access left on: still the stack fails', () => {
    const [f] = run('s3-bucket-no-public-acl', bucket(['      OwnershipControls:', '        Rules: [{ObjectOwnership: ObjectWriter}]']));
    assert.match(f.message, /Block Public Access refuses/);
  });
  it('with ObjectWriter and BlockPublicAcls false: the bucket is public (error)', () => {
    const [f] = run(
      's3-bucket-no-public-acl',
      bucket([
        '      OwnershipControls:',
        '        Rules: [{ObjectOwnership: ObjectWriter}]',
        '      PublicAccessBlockConfiguration: {BlockPublicAcls: false}',
      ]),
    );
    assert.equal(f.severity, 'error');
    assert.match(f.message, /lets anyone on the internet/);
  });
});

describe('N7: smaller noise classes and message defects', () => {
  it('iam-user-mfa-enforced: a user without a console password is strict-only', () => {
    const user = (extra: string[]): string[] => [
      ...TEMPLATE,
      'Resources:',
      '  Ci:',
      '    Type: AWS::IAM::User',
      '    Properties:',
      '      UserName: ci',
      ...extra,
    ];
    assert.deepEqual(run('iam-user-mfa-enforced', user([])), []);
    assert.equal(run('iam-user-mfa-enforced', user([]), 'strict').length, 1);
    const console = run('iam-user-mfa-enforced', user(['      LoginProfile: {Password: "{{resolve:secretsmanager:p}}"}']));
    assert.equal(console.length, 1);
    assert.match(console[0].message, /console password/);
  });

  it('iam-no-wildcard-action: one finding per statement, naming every service wildcard', () => {
    const f = run('iam-no-wildcard-action', [
      ...TEMPLATE,
      'Resources:',
      '  P:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      "          - {Effect: Allow, Action: ['s3:*', 'iam:*', 'kms:*', 'ec2:DescribeInstances'], Resource: '*'}",
      "          - {Effect: Allow, Action: ['sqs:*'], Resource: '*'}",
    ]);
    assert.equal(f.length, 2);
    assert.match(f[0].message, /every action of 3 services \(s3:\*, iam:\*, kms:\*\)/);
    assert.match(f[1].message, /^sqs:\* allows all/);
    // The fixes rewrite all three wildcards and keep the other action.
    assert.match(f[0].fixes[0].title, /Replace s3:\*, iam:\*, kms:\* with the List actions of those services/);
  });

  it('elb-listener-encrypted: a port from a Ref is not printed as "?"', () => {
    const f = run('elb-listener-encrypted', [
      ...TEMPLATE,
      'Parameters:',
      '  Port: {Type: Number, Default: 80}',
      'Resources:',
      '  Lb:',
      '    Type: AWS::ElasticLoadBalancing::LoadBalancer',
      '    Properties:',
      '      Listeners:',
      '        - {LoadBalancerPort: !Ref Port, InstancePort: 80, Protocol: HTTP}',
    ]);
    assert.equal(f.length, 1);
    assert.equal(
      f[0].message,
      'The HTTP listener of load balancer Lb accepts clients over HTTP, unencrypted. Use HTTPS or SSL with a certificate.',
    );
  });

  it('iam-role-trust-restricted: an account from a reference is described, not "(referenced)"', () => {
    const f = run('iam-role-trust-restricted', [
      ...TEMPLATE,
      'Parameters:',
      '  Other: {Type: String}',
      'Resources:',
      '  R:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      "          - {Effect: Allow, Action: 'sts:AssumeRole', Principal: {AWS: !Join ['', ['arn:aws:iam::', !Ref Other, ':root']]}}",
    ]);
    assert.equal(f.length, 1);
    assert.doesNotMatch(f[0].message, /\(referenced\)/);
    assert.match(f[0].message, /through a reference/);
  });

  it('the masker masks a secret value, never a property name that contains it', () => {
    const text = 'Events::Connection AuthParameters.ApiKeyAuthParameters.ApiKeyValue holds "KeyValue".';
    assert.equal(maskAll(text, ['KeyValue']), 'Events::Connection AuthParameters.ApiKeyAuthParameters.ApiKeyValue holds "Ke******".');
    assert.equal(maskAll('KeyValue', ['KeyValue']), 'Ke******');
    const f = run('secret-property-not-hardcoded', [
      ...TEMPLATE,
      'Resources:',
      '  C:',
      '    Type: AWS::Events::Connection',
      '    Properties:',
      '      AuthorizationType: API_KEY',
      '      AuthParameters:',
      '        ApiKeyAuthParameters: {ApiKeyName: ApiKey, ApiKeyValue: KeyValue}',
    ]);
    assert.equal(f.length, 1);
    assert.match(f[0].message, /AuthParameters\.ApiKeyAuthParameters\.ApiKeyValue /);
  });

  it('codebuild-project-encrypted: with EncryptionDisabled, never "encrypts with the AWS managed S3 key"', () => {
    const lines = [
      ...TEMPLATE,
      'Resources:',
      '  B:',
      '    Type: AWS::CodeBuild::Project',
      '    Properties:',
      '      Artifacts: {Type: S3, Location: out, EncryptionDisabled: true}',
    ];
    assert.deepEqual(
      run('codebuild-project-encrypted', lines).map((f) => f.message),
      ['CodeBuild project B stores build artifacts unencrypted (EncryptionDisabled: true). Remove EncryptionDisabled or set it to false.'],
    );
    const strict = run('codebuild-project-encrypted', lines, 'strict').filter((f) => f.profile === 'strict');
    assert.equal(strict.length, 1);
    assert.doesNotMatch(strict[0].message, /encrypts its artifacts with the AWS managed S3 key/);
    assert.match(strict[0].message, /once artifact encryption is on/);
  });
});

describe('W9/N5: parameter choices are read at their default; other allowed values are one info finding per parameter', () => {
  const rds = (param: string[], encrypted = '!Ref Enc'): string[] => [
    ...TEMPLATE,
    'Parameters:',
    ...param,
    'Resources:',
    '  Db:',
    '    Type: AWS::RDS::DBInstance',
    '    Properties:',
    '      Engine: mysql',
    `      StorageEncrypted: ${encrypted}`,
  ];
  const enc = (allowed: string, def?: string): string[] => [
    '  Enc:',
    '    Type: String',
    `    AllowedValues: ${allowed}`,
    ...(def ? [`    Default: ${def}`] : []),
  ];

  it('a safe default with an unsafe alternative: one info finding, worded "allows", never "X is false" alone', () => {
    const f = run('rds-storage-encrypted', rds(enc("['true', 'false']", "'true'")));
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'info');
    assert.match(f[0].message, /^Db: Parameter Enc allows false besides its default true; with that choice: /);
    assert.deepEqual(f[0].fixes, [], 'a fix would rewrite the !Ref, not the choice');
    assert.deepEqual(
      f[0].related.map((r) => r.message),
      ["The parameter's default is true."],
    );
  });

  it('an unsafe default: the finding at the rule severity, once', () => {
    const f = run('rds-storage-encrypted', rds(enc("['true', 'false']", "'false'")));
    assert.deepEqual(
      f.map((x) => x.severity),
      ['error'],
    );
    assert.doesNotMatch(f[0].message, /allows/);
  });

  it('no Default: every allowed value is the deployer’s equal choice, as before', () => {
    assert.equal(run('rds-storage-encrypted', rds(enc("['true', 'false']"))).length, 1);
    assert.equal(run('rds-storage-encrypted', rds(enc("['true', 'false']")))[0].severity, 'error');
  });

  it('five unsafe allowed values and a safe default: one finding for the parameter', () => {
    const text = [
      ...TEMPLATE,
      'Parameters:',
      '  Tls:',
      '    Type: String',
      '    AllowedValues: [TLSv1.2_2021, SSLv3, TLSv1, TLSv1_2016, TLSv1.1_2016]',
      '    Default: TLSv1.2_2021',
      'Resources:',
      '  Cdn:',
      '    Type: AWS::CloudFront::Distribution',
      '    Properties:',
      '      DistributionConfig:',
      '        Enabled: true',
      '        ViewerCertificate: {AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc, SslSupportMethod: sni-only, MinimumProtocolVersion: !Ref Tls}',
      '        DefaultCacheBehavior: {TargetOriginId: o, ViewerProtocolPolicy: https-only}',
    ];
    const f = run('cloudfront-minimum-tls-1-2', text);
    assert.equal(f.length, 1);
    assert.match(f[0].message, /^Parameter Tls allows SSLv3, TLSv1, TLSv1_2016 or TLSv1\.1_2016 besides its default TLSv1\.2_2021/);
  });

  it('an Fn::If whose condition is false at the defaults: the branch is a choice, not the template as deployed', () => {
    const lines = [
      ...TEMPLATE,
      'Parameters:',
      '  Access:',
      '    Type: String',
      '    AllowedValues: [Private, PublicRead]',
      '    Default: Private',
      'Conditions:',
      '  IsPublic: !Equals [!Ref Access, PublicRead]',
      'Resources:',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '  Policy:',
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      '      Bucket: !Ref Bucket',
      '      PolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      "          - !If [IsPublic, {Effect: Allow, Principal: '*', Action: 's3:GetObject', Resource: !Sub '${Bucket.Arn}/*'}, !Ref 'AWS::NoValue']",
    ];
    const f = run('s3-bucket-policy-not-public', lines);
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'info');
    assert.match(f[0].message, /^Policy: Parameter Access allows PublicRead besides its default Private; with that choice: /);
    // With the default flipped, the statement is the template as deployed: an error again.
    const flipped = run(
      's3-bucket-policy-not-public',
      lines.map((l) => (l === '    Default: Private' ? '    Default: PublicRead' : l)),
    );
    assert.deepEqual(
      flipped.map((x) => x.severity),
      ['error'],
    );
  });

  it('a resource policy with Action "*" grants the resource’s own service, not every service', () => {
    const f = run('iam-no-wildcard-action', [
      ...TEMPLATE,
      'Resources:',
      '  P:',
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      '      Bucket: b',
      '      PolicyDocument:',
      "        Statement: [{Effect: Allow, Principal: {AWS: 'arn:aws:iam::111122223333:root'}, Action: '*', Resource: 'arn:aws:s3:::b/*'}]",
    ]);
    assert.equal(f.length, 1);
    assert.match(f[0].message, /^This statement allows every Amazon S3 action on P /);
  });
});

describe('N6: a Config-only template is not an account baseline', () => {
  const lines = (extra: string[]): string[] => [
    ...TEMPLATE,
    'Resources:',
    '  Recorder:',
    '    Type: AWS::Config::ConfigurationRecorder',
    '    Properties: {RoleARN: arn:aws:iam::111122223333:role/config}',
    '  Channel:',
    '    Type: AWS::Config::DeliveryChannel',
    '    Properties: {S3BucketName: config-bucket}',
    ...extra,
  ];
  it('a recorder and its delivery channel are one service: nothing to say', () => {
    assert.deepEqual(run('account-baseline-complete', lines([])), []);
  });
  it('with a GuardDuty detector beside them it is a baseline, and CloudTrail and Security Hub are missing', () => {
    const f = run(
      'account-baseline-complete',
      lines(['  Detector:', '    Type: AWS::GuardDuty::Detector', '    Properties: {Enable: true}']),
    );
    assert.equal(f.length, 1);
    assert.match(f[0].message, /^Recorder: this template .* not a multi-Region CloudTrail trail, Security Hub\./);
  });
});

describe('N6: the baseline is judged across the workspace when the caller knows it', () => {
  const text = [
    ...TEMPLATE,
    'Resources:',
    '  Detector:',
    '    Type: AWS::GuardDuty::Detector',
    '  Recorder:',
    '    Type: AWS::Config::ConfigurationRecorder',
    '',
  ].join('\n');
  const withWorkspace = (baseline: string[]): Finding[] =>
    analyze(parseDocument('file:///work/security.yaml', 1, text), [ruleById.get('account-baseline-complete')!], { workspace: { baseline } })
      .findings;
  it('reads what other files set up from the text', () => {
    assert.deepEqual(workspaceFacts(['Type: AWS::CloudTrail::Trail', "new securityhub.CfnHub(this, 'Hub')", 'nothing']).baseline, [
      'securityhub',
      'trail',
    ]);
  });
  it('says nothing when the workspace sets up the rest, and names only what nothing sets up', () => {
    assert.deepEqual(withWorkspace(['trail', 'securityhub']), []);
    const f = withWorkspace(['trail']);
    assert.equal(f.length, 1);
    assert.match(f[0].message, /neither it nor any other file scanned with it sets up Security Hub\./);
  });
});
