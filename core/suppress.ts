import { ParsedDocument } from './document';
import { asList, get, isMap, MapNode, Node, stringValue } from './nodes';
import { DocumentProblem } from './parse/problems';
import { RuleMeta, SUPPRESSION_RULE_ID } from './rule';
import { Resource } from './template';

/** One suppression written in the document. */
interface Suppression {
  rule: string;
  /** The 0-based line the suppression covers (the line below a comment); -1 for the whole file. */
  line: number;
  /** Logical id for Metadata suppressions, which cover the whole resource. */
  resource?: string;
  /** Peer tools whose ids this entry names: `parapet`, `cfnNag`, `checkov`, `cfnLint`, `cdkNag`, `guard`. */
  tool: 'parapet' | 'cfnNag' | 'checkov' | 'cfnLint' | 'cdkNag' | 'guard';
}

export interface Suppressions {
  entries: Suppression[];
  /** Suppressions that give no reason: reported, and not honoured. */
  problems: DocumentProblem[];
}

const COMMENT = /(?:#|\/\/)\s*parapet-ignore(-file)?\s+([A-Za-z0-9_*-]+)\s*(?::\s*(.*?))?\s*$/;

/** A reason is real text, not a placeholder left by the "suppress with reason" action. */
export function isRealReason(reason: string | undefined): boolean {
  if (!reason) return false;
  const r = reason.trim();
  return r.length >= 3 && !/^(todo|tbd|fixme|reason|<.*>)\b/i.test(r);
}

/** Collects comment and Metadata suppressions, once per analysis. */
export function collectSuppressions(doc: ParsedDocument): Suppressions {
  const entries: Suppression[] = [];
  const problems: DocumentProblem[] = [];
  const text = doc.text;
  if (text.includes('parapet-ignore')) {
    for (let line = 0; line < doc.lines.lineCount; line++) {
      const lt = doc.lines.lineText(line);
      if (!lt.includes('parapet-ignore')) continue;
      const m = COMMENT.exec(lt);
      if (!m) continue;
      const file = m[1] === '-file';
      const start = doc.lines.lineStart(line) + lt.indexOf('parapet-ignore');
      if (!isRealReason(m[3])) {
        problems.push(noReason(start, start + lt.trim().length, m[2]));
        continue;
      }
      // A comment on its own line covers the next code line; a trailing comment covers its own line.
      const own = /^\s*(#|\/\/)/.test(lt);
      entries.push({ rule: m[2], line: file ? -1 : own ? nextCodeLine(doc, line) : line, tool: 'parapet' });
    }
  }
  for (const r of doc.template?.resources ?? []) collectMetadata(r, entries, problems);
  return { entries, problems };
}

function nextCodeLine(doc: ParsedDocument, line: number): number {
  for (let l = line + 1; l < doc.lines.lineCount; l++) {
    const t = doc.lines.lineText(l).trim();
    if (t && !t.startsWith('#') && !t.startsWith('//')) return l;
  }
  return line + 1;
}

function noReason(start: number, end: number, rule: string): DocumentProblem {
  return {
    code: SUPPRESSION_RULE_ID,
    severity: 'warning',
    start,
    end,
    message: `This suppression of ${rule} gives no reason, so it is not honoured. Say why the risk is accepted.`,
  };
}

function collectMetadata(r: Resource, entries: Suppression[], problems: DocumentProblem[]): void {
  const meta = r.metadata;
  if (!meta) return;
  for (const item of asList(getPath(meta, ['parapet', 'ignore']))) {
    const rule = isMap(item) ? stringValue(get(item, 'rule')) : stringValue(item);
    if (!rule) continue;
    const reason = isMap(item) ? stringValue(get(item, 'reason')) : undefined;
    if (!isRealReason(reason)) problems.push(noReason(item.start, item.end, rule));
    else entries.push({ rule, line: 0, resource: r.id, tool: 'parapet' });
  }
  for (const item of asList(getPath(meta, ['cfn_nag', 'rules_to_suppress']))) {
    const id = stringValue(get(item, 'id'));
    if (id) entries.push({ rule: id, line: 0, resource: r.id, tool: 'cfnNag' });
  }
  for (const item of asList(getPath(meta, ['checkov', 'skip']))) {
    const id = stringValue(get(item, 'id'));
    if (id) entries.push({ rule: id, line: 0, resource: r.id, tool: 'checkov' });
  }
  for (const item of asList(getPath(meta, ['cfn-lint', 'config', 'ignore_checks']))) {
    const id = stringValue(item);
    if (id) entries.push({ rule: id, line: 0, resource: r.id, tool: 'cfnLint' });
  }
  for (const item of asList(getPath(meta, ['cdk_nag', 'rules_to_suppress']))) {
    const id = stringValue(get(item, 'id'));
    if (id) entries.push({ rule: id, line: 0, resource: r.id, tool: 'cdkNag' });
  }
  // CloudFormation Guard's format has no reason field: like cfn-lint's, it is honoured as that tool honours it.
  for (const item of asList(getPath(meta, ['guard', 'SuppressedRules']))) {
    const id = stringValue(item);
    if (id) entries.push({ rule: id, line: 0, resource: r.id, tool: 'guard' });
  }
}

function getPath(map: MapNode, path: string[]): Node | undefined {
  let cur: Node | undefined = map;
  for (const k of path) cur = get(cur, k);
  return cur;
}

/** True when a finding of `meta` at `line` (on `resource`, with its key on `resourceLine`) is suppressed. */
export function isSuppressed(
  s: Suppressions,
  meta: RuleMeta,
  line: number,
  resource: string | undefined,
  resourceLine: number | undefined,
): boolean {
  for (const e of s.entries) {
    if (!matches(e, meta)) continue;
    if (e.resource !== undefined) {
      if (e.resource === resource) return true;
      continue;
    }
    if (e.line === -1 || e.line === line || (resourceLine !== undefined && e.line === resourceLine)) return true;
  }
  return false;
}

function matches(e: Suppression, meta: RuleMeta): boolean {
  if (e.tool === 'parapet') return e.rule === meta.id || e.rule === '*' || e.rule === meta.category;
  const ids = meta.equivalents?.[e.tool] ?? [];
  // cdk-nag ids are pack-prefixed (`AwsSolutions-S10`); compare the suffix too.
  return ids.some((id) => id === e.rule || e.rule.endsWith(`-${id}`));
}
