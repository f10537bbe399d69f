import type { Severity } from '../rule';
import type { Code } from './edits';

/**
 * The L2 construct table, as data: construct → rule id → props, insecure values, defaults by CDK
 * version / feature flag, the fix value and the conflicts a fix must avoid. One generic checker
 * (check.ts) evaluates it for TypeScript and Python alike. Facts come from aws-cdk-lib 2.276.0's
 * typings and sources (see docs/cdk.md and the research brief).
 */

/** A value test. */
export type Match =
  | { lit: (string | number | boolean)[] }
  | { enum: string; members: string[] }
  | { numBelow: number }
  /** A call or instantiation of one of these (`aws-elasticloadbalancingv2.ListenerAction.redirect`). */
  | { call: string[] }
  /** Any value that is written and known (not `unknown`). */
  | { present: true };

/** A condition on the construct's own props, the project, or the file. */
export type Condition =
  | { has: string[][] }
  | { prop: string[]; is: Match }
  | { flag: string; value: boolean }
  | { versionBelow: string }
  | { versionAtLeast: string }
  | { lacks: string[][] }
  | { not: Condition };

/** One way to satisfy a check: a prop (path, camelCase) and its compliant values. */
export interface Alternative {
  path: string[];
  good: Match[];
  /** Values flagged when written; default: any known value that is not good. */
  bad?: Match[];
}

export interface FixPlan {
  /** The plan applies when all hold. */
  when?: Condition[];
  title: string;
  set: { path: string[]; value: Code }[];
  /** The plan needs props that exist from this aws-cdk-lib version. */
  since?: string;
}

/** Where the props live: a construct (`new X(scope, id, props)`), a method on a construct, or a static call. */
export type Target =
  /** `each`: one site per entry of the object at this path (`additionalBehaviors: { '/api/*': {…} }`), whose value holds the props. */
  | { kind: 'construct'; fqn: string[]; each?: string[] }
  | { kind: 'method'; on: string[]; method: string; propsArg: number }
  | { kind: 'call'; fqn: string[]; propsArg: number };

export interface PropCheck {
  rule: string;
  target: Target;
  /** Compliant when any alternative holds. */
  anyOf: Alternative[];
  /** Message when nothing is written; omit to accept absence (the default is safe). */
  missing?: string;
  /** Absence is fine when any of these holds (a flag that changes the default, an old/new version). */
  missingOkWhen?: Condition[];
  /** Message for a written bad value; `{value}` is replaced with the written text. */
  bad: string;
  /** The whole check is skipped when any holds (e.g. an ASG with a launch template: the template is checked). */
  skipWhen?: Condition[];
  /** Aspects that make the construct compliant when applied in the file (`aws-ec2.InstanceRequireImdsv2Aspect`). */
  aspects?: string[];
  fix?: FixPlan[];
  severity?: Severity;
  missingSeverity?: Severity;
  /** Several bad alternatives describe one problem: report the first only. */
  reportOnce?: boolean;
  /**
   * Later method calls on the same construct (or on the variable a method's result is bound to) that
   * make the site compliant, e.g. `listener.addAction('A', { action: ListenerAction.redirect(…) })`.
   */
  satisfiedBy?: FollowUp[];
}

/** A method call on the site's variable whose props (argument `propsArg`, or Python keywords) hold `path` matching `is`. */
export interface FollowUp {
  method: string;
  propsArg: number;
  path: string[];
  is: Match;
  /** The call does not satisfy the check when one of these is written (an `addAction` with `conditions` is a rule, not the default action). */
  unless?: string[][];
}

const ELB = 'aws-elasticloadbalancingv2';
const CF = 'aws-cloudfront';
const OS = ['aws-opensearchservice.Domain', 'aws-elasticsearch.Domain'];
const HTTP_PROPS = [['httpEndpoint'], ['httpProtocolIpv6'], ['httpPutResponseHopLimit'], ['instanceMetadataTags'], ['httpTokens']];

