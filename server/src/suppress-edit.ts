import { ParsedDocument } from '../../core/document';
import { Finding } from '../../core/engine';
import { renderFix } from '../../core/fix/render';
import { eolOf, TextEdit } from '../../core/fix/text';
import { getPath, isSeq, toJs, JsonValue } from '../../core/nodes';

/**
 * The reason the "suppress" action writes. `core/suppress.ts` treats a `TODO…` reason as no
 * reason, so the suppression only takes effect once the user explains why the risk is accepted.
 */
export const PLACEHOLDER_REASON = 'TODO explain why this risk is accepted';

/**
 * The edits that suppress one finding: a `parapet-ignore` comment on the line above (YAML and
 * Python `#`, TypeScript `//`), or for JSON templates a `Metadata.parapet.ignore` entry on the
 * resource, written by the fix writer. Undefined when the document has no place for one
 * (a JSON policy, a finding outside any resource in JSON).
 */
export function suppressEdits(doc: ParsedDocument, finding: Finding): TextEdit[] | undefined {
  if (doc.syntax === 'json') return metadataEdits(doc, finding);
  const marker = doc.syntax === 'typescript' ? '//' : '#';
  const line = finding.range.start.line;
  const start = doc.lines.lineStart(line);
  const lineText = doc.lines.lineText(line);
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const comment = `${indent}${marker} parapet-ignore ${finding.ruleId}: ${PLACEHOLDER_REASON}${eolOf(doc.text)}`;
  return [{ start, end: start, newText: comment }];
}

function metadataEdits(doc: ParsedDocument, finding: Finding): TextEdit[] | undefined {
  const resource = finding.resource !== undefined ? doc.template?.resourceById.get(finding.resource) : undefined;
  if (!resource) return undefined;
  const entry: JsonValue = { rule: finding.ruleId, reason: PLACEHOLDER_REASON };
  const existing = getPath(resource.node, ['Metadata', 'parapet', 'ignore']);
  const title = `Suppress ${finding.ruleId}`;
  if (isSeq(existing)) return renderFix(doc, { title, ops: [{ op: 'append', seq: existing, value: entry }] });
  if (existing) return renderFix(doc, { title, ops: [{ op: 'replace', node: existing, value: [toJs(existing) as JsonValue, entry] }] });
  return renderFix(doc, { title, ops: [{ op: 'set', map: resource.node, path: ['Metadata', 'parapet', 'ignore'], value: [entry] }] });
}
