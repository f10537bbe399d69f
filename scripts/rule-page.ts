import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from '../core/document';
import { Rule, RuleMeta, RuleSyntax } from '../core/rule';
import { Resource } from '../core/template';
import { fixturePath, ROOT } from '../test/rules/helpers';
import { snapshotPath } from '../test/rules/snapshot';

/**
 * One docs page per rule (`docs/rules/<id>.md`), generated from the rule's metadata, its fixtures and their
 * snapshots. Only the block between NOTES_START and NOTES_END is hand-written; the generator keeps it.
 */

export const NOTES_START = '<!-- parapet:notes:start -->';
export const NOTES_END = '<!-- parapet:notes:end -->';

/** Fixtures longer than this are trimmed to one resource in the examples. */
const WHOLE_FILE_LINES = 40;

const LABEL: Record<RuleSyntax, string> = {
  'cfn-yaml': 'CloudFormation YAML',
  'cfn-json': 'CloudFormation JSON',
  'policy-json': 'IAM policy JSON',
  'policy-yaml': 'IAM policy YAML',
  'cdk-ts': 'CDK TypeScript',
  'cdk-py': 'CDK Python',
};
const FENCE: Record<RuleSyntax, string> = {
  'cfn-yaml': 'yaml',
  'cfn-json': 'json',
  'policy-json': 'json',
  'policy-yaml': 'yaml',
  'cdk-ts': 'ts',
  'cdk-py': 'python',
};

/** The hand-written notes of a page (between the markers), or '' when the page or the block is missing. */
export function notesOf(page: string | undefined): string {
  if (!page) return '';
  const s = page.indexOf(NOTES_START);
  const e = page.indexOf(NOTES_END);
  return s < 0 || e < s ? '' : page.slice(s + NOTES_START.length, e).trim();
}

/** One snapshot finding: where, which resource, severity, message and fix titles. */
interface SnapFinding {
  line: number;
  resource: string;
  severity: string;
  strict: boolean;
  message: string;
  viaParameter: boolean;
  fixes: string[];
}

/** Reads a snapshot written by test/rules/snapshot.ts. */
function readSnapshot(file: string): SnapFinding[] {
  if (!fs.existsSync(file)) return [];
  const out: SnapFinding[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const head = /^(\d+):\d+ (\S+) (\S+)( strict)?$/.exec(line);
    if (head) {
      out.push({
        line: Number(head[1]),
        resource: head[2],
        severity: head[3],
        strict: !!head[4],
        message: '',
        viaParameter: false,
        fixes: [],
      });
      continue;
    }
    const cur = out[out.length - 1];
    if (!cur) continue;
    if (line.startsWith('  message: ')) cur.message = line.slice('  message: '.length);
    else if (line.startsWith('  fix: ')) cur.fixes.push(line.slice('  fix: '.length));
    else if (/^ {2}related .*parameter/.test(line)) cur.viaParameter = true;
  }
  return out;
}

/** The lines of a resource's block (its key line to its last line), for a trimmed example. */
function resourceLines(text: string, r: Resource): string[] {
  const lines = text.split(/\r?\n/);
  const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length - 1;
  return lines.slice(lineOf(r.keyNode.start), lineOf(Math.max(r.node.end - 1, r.keyNode.start)) + 1);
}

