import { ParsedDocument } from './document';
import { asList, get, isMap, MapNode, Node, stringValue } from './nodes';
import { DocumentProblem } from './parse/problems';
import { RuleMeta, SUPPRESSION_EXPIRED_ID, SUPPRESSION_RULE_ID } from './rule';
import { Resource } from './template';

/** The tool whose format a suppression is written in: `parapet`, or a peer whose ids it names. */
export type SuppressionTool = 'parapet' | 'cfnNag' | 'checkov' | 'cfnLint' | 'cdkNag' | 'guard';

/** One suppression written in the document. */
export interface Suppression {
  rule: string;
  /** The 0-based line the suppression covers (the line below a comment); -1 for the whole file. */
  line: number;
  /** Logical id for Metadata suppressions, which cover the whole resource. */
  resource?: string;
  tool: SuppressionTool;
  /** Why the risk is accepted, as written; absent for formats without a reason field (cfn-lint, Guard). */
  reason?: string;
  /** Last day the suppression is honoured (`YYYY-MM-DD`), when it says `(until …)`. */
  until?: string;
  /** Offsets of the suppression's own text (the comment, the Metadata entry, the CDK call). */
  start: number;
  end: number;
}

export interface Suppressions {
  /** The suppressions honoured: with a reason, not expired. */
  entries: Suppression[];
  /** Suppressions past their date: reported, and not honoured. */
  expired: Suppression[];
  /** Suppressions that give no reason or an unreadable date, and expired ones: reported, and not honoured. */
  problems: DocumentProblem[];
}

const COMMENT = /(?:#|\/\/)\s*parapet-ignore(-file)?\s+([A-Za-z0-9_*-]+)\s*(?::\s*(.*?))?\s*$/;
/** `<reason> (until 2027-03-31)`: the date ends the reason. */
const UNTIL = /^(.*?)\s*\(until\s+([^)]*)\)$/;

/** Today as `YYYY-MM-DD` (UTC), which `until` dates are compared with. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** `2027-03-31` when `s` is a real calendar date in that form, else undefined. */
function calendarDate(s: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === m[0] ? m[0] : undefined;
}

/** Splits `reason (until date)`; `until` is `null` when the parenthesis holds no valid date. */
export function splitExpiry(text: string | undefined): { reason: string | undefined; until?: string | null } {
  if (text === undefined) return { reason: undefined };
  const m = UNTIL.exec(text.trim());
  if (!m) return { reason: text };
  return { reason: m[1], until: calendarDate(m[2]) ?? null };
}

/** A reason is real text, not a placeholder left by the "suppress with reason" action. */
export function isRealReason(reason: string | undefined): boolean {
  if (!reason) return false;
  const r = reason.trim();
  return r.length >= 3 && !/^(todo|tbd|fixme|reason|<.*>)\b/i.test(r);
}

/** Collects comment and Metadata suppressions, once per analysis; `today` (`YYYY-MM-DD`) decides what has expired. */
export function collectSuppressions(doc: ParsedDocument, today: string = todayUtc()): Suppressions {
  const found: Suppression[] = [];
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
      const end = start + lt.trim().length;
      const { reason, until } = splitExpiry(m[3]);
      if (!isRealReason(reason) || until === null) {
        problems.push(until === null ? badDate(start, end, m[2]) : noReason(start, end, m[2]));
        continue;
      }
      // A comment on its own line covers the next code line; a trailing comment covers its own line.
      const own = /^\s*(#|\/\/)/.test(lt);
      const covers = file ? -1 : own ? nextCodeLine(doc, line) : line;
      found.push({ rule: m[2], line: covers, tool: 'parapet', reason, ...(until ? { until } : {}), start, end });
    }
  }
  for (const r of doc.template?.resources ?? []) collectMetadata(r, found, problems);
  const entries: Suppression[] = [];
  const expired: Suppression[] = [];
  for (const e of found) (e.until !== undefined && e.until < today ? expired : entries).push(e);
  // One report per expired suppression, though a CDK acknowledgement is written on each resource it covers.
  const reported = new Set<string>();
  for (const e of expired) {
    const key = `${e.start}:${e.rule}`;
    if (reported.has(key)) continue;
    reported.add(key);
    problems.push(expiredProblem(e));
  }
  return { entries, expired, problems };
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
    data: { rule },
  };
}

function badDate(start: number, end: number, rule: string): DocumentProblem {
  return {
    code: SUPPRESSION_RULE_ID,
    severity: 'warning',
    start,
    end,
    message: `This suppression of ${rule} has an expiry that is not a date (write "(until YYYY-MM-DD)"), so it is not honoured.`,
    data: { rule },
  };
}

function expiredProblem(e: Suppression): DocumentProblem {
  return {
    code: SUPPRESSION_EXPIRED_ID,
    severity: 'warning',
    start: e.start,
    end: e.end,
    message: `This suppression of ${e.rule} expired on ${e.until}, so it is no longer honoured. Fix the finding, or renew the suppression with a new date and reason.`,
    data: { rule: e.rule, tool: e.tool, until: e.until ?? '' },
  };
}

