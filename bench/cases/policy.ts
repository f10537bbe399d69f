import { parseDocument, ParsedDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { catalogueLoadMs, expandAction, resetCatalogue } from '../../core/policy/catalogue';
import { policyModel } from '../../core/policy/model';
import { rules } from '../../rules';
import { measure, Stats } from '../stats';
import { BenchCase, BenchRow } from '../types';

const SERVICES = ['s3', 'sqs', 'sns', 'dynamodb', 'lambda', 'ec2', 'kms', 'logs', 'iam', 'secretsmanager'];

/** A standalone identity policy of `n` statements: mostly scoped grants, some wildcards, a few problems to report. */
export function policyDocument(n: number): string {
  const Statement = Array.from({ length: n }, (_, i) => {
    const svc = SERVICES[i % SERVICES.length];
    if (i % 50 === 0) return { Sid: `Wild${i}`, Effect: 'Allow', Action: [`${svc}:*`], Resource: '*' };
    if (i % 37 === 0)
      return { Sid: `Typo${i}`, Effect: 'Allow', Action: [`${svc}:Get*`, 's3:GetObjekt'], Resource: `arn:aws:s3:::bucket-${i}/*` };
    return {
      Sid: `Grant${i}`,
      Effect: 'Allow',
      Action: [`${svc}:Get*`, `${svc}:List*`, `${svc}:Describe*`],
      Resource: [`arn:aws:${svc}:eu-west-1:123456789012:thing-${i}`],
      ...(i % 7 === 0 ? { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } } : {}),
    };
  });
  return `${JSON.stringify({ Version: '2012-10-17', Statement }, null, 2)}\n`;
}

/** Per-keystroke timings (ms) on a policy of `statements` statements: the first analysis, then `n` one-character edits. */
export function policyKeystrokeTimings(statements = 500, n = 50): { first: number; firstColdCatalogue: number; keystrokes: Stats } {
  const text = policyDocument(statements);
  const uri = 'file:///bench/big.policy.json';
  resetCatalogue();
  let t = performance.now();
  analyze(parseDocument(uri, 1, text, 'json'), rules);
  const firstColdCatalogue = performance.now() - t;
  t = performance.now();
  let doc: ParsedDocument = parseDocument(uri, 2, text, 'json');
  analyze(doc, rules);
  const first = performance.now() - t;
  // Each keystroke toggles one character inside one statement's Sid, re-parsed from the previous parse.
  const at = text.indexOf('"Grant250"') + 2;
  const keystrokes = measure((i) => {
    const next = doc.text.slice(0, at) + (i % 2 ? 'g' : 'G') + doc.text.slice(at + 1);
    doc = parseDocument(uri, doc.version + 1, next, 'json', doc);
    analyze(doc, rules);
  }, n);
  return { first, firstColdCatalogue, keystrokes };
}

export const cases: BenchCase[] = [
  {
    title: 'IAM policies (core/policy)',
    order: 60,
    async run(ctx): Promise<BenchRow[]> {
      const rows: BenchRow[] = [];
      resetCatalogue();
      let t = performance.now();
      expandAction('s3:Get*');
      rows.push({
        name: 'action catalogue: first service (s3) on first use',
        value: `${(performance.now() - t).toFixed(1)} ms`,
        note: 'read lazily, one service file at a time',
      });
      t = performance.now();
      const all = expandAction('*').length;
      rows.push({
        name: `action catalogue: every service (${all} actions)`,
        value: `${(performance.now() - t).toFixed(0)} ms`,
        note: `${catalogueLoadMs().toFixed(0)} ms reading and parsing; only for "*" expansions`,
      });

      const statements = ctx.quick ? 200 : 500;
      const r = policyKeystrokeTimings(statements, ctx.quick ? 10 : 50);
      rows.push({
        name: `policy ${statements} statements: first analysis, cold catalogue`,
        value: `${r.firstColdCatalogue.toFixed(1)} ms`,
        budget: 'first analysis ≤ 300 ms',
      });
      rows.push({
        name: `policy ${statements} statements: first analysis, warm catalogue`,
        value: `${r.first.toFixed(1)} ms`,
        budget: 'first analysis ≤ 300 ms',
      });
      rows.push({ name: `policy ${statements} statements: keystroke (all rules)`, stats: r.keystrokes, budget: 'median ≤ 20 ms' });

      const d = parseDocument('file:///bench/m.policy.json', 1, policyDocument(statements), 'json');
      rows.push({
        name: `policy ${statements} statements: model only`,
        stats: measure(() => policyModel(parseDocument(d.uri, d.version, d.text, 'json')), ctx.quick ? 5 : 20),
      });
      return rows;
    },
  },
];
