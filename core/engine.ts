import { ParsedDocument } from './document';
import { resourceName } from './parsed-document';
import { writableFixes } from './fix/render';
import { DocumentProblem } from './parse/problems';
import { Range } from './positions';
import { Category, Fix, FixSafety, Profile, Report, Rule, RuleContext, RuleMeta, Severity, WorkspaceFacts } from './rule';
import { maskCredentials, maskText } from './secrets';
import { collectSuppressions, Suppression, suppressionOf } from './suppress';
import { choiceOnlyReports } from './choice-findings';
import { hasChoices, withChoices } from './choices';
import { Template } from './template';
import { l1Voice } from './cdk/voice';

/** A fix as a finding carries it: its safety is always resolved. */
export interface FindingFix extends Fix {
  safety: FixSafety;
}

/** A fix's safety: its own, else the rule's when the rule declares `safe`; anything else is a suggestion. */
export function safetyOf(fix: Fix, meta: RuleMeta): FixSafety {
  return fix.safety ?? (meta.fixSafety === 'safe' ? 'safe' : 'suggestion');
}

/** The fix that fix-all, `--fix` and fix-on-save may apply: the finding's first safe one, if any. */
export function autoFix(f: Finding): FindingFix | undefined {
  return f.fixes.find((x) => x.safety === 'safe');
}

/** A finding with its range mapped, ready for a diagnostic or a report line. */
export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** `strict` when only the strict profile shows the finding (its rule is strict, or the report said so). */
  profile: Profile;
  message: string;
  start: number;
  end: number;
  range: Range;
  /** Logical id (or construct id) of the resource, when the finding belongs to one. */
  resource?: string;
  /** Quick fixes, in the rule's order; only `safe` ones are ever applied without the user choosing them. */
  fixes: FindingFix[];
  related: { start: number; end: number; range: Range; message: string }[];
  data?: Record<string, string | number | boolean>;
  /** Literal secrets in the finding, for masking anything later derived from it. Never printed. */
  secrets?: string[];
}

/** A finding an in-source suppression hides, with that suppression (SARIF lists it as suppressed). */
export interface SuppressedFinding {
  finding: Finding;
  suppression: Suppression;
}

export interface RuleError {
  ruleId: string;
  message: string;
}

export interface AnalysisResult {
  doc: ParsedDocument;
  findings: Finding[];
  /** Parse errors, limits, suppressions without reasons, a time-out. */
  problems: DocumentProblem[];
  /** Rules that threw: logged, and the other rules' findings still stand. */
  ruleErrors: RuleError[];
  /** Findings hidden by a suppression written in the document. */
  suppressed: SuppressedFinding[];
}

export interface AnalysisOptions {
  /** Per-rule severity, or `off`. A rule given a severity runs whole, in any profile. */
  severity?: Record<string, Severity | 'off'>;
  /** `recommended` (default) skips strict rules and strict-only findings; `strict` runs everything. */
  profile?: Profile;
  /** Rule ids to skip. */
  disabled?: readonly string[];
  /** Stop running rules after this long (ms); the user is told. */
  timeBudgetMs?: number;
  /** Facts about the files scanned together with this one (core/workspace-facts.ts). */
  workspace?: WorkspaceFacts;
  log?: (message: string) => void;
  /** Today as `YYYY-MM-DD`, for suppressions' `(until …)` dates; the clock's (UTC) when absent. */
  today?: string;
  /** Run every rule's every-choice pass even when its defaults pass read no choice (for tests: fast == full). */
  everyChoicePass?: boolean;
}

const DEFAULT_BUDGET_MS = 1000;

