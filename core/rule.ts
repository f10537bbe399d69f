import { ParsedDocument } from './document';
import { JsonValue, MapNode, Node, PairNode, ScalarNode, SeqNode } from './nodes';
import { Resource, Template } from './template';

/** Fixed category names; they appear in JSON and SARIF output. */
export const CATEGORIES = [
  'long-term-credentials',
  'instance-metadata',
  'encryption-at-rest',
  'encryption-in-transit',
  'least-privilege',
  'mfa',
  'logging-monitoring',
  'public-access',
] as const;
export type Category = (typeof CATEGORIES)[number];

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/**
 * Which findings run by default. `recommended`: what a reviewer wants on any codebase. `strict` adds the
 * findings that only a stricter policy asks for: a customer managed key where AWS already encrypts with its
 * own key, or a setting whose AWS default is already safe written down explicitly.
 */
export type Profile = 'recommended' | 'strict';
export const PROFILES: readonly Profile[] = ['recommended', 'strict'];

/** The syntaxes a rule can serve from one file. */
export type RuleSyntax = 'cfn-yaml' | 'cfn-json' | 'policy-json' | 'policy-yaml' | 'cdk-ts' | 'cdk-py';

/**
 * Whether a fix may be applied without the user reading it. `safe`: the edit is complete (nothing to
 * fill in), takes no access away from anyone, breaks no client that uses AWS's SDK defaults and does
 * not make CloudFormation replace a resource that holds data; `--fix`, fix-all and fix-on-save apply it.
 * `suggestion`: anything that needs the user's judgement (narrows permissions, adds a placeholder or a
 * new resource to review, refuses clients, replaces a resource); offered as a quick fix only.
 */
export type FixSafety = 'safe' | 'suggestion';

export interface Reference {
  title: string;
  url: string;
}

/** Everything the docs, the registry tests and SARIF need to know about a rule. */
export interface RuleMeta {
  /** Stable kebab-case id that says what is required, e.g. `ec2-imdsv2-required`. */
  id: string;
  title: string;
  /** One line: what a compliant resource looks like. */
  compliant: string;
  /** Two or three sentences on the risk. */
  description: string;
  category: Category;
  severity: Severity;
  /** The profile the rule runs in; a `strict` rule is off under `recommended` unless a setting names it. */
  profile: Profile;
  /**
   * Why the rule (or some of its findings) is in `strict`, from AWS's real default: one sentence for the docs.
   * Required for a strict rule and for a recommended rule that reports strict-only findings (`Report.profile`).
   */
  profileWhy?: string;
  /** CloudFormation types (or CDK constructs) the rule reads. */
  resourceTypes: string[];
  syntaxes: RuleSyntax[];
  references: Reference[];
  /** AWS Foundational Security Best Practices / CIS control ids, where one exists. */
  controls?: string[];
  /**
   * Ids of equivalent peer rules whose suppressions Parapet honours. `guard`: CloudFormation Guard rule
   * names (the AWS Guard Rules Registry names them after AWS Config managed rules, e.g. `S3_BUCKET_LOGGING_ENABLED`).
   */
  equivalents?: { cfnNag?: string[]; checkov?: string[]; cfnLint?: string[]; cdkNag?: string[]; guard?: string[] };
  /** What the quick fix does, for the docs; absent when there is no automatic fix. */
  fix?: string;
  /**
   * Whether the rule's fixes are safe to apply unreviewed (see `FixSafety`). `mixed`: some are, some
   * are not, and each `Fix` says so itself. A fix that says nothing and belongs to a rule that does
   * not declare `safe` is a suggestion.
   */
  fixSafety?: FixSafety | 'mixed';
}

/**
 * A fix, as operations on the tree. Writers for each syntax turn them into text edits that keep
 * the file's indentation, quoting and comments, so rules never do position arithmetic.
 */
export type FixOp =
  /** Replace a value node with a new value. */
  | { op: 'replace'; node: Node; value: JsonValue }
  /** Set `path` under `map`, creating the missing mappings on the way. */
  | { op: 'set'; map: MapNode; path: string[]; value: JsonValue }
  /** Append an item to a sequence. */
  | { op: 'append'; seq: SeqNode; value: JsonValue }
  /** Remove a key and its value from a mapping. */
  | { op: 'remove'; map: MapNode; key: string }
  /** Add a new top-level resource (or other section entry) to the template. */
  | { op: 'addResource'; id: string; value: JsonValue }
  /** Ready-made text edits, for changes that are not tree operations (CDK: add a prop, a props argument, an import). */
  | { op: 'edits'; edits: { start: number; end: number; newText: string }[] };

export interface Fix {
  title: string;
  ops: FixOp[];
  /** This fix's safety, where it differs from the rule's `fixSafety` (or the rule's is `mixed`). */
  safety?: FixSafety;
}

export interface RelatedInfo {
  node: Node | PairNode;
  message: string;
}

/** What a rule reports: a node, a message and, where a safe edit exists, a fix. */
export interface Report {
  node: Node | PairNode | ScalarNode;
  message: string;
  resource?: Resource;
  fix?: Fix | Fix[];
  related?: RelatedInfo[];
  /** `strict` for a finding of a recommended rule that only the strict profile shows (e.g. an unstated safe default). */
  profile?: 'strict';
  /** Severity for this one finding, when it differs from the rule's default (e.g. unknown vs explicit). */
  severity?: Severity;
  /** Literal secret values in the report: the engine masks them wherever they would appear. */
  secrets?: string[];
  /** Rule-specific data carried on the diagnostic, for quick fixes. */
  data?: Record<string, string | number | boolean>;
}

/** Facts about the other files scanned with this one (the CLI's scan, every template together); plain data. */
export interface WorkspaceFacts {
  /** Account-baseline services some file of the workspace sets up: `trail`, `config`, `guardduty`, `securityhub`. */
  baseline: readonly string[];
}

/** What a rule is given. */
export interface RuleContext {
  doc: ParsedDocument;
  report(r: Report): void;
  /** The workspace the document is scanned with, when the caller knows it; rules that judge across files read it. */
  workspace?: WorkspaceFacts;
}

/**
 * A rule: metadata plus one check per kind of document it reads. A rule never reads files and
 * never computes positions.
 */
export interface Rule {
  meta: RuleMeta;
  /** CloudFormation and SAM templates, YAML or JSON (and CDK normalised into that shape). */
  template?(t: Template, ctx: RuleContext): void;
  /** CDK source (TypeScript, Python): L2 constructs checked in their CDK spelling, usually `runL2Checks` over the rule's `<rule-id>.cdk.ts`. */
  source?(ctx: RuleContext): void;
  /** Standalone policy documents (and any other kind): the rule reads `ctx.doc` itself. */
  document?(ctx: RuleContext): void;
}

/** `id` of the built-in check that reports a suppression without a reason. */
export const SUPPRESSION_RULE_ID = 'suppression-reason-required';
/** Problem code of a suppression past its `(until YYYY-MM-DD)` date: reported, and no longer honoured. */
export const SUPPRESSION_EXPIRED_ID = 'suppression-expired';
