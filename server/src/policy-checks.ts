/**
 * The offline Access Analyzer checks as diagnostics (docs/policy-checks.md): every policy of an
 * open document compared with the workspace's baseline (`parapet.policyChecks.baseline`), and
 * searched for the critical actions (`parapet.policyChecks.criticalActions`). The baseline file is
 * read asynchronously, bounded, and cached by modification time; the checks themselves are pure.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { MAX_DOCUMENT_BYTES, ParsedDocument, parseDocument } from '../../core/document';
import { decodeText, describeFailure, readRegularFile } from '../../core/files';
import { mdText } from '../../core/markdown';
import { granting, pairPolicies } from '../../core/policy/access/compare';
import { checkNoNewAccess } from '../../core/policy/access/no-new-access';
import { checkAccessNotGranted, criticalListOf, CriticalList, defaultCriticalList } from '../../core/policy/access/not-granted';
import { PolicyDocument, policiesOf } from '../../core/policy/model';
import { maskText } from '../../core/secrets';
import { SOURCE } from './diagnostics';
import { Logger } from './log';
import { PolicyCheckSettings } from './settings';
import { fsPathOf, WorkspaceFolders } from './workspace';

export const NO_NEW_ACCESS = 'policy-check-no-new-access';
export const ACCESS_NOT_GRANTED = 'policy-check-access-not-granted';

/** One check result placed in the document. */
export interface CheckItem {
  start: number;
  end: number;
  code: typeof NO_NEW_ACCESS | typeof ACCESS_NOT_GRANTED;
  severity: DiagnosticSeverity;
  message: string;
  /** Why, for the hover. */
  reason: string;
}

interface Baseline {
  mtimeMs: number;
  size: number;
  docs: PolicyDocument[];
}

function shown(actions: readonly string[]): string {
  return actions.length > 4 ? `${actions.slice(0, 4).join(', ')}, … (${actions.length} actions)` : actions.join(', ');
}

/** The entry of `criticalActions` that stands for the shipped list (no action is named without a service prefix). */
const SHIPPED_LIST = 'default';

/** The setting's list: its own actions and patterns, plus the shipped list where it names `default` (or is null). */
function listOf(actions: readonly string[] | null): CriticalList {
  if (!actions) return defaultCriticalList();
  const own = actions.filter((a) => a.toLowerCase() !== SHIPPED_LIST);
  const listed = criticalListOf(own);
  if (own.length === actions.length) return listed;
  const shipped = defaultCriticalList();
  for (const [k, v] of listed.actions) if (!shipped.actions.has(k)) shipped.actions.set(k, v);
  return { actions: shipped.actions, patterns: [...shipped.patterns, ...listed.patterns] };
}

/** Runs the two checks for open documents; one instance per server. */
export class PolicyChecks {
  private readonly baselines = new Map<string, Baseline>();
  private readonly lists = new Map<string, CriticalList>();
  private readonly results = new Map<string, { version: number; key: string; items: CheckItem[] }>();

  constructor(
    private readonly folders: WorkspaceFolders,
    private readonly log: Logger,
    private readonly docsPage: string,
  ) {}

  /** The checks' results for a document version (cached until the version or the settings change). */
  async items(parsed: ParsedDocument, settings: PolicyCheckSettings): Promise<CheckItem[]> {
    const baselinePath = this.baselinePath(parsed.uri, settings.baseline);
    if (!baselinePath && settings.criticalActions?.length === 0) {
      // Both checks off (the default): no policy model to build on every keystroke, and no stale hover.
      this.results.delete(parsed.uri);
      return [];
    }
    const baseline = baselinePath ? await this.baseline(baselinePath) : undefined;
    const key = JSON.stringify([baselinePath, baseline?.mtimeMs, baseline?.size, settings.criticalActions]);
    const hit = this.results.get(parsed.uri);
    if (hit && hit.version === parsed.version && hit.key === key) return hit.items;
    const docs = granting(policiesOf(parsed));
    const items = [
      ...(baseline && baselinePath ? this.newAccess(parsed, docs, baseline, path.basename(baselinePath)) : []),
      ...this.critical(parsed, docs, settings.criticalActions),
    ];
    this.results.set(parsed.uri, { version: parsed.version, key, items });
    return items;
  }

  /** The cached results of this version, for hovers (never recomputed there). */
  cached(uri: string, version: number): CheckItem[] {
    const hit = this.results.get(uri);
    return hit && hit.version === version ? hit.items : [];
  }

