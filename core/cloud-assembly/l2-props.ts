/**
 * Which L2 prop sets a synthesized CloudFormation property, where the names differ (an L2 prop named
 * like its property, `publiclyAccessible`, is found by name in locate.ts). Read only to place a
 * synthesized finding on the line the user wrote; never to decide a finding. Each prop name is
 * type-checked against aws-cdk-lib's props types (test/cloud-assembly/l2-props.test.ts).
 */
import { asObject, CdkObject, CdkValue, entryOf } from '../cdk/model';
import { camelProp, PropScope } from '../cdk/names';

export interface L2Prop {
  /** Construct classes (the CDK analyzer's fqn spelling), struct classes a prop holds, or `#method` for a child a method creates. */
  on: readonly string[];
  /** The synthesized resource's type (`*`: whichever the class makes); omitted for struct classes. */
  type?: string;
  /** The resource's construct path below the construct (default `Resource`). */
  child?: string;
  /** The CloudFormation property path (dotted); `*` is one list item or map key. */
  cfn: string;
  /**
   * The props that set it, tried in order (dotted); `*` stands for the item `cfn`'s `*` matched. A
   * list item is placed only when the source writes the whole list (no spread) with as many items as
   * the template: CDK may merge items (policy statements under `minimizePolicies`).
   */
  l2: readonly string[];
  /** The prop's items come first in the template's list, in order, and methods only append (`addManagedPolicy`, `addVolume`). */
  prefix?: boolean;
}

const ELB = 'aws-elasticloadbalancingv2';
const LISTENERS = [`${ELB}.ApplicationListener`, `${ELB}.NetworkListener`, '#addListener'];
const ALB_PATTERNS = ['Fargate', 'Ec2'].map((l) => `aws-ecs-patterns.ApplicationLoadBalanced${l}Service`);
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const POLICIES = ['aws-iam.ManagedPolicy', 'aws-iam.Policy'];
const STATEMENT = ['aws-iam.PolicyStatement'];

