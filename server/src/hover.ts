import { Hover, HoverParams, MarkupKind, Range } from 'vscode-languageserver';
import { Finding } from '../../core/engine';
import { hoversAt } from '../../core/hover';
import { mdText } from '../../core/markdown';
import { Category } from '../../core/rule';
import { ruleById } from '../../rules';
import { ServerContext } from './context';
import { ruleDocsUri } from './docs';
import { Commands } from './protocol';
import { Settings } from './settings';

/** The practice each category serves, in the words of AWS's "what good looks like". */
const PRACTICE: Record<Category, string> = {
  'long-term-credentials': 'No long-term credentials',
  'instance-metadata': 'IMDSv2 only',
  'encryption-at-rest': 'Encryption at rest',
  'encryption-in-transit': 'Encryption in transit (TLS 1.2+)',
  'least-privilege': 'Least privilege',
  mfa: 'MFA for people',
  'logging-monitoring': 'CloudTrail, Config, GuardDuty and Security Hub on',
  'public-access': 'No public access',
};

/** Markdown for one finding: title, risk, practice, compliant condition and a docs link. */
export function findingMarkdown(finding: Finding, docsRoot: string): string {
  const meta = ruleById.get(finding.ruleId)?.meta;
  const args = encodeURIComponent(JSON.stringify([finding.ruleId]));
  const link = `[Show documentation](command:${Commands.showRuleDocs}?${args}) · [open page](${ruleDocsUri(docsRoot, finding.ruleId)})`;
  // The message quotes the template: escaped, so the file cannot add images, HTML or links to the hover.
  const message = mdText(finding.message);
  if (!meta) return `**${finding.ruleId}**\n\n${message}\n\n${link}`;
  const practice = PRACTICE[meta.category] ?? meta.category;
  return [
    `**${meta.title}** · Parapet \`${meta.id}\``,
    message,
    `**Risk.** ${meta.description}`,
    `**Practice.** ${practice} (\`${meta.category}\`)`,
    `**Compliant.** ${meta.compliant}`,
    link,
  ].join('\n\n');
}

/**
 * Hover: every finding whose range holds the position, then whatever the registered core hover
 * providers (IAM actions, …) answer there, joined with a rule.
 */
export async function hover(
  ctx: ServerContext,
  params: HoverParams,
  applies: (uri: string, s: Settings) => boolean,
): Promise<Hover | null> {
  const doc = ctx.documents.get(params.textDocument.uri);
  if (!doc) return null;
  const settings = await ctx.settings.get(doc.uri);
  const current = ctx.documents.get(doc.uri);
  if (!current || current.version !== doc.version || !applies(doc.uri, settings)) return null;
  const result = ctx.analyzer.analyzeOpen(doc, settings);
  const parsed = result.doc;
  const offset = parsed.lines.offsetAt(params.position);
  const parts: string[] = [];
  let range: Range | undefined;
  for (const f of result.findings) {
    if (offset < f.start || offset > f.end) continue;
    parts.push(findingMarkdown(f, ctx.docsRoot));
    range ??= f.range;
  }
  for (const h of ctx.policyChecks.hover(doc.uri, parsed.version, offset)) {
    parts.push(h.markdown);
    range ??= parsed.lines.range(h.start, h.end);
  }
  for (const h of hoversAt(parsed, offset)) {
    parts.push(h.markdown);
    range ??= parsed.lines.range(h.start, h.end);
  }
  if (!parts.length) return null;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range };
}
