/**
 * Generates realistic CloudFormation templates for the benchmark and the incremental-parse
 * property test: a mix of the resource types the rules read, parameters, conditions, short and
 * long intrinsics, comments, some findings and many compliant resources. Deterministic per seed.
 */

import { toJs } from '../core/nodes';
import { parseYaml } from '../core/parse/yaml';

/** A small deterministic PRNG (mulberry32), so every run measures the same templates. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** One resource as YAML lines (2-space indent under `Resources:`), in the file's short-tag style. */
function resourceYaml(r: R, id: string, i: number): string[] {
  const secure = r() < 0.7;
  switch (i % 10) {
    case 0:
      return [
        `  ${id}:`,
        '    Type: AWS::EC2::LaunchTemplate',
        '    Properties:',
        `      LaunchTemplateName: !Sub '\${AWS::StackName}-${id.toLowerCase()}'`,
        '      LaunchTemplateData:',
        `        InstanceType: ${pick(r, ['t3.micro', 'm5.large', 'c6g.xlarge'])}`,
        '        ImageId: !Ref AmiId',
        ...(secure ? ['        MetadataOptions:', '          HttpTokens: required', '          HttpPutResponseHopLimit: 1'] : []),
        '        BlockDeviceMappings:',
        '          - DeviceName: /dev/xvda',
        '            Ebs:',
        '              VolumeSize: 30',
        `              Encrypted: ${secure ? 'true' : 'false'}`,
        '        TagSpecifications:',
        '          - ResourceType: instance',
        '            Tags:',
        '              - Key: Name',
        `                Value: ${id}`,
      ];
    case 1:
      return [
        `  ${id}:`,
        '    Type: AWS::S3::Bucket',
        '    DeletionPolicy: Retain',
        '    Properties:',
        `      BucketName: !Sub '\${AWS::StackName}-${id.toLowerCase()}-\${AWS::AccountId}'`,
        '      BucketEncryption:',
        '        ServerSideEncryptionConfiguration:',
        '          - ServerSideEncryptionByDefault:',
        '              SSEAlgorithm: aws:kms',
        '              KMSMasterKeyID: !Ref DataKey',
        '            BucketKeyEnabled: true',
        '      PublicAccessBlockConfiguration:',
        '        BlockPublicAcls: true',
        '        BlockPublicPolicy: true',
        '        IgnorePublicAcls: true',
        '        RestrictPublicBuckets: true',
        '      VersioningConfiguration:',
        '        Status: Enabled',
        '      LoggingConfiguration:',
        '        DestinationBucketName: !Ref LogBucket',
        `        LogFilePrefix: ${id.toLowerCase()}/`,
        `  ${id}Policy:`,
        '    Type: AWS::S3::BucketPolicy',
        '    Properties:',
        `      Bucket: !Ref ${id}`,
        '      PolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - Sid: DenyInsecureTransport',
        '            Effect: Deny',
        '            Principal: "*"',
        '            Action: s3:*',
        '            Resource:',
        `              - !GetAtt ${id}.Arn`,
        `              - !Sub '\${${id}.Arn}/*'`,
        '            Condition:',
        '              Bool:',
        `                aws:SecureTransport: ${secure ? "'false'" : 'true'}`,
      ];
    case 2:
      return [
        `  ${id}:`,
        '    Type: AWS::RDS::DBInstance',
        '    DeletionPolicy: Snapshot',
        '    Properties:',
        '      Engine: postgres',
        "      EngineVersion: '16.3'",
        `      DBInstanceClass: ${pick(r, ['db.t4g.medium', 'db.r6g.large'])}`,
        "      AllocatedStorage: '100'",
        `      StorageEncrypted: ${secure ? 'true' : 'false'}`,
        '      KmsKeyId: !Ref DataKey',
        '      MultiAZ: !If [IsProd, true, false]',
        '      PubliclyAccessible: false',
        '      MasterUsername: !Sub "{{resolve:secretsmanager:${DbSecret}:SecretString:username}}"',
        '      MasterUserPassword: !Sub "{{resolve:secretsmanager:${DbSecret}:SecretString:password}}"',
        '      VPCSecurityGroups:',
        '        - !Ref DbSecurityGroup',
        '      DBSubnetGroupName: !Ref DbSubnets',
        '      BackupRetentionPeriod: 7',
      ];
    case 3:
      return [
        `  ${id}:`,
        '    Type: AWS::EC2::Volume',
        '    Properties:',
        '      AvailabilityZone: !Select [0, !GetAZs ""]',
        `      Size: ${10 + Math.floor(r() * 500)}`,
        `      Encrypted: ${secure ? 'true' : 'false'}`,
        '      KmsKeyId: !Ref DataKey',
        '      VolumeType: gp3',
        '      Tags:',
        '        - Key: Name',
        `          Value: ${id}`,
      ];
    case 4:
      return [
        `  ${id}:`,
        '    Type: AWS::ElasticLoadBalancingV2::Listener',
        '    Properties:',
        '      LoadBalancerArn: !Ref LoadBalancer',
        `      Port: ${secure ? 443 : 80}`,
        `      Protocol: ${secure ? 'HTTPS' : 'HTTP'}`,
        ...(secure
          ? ['      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06', '      Certificates:', '        - CertificateArn: !Ref CertificateArn']
          : []),
        '      DefaultActions:',
        '        - Type: forward',
        `          TargetGroupArn: !Ref ${id}Targets`,
      ];
    case 5:
      return [
        `  ${id}:`,
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      AssumeRolePolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - Effect: Allow',
        '            Principal:',
        '              Service: lambda.amazonaws.com',
        '            Action: sts:AssumeRole',
        '      ManagedPolicyArns:',
        '        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
        '      Policies:',
        `        - PolicyName: ${id}Access`,
        '          PolicyDocument:',
        "            Version: '2012-10-17'",
        '            Statement:',
        '              - Effect: Allow',
        `                Action: ${secure ? '[dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query]' : "'*'"}`,
        `                Resource: ${secure ? '!GetAtt Table.Arn' : "'*'"}`,
      ];
    case 6:
      return [
        `  ${id}:`,
        '    Type: AWS::Lambda::Function',
        '    Properties:',
        `      FunctionName: !Sub '\${AWS::StackName}-${id}'`,
        '      Runtime: nodejs20.x',
        '      Handler: index.handler',
        `      Role: !GetAtt ${id}Role.Arn`,
        '      MemorySize: 512',
        '      Timeout: 30',
        '      Code:',
        '        S3Bucket: !Ref ArtifactBucket',
        `        S3Key: !Sub 'lambda/${id}.zip'`,
        '      Environment:',
        '        Variables:',
        '          TABLE_NAME: !Ref Table',
        `          LOG_LEVEL: ${pick(r, ['info', 'debug', 'warn'])}`,
        '      TracingConfig:',
        '        Mode: Active',
        '      KmsKeyArn: !GetAtt DataKey.Arn',
      ];
    case 7:
      return [
        `  ${id}:`,
        '    Type: AWS::SQS::Queue',
        '    Properties:',
        `      QueueName: !Sub '\${AWS::StackName}-${id}'`,
        ...(secure ? ['      KmsMasterKeyId: alias/aws/sqs'] : []),
        '      VisibilityTimeout: 60',
        '      MessageRetentionPeriod: 1209600',
        '      RedrivePolicy:',
        `        deadLetterTargetArn: !GetAtt ${id}Dlq.Arn`,
        '        maxReceiveCount: 5',
      ];
    case 8:
      return [
        `  ${id}:`,
        '    Type: AWS::DynamoDB::Table',
        '    Properties:',
        '      BillingMode: PAY_PER_REQUEST',
        '      AttributeDefinitions:',
        '        - AttributeName: pk',
        '          AttributeType: S',
        '        - AttributeName: sk',
        '          AttributeType: S',
        '      KeySchema:',
        '        - AttributeName: pk',
        '          KeyType: HASH',
        '        - AttributeName: sk',
        '          KeyType: RANGE',
        '      SSESpecification:',
        `        SSEEnabled: ${secure ? 'true' : 'false'}`,
        '        SSEType: KMS',
        '        KMSMasterKeyId: !Ref DataKey',
        '      PointInTimeRecoverySpecification:',
        '        PointInTimeRecoveryEnabled: true',
      ];
    default:
      return [
        `  ${id}:`,
        '    Type: AWS::EC2::SecurityGroup',
        '    Properties:',
        `      GroupDescription: ${id} access`,
        '      VpcId: !Ref VpcId',
        '      SecurityGroupIngress:',
        '        - IpProtocol: tcp',
        '          FromPort: 443',
        '          ToPort: 443',
        `          CidrIp: ${secure ? '10.0.0.0/8' : '0.0.0.0/0'}`,
        '          Description: HTTPS from the VPC',
        '      Tags:',
        '        - Key: Name',
        `          Value: ${id}`,
      ];
  }
}