function collectMetadata(r: Resource, entries: Suppression[], problems: DocumentProblem[]): void {
  const meta = r.metadata;
  if (!meta) return;
  const add = (rule: string | undefined, item: Node, tool: SuppressionTool, text?: string, date?: string): void => {
    if (!rule) return;
    // A peer's reason may end with `(until YYYY-MM-DD)` too; one that is no date stays part of the reason.
    const split = date === undefined && text !== undefined ? splitExpiry(text) : undefined;
    const reason = split?.until ? split.reason : text;
    const until = date ?? split?.until ?? undefined;
    entries.push({
      rule,
      line: 0,
      resource: r.id,
      tool,
      ...(reason ? { reason } : {}),
      ...(until ? { until } : {}),
      start: item.start,
      end: item.end,
    });
  };
  for (const item of asList(getPath(meta, ['parapet', 'ignore']))) {
    const rule = isMap(item) ? stringValue(get(item, 'rule')) : stringValue(item);
    if (!rule) continue;
    const reason = isMap(item) ? stringValue(get(item, 'reason')) : undefined;
    const untilNode = isMap(item) ? get(item, 'until') : undefined;
    const until = untilNode?.kind === 'scalar' ? calendarDate(String(untilNode.value)) : undefined;
    if (!isRealReason(reason)) problems.push(noReason(item.start, item.end, rule));
    else if (untilNode && !until) problems.push(badDate(item.start, item.end, rule));
    else add(rule, item, 'parapet', reason, until);
  }
  for (const item of asList(getPath(meta, ['cfn_nag', 'rules_to_suppress'])))
    add(stringValue(get(item, 'id')), item, 'cfnNag', stringValue(get(item, 'reason')));
  for (const item of asList(getPath(meta, ['checkov', 'skip'])))
    add(stringValue(get(item, 'id')), item, 'checkov', stringValue(get(item, 'comment')));
  for (const item of asList(getPath(meta, ['cfn-lint', 'config', 'ignore_checks']))) add(stringValue(item), item, 'cfnLint');
  for (const item of asList(getPath(meta, ['cdk_nag', 'rules_to_suppress'])))
    add(stringValue(get(item, 'id')), item, 'cdkNag', stringValue(get(item, 'reason')));
  // CloudFormation Guard's format has no reason field: like cfn-lint's, it is honoured as that tool honours it.
  for (const item of asList(getPath(meta, ['guard', 'SuppressedRules']))) add(stringValue(item), item, 'guard');
}

function getPath(map: MapNode, path: string[]): Node | undefined {
  let cur: Node | undefined = map;
  for (const k of path) cur = get(cur, k);
  return cur;
}

/** The suppression that covers a finding of `meta` at `line` (on `resource`, with its key on `resourceLine`), if any. */
export function suppressionOf(
  s: Suppressions,
  meta: RuleMeta,
  line: number,
  resource: string | undefined,
  resourceLine: number | undefined,
): Suppression | undefined {
  for (const e of s.entries) {
    if (!matches(e, meta)) continue;
    if (e.resource !== undefined) {
      if (e.resource === resource) return e;
      continue;
    }
    if (e.line === -1 || e.line === line || (resourceLine !== undefined && e.line === resourceLine)) return e;
  }
  return undefined;
}

/** True when a finding of `meta` at `line` (on `resource`, with its key on `resourceLine`) is suppressed. */
export function isSuppressed(
  s: Suppressions,
  meta: RuleMeta,
  line: number,
  resource: string | undefined,
  resourceLine: number | undefined,
): boolean {
  return suppressionOf(s, meta, line, resource, resourceLine) !== undefined;
}

/** True when the suppression names `meta`'s rule: its id, its category, `*`, or a peer's equivalent id. */
export function matches(e: Pick<Suppression, 'rule' | 'tool'>, meta: RuleMeta): boolean {
  if (e.tool === 'parapet') return e.rule === meta.id || e.rule === '*' || e.rule === meta.category;
  const ids = meta.equivalents?.[e.tool] ?? [];
  // cdk-nag ids are pack-prefixed (`AwsSolutions-S10`): compare the suffix too. A per-finding id
  // (`AwsSolutions-IAM5[Action::s3:*]`) names its rule without the bracket part, as in CDK source (core/cdk/shared.ts).
  const rule = e.tool === 'cdkNag' ? e.rule.replace(/\[.*$/, '') : e.rule;
  return ids.some((id) => id === rule || rule.endsWith(`-${id}`));
}

/** Where a suppression comes from, as the audit and SARIF name it. */
export type SuppressionSource =
  'parapet comment' | 'parapet Metadata' | 'cfn_nag' | 'checkov' | 'cfn-lint' | 'cdk-nag' | 'Guard' | 'CDK acknowledgement';

const PEER_SOURCE: Record<Exclude<SuppressionTool, 'parapet'>, SuppressionSource> = {
  cfnNag: 'cfn_nag',
  checkov: 'checkov',
  cfnLint: 'cfn-lint',
  cdkNag: 'cdk-nag',
  guard: 'Guard',
};

/** The source of a suppression of `doc`: on CDK source, a cdk-nag entry is the call it was read from. */
export function sourceOf(s: Suppression, doc: ParsedDocument): SuppressionSource {
  if (s.tool === 'parapet') return s.resource === undefined ? 'parapet comment' : 'parapet Metadata';
  if (s.tool === 'cdkNag' && doc.cdk?.acks.some((a) => a.start === s.start && a.via === 'validations')) return 'CDK acknowledgement';
  return PEER_SOURCE[s.tool];
}
