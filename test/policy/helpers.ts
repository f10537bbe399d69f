import { parseDocument, ParsedDocument } from '../../core/document';
import { analyze, Finding } from '../../core/engine';
import { Node, PairNode } from '../../core/nodes';
import { leastPrivilegeRules } from '../../rules/least-privilege';
import { mfaRules } from '../../rules/mfa';

/** The policy rules only: tests stay independent of the other catalogues. */
export const POLICY_RULES = [...leastPrivilegeRules, ...mfaRules];

/** Parses text as if it were a file of that name. */
export function doc(name: string, text: string): ParsedDocument {
  return parseDocument(`file:///work/${name}`, 1, text);
}

/** Findings of the policy rules (or one rule) on a text. */
export function findings(name: string, text: string, ruleId?: string): Finding[] {
  const res = analyze(doc(name, text), POLICY_RULES, { timeBudgetMs: 60_000 });
  if (res.ruleErrors.length) throw new Error(`rule errors: ${JSON.stringify(res.ruleErrors)}`);
  return ruleId ? res.findings.filter((f) => f.ruleId === ruleId) : res.findings;
}

/** The source text a node covers. */
export function textOf(d: ParsedDocument, n: Node | PairNode | undefined): string {
  return n ? d.text.slice(n.start, n.end) : '<none>';
}

/** Offset of the n-th occurrence of a snippet, so tests never hard-code positions. */
export function offsetOf(text: string, snippet: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(snippet, at + 1);
    if (at < 0) throw new Error(`snippet not found: ${snippet}`);
  }
  return at;
}
