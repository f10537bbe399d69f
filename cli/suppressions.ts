/**
 * `parapet suppressions`: every suppression written in the scanned files, honoured or not, with its
 * rule, reason, expiry and source: an audit of the risks a project has accepted.
 */
import { pathToFileURL } from 'node:url';
import { MAX_DOCUMENT_BYTES, parseDocument, ParsedDocument } from '../core/document';
import { decodeText, readRegularFileSync } from '../core/files';
import { SUPPRESSION_EXPIRED_ID } from '../core/rule';
import { collectSuppressions, matches, sourceOf, splitExpiry, Suppression, SuppressionSource, todayUtc } from '../core/suppress';
import { rules } from '../rules';
import { escapeField, escapeJsonText, workflowSafeLine } from './escape';
import { displayPath, ScanError, walk } from './walk';
import { loadPython } from './worker';

export type SuppressionStatus = 'active' | 'expired' | 'not honoured';

/** One suppression as the audit lists it (1-based line). */
export interface SuppressionRow {
  file: string;
  line: number;
  /** The id as written: a Parapet rule, a category, `*`, or a peer's id. */
  rule: string;
  /** The Parapet rules it suppresses (`*` for all). */
  covers: string[];
  reason: string | null;
  until: string | null;
  source: SuppressionSource;
  /** What it covers: `line 12`, `file`, `resource Db`, `construct bucket`, … */
  scope: string;
  status: SuppressionStatus;
}

function covered(rule: string, tool: Suppression['tool']): string[] {
  if (rule === '*' && tool === 'parapet') return ['*'];
  return rules.filter((r) => matches({ rule, tool }, r.meta)).map((r) => r.meta.id);
}

function scopeOf(s: Suppression): string {
  if (s.resource !== undefined) return `resource ${s.resource}`;
  return s.line === -1 ? 'file' : `line ${s.line + 1}`;
}

/** CDK source: acknowledgements as called (whatever construct they name); comments as for templates. */
function cdkRows(doc: ParsedDocument, file: string): SuppressionRow[] {
  const rows: SuppressionRow[] = [];
  const today = todayUtc();
  for (const a of doc.cdk?.acks ?? []) {
    const s: Suppression = { rule: a.id, line: 0, tool: 'cdkNag', reason: a.reason, start: a.start, end: a.end };
    const split = splitExpiry(a.reason);
    const reason = split.until ? (split.reason ?? a.reason) : a.reason;
    const until = split.until ?? null;
    const below = a.children ? ' and its children' : '';
    const scope = a.path !== undefined ? `path ${a.path}${below}` : a.stackWide ? 'stack' : `construct ${a.target ?? '?'}${below}`;
    rows.push({
      file,
      line: doc.lines.positionAt(a.start).line + 1,
      rule: a.id,
      covers: covered(a.id, 'cdkNag'),
      reason,
      until,
      source: a.via === 'validations' ? 'CDK acknowledgement' : sourceOf(s, doc),
      scope,
      status: until !== null && until < today ? 'expired' : 'active',
    });
  }
  return rows;
}

/** Every suppression of one parsed document, in text order. */
export function suppressionRows(doc: ParsedDocument, file: string, today = todayUtc()): SuppressionRow[] {
  const cdk = doc.kind === 'cdk-ts' || doc.kind === 'cdk-py';
  const found = collectSuppressions(doc, today);
  const rows: SuppressionRow[] = cdk ? cdkRows(doc, file) : [];
  const seen = new Set<string>();
  const add = (s: Suppression, status: SuppressionStatus): void => {
    // On CDK source, acknowledgements are listed from their calls (above), not from each resource they cover.
    if (cdk && s.tool !== 'parapet') return;
    const key = `${s.start}:${s.rule}`;
    if (seen.has(key)) return;
    seen.add(key);
    rows.push({
      file,
      line: doc.lines.positionAt(s.start).line + 1,
      rule: s.rule,
      covers: covered(s.rule, s.tool),
      reason: s.reason ?? null,
      until: s.until ?? null,
      source: sourceOf(s, doc),
      scope: scopeOf(s),
      status,
    });
  };
  for (const s of found.entries) add(s, 'active');
  for (const s of found.expired) add(s, 'expired');
  for (const p of found.problems) {
    if (p.code === SUPPRESSION_EXPIRED_ID || !p.data?.rule) continue;
    const line = doc.lines.positionAt(p.start).line + 1;
    const comment = doc.lines.lineText(line - 1).includes('parapet-ignore');
    rows.push({
      file,
      line,
      rule: p.data.rule,
      covers: covered(p.data.rule, 'parapet'),
      reason: null,
      until: null,
      source: comment ? 'parapet comment' : 'parapet Metadata',
      scope: comment ? `line ${line}` : 'resource',
      status: 'not honoured',
    });
  }
  return rows.sort((a, b) => a.line - b.line);
}

/** Reads and parses each walked file; files that are not CloudFormation, policies or CDK hold no suppression. */
async function collect(
  paths: string[],
  cwd: string,
): Promise<{ rows: SuppressionRow[]; errors: ScanError[]; files: number; fatal: boolean }> {
  const walked = walk(paths, cwd);
  if (walked.files.some((f) => f.abs.toLowerCase().endsWith('.py'))) await loadPython();
  const rows: SuppressionRow[] = [];
  const errors = [...walked.errors];
  let files = 0;
  const today = todayUtc();
  for (const f of [...walked.files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const read = readRegularFileSync(f.abs, MAX_DOCUMENT_BYTES);
    if (!read.ok) continue;
    try {
      const doc = parseDocument(pathToFileURL(f.abs).href, 1, decodeText(read.bytes));
      if (doc.kind === 'none') continue;
      files++;
      rows.push(...suppressionRows(doc, displayPath(f.abs, cwd), today));
    } catch (e) {
      errors.push({ file: f.file, message: `internal error: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return { rows, errors, files, fatal: walked.fatal };
}

function textOf(rows: SuppressionRow[], errors: ScanError[], files: number): string {
  const lines = rows.map((r) => {
    const rule = r.covers.length === 1 && r.covers[0] === r.rule ? r.rule : `${r.rule} (${r.covers.join(', ') || 'no Parapet rule'})`;
    const until = r.until ? ` until ${r.until}` : '';
    const reason = r.reason === null ? '(no reason)' : escapeField(r.reason);
    return workflowSafeLine(
      `${escapeField(r.file)}:${r.line} ${r.status}${until} ${r.source} ${escapeField(rule)} on ${escapeField(r.scope)}: ${reason}`,
    );
  });
  for (const e of errors) lines.push(workflowSafeLine(`${escapeField(e.file)}: ${escapeField(e.message)}`));
  const count = (s: SuppressionStatus): number => rows.filter((r) => r.status === s).length;
  lines.push(
    `${rows.length} suppression${rows.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} scanned: ${count('active')} active, ${count('expired')} expired, ${count('not honoured')} not honoured`,
  );
  return `${lines.join('\n')}\n`;
}

/** The audit as text or JSON, and its exit code: 2 when a named path cannot be read, else 0. */
export async function suppressionsReport(
  paths: string[],
  format: 'text' | 'json',
  cwd = process.cwd(),
): Promise<{ text: string; code: number }> {
  const { rows, errors, files, fatal } = await collect(paths, cwd);
  const code = fatal ? 2 : 0;
  if (format === 'json') {
    const out = { version: 1, files, suppressions: rows, errors };
    return { text: `${escapeJsonText(JSON.stringify(out, null, 2))}\n`, code };
  }
  return { text: textOf(rows, errors, files), code };
}