/** Longest `cfn` first within a class: the most specific entry wins. */
export const L2_PROPS: readonly L2Prop[] = [
  { on: ['aws-s3.Bucket'], type: 'AWS::S3::Bucket', cfn: 'BucketEncryption', l2: ['encryption', 'encryptionKey'] },
  { on: ['aws-s3.Bucket'], type: 'AWS::S3::Bucket', cfn: 'PublicAccessBlockConfiguration', l2: ['blockPublicAccess'] },
  { on: ['aws-s3.Bucket'], type: 'AWS::S3::Bucket', cfn: 'LoggingConfiguration', l2: ['serverAccessLogsBucket', 'serverAccessLogsPrefix'] },
  { on: ['aws-s3.Bucket'], type: 'AWS::S3::Bucket', cfn: 'VersioningConfiguration', l2: ['versioned'] },
  { on: ['aws-sqs.Queue'], type: 'AWS::SQS::Queue', cfn: 'SqsManagedSseEnabled', l2: ['encryption'] },
  { on: ['aws-sqs.Queue'], type: 'AWS::SQS::Queue', cfn: 'KmsMasterKeyId', l2: ['encryptionMasterKey', 'encryption'] },
  { on: ['aws-sns.Topic'], type: 'AWS::SNS::Topic', cfn: 'KmsMasterKeyId', l2: ['masterKey'] },
  { on: ['aws-dynamodb.Table'], type: 'AWS::DynamoDB::Table', cfn: 'SSESpecification', l2: ['encryption', 'encryptionKey'] },
  {
    on: ['aws-dynamodb.Table'],
    type: 'AWS::DynamoDB::Table',
    cfn: 'PointInTimeRecoverySpecification',
    l2: ['pointInTimeRecoverySpecification', 'pointInTimeRecovery'],
  },
  { on: ['aws-logs.LogGroup'], type: 'AWS::Logs::LogGroup', cfn: 'RetentionInDays', l2: ['retention'] },
  { on: ['aws-logs.LogGroup'], type: 'AWS::Logs::LogGroup', cfn: 'KmsKeyId', l2: ['encryptionKey'] },
  { on: ['aws-kinesis.Stream'], type: 'AWS::Kinesis::Stream', cfn: 'StreamEncryption', l2: ['encryption', 'encryptionKey'] },
  { on: ['aws-cognito.UserPool'], type: 'AWS::Cognito::UserPool', cfn: 'MfaConfiguration', l2: ['mfa'] },
  { on: ['aws-cloudtrail.Trail'], type: 'AWS::CloudTrail::Trail', cfn: 'EnableLogFileValidation', l2: ['enableFileValidation'] },
  { on: ['aws-cloudtrail.Trail'], type: 'AWS::CloudTrail::Trail', cfn: 'KMSKeyId', l2: ['encryptionKey'] },
  {
    on: ['aws-cloudtrail.Trail'],
    type: 'AWS::CloudTrail::Trail',
    cfn: 'CloudWatchLogsLogGroupArn',
    l2: ['sendToCloudWatchLogs', 'cloudWatchLogGroup'],
  },
  { on: ['aws-ec2.Instance'], type: 'AWS::EC2::Instance', cfn: 'BlockDeviceMappings.*', l2: ['blockDevices.*'] },
  {
    on: ['aws-ec2.LaunchTemplate'],
    type: 'AWS::EC2::LaunchTemplate',
    cfn: 'LaunchTemplateData.BlockDeviceMappings.*',
    l2: ['blockDevices.*'],
  },
  {
    on: ['aws-ec2.LaunchTemplate'],
    type: 'AWS::EC2::LaunchTemplate',
    cfn: 'LaunchTemplateData.MetadataOptions',
    l2: ['httpTokens', 'requireImdsv2', 'httpEndpoint'],
  },
  { on: LISTENERS, type: LISTENER, cfn: 'Protocol', l2: ['protocol', 'port'] },
  { on: LISTENERS, type: LISTENER, cfn: 'DefaultActions', l2: ['defaultAction', 'defaultTargetGroups'] },
  { on: ALB_PATTERNS, type: LISTENER, child: 'LB/PublicListener/Resource', cfn: 'Protocol', l2: ['protocol', 'certificate'] },
  { on: ALB_PATTERNS, type: LISTENER, child: 'LB/PublicListener/Resource', cfn: 'SslPolicy', l2: ['sslPolicy'] },
  {
    on: [`${ELB}.ApplicationLoadBalancer`, `${ELB}.NetworkLoadBalancer`],
    type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    cfn: 'Scheme',
    l2: ['internetFacing'],
  },
  { on: ['aws-iam.Role'], type: 'AWS::IAM::Role', cfn: 'ManagedPolicyArns.*', l2: ['managedPolicies.*'], prefix: true },
  { on: ['aws-iam.Role'], type: 'AWS::IAM::Role', cfn: 'Policies.*.PolicyDocument', l2: ['inlinePolicies.*'] },
  { on: ['aws-iam.Role'], type: 'AWS::IAM::Role', cfn: 'AssumeRolePolicyDocument', l2: ['assumedBy'] },
  { on: POLICIES, type: '*', cfn: 'PolicyDocument.Statement.*', l2: ['statements.*'] },
  { on: ['aws-iam.PolicyDocument'], cfn: 'Statement.*', l2: ['statements.*'] },
  { on: STATEMENT, cfn: 'Action', l2: ['actions'] },
  { on: STATEMENT, cfn: 'NotAction', l2: ['notActions'] },
  { on: STATEMENT, cfn: 'Resource', l2: ['resources'] },
  { on: STATEMENT, cfn: 'NotResource', l2: ['notResources'] },
  { on: STATEMENT, cfn: 'Principal', l2: ['principals'] },
  { on: STATEMENT, cfn: 'Condition', l2: ['conditions'] },
  { on: ['aws-rds.DatabaseInstance'], type: 'AWS::RDS::DBInstance', cfn: 'DBParameterGroupName', l2: ['parameterGroup'] },
  { on: ['aws-rds.DatabaseCluster'], type: 'AWS::RDS::DBCluster', cfn: 'DBClusterParameterGroupName', l2: ['parameterGroup'] },
  { on: ['aws-rds.DatabaseCluster'], type: 'AWS::RDS::DBCluster', cfn: 'KmsKeyId', l2: ['storageEncryptionKey'] },
  {
    on: ['aws-rds.DatabaseInstance', 'aws-rds.DatabaseCluster'],
    type: '*',
    cfn: 'EnableIAMDatabaseAuthentication',
    l2: ['iamAuthentication'],
  },
  {
    on: ['aws-opensearchservice.Domain'],
    type: 'AWS::OpenSearchService::Domain',
    cfn: 'EncryptionAtRestOptions',
    l2: ['encryptionAtRest'],
  },
  {
    on: ['aws-opensearchservice.Domain'],
    type: 'AWS::OpenSearchService::Domain',
    cfn: 'NodeToNodeEncryptionOptions',
    l2: ['nodeToNodeEncryption'],
  },
  {
    on: ['aws-opensearchservice.Domain'],
    type: 'AWS::OpenSearchService::Domain',
    cfn: 'DomainEndpointOptions.TLSSecurityPolicy',
    l2: ['tlsSecurityPolicy'],
  },
  { on: ['aws-opensearchservice.Domain'], type: 'AWS::OpenSearchService::Domain', cfn: 'DomainEndpointOptions', l2: ['enforceHttps'] },
  { on: ['aws-opensearchservice.Domain'], type: 'AWS::OpenSearchService::Domain', cfn: 'LogPublishingOptions', l2: ['logging'] },
  {
    on: ['aws-cloudfront.Distribution'],
    type: 'AWS::CloudFront::Distribution',
    cfn: 'DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy',
    l2: ['defaultBehavior.viewerProtocolPolicy'],
  },
  {
    on: ['aws-cloudfront.Distribution'],
    type: 'AWS::CloudFront::Distribution',
    cfn: 'DistributionConfig.ViewerCertificate',
    l2: ['minimumProtocolVersion', 'certificate'],
  },
  {
    on: ['aws-cloudfront.Distribution'],
    type: 'AWS::CloudFront::Distribution',
    cfn: 'DistributionConfig.Logging',
    l2: ['enableLogging', 'logBucket'],
  },
  { on: ['aws-lambda.Function'], type: 'AWS::Lambda::Function', cfn: 'Environment.Variables.*', l2: ['environment.*'] },
  { on: ['aws-lambda.Function'], type: 'AWS::Lambda::Function', cfn: 'KmsKeyArn', l2: ['environmentEncryption'] },
  {
    on: ['aws-ecs.FargateTaskDefinition', 'aws-ecs.Ec2TaskDefinition', 'aws-ecs.TaskDefinition'],
    type: '*',
    cfn: 'Volumes.*',
    l2: ['volumes.*'],
    prefix: true,
  },
].sort((a, b) => b.cfn.split('.').length - a.cfn.split('.').length);

