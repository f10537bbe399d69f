import { OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { ParsedDocument } from '../../core/document';
import { TextEdit as CoreEdit } from '../../core/fix/text';

/** Core edits (UTF-16 offsets) as LSP edits, positions through the parse's line index. */
export function toLspEdits(doc: ParsedDocument, edits: readonly CoreEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: doc.lines.range(e.start, e.end), newText: e.newText }));
}

/** One edit that turns `before` into `after`, covering only the part that differs. */
export function diffEdit(before: string, after: string): CoreEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  // Never split a surrogate pair or a \r\n: the shared prefix and suffix can give a character back.
  if (start > 0 && (isLowHalf(before.charCodeAt(start)) || (before[start - 1] === '\r' && before[start] === '\n'))) start--;
  if (endB < before.length && (isLowHalf(before.charCodeAt(endB)) || (before[endB - 1] === '\r' && before[endB] === '\n'))) {
    endB++;
    endA++;
  }
  return { start, end: endB, newText: after.slice(start, endA) };
}

function isLowHalf(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * A workspace edit pinned to the document version the edits were computed for, so the client
 * refuses it if the text has moved on. Clients without `documentChanges` get plain `changes`.
 */
export function versionedEdit(uri: string, version: number, edits: TextEdit[], documentChanges: boolean): WorkspaceEdit {
  if (!documentChanges) return { changes: { [uri]: edits } };
  const id: OptionalVersionedTextDocumentIdentifier = { uri, version };
  return { documentChanges: [TextDocumentEdit.create(id, edits)] };
}