const HEADER = [
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Description: Generated benchmark stack (Parapet)',
  '',
  'Parameters:',
  '  AmiId:',
  '    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
  '    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
  '  Environment:',
  '    Type: String',
  '    AllowedValues: [dev, prod]',
  '    Default: dev',
  '  VpcId:',
  '    Type: AWS::EC2::VPC::Id',
  '  CertificateArn:',
  '    Type: String',
  '',
  'Conditions:',
  '  IsProd: !Equals [!Ref Environment, prod]',
  '',
  'Resources:',
];

/** A YAML template of about `lines` lines (never fewer than one resource). */
export function generateYaml(lines: number, seed = 1): string {
  const r = rng(seed);
  const out = [...HEADER];
  for (let i = 0; out.length < lines - 4 || i === 0; i++) {
    if (i % 7 === 3) out.push(`  # ${pick(r, ['Storage', 'Compute', 'Network', 'Access'])} for component ${i}`);
    out.push(...resourceYaml(r, `Res${i}${pick(r, ['Web', 'Api', 'Data', 'Jobs'])}`, i));
  }
  out.push('', 'Outputs:', '  StackName:', '    Value: !Ref AWS::StackName');
  return `${out.join('\n')}\n`;
}

/** The JSON twin of a YAML template (long-form intrinsics), about the same number of lines. */
export function generateJson(lines: number, seed = 1): string {
  // JSON spends about 1.9 lines per YAML line at two-space indentation; aim for the same length.
  return `${JSON.stringify(toJs(parseYaml(generateYaml(Math.round(lines / 1.9), seed)).root), null, 2)}\n`;
}