  forget(uri: string): void {
    this.results.delete(uri);
  }

  /** Diagnostics of the items: code, a link to the checks' page, and the reason in the message. */
  diagnostics(parsed: ParsedDocument, items: readonly CheckItem[]): Diagnostic[] {
    return items.map((i) => ({
      range: parsed.lines.range(i.start, i.end),
      severity: i.severity,
      code: i.code,
      codeDescription: { href: this.docsPage },
      source: SOURCE,
      message: i.message,
      data: { policyCheck: i.code },
    }));
  }

  /** Markdown for the items at an offset, with the span each covers. */
  hover(uri: string, version: number, offset: number): { markdown: string; start: number; end: number }[] {
    return this.cached(uri, version)
      .filter((i) => offset >= i.start && offset <= i.end)
      .map((i) => {
        const title = i.code === NO_NEW_ACCESS ? 'Policy check: no new access' : 'Policy check: access not granted';
        const markdown = `**${title}** · Parapet \`${i.code}\`\n\n${mdText(i.message)}\n\n**Why.** ${mdText(i.reason)}\n\n[About the policy checks](${this.docsPage})`;
        return { markdown, start: i.start, end: i.end };
      });
  }

  private newAccess(parsed: ParsedDocument, docs: PolicyDocument[], baseline: Baseline, name: string): CheckItem[] {
    const out: CheckItem[] = [];
    for (const pair of pairPolicies(docs, baseline.docs)) {
      // A baseline template speaks for its own policies only: a policy it does not have is not compared with it.
      if (!pair.base) continue;
      for (const a of checkNoNewAccess(pair.next, pair.base)) {
        const what = `${shown(a.actions)} on ${a.resource}`;
        out.push({
          start: a.node.start,
          end: a.node.end,
          code: NO_NEW_ACCESS,
          severity: a.verdict === 'new' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
          message: maskText(
            a.verdict === 'new'
              ? `New access compared with the baseline ${name}: ${what}.`
              : `Cannot decide statically whether this is new access compared with the baseline ${name}: ${what}.`,
          ),
          reason: maskText(`${a.reason}.`),
        });
      }
    }
    return out;
  }

  private critical(parsed: ParsedDocument, docs: PolicyDocument[], actions: string[] | null): CheckItem[] {
    if (actions && !actions.length) return [];
    const key = JSON.stringify(actions);
    let list = this.lists.get(key);
    if (!list) {
      list = listOf(actions);
      if (this.lists.size > 20) this.lists.clear();
      this.lists.set(key, list);
    }
    const out: CheckItem[] = [];
    for (const doc of docs)
      for (const g of checkAccessNotGranted(doc, list))
        out.push({
          start: g.node.start,
          end: g.node.end,
          code: ACCESS_NOT_GRANTED,
          severity: DiagnosticSeverity.Information,
          message: maskText(
            g.verdict === 'granted'
              ? `Grants critical actions: ${shown(g.actions)} on ${g.resource}.`
              : `May grant critical actions: ${shown(g.actions)} on ${g.resource}.`,
          ),
          reason: maskText(`${g.reason}.`),
        });
    return out;
  }

  /** The baseline's path: absolute, or relative to the document's innermost workspace folder. */
  private baselinePath(uri: string, setting: string): string | undefined {
    if (!setting) return undefined;
    if (path.isAbsolute(setting)) return setting;
    const file = fsPathOf(uri);
    let root: string | undefined;
    for (const f of this.folders.list()) {
      const dir = fsPathOf(f);
      if (!dir || !file) continue;
      const rel = path.relative(dir, file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (root === undefined || dir.length > root.length)) root = dir;
    }
    return root ? path.resolve(root, setting) : undefined;
  }

  private async baseline(file: string): Promise<Baseline | undefined> {
    let stat;
    try {
      stat = await fsp.stat(file);
    } catch {
      this.log.error(`policy checks: the baseline ${file} cannot be read`);
      return undefined;
    }
    const hit = this.baselines.get(file);
    if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit;
    const read = await readRegularFile(file, MAX_DOCUMENT_BYTES);
    if (!read.ok) {
      this.log.error(`policy checks: the baseline ${file} cannot be read (${read.reason === 'io' ? read.code : describeFailure(read)})`);
      return undefined;
    }
    const docs = policiesOf(parseDocument(pathToFileURL(file).href, 0, decodeText(read.bytes)));
    const b: Baseline = { mtimeMs: stat.mtimeMs, size: stat.size, docs };
    this.baselines.set(file, b);
    return b;
  }
}