/** A template trimmed to one resource, written back as a small template of the same syntax. */
function trimmedTemplate(syntax: RuleSyntax, block: string[]): string {
  const indent = Math.min(...block.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  if (syntax === 'cfn-yaml') return ['Resources:', ...block.map((l) => `  ${l.slice(indent)}`)].join('\n');
  const body = block.map((l) => `    ${l.slice(indent)}`);
  body[body.length - 1] = body[body.length - 1].replace(/,\s*$/, '');
  return ['{', '  "Resources": {', ...body, '  }', '}'].join('\n');
}

/** The example for one fixture: the whole file when short, else the chosen resource of a template. */
function example(file: string, syntax: RuleSyntax, pick: (rs: Resource[]) => Resource | undefined): { text: string; trimmed?: string } {
  const text = fs.readFileSync(file, 'utf8').replace(/\s+$/, '');
  const short = text.split('\n').length <= WHOLE_FILE_LINES;
  if (short || (syntax !== 'cfn-yaml' && syntax !== 'cfn-json')) return { text };
  const doc = parseDocument(pathToFileURL(file).href, 1, text);
  const chosen = doc.template ? pick(doc.template.resources) : undefined;
  return chosen ? { text: trimmedTemplate(syntax, resourceLines(text, chosen)), trimmed: chosen.id } : { text };
}

const fence = (syntax: RuleSyntax, text: string): string[] => ['```' + FENCE[syntax], text, '```'];
const rel = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/');

/** The flagged and compliant examples of one syntax, with what Parapet reports on the flagged one. */
function syntaxSection(rule: Rule, syntax: RuleSyntax): string[] {
  const bad = fixturePath(rule.meta.id, syntax, 'bad');
  const good = fixturePath(rule.meta.id, syntax, 'good');
  if (!fs.existsSync(bad) || !fs.existsSync(good)) return [];
  const found = readSnapshot(snapshotPath(bad));
  // The simplest flagged resource: written in place, not through a parameter.
  const first = found.find((f) => !f.viaParameter && f.resource !== '-') ?? found[0];
  const flagged = example(bad, syntax, (rs) => rs.find((r) => r.id === first?.resource));
  const types = new Set(rule.meta.resourceTypes);
  const compliant = example(good, syntax, (rs) => rs.find((r) => types.has(r.type)));
  const shown = flagged.trimmed ? found.filter((f) => f.resource === flagged.trimmed) : found;
  const messages = [...new Set(shown.map((f) => `\`${f.severity}\`${f.strict ? ' (strict only)' : ''}: ${f.message}`))];
  return [
    `### ${LABEL[syntax]}`,
    '',
    `Flagged (\`${rel(bad)}\`${flagged.trimmed ? `, resource \`${flagged.trimmed}\`` : ''}):`,
    '',
    ...fence(syntax, flagged.text),
    '',
    'Parapet reports:',
    '',
    ...messages.map((m) => `- ${m}`),
    '',
    `Compliant (\`${rel(good)}\`${compliant.trimmed ? `, resource \`${compliant.trimmed}\`` : ''}):`,
    '',
    ...fence(syntax, compliant.text),
    '',
  ];
}

/** What the profile means for this rule, and why it is there. */
function profileText(rule: Rule): string {
  const m = rule.meta;
  if (m.profile === 'strict')
    return `\`strict\`: runs with \`--profile strict\` (setting \`parapet.profile\`), or when \`parapet.rules\` gives it a severity. ${m.profileWhy ?? ''}`.trim();
  if (m.profileWhy)
    return `\`recommended\`, with findings marked "strict only" below shown under \`--profile strict\` alone. ${m.profileWhy}`;
  return "`recommended`: runs by default. What it flags is a risk as written, not only a stricter policy's preference.";
}

/**
 * The line each rule page carries under its fix section: whether `parapet scan --fix`, fix-all and
 * fix-on-save apply the rule's fixes (`meta.fixSafety`); undefined for a rule without a fix.
 */
export function fixSafetyLine(meta: RuleMeta): string | undefined {
  if (!meta.fix) return undefined;
  const auto = '`parapet scan --fix`, *Fix All* and fix-on-save';
  const link = '([fix safety](../fix-safety.md))';
  switch (meta.fixSafety) {
    case 'safe':
      return `**Safe fix**: ${auto} apply it ${link}.`;
    case 'mixed':
      return `**Safe fix and suggestions**: ${auto} apply the safe fix; the others are suggestions, offered in the quick-fix menu for you to review, never applied automatically ${link}.`;
    default:
      return `**Suggestion**: offered in the quick-fix menu for you to review; ${auto} never apply it, so the finding stays until you do ${link}.`;
  }
}