export interface Span {
  start: number;
  end: number;
}

/** The props object of a value: an object literal, a Python keyword call, or a TypeScript `new X({…})`. */
function propsOf(v: CdkValue | undefined): CdkObject | undefined {
  if (v?.k === 'call') return asObject(v.args[0]) ?? v.kw;
  return asObject(v);
}

interface Walked {
  span: Span;
  value: CdkValue;
  /** True when the whole prop path was found. */
  whole: boolean;
}

/**
 * Follows one candidate prop path through the source. `caps` are the template keys `*` matched, with
 * the template's item count at each (for lists). Undefined when its first prop is not written, or a
 * list item cannot be told apart; a deeper named prop not written leaves the enclosing one.
 */
function follow(
  props: CdkValue | undefined,
  l2: string[],
  caps: { key: string | number; count?: number }[],
  prefix: boolean,
): Walked | undefined {
  let value: CdkValue | undefined = props;
  let found: Walked | undefined;
  let ci = 0;
  for (const seg of l2) {
    let next: { start: number; end: number; value: CdkValue } | undefined;
    if (seg === '*') {
      const cap = caps[ci++];
      if (!cap || !value) return undefined;
      if (typeof cap.key === 'number') {
        const arr = value.k === 'arr' && !value.open ? value.items : undefined;
        const obj = !arr ? propsOf(value) : undefined;
        const items = arr ?? (obj && !obj.open ? obj.entries : undefined);
        // Only a list the source writes whole (no spread) names the template's items.
        if (!items || cap.count === undefined) return undefined;
        const fits = prefix ? cap.key < items.length && items.length <= cap.count : items.length === cap.count;
        if (!fits) return undefined;
        const item = items[cap.key];
        next =
          'value' in item ? { start: item.start, end: item.end, value: item.value } : { start: item.start, end: item.end, value: item };
      } else {
        const e = propsOf(value)?.entries.find((x) => x.key === cap.key);
        if (!e) return found && { ...found, whole: false };
        next = { start: e.start, end: e.end, value: e.value };
      }
    } else {
      const e = entryOf(propsOf(value), seg);
      if (!e) return found && { ...found, whole: false };
      next = { start: e.start, end: e.end, value: e.value };
    }
    found = { span: { start: next.start, end: next.end }, value: next.value, whole: true };
    value = next.value;
  }
  return found;
}