export const L2_CHECKS: PropCheck[] = [
  // ── instance-metadata ─────────────────────────────────────────────────────────────────────
  {
    rule: 'ec2-imdsv2-required',
    target: { kind: 'construct', fqn: ['aws-ec2.Instance'] },
    anyOf: [
      { path: ['requireImdsv2'], good: [{ lit: [true] }] },
      { path: ['httpTokens'], good: [{ enum: 'aws-ec2.HttpTokens', members: ['REQUIRED'] }] },
    ],
    missing: 'IMDSv1 may be allowed: neither requireImdsv2 nor httpTokens is set, so the AMI and account defaults decide. Require IMDSv2.',
    missingSeverity: 'warning',
    bad: 'IMDSv1 is allowed ({value}). Require IMDSv2 so every metadata request needs a session token.',
    aspects: ['aws-ec2.InstanceRequireImdsv2Aspect'],
    fix: [
      // requireImdsv2 together with any http* prop throws at synth: use httpTokens then.
      {
        when: [{ has: HTTP_PROPS }],
        title: 'Require IMDSv2 (httpTokens: HttpTokens.REQUIRED)',
        set: [{ path: ['httpTokens'], value: { enum: 'aws-ec2.HttpTokens', member: 'REQUIRED' } }],
        since: '2.231.0',
      },
      { title: 'Require IMDSv2 (requireImdsv2: true)', set: [{ path: ['requireImdsv2'], value: true }] },
    ],
  },
  {
    rule: 'ec2-imdsv2-required',
    target: { kind: 'construct', fqn: ['aws-ec2.LaunchTemplate'] },
    anyOf: [
      { path: ['requireImdsv2'], good: [{ lit: [true] }] },
      { path: ['httpTokens'], good: [{ enum: 'aws-ec2.LaunchTemplateHttpTokens', members: ['REQUIRED'] }] },
    ],
    missing: 'IMDSv1 is allowed: the launch template sets neither requireImdsv2 nor httpTokens. Require IMDSv2.',
    bad: 'IMDSv1 is allowed ({value}). Require IMDSv2 so every metadata request needs a session token.',
    aspects: ['aws-ec2.LaunchTemplateRequireImdsv2Aspect'],
    fix: [
      {
        when: [{ has: [['httpTokens']] }],
        title: 'Require IMDSv2 (httpTokens: LaunchTemplateHttpTokens.REQUIRED)',
        set: [{ path: ['httpTokens'], value: { enum: 'aws-ec2.LaunchTemplateHttpTokens', member: 'REQUIRED' } }],
      },
      { title: 'Require IMDSv2 (requireImdsv2: true)', set: [{ path: ['requireImdsv2'], value: true }] },
    ],
  },
  {
    rule: 'ec2-imdsv2-required',
    target: { kind: 'construct', fqn: ['aws-autoscaling.AutoScalingGroup'] },
    anyOf: [{ path: ['requireImdsv2'], good: [{ lit: [true] }] }],
    missing: 'IMDSv1 is allowed: the Auto Scaling group does not set requireImdsv2. Require IMDSv2.',
    bad: 'IMDSv1 is allowed ({value}). Require IMDSv2 so every metadata request needs a session token.',
    // requireImdsv2 with a launch template or mixed instances policy throws: the launch template is checked instead.
    skipWhen: [{ has: [['launchTemplate'], ['mixedInstancesPolicy']] }],
    aspects: ['aws-autoscaling.AutoScalingGroupRequireImdsv2Aspect'],
    fix: [{ title: 'Require IMDSv2 (requireImdsv2: true)', set: [{ path: ['requireImdsv2'], value: true }] }],
  },

  // ── encryption-at-rest ────────────────────────────────────────────────────────────────────
  {
    rule: 'ebs-volume-encrypted',
    target: { kind: 'construct', fqn: ['aws-ec2.Volume'] },
    anyOf: [{ path: ['encrypted'], good: [{ lit: [true] }] }],
    missing: 'The EBS volume is not encrypted: encrypted defaults to false. Encrypt it.',
    bad: 'The EBS volume is not encrypted ({value}). Encrypt it.',
    fix: [{ title: 'Encrypt the volume (encrypted: true)', set: [{ path: ['encrypted'], value: true }] }],
  },
  {
    rule: 'ec2-block-device-encrypted',
    target: { kind: 'call', fqn: ['aws-ec2.BlockDeviceVolume.ebs', 'aws-autoscaling.BlockDeviceVolume.ebs'], propsArg: 1 },
    anyOf: [{ path: ['encrypted'], good: [{ lit: [true] }] }],
    missing: 'The block device volume is not encrypted: encrypted defaults to false. Encrypt it.',
    bad: 'The block device volume is not encrypted ({value}). Encrypt it.',
    fix: [{ title: 'Encrypt the block device (encrypted: true)', set: [{ path: ['encrypted'], value: true }] }],
  },
  {
    rule: 'rds-storage-encrypted',
    target: { kind: 'construct', fqn: ['aws-rds.DatabaseInstance', 'aws-rds.DatabaseCluster'] },
    anyOf: [
      { path: ['storageEncrypted'], good: [{ lit: [true] }] },
      { path: ['storageEncryptionKey'], good: [{ present: true }], bad: [] },
    ],
    missing: 'The database storage is not encrypted: storageEncrypted defaults to false. Encrypt it.',
    bad: 'The database storage is not encrypted ({value}). Encrypt it.',
    fix: [
      {
        title: 'Encrypt the storage (storageEncrypted: true; replaces an existing database)',
        set: [{ path: ['storageEncrypted'], value: true }],
      },
    ],
  },
  {
    rule: 's3-bucket-encryption-configured',
    target: { kind: 'construct', fqn: ['aws-s3.Bucket'] },
    anyOf: [{ path: ['encryption'], good: [], bad: [{ enum: 'aws-s3.BucketEncryption', members: ['UNENCRYPTED'] }] }],
    // S3 encrypts every bucket (SSE-S3) since January 2023: UNENCRYPTED is deprecated, a hint, not "data in the clear".
    bad: 'BucketEncryption.UNENCRYPTED is deprecated: S3 encrypts new objects anyway. Say S3_MANAGED (or KMS) explicitly.',
    severity: 'hint',
    // bucketKeyEnabled with UNENCRYPTED throws; with S3_MANAGED it is valid, so the fix is safe either way.
    fix: [
      {
        title: 'Use S3-managed encryption (BucketEncryption.S3_MANAGED)',
        set: [{ path: ['encryption'], value: { enum: 'aws-s3.BucketEncryption', member: 'S3_MANAGED' } }],
      },
    ],
  },
  {
    rule: 'sqs-queue-encrypted',
    target: { kind: 'construct', fqn: ['aws-sqs.Queue'] },
    anyOf: [{ path: ['encryption'], good: [], bad: [{ enum: 'aws-sqs.QueueEncryption', members: ['UNENCRYPTED'] }] }],
    bad: 'The queue is not encrypted (QueueEncryption.UNENCRYPTED turns SSE-SQS off). Use SQS-managed encryption.',
    fix: [
      // encryptionMasterKey with SQS_MANAGED throws at synth: keep the key and use KMS.
      {
        when: [{ has: [['encryptionMasterKey']] }],
        title: 'Encrypt with the given key (QueueEncryption.KMS)',
        set: [{ path: ['encryption'], value: { enum: 'aws-sqs.QueueEncryption', member: 'KMS' } }],
      },
      {
        title: 'Use SQS-managed encryption (QueueEncryption.SQS_MANAGED)',
        set: [{ path: ['encryption'], value: { enum: 'aws-sqs.QueueEncryption', member: 'SQS_MANAGED' } }],
      },
    ],
  },
  {
    rule: 'sns-topic-encrypted',
    target: { kind: 'construct', fqn: ['aws-sns.Topic'] },
    anyOf: [{ path: ['masterKey'], good: [{ present: true }], bad: [] }],
    missing:
      'The topic is not encrypted at rest: masterKey is not set. Give it a KMS key (publishing AWS services need a grant in the key policy).',
    bad: 'The topic is not encrypted at rest.',
    severity: 'warning',
    fix: [
      {
        title: 'Encrypt with a new KMS key (grant publishing services in its key policy)',
        set: [{ path: ['masterKey'], value: { construct: 'aws-kms.Key', id: 'TopicKey', props: { enableKeyRotation: true } } }],
      },
    ],
  },
  {
    rule: 'efs-file-system-encrypted',
    target: { kind: 'construct', fqn: ['aws-efs.FileSystem'] },
    // CDK v2 encrypts file systems by default (the flag is always on): only an explicit false is bad.
    anyOf: [{ path: ['encrypted'], good: [{ lit: [true] }] }],
    bad: 'The file system is not encrypted ({value}). Remove it or set encrypted: true (this replaces an existing file system).',
    fix: [{ title: 'Encrypt the file system (encrypted: true)', set: [{ path: ['encrypted'], value: true }] }],
  },
  {
    rule: 'kinesis-stream-encrypted',
    target: { kind: 'construct', fqn: ['aws-kinesis.Stream'] },
    anyOf: [{ path: ['encryption'], good: [], bad: [{ enum: 'aws-kinesis.StreamEncryption', members: ['UNENCRYPTED'] }] }],
    bad: 'The stream is not encrypted (StreamEncryption.UNENCRYPTED). Use the AWS-managed key.',
    fix: [
      {
        when: [{ has: [['encryptionKey']] }],
        title: 'Encrypt with the given key (StreamEncryption.KMS)',
        set: [{ path: ['encryption'], value: { enum: 'aws-kinesis.StreamEncryption', member: 'KMS' } }],
      },
      {
        title: 'Encrypt with the AWS-managed key (StreamEncryption.MANAGED)',
        set: [{ path: ['encryption'], value: { enum: 'aws-kinesis.StreamEncryption', member: 'MANAGED' } }],
      },
    ],
  },
  {
    rule: 'opensearch-domain-encrypted-at-rest',
    target: { kind: 'construct', fqn: OS },
    anyOf: [
      { path: ['encryptionAtRest', 'enabled'], good: [{ lit: [true] }] },
      { path: ['encryptionAtRest', 'kmsKey'], good: [{ present: true }], bad: [] },
    ],
    missing: 'The domain is not encrypted at rest: encryptionAtRest is off by default. Enable it (this replaces an existing domain).',
    bad: 'The domain is not encrypted at rest ({value}). Enable it.',
    missingOkWhen: [{ has: [['useUnsignedBasicAuth']] }],
    fix: [
      {
        title: 'Encrypt the domain at rest (encryptionAtRest.enabled: true)',
        set: [{ path: ['encryptionAtRest', 'enabled'], value: true }],
      },
    ],
  },
  {
    rule: 'cloudwatch-log-group-kms-encrypted',
    target: { kind: 'construct', fqn: ['aws-logs.LogGroup'] },
    anyOf: [{ path: ['encryptionKey'], good: [{ present: true }], bad: [] }],
    missing:
      'The log group uses the CloudWatch-managed key, not a customer managed KMS key. Where a CMK is required, set encryptionKey and grant logs.<region>.amazonaws.com in its key policy.',
    bad: 'The log group has no customer managed key.',
    severity: 'hint',
  },

  // ── encryption-in-transit ─────────────────────────────────────────────────────────────────
  {
    rule: 's3-bucket-enforce-tls',
    target: { kind: 'construct', fqn: ['aws-s3.Bucket'] },
    anyOf: [{ path: ['enforceSSL'], good: [{ lit: [true] }] }],
    missing: 'The bucket accepts plain HTTP requests: enforceSSL is not set. Enforce TLS.',
    bad: 'The bucket accepts plain HTTP requests ({value}). Enforce TLS.',
    fix: [{ title: 'Enforce TLS (enforceSSL: true)', set: [{ path: ['enforceSSL'], value: true }] }],
  },
  {
    rule: 's3-bucket-enforce-tls',
    target: { kind: 'construct', fqn: ['aws-s3.Bucket'] },
    anyOf: [{ path: ['minimumTLSVersion'], good: [], bad: [{ numBelow: 1.2 }] }],
    bad: 'The bucket accepts TLS versions below 1.2 ({value}). Require TLS 1.2.',
    // minimumTLSVersion without enforceSSL throws at synth: the fix sets both.
    fix: [
      {
        title: 'Require TLS 1.2 (minimumTLSVersion: 1.2)',
        set: [
          { path: ['minimumTLSVersion'], value: 1.2 },
          { path: ['enforceSSL'], value: true },
        ],
      },
    ],
  },
  {
    rule: 'sqs-queue-enforce-tls',
    target: { kind: 'construct', fqn: ['aws-sqs.Queue'] },
    anyOf: [{ path: ['enforceSSL'], good: [{ lit: [true] }] }],
    missing: 'The queue accepts plain HTTP requests: enforceSSL is not set. Enforce TLS.',
    bad: 'The queue accepts plain HTTP requests ({value}). Enforce TLS.',
    fix: [{ title: 'Enforce TLS (enforceSSL: true)', set: [{ path: ['enforceSSL'], value: true }], since: '2.46.0' }],
  },
  {
    rule: 'sns-topic-enforce-tls',
    target: { kind: 'construct', fqn: ['aws-sns.Topic'] },
    anyOf: [{ path: ['enforceSSL'], good: [{ lit: [true] }] }],
    missing: 'The topic accepts publishing over plain HTTP: enforceSSL is not set. Enforce TLS.',
    // SNS requires HTTPS for every request to a topic with SSE (AWS docs; cdk-nag SNS3 agrees): a masterKey enforces TLS.
    missingOkWhen: [{ has: [['masterKey']] }],
    bad: 'The topic accepts publishing over plain HTTP ({value}). Enforce TLS.',
    fix: [{ title: 'Enforce TLS (enforceSSL: true)', set: [{ path: ['enforceSSL'], value: true }], since: '2.129.0' }],
  },
  {
    rule: 'elbv2-listener-tls-1-2',
    target: { kind: 'construct', fqn: [`${ELB}.ApplicationListener`, `${ELB}.NetworkListener`] },
    anyOf: [
      {
        path: ['sslPolicy'],
        good: [],
        bad: [
          {
            enum: `${ELB}.SslPolicy`,
            members: [
              'LEGACY',
              'TLS11',
              'FORWARD_SECRECY_TLS11',
              'FORWARD_SECRECY',
              'TLS13_10',
              'TLS13_11',
              'RECOMMENDED',
              'TLS12',
              'FORWARD_SECRECY_TLS10',
            ],
          },
        ],
      },
    ],
    bad: 'The listener allows TLS versions below 1.2 ({value}). Use SslPolicy.RECOMMENDED_TLS.',
    fix: [
      {
        title: 'Use SslPolicy.RECOMMENDED_TLS',
        set: [{ path: ['sslPolicy'], value: { enum: `${ELB}.SslPolicy`, member: 'RECOMMENDED_TLS' } }],
      },
    ],
  },
  {
    rule: 'elbv2-listener-tls-1-2',
    target: { kind: 'method', on: [`${ELB}.ApplicationLoadBalancer`, `${ELB}.NetworkLoadBalancer`], method: 'addListener', propsArg: 1 },
    anyOf: [
      {
        path: ['sslPolicy'],
        good: [],
        bad: [
          {
            enum: `${ELB}.SslPolicy`,
            members: [
              'LEGACY',
              'TLS11',
              'FORWARD_SECRECY_TLS11',
              'FORWARD_SECRECY',
              'TLS13_10',
              'TLS13_11',
              'RECOMMENDED',
              'TLS12',
              'FORWARD_SECRECY_TLS10',
            ],
          },
        ],
      },
    ],
    bad: 'The listener allows TLS versions below 1.2 ({value}). Use SslPolicy.RECOMMENDED_TLS.',
    fix: [
      {
        title: 'Use SslPolicy.RECOMMENDED_TLS',
        set: [{ path: ['sslPolicy'], value: { enum: `${ELB}.SslPolicy`, member: 'RECOMMENDED_TLS' } }],
      },
    ],
  },
  ...(
    [
      { kind: 'construct', fqn: [`${ELB}.ApplicationListener`] },
      { kind: 'method', on: [`${ELB}.ApplicationLoadBalancer`], method: 'addListener', propsArg: 1 },
    ] as Target[]
  ).map((target): PropCheck => ({
    rule: 'elbv2-listener-https',
    target,
    anyOf: [
      {
        path: ['protocol'],
        good: [{ enum: `${ELB}.ApplicationProtocol`, members: ['HTTPS'] }],
        bad: [{ enum: `${ELB}.ApplicationProtocol`, members: ['HTTP'] }],
      },
      // Without a protocol, CDK infers HTTPS from port 443 or certificates, HTTP from port 80.
      { path: ['port'], good: [{ lit: [443] }], bad: [{ lit: [80] }] },
      { path: ['certificates'], good: [{ present: true }], bad: [] },
      { path: ['defaultAction'], good: [{ call: [`${ELB}.ListenerAction.redirect`] }], bad: [] },
    ],
    bad: 'The listener serves plain HTTP ({value}) and does not redirect to HTTPS. Redirect to HTTPS (or serve HTTPS with a certificate).',
    reportOnce: true,
    // `listener.addAction(id, { action })` without conditions or priority replaces the default action.
    satisfiedBy: [
      {
        method: 'addAction',
        propsArg: 1,
        path: ['action'],
        is: { call: [`${ELB}.ListenerAction.redirect`] },
        unless: [['conditions'], ['priority']],
      },
    ],
    fix: [
      {
        // defaultAction together with defaultTargetGroups throws at synth: no automatic fix then.
        when: [{ lacks: [['defaultTargetGroups']] }],
        title: 'Redirect to HTTPS (defaultAction: ListenerAction.redirect)',
        set: [
          {
            path: ['defaultAction'],
            value: { call: `${ELB}.ListenerAction.redirect`, props: { protocol: 'HTTPS', port: '443', permanent: true } },
          },
        ],
      },
    ],
  })),
  {
    rule: 'cloudfront-viewer-https',
    target: { kind: 'construct', fqn: [`${CF}.Distribution`] },
    anyOf: [
      {
        path: ['defaultBehavior', 'viewerProtocolPolicy'],
        good: [{ enum: `${CF}.ViewerProtocolPolicy`, members: ['REDIRECT_TO_HTTPS', 'HTTPS_ONLY'] }],
      },
    ],
    missing: "Viewers may use plain HTTP: the default behavior's viewerProtocolPolicy defaults to ALLOW_ALL. Redirect to HTTPS.",
    missingOkWhen: [{ flag: '@aws-cdk/aws-cloudfront:defaultViewerProtocolPolicyRedirectToHttps', value: true }],
    bad: 'Viewers may use plain HTTP ({value}). Redirect to HTTPS.',
    fix: [
      {
        title: 'Redirect viewers to HTTPS',
        set: [
          { path: ['defaultBehavior', 'viewerProtocolPolicy'], value: { enum: `${CF}.ViewerProtocolPolicy`, member: 'REDIRECT_TO_HTTPS' } },
        ],
      },
    ],
  },
  {
    rule: 'cloudfront-viewer-https',
    target: { kind: 'method', on: [`${CF}.Distribution`], method: 'addBehavior', propsArg: 2 },
    anyOf: [
      { path: ['viewerProtocolPolicy'], good: [{ enum: `${CF}.ViewerProtocolPolicy`, members: ['REDIRECT_TO_HTTPS', 'HTTPS_ONLY'] }] },
    ],
    missing: 'Viewers may use plain HTTP on this behavior: viewerProtocolPolicy defaults to ALLOW_ALL. Redirect to HTTPS.',
    missingOkWhen: [{ flag: '@aws-cdk/aws-cloudfront:defaultViewerProtocolPolicyRedirectToHttps', value: true }],
    bad: 'Viewers may use plain HTTP on this behavior ({value}). Redirect to HTTPS.',
    fix: [
      {
        title: 'Redirect viewers to HTTPS',
        set: [{ path: ['viewerProtocolPolicy'], value: { enum: `${CF}.ViewerProtocolPolicy`, member: 'REDIRECT_TO_HTTPS' } }],
      },
    ],
  },
  {
    rule: 'cloudfront-viewer-https',
    target: { kind: 'construct', fqn: [`${CF}.Distribution`], each: ['additionalBehaviors'] },
    anyOf: [
      { path: ['viewerProtocolPolicy'], good: [{ enum: `${CF}.ViewerProtocolPolicy`, members: ['REDIRECT_TO_HTTPS', 'HTTPS_ONLY'] }] },
    ],
    missing: 'Viewers may use plain HTTP on this behavior: viewerProtocolPolicy defaults to ALLOW_ALL. Redirect to HTTPS.',
    missingOkWhen: [{ flag: '@aws-cdk/aws-cloudfront:defaultViewerProtocolPolicyRedirectToHttps', value: true }],
    bad: 'Viewers may use plain HTTP on this behavior ({value}). Redirect to HTTPS.',
    fix: [
      {
        title: 'Redirect viewers to HTTPS',
        set: [{ path: ['viewerProtocolPolicy'], value: { enum: `${CF}.ViewerProtocolPolicy`, member: 'REDIRECT_TO_HTTPS' } }],
      },
    ],
  },
  {
    rule: 'cloudfront-origin-https',
    target: { kind: 'call', fqn: ['aws-cloudfront-origins.HttpOrigin', 'aws-cloudfront-origins.LoadBalancerV2Origin'], propsArg: 1 },
    // The origins default to HTTPS_ONLY; MATCH_VIEWER follows the viewer, who is redirected to HTTPS where the behavior says so.
    anyOf: [{ path: ['protocolPolicy'], good: [], bad: [{ enum: `${CF}.OriginProtocolPolicy`, members: ['HTTP_ONLY'] }] }],
    bad: 'CloudFront reaches this origin over plain HTTP ({value}). Serve the origin over TLS and use OriginProtocolPolicy.HTTPS_ONLY.',
    // No automatic fix: HTTPS_ONLY needs a certificate on the origin, which the file does not show.
  },
  {
    rule: 'cloudfront-minimum-tls-1-2',
    target: { kind: 'construct', fqn: [`${CF}.Distribution`] },
    anyOf: [
      {
        path: ['minimumProtocolVersion'],
        good: [],
        bad: [{ enum: `${CF}.SecurityPolicyProtocol`, members: ['SSL_V3', 'TLS_V1', 'TLS_V1_2016', 'TLS_V1_1_2016'] }],
      },
    ],
    bad: 'Viewers may connect with TLS below 1.2 ({value}). Use TLS_V1_2_2021 or newer.',
    fix: [
      {
        title: 'Use SecurityPolicyProtocol.TLS_V1_2_2021',
        set: [{ path: ['minimumProtocolVersion'], value: { enum: `${CF}.SecurityPolicyProtocol`, member: 'TLS_V1_2_2021' } }],
      },
    ],
  },
  {
    rule: 'opensearch-domain-enforce-https',
    target: { kind: 'construct', fqn: OS },
    anyOf: [{ path: ['enforceHttps'], good: [{ lit: [true] }] }],
    missing: 'The domain endpoint accepts plain HTTP: enforceHttps defaults to false. Enforce HTTPS.',
    missingOkWhen: [{ has: [['useUnsignedBasicAuth']] }],
    bad: 'The domain endpoint accepts plain HTTP ({value}). Enforce HTTPS.',
    fix: [{ title: 'Enforce HTTPS (enforceHttps: true)', set: [{ path: ['enforceHttps'], value: true }] }],
  },
  {
    rule: 'opensearch-domain-tls-1-2',
    target: { kind: 'construct', fqn: OS },
    anyOf: [{ path: ['tlsSecurityPolicy'], good: [{ enum: '~.TLSSecurityPolicy', members: ['TLS_1_2', 'TLS_1_2_PFS'] }] }],
    // Up to aws-cdk-lib 2.200 the construct rendered TLS_1_0 when tlsSecurityPolicy was omitted.
    missing: 'The domain accepts TLS 1.0: before aws-cdk-lib 2.201 tlsSecurityPolicy defaults to TLS_1_0. Set TLS_1_2.',
    missingOkWhen: [{ versionAtLeast: '2.201.0' }],
    bad: 'The domain accepts TLS below 1.2 ({value}). Use TLSSecurityPolicy.TLS_1_2.',
    fix: [
      {
        title: 'Use TLSSecurityPolicy.TLS_1_2',
        set: [{ path: ['tlsSecurityPolicy'], value: { enum: '~.TLSSecurityPolicy', member: 'TLS_1_2' } }],
      },
    ],
  },
  {
    rule: 'opensearch-node-to-node-encrypted',
    target: { kind: 'construct', fqn: OS },
    anyOf: [{ path: ['nodeToNodeEncryption'], good: [{ lit: [true] }] }],
    missing: "Traffic between the domain's nodes is not encrypted: nodeToNodeEncryption defaults to false. Enable it.",
    missingOkWhen: [{ has: [['useUnsignedBasicAuth']] }],
    bad: "Traffic between the domain's nodes is not encrypted ({value}). Enable it.",
    fix: [{ title: 'Encrypt node-to-node traffic (nodeToNodeEncryption: true)', set: [{ path: ['nodeToNodeEncryption'], value: true }] }],
  },
  // ── public-access ───────────────────────────────────────────────────────────────────────────
  {
    rule: 'db-not-publicly-accessible',
    target: {
      kind: 'construct',
      fqn: ['aws-rds.DatabaseInstance', 'aws-rds.DatabaseInstanceFromSnapshot', 'aws-rds.DatabaseInstanceReadReplica'],
    },
    anyOf: [{ path: ['publiclyAccessible'], good: [{ lit: [false] }], bad: [{ lit: [true] }] }],
    // publiclyAccessible defaults to true only when vpcSubnets selects PUBLIC subnets.
    missing:
      'The database is publicly accessible: it is placed in public subnets, where publiclyAccessible defaults to true. Set publiclyAccessible: false (better: use private subnets).',
    missingOkWhen: [{ not: { prop: ['vpcSubnets', 'subnetType'], is: { enum: 'aws-ec2.SubnetType', members: ['PUBLIC'] } } }],
    bad: 'The database is publicly accessible ({value}): it gets a public address reachable from the internet.',
    fix: [{ title: 'Make it private (publiclyAccessible: false)', set: [{ path: ['publiclyAccessible'], value: false }] }],
  },
  {
    // Aurora: publicity is per instance (`writer: ClusterInstance.serverlessV2('w', { publiclyAccessible: true })`).
    rule: 'db-not-publicly-accessible',
    target: { kind: 'call', fqn: ['aws-rds.ClusterInstance.provisioned', 'aws-rds.ClusterInstance.serverlessV2'], propsArg: 1 },
    anyOf: [{ path: ['publiclyAccessible'], good: [{ lit: [false] }], bad: [{ lit: [true] }] }],
    bad: 'The database instance is publicly accessible ({value}): it gets a public address reachable from the internet.',
    fix: [{ title: 'Make it private (publiclyAccessible: false)', set: [{ path: ['publiclyAccessible'], value: false }] }],
  },
  {
    rule: 's3-bucket-policy-not-public',
    target: { kind: 'construct', fqn: ['aws-s3.Bucket'] },
    anyOf: [{ path: ['publicReadAccess'], good: [{ lit: [false] }], bad: [{ lit: [true] }] }],
    bad: 'The bucket is public: publicReadAccess ({value}) adds a bucket policy that lets anyone read every object. Serve it through CloudFront with origin access control instead.',
    // publicReadAccess: true also needs blockPublicAccess relaxed; with the default BLOCK_ALL it fails to deploy, so false is the safe value.
    fix: [{ title: 'Make the bucket private (publicReadAccess: false)', set: [{ path: ['publicReadAccess'], value: false }] }],
  },
];

