import { renderFix } from '../fix/apply';
import { Fix, Report, Rule, RuleContext, RuleSyntax } from '../rule';
import { runTableChecks, tableRuleIds } from './check';

/**
 * Attaches CDK behaviour to the catalogue at registry time, in one place, without editing the
 * rule files: a `source` hook for rules the L2 table serves, and `cdk-ts` / `cdk-py` in
 * `meta.syntaxes` for every rule with CDK fixtures (L2 table rules and CloudFormation rules that
 * read L1 constructs or synthesized IAM resources).
 */

/**
 * Rules with CDK fixtures (test/fixtures/rules/<id>/bad.ts, good.ts, bad.py, good.py): they serve CDK.
 * Table rules attach their hook even without fixtures; the syntaxes are declared only where
 * fixtures prove them. Some read CDK through the CloudFormation-shaped template only (IAM
 * identities, policies, L1 constructs).
 */
export const CDK_FIXTURED_RULES = [
  'ec2-imdsv2-required',
  'ebs-volume-encrypted',
  'ec2-block-device-encrypted',
  'rds-storage-encrypted',
  's3-bucket-encryption-configured',
  'sqs-queue-encrypted',
  'sns-topic-encrypted',
  'efs-file-system-encrypted',
  'kinesis-stream-encrypted',
  'opensearch-domain-encrypted-at-rest',
  'cloudwatch-log-group-kms-encrypted',
  's3-bucket-enforce-tls',
  'sqs-queue-enforce-tls',
  'sns-topic-enforce-tls',
  'elbv2-listener-https',
  'elbv2-listener-tls-1-2',
  'cloudfront-viewer-https',
  'cloudfront-minimum-tls-1-2',
  'opensearch-domain-enforce-https',
  'opensearch-domain-tls-1-2',
  'opensearch-node-to-node-encrypted',
  'iam-no-user',
  'iam-no-access-key',
  'iam-no-wildcard-action',
  'iam-no-public-principal',
  'iam-no-admin-managed-policy',
  'cdk-secret-value-plaintext',
  'ec2-security-group-no-public-admin-ports',
  'db-not-publicly-accessible',
  's3-bucket-policy-not-public',
  'cloudfront-origin-https',
];

/**
 * Syntaxes the CDK analyzers serve. `cdk-py` is declared at registry time (every rule above has
 * `bad.py`/`good.py`), so the catalogue is the same before and after `initCdkPython()`; Python
 * documents are read once the grammar is loaded.
 */
export const CDK_SYNTAXES: RuleSyntax[] = ['cdk-ts', 'cdk-py'];

/** Returns the rule ids of the table that no rule in the catalogue carries (inert until such a rule exists). */
export function attachCdk(rules: readonly Rule[]): string[] {
  const table = tableRuleIds();
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  for (const id of table) {
    const rule = byId.get(id);
    if (!rule || rule.source) continue;
    rule.source = (ctx) => runTableChecks(ctx, id);
  }
  for (const rule of rules) guardFixes(rule);
  for (const id of CDK_FIXTURED_RULES) {
    const rule = byId.get(id);
    if (!rule) continue;
    // A new array: rules may share one syntaxes array (e.g. every policy rule).
    rule.meta.syntaxes = [...rule.meta.syntaxes, ...CDK_SYNTAXES.filter((s) => !rule.meta.syntaxes.includes(s))];
  }
  return [...table].filter((id) => !byId.has(id));
}

/** On CDK documents, a report keeps only the fixes the CDK writer can write (a CloudFormation fix may add a resource). */
function cdkContext(ctx: RuleContext): RuleContext {
  if (!ctx.doc.cdk) return ctx;
  return {
    ...ctx,
    report: (r: Report) => {
      const fixes = r.fix === undefined ? [] : Array.isArray(r.fix) ? r.fix : [r.fix];
      const ok = fixes.filter((f: Fix) => {
        try {
          renderFix(ctx.doc, f);
          return true;
        } catch {
          return false;
        }
      });
      ctx.report({ ...r, fix: ok.length ? ok : undefined });
    },
  };
}

const guarded = new WeakSet<Rule>();

/** Wraps a rule's template and document hooks so CDK documents never get fixes that cannot be written. */
function guardFixes(rule: Rule): void {
  if (guarded.has(rule)) return;
  guarded.add(rule);
  const template = rule.template;
  if (template) rule.template = (t, ctx) => template.call(rule, t, cdkContext(ctx));
  const document = rule.document;
  if (document) rule.document = (ctx) => document.call(rule, cdkContext(ctx));
}