/** Runs every rule over a parsed document: rules report nodes, the engine maps ranges. */
export function analyze(doc: ParsedDocument, rules: readonly Rule[], opts: AnalysisOptions = {}): AnalysisResult {
  const findings: Finding[] = [];
  const ruleErrors: RuleError[] = [];
  // Parse errors and suppression problems may quote the text: mask credentials in them too.
  const problems = doc.problems.map(maskedProblem);
  if (doc.kind === 'none' || (!doc.template && !doc.root && doc.kind !== 'cdk-ts' && doc.kind !== 'cdk-py')) {
    return { doc, findings, problems, ruleErrors, suppressed: [] };
  }
  const suppressions = collectSuppressions(doc, opts.today);
  const suppressed: SuppressedFinding[] = [];
  problems.push(...suppressions.problems.map(maskedProblem));
  const deadline = Date.now() + (opts.timeBudgetMs ?? DEFAULT_BUDGET_MS);
  const disabled = new Set(opts.disabled ?? []);
  const strict = opts.profile === 'strict';
  const cdk = doc.kind === 'cdk-ts' || doc.kind === 'cdk-py';
  // Parameters with AllowedValues and a Default: each rule runs at the defaults, then with every allowed value.
  const choices = doc.template && hasChoices(doc.template) ? doc.template : undefined;

  for (const rule of rules) {
    const meta = rule.meta;
    const override = opts.severity?.[meta.id];
    if (override === 'off' || disabled.has(meta.id)) continue;
    // A rule the user set to a severity is wanted whole; otherwise the profile decides.
    const everything = strict || override !== undefined;
    if (meta.profile === 'strict' && !everything) continue;
    if (Date.now() > deadline) {
      problems.push({
        code: 'timeout',
        severity: 'warning',
        start: 0,
        end: 0,
        message: `Analysis stopped after ${opts.timeBudgetMs ?? DEFAULT_BUDGET_MS} ms; some rules did not run on this file.`,
      });
      break;
    }
    const emit = (r: Report): void => {
      if (r.profile === 'strict' && !everything) return;
      const finding = toFinding(doc, rule, cdk ? cdkWritable(doc, r) : r, override);
      const line = finding.range.start.line;
      const resLine = r.resource ? doc.lines.positionAt(r.resource.keyNode.start).line : undefined;
      // Suppressions name resources by their key (a CDK acknowledgement names its construct's own resource).
      const by = suppressions.entries.length ? suppressionOf(suppressions, meta, line, r.resource?.id, resLine) : undefined;
      if (by) suppressed.push({ finding, suppression: by });
      else findings.push(finding);
    };
    const run = (report: (r: Report) => void): void => {
      const ctx: RuleContext = { doc, report, workspace: opts.workspace };
      try {
        // On CDK source the template pass reads the L1 constructs: its words are the CDK props' names.
        if (rule.template && doc.template) rule.template(doc.template, cdk ? { ...ctx, report: (r) => report(l1Voice(doc, r)) } : ctx);
        if (rule.document) rule.document(ctx);
        if (rule.source && cdk) rule.source(ctx);
      } catch (e) {
        const message = maskCredentials(e instanceof Error ? e.message : String(e));
        // A rule that throws in both passes of a template with parameter choices is one error.
        if (ruleErrors.some((x) => x.ruleId === meta.id && x.message === message)) return;
        ruleErrors.push({ ruleId: meta.id, message });
        opts.log?.(`rule ${meta.id} failed on ${doc.uri}: ${message}`);
      }
    };
    if (choices && !cdk) runWithChoices(choices, run, emit, opts.everyChoicePass === true);
    else run(emit);
  }
  // Rule ids are lowercase ASCII, so code-unit order is localeCompare's order; localeCompare would load ICU's
  // collation data into every server and CLI process (~4 MB resident) and compares several times slower.
  findings.sort((a, b) => a.start - b.start || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return { doc, findings, problems, ruleErrors, suppressed };
}

/**
 * Runs a rule at the parameters' defaults, then with every allowed value: the first pass's reports stand; what
 * only the second finds is one info finding per parameter, "parameter P allows …" (core/choice-findings.ts).
 * A first pass that read no choice (core/choices.ts: `diverged`) would be repeated exactly by the second, which
 * could then add nothing: it is skipped, unless `everyPass` asks for it (the differential tests).
 */
function runWithChoices(tpl: Template, run: (report: (r: Report) => void) => void, emit: (r: Report) => void, everyPass: boolean): void {
  const atDefaults: Report[] = [];
  const first = withChoices(tpl, false, () => run((r) => atDefaults.push(r)));
  atDefaults.forEach(emit);
  if (!first.diverged && !everyPass) return;
  const every: Report[] = [];
  withChoices(tpl, true, () => run((r) => every.push(r)));
  choiceOnlyReports(tpl, atDefaults, every).forEach(emit);
}

/**
 * Every message names its resource (issue 10, one voice): a message that does not already name it starts with
 * its logical or construct id. A CDK construct without an id ("construct at line 12") is left as written.
 */
export function withSubject(message: string, resource: string | undefined): string {
  if (!resource || /\s/.test(resource) || namesWord(message, resource)) return message;
  return `${resource}: ${message}`;
}

/**
 * A quoted value longer than a line is shown by its ends: a 40 KB action name in a template is no message. Clipped
 * after masking, so a clipped secret is masked first.
 */
export function clipQuoted(message: string): string {
  return message.replace(/"([^"]{160,})"/g, (_, v: string) => `"${v.slice(0, 100)}…${v.slice(-20)}"`);
}