/** Constructs whose mere existence is the finding (long-term credentials). */
export const EXISTENCE_CHECKS: { rule: string; fqn: string[]; message: string }[] = [];

/**
 * L2 constructs that are written into the CloudFormation-shaped template under their CloudFormation
 * type, so the CloudFormation rules and the policy engine read them: IAM identities (existence,
 * managed policies, trust) and the policies of PolicyStatements.
 */
export const L2_AS_CFN: Record<string, string> = {
  'aws-iam.User': 'AWS::IAM::User',
  'aws-iam.AccessKey': 'AWS::IAM::AccessKey',
  'aws-iam.Role': 'AWS::IAM::Role',
  'aws-iam.Group': 'AWS::IAM::Group',
};

/** Resource policies added with `x.addToResourcePolicy(statement)`: construct → policy resource type and the property naming the target. */
export const RESOURCE_POLICY_OF: Record<string, { type: string; target: string; list: boolean }> = {
  'aws-s3.Bucket': { type: 'AWS::S3::BucketPolicy', target: 'Bucket', list: false },
  'aws-sqs.Queue': { type: 'AWS::SQS::QueuePolicy', target: 'Queues', list: true },
  'aws-sns.Topic': { type: 'AWS::SNS::TopicPolicy', target: 'Topics', list: true },
};
