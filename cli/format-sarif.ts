import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Range } from '../core/positions';
import { Rule, Severity, SUPPRESSION_EXPIRED_ID } from '../core/rule';
import { escapeJsonText } from './escape';
import { repositoryUrl, version } from './package-info';
import { ScanReport } from './report';
import { OutFinding } from './scan-file';

/** GitHub reads `security-severity` (0–10) to rank alerts: error is high, warning medium, the rest low. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '7.5', warning: '5.0', info: '3.0', hint: '1.0' };
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const SRCROOT = '%SRCROOT%';
/** The `partialFingerprints` key; v1 hashed the message, v2 the source line (docs/ci.md). */
const FINGERPRINT = 'parapetFindingHash/v2';

/** A suppression written in the source: SARIF's `inSource` kind, its reason as the justification. */
function suppressionOf(s: NonNullable<OutFinding['suppression']>): {
  kind: 'inSource';
  justification: string;
  properties: { source: string };
} {
  return {
    kind: 'inSource',
    justification: s.reason ?? `suppressed in ${s.source} metadata, which has no reason field`,
    properties: { source: s.source },
  };
}

/** The descriptor of the finding an expired suppression makes: it belongs to no rule of the catalogue. */
const EXPIRED_RULE = {
  id: SUPPRESSION_EXPIRED_ID,
  name: 'SuppressionExpired',
  shortDescription: { text: 'A suppression is past its date' },
  fullDescription: {
    text: 'A parapet-ignore comment (or a reason) says "(until YYYY-MM-DD)" and that day has passed: the suppression is no longer honoured, so the finding it hid is reported again.',
  },
  help: { text: 'Fix the finding, or renew the suppression with a new date and a reason.' },
  defaultConfiguration: { level: 'warning' },
  properties: { tags: ['security'], precision: 'high', 'security-severity': SECURITY_SEVERITY.warning },
};

/** `ec2-imdsv2-required` → `Ec2Imdsv2Required`: SARIF's `name` is an identifier-like label. */
function ruleName(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** The rule's docs page on the project's repository when package.json names one, else its first AWS reference. */
export function helpUri(rule: Rule): string | undefined {
  const repo = repositoryUrl();
  if (repo) return `${repo}/blob/main/docs/rules/${rule.meta.id}.md`;
  return rule.meta.references[0]?.url;
}

/** What a reader of the report needs to know about the quick fix: whether `--fix` applies it (FixSafety). */
function quickFix(m: Rule['meta']): string {
  const kind =
    m.fixSafety === 'safe'
      ? 'safe, applied by parapet scan --fix'
      : m.fixSafety === 'mixed'
        ? 'the safe one applied by parapet scan --fix, the others suggestions to review'
        : 'a suggestion to review in the editor, never applied by parapet scan --fix';
  return `Quick fix (${kind}): ${m.fix}`;
}

function helpMarkdown(rule: Rule): string {
  const m = rule.meta;
  const parts = [`**${m.title}**`, '', m.description, '', `Compliant: ${m.compliant}`];
  if (m.fix) parts.push('', quickFix(m));
  if (m.references.length) {
    parts.push('', 'References:');
    for (const r of m.references) parts.push(`- [${r.title}](${r.url})`);
  }
  return parts.join('\n');
}

function helpText(rule: Rule): string {
  const m = rule.meta;
  const parts = [m.title, '', m.description, '', `Compliant: ${m.compliant}`];
  if (m.fix) parts.push('', quickFix(m));
  for (const r of m.references) parts.push(`${r.title}: ${r.url}`);
  return parts.join('\n');
}

/** A report path as a SARIF artifact location: relative to %SRCROOT% when inside the scan root. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** SARIF 2.1.0 with what GitHub code scanning checks on upload: rules with descriptions, relative URIs, fingerprints. */
export function formatSarif(r: ScanReport, catalogue: readonly Rule[]): string {
  const index = new Map<string, number>();
  catalogue.forEach((rule, i) => index.set(rule.meta.id, i));
  const rules: Record<string, unknown>[] = catalogue.map((rule) => {
    const m = rule.meta;
    const uri = helpUri(rule);
    return {
      id: m.id,
      name: ruleName(m.id),
      shortDescription: { text: m.title },
      fullDescription: { text: m.description },
      ...(uri ? { helpUri: uri } : {}),
      help: { text: helpText(rule), markdown: helpMarkdown(rule) },
      defaultConfiguration: { level: LEVEL[m.severity] },
      properties: {
        tags: ['security', m.category],
        category: m.category,
        precision: 'high',
        'security-severity': SECURITY_SEVERITY[m.severity],
        ...(m.controls?.length ? { controls: m.controls } : {}),
      },
    };
  });

  if (r.findings.some((f) => f.ruleId === SUPPRESSION_EXPIRED_ID)) {
    index.set(SUPPRESSION_EXPIRED_ID, rules.length);
    rules.push(EXPIRED_RULE);
  }
  const regionOf = (r: Range): Record<string, number> => ({
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  });
  const result = (f: OutFinding): Record<string, unknown> => {
    const ruleIndex = index.get(f.ruleId);
    return {
      ruleId: f.ruleId,
      ...(ruleIndex !== undefined ? { ruleIndex } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(f.file),
            region: regionOf(f.range),
          },
          ...(f.resource ? { logicalLocations: [{ name: f.resource, kind: 'resource' }] } : {}),
        },
      ],
      ...(f.related?.length
        ? {
            relatedLocations: f.related.map((r, id) => ({
              id,
              physicalLocation: { artifactLocation: artifactLocation(r.file), region: regionOf(r.range) },
              message: { text: r.message },
            })),
          }
        : {}),
      // Rule, file, resource, the trimmed source line and an ordinal, never the line number (cli/fingerprint.ts).
      ...(f.fingerprint ? { partialFingerprints: { [FINGERPRINT]: f.fingerprint } } : {}),
      ...(r.baselined !== undefined && !f.suppression ? { baselineState: 'new' } : {}),
      ...(f.suppression ? { suppressions: [suppressionOf(f.suppression)] } : {}),
      properties: { category: f.category, ...(f.resource ? { resource: f.resource } : {}) },
    };
  };
  const results = [...r.findings.map(result), ...r.suppressed.map(result)];

  const notifications = r.errors.map((e) => ({
    level: e.message.startsWith('skipped:') ? 'note' : 'error',
    message: { text: e.message },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(e.file) } }],
  }));

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Parapet',
            version: version(),
            semanticVersion: version(),
            ...(repositoryUrl() ? { informationUri: repositoryUrl() } : {}),
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(r.root.endsWith(path.sep) ? r.root : r.root + path.sep).href } },
        invocations: [{ executionSuccessful: !r.fatal, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${escapeJsonText(JSON.stringify(log, null, 2))}\n`;
}
