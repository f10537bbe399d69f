/**
 * Findings in the mission's categories, Parapet beside AWS's offline engine (`@aws/cloudformation-validate`),
 * on the same CloudFormation templates: the bundled examples, the peers' labelled corpus when it is on the
 * machine (../shared/corpus), and the real-world set when PARAPET_REALWORLD names it. Counts files flagged
 * per category by each tool; what only one tool flags is listed by rule so a reader can say why.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { CATEGORIES } from '../../core/rule';
import { rules } from '../../rules';
import { CfnValidate, loadCfnValidate, PEER_RULE_CATEGORY } from '../cfn-validate';
import { BenchCase, BenchContext, BenchRow } from '../types';

/** CloudFormation templates under a folder (YAML and JSON that look like templates). */
function templates(dir: string, limit: number): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (out.length >= limit) return;
      const p = path.join(d, e.name);
      if (e.isDirectory() && e.name !== 'node_modules' && e.name !== 'cdk.out') walk(p);
      else if (e.isFile() && /\.(ya?ml|json|template)$/.test(e.name) && fs.statSync(p).size < 1_000_000) {
        const head = fs.readFileSync(p, 'utf8').slice(0, 20_000);
        if (/\bResources\b/.test(head) && /AWS::/.test(head)) out.push(p);
      }
    }
  };
  walk(dir);
  return out.sort();
}

interface Tally {
  parapet: number;
  peer: number;
  both: number;
}

function compare(files: string[], peer: CfnValidate): { tally: Map<string, Tally>; peerOnly: Map<string, number>; peerMs: number } {
  const tally = new Map<string, Tally>(CATEGORIES.map((c) => [c, { parapet: 0, peer: 0, both: 0 }]));
  const peerOnly = new Map<string, number>();
  let peerMs = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const ours = new Set<string>(analyze(parseDocument(pathToFileURL(file).href, 1, text), rules).findings.map((f) => f.category));
    const t = performance.now();
    let found: { ruleId: string }[] = [];
    try {
      found = peer.validate(file);
    } catch {
      /* a template the peer cannot read: it flags nothing */
    }
    peerMs += performance.now() - t;
    const theirs = new Map<string, string[]>();
    for (const d of found) {
      const c = PEER_RULE_CATEGORY[d.ruleId];
      if (c) theirs.set(c, [...(theirs.get(c) ?? []), d.ruleId]);
    }
    for (const [c, n] of tally) {
      const a = ours.has(c);
      const b = theirs.has(c);
      if (a) n.parapet++;
      if (b) n.peer++;
      if (a && b) n.both++;
      if (b && !a) for (const id of new Set(theirs.get(c))) peerOnly.set(`${c} ${id}`, (peerOnly.get(`${c} ${id}`) ?? 0) + 1);
    }
  }
  return { tally, peerOnly, peerMs };
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const peer = loadCfnValidate(ctx.peers.cfnValidate);
  if (!peer) return [{ name: 'findings beside cloudformation-validate', value: 'skipped: the peer is not installed' }];
  const limit = ctx.quick ? 60 : 2000;
  const sets: [string, string][] = [
    ['examples', path.join(ctx.root, 'examples')],
    ['peers corpus', path.join(ctx.root, '..', 'shared', 'corpus')],
  ];
  if (process.env.PARAPET_REALWORLD) sets.push(['real-world set', process.env.PARAPET_REALWORLD]);
  const rows: BenchRow[] = [];
  try {
    for (const [label, dir] of sets) {
      const files = templates(dir, limit);
      if (!files.length) continue;
      const { tally, peerOnly, peerMs } = compare(files, peer);
      for (const [c, n] of tally) {
        if (!n.parapet && !n.peer) continue;
        const only = [...peerOnly].filter(([k]) => k.startsWith(`${c} `)).map(([k, v]) => `${k.split(' ')[1]}×${v}`);
        rows.push({
          name: `${label} (${files.length} templates): ${c}`,
          value: `Parapet ${n.parapet} files, peer ${n.peer}, both ${n.both}`,
          peers: only.length ? `peer only: ${only.join(', ')}` : undefined,
        });
      }
      rows.push({ name: `${label}: cloudformation-validate time`, value: `${(peerMs / files.length).toFixed(0)} ms per template (mean)` });
    }
  } finally {
    peer.free();
  }
  return rows;
}

export const cases: BenchCase[] = [
  {
    title: `Findings by category beside @aws/cloudformation-validate (its ${Object.keys(PEER_RULE_CATEGORY).length} security rules in Parapet's categories)`,
    order: 70,
    run,
  },
];
