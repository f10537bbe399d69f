/**
 * Hover on IAM actions: an action shows its access level, description and resource types; a
 * wildcard shows how many actions it expands to and the most sensitive of them. Registered at
 * import time (rules/least-privilege/index.ts imports this module), so the server and CLI get it
 * without wiring.
 */
import { ParsedDocument } from '../document';
import { registerHover } from '../hover';
import { mdText } from '../markdown';
import { actionInfo, expandAction, isKnownService, serviceName } from './catalogue';
import { sensitiveFirst } from './analysis';
import { PolicyItem, policyModel } from './model';

const SHOWN = 8;

/** The markdown for one action string, or undefined when it names nothing known. */
export function actionHoverMarkdown(action: string): string | undefined {
  if (!/[*?]/.test(action)) {
    const a = actionInfo(action);
    if (!a) return undefined;
    const svc = serviceName(a.service) ?? a.service;
    const resources = a.resourceTypes.length
      ? a.resourceTypes.map((r) => `\`${r}\``).join(', ')
      : '`*` only (no resource-level permissions)';
    return `**${a.service}:${a.name}** (${svc})\n\nAccess level: **${a.level}**\n\n${a.description}\n\nResource types: ${resources}`;
  }
  const svc = action.split(':')[0];
  if (action !== '*' && !/[*?]/.test(svc) && !isKnownService(svc)) return undefined;
  const all = expandAction(action);
  // The action is the file's text: escaped, so it cannot add an image or a link to the hover.
  const shown = mdText(action);
  if (!all.length) return `**${shown}** matches no action.`;
  const top = sensitiveFirst(all).slice(0, SHOWN);
  const counts = new Map<string, number>();
  for (const a of all) counts.set(a.level, (counts.get(a.level) ?? 0) + 1);
  const byLevel = [...counts].map(([l, n]) => `${l}: ${n}`).join(' · ');
  const lines = top.map((a) => `- \`${a.service}:${a.name}\` (${a.level})`).join('\n');
  return `**${shown}** matches **${all.length}** actions (${byLevel}).\n\nMost sensitive:\n${lines}${all.length > SHOWN ? '\n- …' : ''}`;
}

/** The action item under an offset, if any. */
function actionAt(doc: ParsedDocument, offset: number): PolicyItem | undefined {
  for (const d of policyModel(doc).documents) {
    if (offset < d.node.start || offset > d.node.end) continue;
    for (const st of d.statements) {
      if (offset < st.node.start || offset > st.node.end) continue;
      for (const el of [st.action, st.notAction]) {
        for (const it of el?.items ?? []) if (it.value !== undefined && offset >= it.node.start && offset <= it.node.end) return it;
      }
    }
  }
  return undefined;
}

registerHover((doc, offset) => {
  if (doc.kind === 'none') return undefined;
  const it = actionAt(doc, offset);
  if (!it || it.value === undefined) return undefined;
  const markdown = actionHoverMarkdown(it.value);
  return markdown ? { markdown, start: it.node.start, end: it.node.end } : undefined;
});