/** The fix: what it does, and the quick-fix titles the fixtures offer. */
function fixText(rule: Rule): string[] {
  const titles = new Set<string>();
  for (const s of rule.meta.syntaxes)
    for (const f of readSnapshot(snapshotPath(fixturePath(rule.meta.id, s, 'bad'))))
      f.fixes.forEach((t) => titles.add(t.replace(/\(adds \w+\)/, '(adds a key)')));
  const safety = fixSafetyLine(rule.meta);
  const what = [
    rule.meta.fix ?? 'No automatic fix: the safe change depends on choices only you can make (the finding says what to change).',
    ...(safety ? ['', safety] : []),
  ];
  return titles.size ? [...what, '', 'Quick fixes offered on the fixtures:', '', ...[...titles].sort().map((t) => `- ${t}`)] : what;
}

/** The peers' equivalent rules, whose suppressions Parapet honours. */
function peersText(rule: Rule): string {
  const names: Record<string, string> = {
    cfnNag: 'cfn_nag',
    checkov: 'checkov',
    cfnLint: 'cfn-lint',
    cdkNag: 'cdk-nag',
    guard: 'CloudFormation Guard (AWS Config rule)',
  };
  const parts = Object.entries(rule.meta.equivalents ?? {})
    .filter(([, ids]) => ids && ids.length)
    .map(([tool, ids]) => `${names[tool] ?? tool} ${ids!.map((i) => `\`${i}\``).join(', ')}`);
  return parts.length ? `Equivalent to ${parts.join('; ')}; their suppressions are honoured.` : 'No peer rule checks exactly this.';
}

/** The whole page of a rule; `notes` is the hand-written block kept from the current page. */
export function rulePage(rule: Rule, notes: string): string {
  const m = rule.meta;
  return [
    `# ${m.id}`,
    '',
    `<!-- Generated by \`npm run docs\` (scripts/rule-page.ts) from the rule's metadata (rules/${m.category}/), its fixtures and their snapshots: edit those, or the notes block below, which is kept. -->`,
    '',
    `**${m.title}** · category \`${m.category}\` · severity \`${m.severity}\` · profile \`${m.profile}\` · ${m.fix ? 'quick fix' : 'no automatic fix'}`,
    '',
    '## The risk',
    '',
    m.description,
    '',
    `Compliant: ${m.compliant}`,
    '',
    '## Profile',
    '',
    profileText(rule),
    '',
    ...(notes ? ['## Notes', ''] : []),
    NOTES_START,
    ...(notes ? [notes] : []),
    NOTES_END,
    '',
    '## Examples',
    '',
    "From the rule's test fixtures; the findings are their snapshots.",
    '',
    ...m.syntaxes.flatMap((s) => syntaxSection(rule, s)),
    '## The fix',
    '',
    ...fixText(rule),
    '',
    '## References',
    '',
    ...m.references.map((r) => `- [${r.title}](${r.url})`),
    ...(m.controls?.length ? [`- Controls: ${m.controls.join(', ')}`] : []),
    '',
    '## Peer tools',
    '',
    peersText(rule),
    '',
    '## Suppressing',
    '',
    `On the line above the finding or the resource: \`# parapet-ignore ${m.id}: <reason>\` (YAML, Python) or`,
    `\`// parapet-ignore ${m.id}: <reason>\` (TypeScript); in a JSON template, the resource's`,
    `\`"Metadata": {"parapet": {"ignore": [{"rule": "${m.id}", "reason": "…"}]}}\`. A reason is required.`,
    '',
  ].join('\n');
}

/** The page file of a rule. */
export function pagePath(id: string): string {
  return path.join(ROOT, 'docs', 'rules', `${id}.md`);
}

/** The page a rule should have now, keeping the notes of the page on disk. */
export function expectedPage(rule: Rule): string {
  const file = pagePath(rule.meta.id);
  return rulePage(rule, notesOf(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined));
}