/** The template keys the pattern's `*`s match, with list sizes, and how many path keys it consumed; undefined when it does not match. */
function matchPath(
  pattern: string[],
  path: readonly (string | number)[],
  sizes: readonly (number | undefined)[],
): { caps: { key: string | number; count?: number }[]; used: number } | undefined {
  if (path.length < pattern.length) return undefined;
  const caps: { key: string | number; count?: number }[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p === '*') caps.push({ key: path[i], count: sizes[i] });
    else if (p !== path[i]) return undefined;
  }
  return { caps, used: pattern.length };
}

/** Follows the property path through the props by name: an L1's CloudFormation names in camelCase (`scope`), else the names as they are. */
export function byName(
  props: CdkValue | undefined,
  propertyPath: readonly (string | number)[],
  l1: PropScope | undefined,
): { start: number; end: number } | undefined {
  let value: CdkValue | undefined = props;
  let scope = l1;
  let span: { start: number; end: number } | undefined;
  for (const key of propertyPath) {
    if (typeof key === 'number') {
      const item: CdkValue | undefined = value?.k === 'arr' && !value.open ? value.items[key] : undefined;
      if (!item) break;
      span = { start: item.start, end: item.end };
      value = item;
      continue;
    }
    const obj = asObject(value);
    const name = scope ? camelProp(key, scope) : undefined;
    const e = entryOf(obj, name ? name.camel : key);
    if (!e) break;
    span = { start: e.start, end: e.end };
    value = e.value;
    scope = name?.json ? undefined : name?.scope;
  }
  return span;
}

/**
 * Where the source sets a synthesized property of a resource an L2 construct (or a method's child)
 * creates: `kind` is the construct's fqn or `#method`, `child` the resource's construct path below it,
 * `sizes[i]` the length of the template list `path[i]` indexes (list sizes are compared with the source's).
 */
export function l2PropertySpan(
  kind: string,
  props: CdkValue | undefined,
  type: string | undefined,
  child: string | undefined,
  path: readonly (string | number)[],
  sizes: readonly (number | undefined)[],
): Span | undefined {
  for (const entry of L2_PROPS) {
    if (!entry.on.includes(kind)) continue;
    if (child !== undefined && ((entry.child ?? 'Resource') !== child || (entry.type !== '*' && entry.type !== type))) continue;
    if (child === undefined && entry.type !== undefined) continue;
    const m = matchPath(entry.cfn.split('.'), path, sizes);
    if (!m) continue;
    for (const cand of entry.l2) {
      const w = follow(props, cand.split('.'), m.caps, entry.prefix === true);
      if (!w) continue;
      const rest = path.slice(m.used);
      // A struct class the prop holds (`new iam.PolicyStatement({…})`) places the rest of the path inside it.
      if (w.whole && rest.length && w.value.k === 'call') {
        const inner = l2PropertySpan(w.value.fqn, w.value, undefined, undefined, rest, sizes.slice(m.used));
        if (inner) return inner;
      }
      // An object literal the prop holds (`volumes: [{ efsVolumeConfiguration: … }]`): its keys by name.
      return (w.whole && rest.length && w.value.k === 'obj' ? byName(w.value, rest, undefined) : undefined) ?? w.span;
    }
  }
  return undefined;
}