function namesWord(text: string, word: string): boolean {
  const isWord = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!isWord(text[at - 1]) && !isWord(text[at + word.length])) return true;
  }
  return false;
}

/** On CDK source, a report keeps only the fixes the CDK writer can write (a CloudFormation rule's fix may add a resource). */
function cdkWritable(doc: ParsedDocument, r: Report): Report {
  if (r.fix === undefined) return r;
  // A new resource is never writable into CDK source: known without rendering the fix (and throwing) per report.
  const ok = writableFixes(
    doc,
    (Array.isArray(r.fix) ? r.fix : [r.fix]).filter((f) => !f.ops.some((op) => op.op === 'addResource')),
  );
  return { ...r, fix: ok.length ? ok : undefined };
}

/** A finding's `data` goes out with its diagnostic: its strings are masked like its message. */
function maskedData(data: Record<string, string | number | boolean>): Record<string, string | number | boolean> {
  let out: Record<string, string | number | boolean> | undefined;
  for (const k in data) {
    const v = data[k];
    if (typeof v !== 'string') continue;
    const m = maskCredentials(v);
    if (m !== v) (out ??= { ...data })[k] = m;
  }
  return out ?? data;
}

function maskedProblem(p: DocumentProblem): DocumentProblem {
  const message = maskCredentials(p.message);
  return message === p.message ? p : { ...p, message };
}

/**
 * Every text of a finding is masked here, for every rule: the secrets the rule named, and anything
 * shaped like a credential (a key written where an action belongs is echoed by "is not an action").
 */
function toFinding(doc: ParsedDocument, rule: Rule, r: Report, override: Severity | 'off' | undefined): Finding {
  const fixes = r.fix === undefined ? [] : Array.isArray(r.fix) ? r.fix : [r.fix];
  const severity = override && override !== 'off' ? override : (r.severity ?? rule.meta.severity);
  const resource = r.resource ? resourceName(doc, r.resource.id) : undefined;
  return {
    ruleId: rule.meta.id,
    category: rule.meta.category,
    severity,
    profile: r.profile ?? rule.meta.profile,
    message: clipQuoted(maskText(withSubject(r.message, resource), r.secrets)),
    start: r.node.start,
    end: r.node.end,
    range: doc.lines.range(r.node.start, r.node.end),
    resource,
    // Built field by field: a spread plus a new key made V8 copy each fix the slow way (a third of toFinding).
    fixes: fixes.map((f): FindingFix => ({ title: maskText(f.title, r.secrets), ops: f.ops, safety: safetyOf(f, rule.meta) })),
    related: (r.related ?? []).map((x) => ({
      start: x.node.start,
      end: x.node.end,
      range: doc.lines.range(x.node.start, x.node.end),
      message: maskText(x.message, r.secrets),
    })),
    data: r.data && maskedData(r.data),
    secrets: r.secrets,
  };
}
