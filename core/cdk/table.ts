import type { FixSafety, Severity } from '../rule';
import type { Resource } from '../template';
import type { Code } from './code';
import type { CdkAnalysis, Site } from './site';

/**
 * The types of the L2 construct tables. Each rule declares its own table beside it
 * (`rules/<category>/<rule-id>.cdk.ts`): construct → props, insecure values, defaults by CDK version
 * or feature flag, the fix value and the conflicts a fix must avoid. One generic checker (check.ts)
 * evaluates a table for TypeScript and Python alike.
 */

/** A value test. */
export type Match =
  | { lit: (string | number | boolean)[] }
  | { enum: string; members: string[] }
  | { numBelow: number }
  /** A call or instantiation of one of these (`aws-elasticloadbalancingv2.ListenerAction.redirect`); `bare`: without arguments. */
  | { call: string[]; bare?: boolean }
  /** Any value that is written (even one the file does not decide). */
  | { present: true }
  /** An object with at least one entry (or one that may have some), or any other written value: `flowLogs: {}` is not. */
  | { nonEmpty: true }
  /** Any written value but these (an authorizer other than `new HttpNoneAuthorizer()`). */
  | { other: Match[] };

/** A condition on the construct's own props, the project, or the file. */
export type Condition =
  | { has: string[][] }
  | { prop: string[]; is: Match }
  /** The prop is written and is not (or may not be) one of these: `keySpec` other than SYMMETRIC_DEFAULT. */
  | { prop: string[]; isNot: Match }
  /** A positional argument of the site's call: `addMethod('OPTIONS', …)`. */
  | { arg: number; is: Match }
  | { flag: string; value: boolean }
  | { versionBelow: string }
  | { versionAtLeast: string }
  | { lacks: string[][] }
  | { not: Condition }
  /** Every one holds (conditions in a list are otherwise alternatives). */
  | { all: Condition[] }
  /** Holds on the props of the construct the site is written in (a `new s3.BlockPublicAccess(…)` inside a Bucket's props). */
  | { onConstruct: Condition };

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
  /** The fix's safety where it differs from the rule's `fixSafety` (see core/rule.ts). */
  safety?: FixSafety;
}

/** Where the props live: a construct (`new X(scope, id, props)`), a method on a construct, a static call, or sites a rule finds itself. */
export type Target =
  /** `each`: one site per entry of the object at this path (`additionalBehaviors: { '/api/*': {…} }`), whose value holds the props. */
  | { kind: 'construct'; fqn: string[]; each?: string[] }
  | { kind: 'method'; on: string[]; method: string; propsArg: number }
  | { kind: 'call'; fqn: string[]; propsArg: number }
  /** Sites that need navigation the other kinds do not express (API Gateway methods through resource chains, with inherited defaults). */
  | { kind: 'custom'; sites: (a: CdkAnalysis) => Site[] };

/** A use of the site's variable elsewhere in the file. */
export type Reference =
  /** A call taking it as an argument (`FlowLogResourceType.fromVpc(vpc)`); `opaque`: an argument the file does not bind may be it too. */
  | { call: string[]; opaque?: boolean }
  /** A method call on anything taking it as an argument (`lb.logAccessLogs(bucket)`). */
  | { method: string[] }
  /** A construct (of `in`, if given) holding it under this key at any depth (`serverAccessLogsBucket: logs`). */
  | { key: string; in?: string[] };

export interface PropCheck {
  target: Target;
  /** Compliant when any alternative holds. */
  anyOf: Alternative[];
  /** Message when nothing is written; omit to accept absence (the default is safe). */
  missing?: string;
  /** Absence is fine when any of these holds (a flag that changes the default, an old/new version). */
  missingOkWhen?: Condition[];
  /** Message for a written bad value; `{value}` is replaced with the written text, `{id}` (here and in `missing`) with the construct's name. */
  bad: string;
  /** The whole check is skipped when any holds (e.g. an ASG with a launch template: the template is checked). */
  skipWhen?: Condition[];
  /** Aspects that make the construct compliant when applied in the file (`aws-ec2.InstanceRequireImdsv2Aspect`). */
  aspects?: string[];
  fix?: FixPlan[];
  severity?: Severity;
  /** `strict` when the check's findings belong to the strict profile only (`Report.profile`); the rule then says why. */
  profile?: 'strict';
  missingSeverity?: Severity;
  /** Several bad alternatives describe one problem: report the first only. */
  reportOnce?: boolean;
  /**
   * Later method calls on the same construct (or on the variable a method's result is bound to) that
   * make the site compliant, e.g. `listener.addAction('A', { action: ListenerAction.redirect(…) })`.
   */
  satisfiedBy?: FollowUp[];
  /**
   * A resource policy of the construct (`addToResourcePolicy`, an `s3.BucketPolicy`/`CfnBucketPolicy`,
   * `TopicPolicy`, `QueuePolicy` naming it by variable, `.bucketName`, `.topicArn`, `.queueUrl` or a literal
   * name) that makes the site compliant, e.g. a TLS-deny statement. Receives the policy resource of the
   * CDK template; true when it decides (or may decide) the check.
   */
  satisfiedByPolicy?: (policy: Resource) => boolean;
  /** The site is left alone when its variable is used so (a flow log names the VPC; a bucket receives other buckets' logs). */
  skipWhenReferenced?: Reference[];
}

/** A method call on the site's variable whose props (argument `propsArg`, or Python keywords) hold `path` matching `is` (any call, without a path). */
export interface FollowUp {
  method: string;
  propsArg: number;
  path?: string[];
  is?: Match;
  /** The call does not satisfy the check when one of these is written (an `addAction` with `conditions` is a rule, not the default action). */
  unless?: string[][];
  /** The call is on this property of the variable (`service.loadBalancer.logAccessLogs(…)`). */
  via?: string;
}
