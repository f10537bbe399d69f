import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { renderFix } from '../../core/fix/render';
import { Report, Rule, RuleContext } from '../../core/rule';
import { rules } from '../../rules';
import { analysisOf, policiesByScan, policiesFor, sitesOf } from '../../core/cdk/check';
import { initCdkPython } from '../../core/cdk/py-init';
import { referenced, referencedByScan } from '../../core/cdk/refs';
import type { PropCheck, Reference } from '../../core/cdk/table';
import { ROOT } from '../rules/helpers';

/**
 * The keystroke path asks indexes built once per model what it used to scan for at every site: which values
 * name a construct (refs.ts), which resource policies apply to it (check.ts). Here both answers are compared
 * with the scans, for every construct of every CDK fixture and example (and of the real-world set, when
 * `PARAPET_REALWORLD` names it), with every rule table's references and references to every call and method.
 * The engine also drops a CloudFormation fix that adds a resource without rendering it: that it could never be
 * written into CDK source is checked on every such fix the rules make on the fixtures.
 */

function cdkFiles(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && e.name !== 'cdk.out') cdkFiles(p, out);
    else if (/\.(ts|py)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The references of every rule table (`<rule-id>.cdk.ts` modules export their `PropCheck[]`). */
function tableReferences(): Reference[][] {
  const out: Reference[][] = [];
  const dir = path.join(__dirname, '..', '..', 'rules');
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.cdk.js')) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- rule tables are enumerated from the build output
        for (const v of Object.values(require(p) as Record<string, unknown>)) {
          if (!Array.isArray(v)) continue;
          for (const c of v as PropCheck[]) if (c && typeof c === 'object' && c.skipWhenReferenced) out.push(c.skipWhenReferenced);
        }
      }
    }
  };
  walk(dir);
  return out;
}

/** Policies naming their bucket, queue or topic by literal name, URL or ARN, and by variable. */
const LITERAL_TS = `import * as cdk from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
export class S extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const logs = new s3.Bucket(this, 'Logs', { bucketName: 'logs' });
    const other = new s3.Bucket(this, 'Other', { bucketName: 'other', serverAccessLogsBucket: logs });
    new s3.CfnBucketPolicy(this, 'P1', { bucket: 'logs', policyDocument: {} });
    new s3.CfnBucketPolicy(this, 'P2', { bucket: other.bucketName, policyDocument: {} });
    const q = new sqs.Queue(this, 'Q', { queueName: 'jobs' });
    new sqs.CfnQueuePolicy(this, 'QP', { queues: ['https://sqs.us-east-1.amazonaws.com/123456789012/jobs', q.queueUrl], policyDocument: {} });
    new sns.Topic(this, 'T', { topicName: 'news' });
    new sns.CfnTopicPolicy(this, 'TP', { topics: ['arn:aws:sns:us-east-1:123456789012:news'], policyDocument: {} });
  }
}
`;

describe('CDK fast paths agree with what they replace', function () {
  this.timeout(600_000);
  before(() => initCdkPython());

  it('referenced and policiesFor, on every construct of every CDK file', () => {
    const tables = tableReferences();
    assert.ok(tables.length >= 3, `only ${tables.length} tables with references`);
    const files = [
      ...cdkFiles(path.join(ROOT, 'test', 'fixtures')),
      ...cdkFiles(path.join(ROOT, 'examples')),
      ...(process.env.PARAPET_REALWORLD ? cdkFiles(process.env.PARAPET_REALWORLD) : []),
    ];
    let constructs = 0;
    let named = 0;
    let withPolicy = 0;
    let literal = 0;
    for (const file of ['literal.ts', ...files]) {
      const text = file === 'literal.ts' ? LITERAL_TS : fs.readFileSync(file, 'utf8');
      const doc = parseDocument(`file://${file}`, 1, text, file.endsWith('.py') ? 'python' : 'typescript');
      const a = analysisOf(doc);
      if (!a) continue;
      const m = a.model;
      const every: Reference[] = [
        { call: [...new Set(m.calls.map((c) => c.fqn))], opaque: true },
        { method: [...new Set(m.methodCalls.map((c) => c.method))] },
      ];
      const keys = new Set<string>();
      for (const c of m.constructs) {
        const o = c.props?.k === 'obj' ? c.props : c.props?.k === 'call' ? c.props.kw : undefined;
        for (const e of o?.entries ?? []) keys.add(e.key);
      }
      const refsList = [
        ...tables,
        every,
        [...keys].map((key) => ({ key })),
        [...keys].map((key) => ({ key, in: [m.constructs[0]?.call.fqn ?? ''] })),
      ];
      const sites = [
        ...m.constructs.map((construct) => ({ construct, variable: construct.variable })),
        ...sitesOf(a, { kind: 'construct', fqn: [...new Set(m.constructs.map((c) => c.call.fqn))] }),
        { variable: 'this' },
        { variable: 'self.x' },
      ];
      for (const site of sites) {
        for (const refs of refsList) {
          const fast = referenced(m, site, refs);
          assert.equal(fast, referencedByScan(m, site, refs), `${file}: ${site.variable ?? ''} ${JSON.stringify(refs).slice(0, 200)}`);
          if (fast === true) named++;
        }
      }
      for (const c of m.constructs) {
        const fast = policiesFor(a, c);
        assert.deepEqual(fast, policiesByScan(a, c), `${file}: policies of ${c.id ?? c.call.start}`);
        if (fast.length) withPolicy++;
        if (file === 'literal.ts') literal += fast.length;
      }
      constructs += m.constructs.length;
    }
    if (process.env.PARAPET_TEST_VERBOSE)
      console.log(`${files.length} files, ${constructs} constructs, ${named} named, ${withPolicy} with policies, ${literal} by name`);
    // The comparison must have met references that name, and constructs that have policies.
    assert.ok(
      constructs > 200 && named > 100 && withPolicy > 5 && literal > 2,
      `${constructs} constructs, ${named} named, ${withPolicy} with policies, ${literal} by name`,
    );
  });

  it('a fix that adds a resource is never writable into CDK source (the engine drops it without rendering it)', () => {
    // Each rule wrapped so that its reports are seen before the engine filters their fixes.
    const raw: Report[] = [];
    const seen = (ctx: RuleContext): RuleContext => ({ ...ctx, report: (r) => (raw.push(r), ctx.report(r)) });
    const wrapped: Rule[] = rules.map((r) => ({
      ...r,
      template: r.template && ((t, ctx) => r.template!(t, seen(ctx))),
      document: r.document && ((ctx) => r.document!(seen(ctx))),
      source: r.source && ((ctx) => r.source!(seen(ctx))),
    }));
    let adding = 0;
    const files = [...cdkFiles(path.join(ROOT, 'test', 'fixtures')), ...cdkFiles(path.join(ROOT, 'examples'))];
    for (const file of files) {
      const doc = parseDocument(`file://${file}`, 1, fs.readFileSync(file, 'utf8'), file.endsWith('.py') ? 'python' : 'typescript');
      if (doc?.kind !== 'cdk-ts' && doc?.kind !== 'cdk-py') continue;
      raw.length = 0;
      analyze(doc, wrapped, { profile: 'strict', timeBudgetMs: 600_000 });
      for (const r of raw) {
        for (const fix of r.fix === undefined ? [] : Array.isArray(r.fix) ? r.fix : [r.fix]) {
          if (!fix.ops.some((op) => op.op === 'addResource')) continue;
          adding++;
          assert.throws(() => renderFix(doc, fix), `${file}: ${fix.title}`);
        }
      }
    }
    assert.ok(adding > 10, `only ${adding} fixes adding a resource`);
  });
});
