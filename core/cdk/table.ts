import type { Severity } from '../rule';
import type { Resource } from '../template';
import type { Code } from './code';

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
  /**
   * A resource policy of the construct (`addToResourcePolicy`, an `s3.BucketPolicy`/`CfnBucketPolicy`,
   * `TopicPolicy`, `QueuePolicy` naming it by variable, `.bucketName`, `.topicArn`, `.queueUrl` or a literal
   * name) that makes the site compliant, e.g. a TLS-deny statement. Receives the policy resource of the
   * CDK template; true when it decides (or may decide) the check.
   */
  satisfiedByPolicy?: (policy: Resource) => boolean;
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
