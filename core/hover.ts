import { ParsedDocument } from './document';
import { maskCredentials } from './secrets';

/** Markdown to show for a position, from one area of analysis (IAM actions, findings, …); text from the file goes through `mdText`. */
export type HoverProvider = (doc: ParsedDocument, offset: number) => { markdown: string; start: number; end: number } | undefined;

const providers: HoverProvider[] = [];

/** Areas register their hover here; the server asks every provider and joins the answers. */
export function registerHover(p: HoverProvider): void {
  providers.push(p);
}

/** Every registered provider's answer at an offset. */
export function hoversAt(doc: ParsedDocument, offset: number): { markdown: string; start: number; end: number }[] {
  const out: { markdown: string; start: number; end: number }[] = [];
  for (const p of providers) {
    try {
      const h = p(doc, offset);
      // Providers escape what they quote (core/markdown.ts); a credential is masked whatever they do.
      if (h) out.push({ ...h, markdown: maskCredentials(h.markdown) });
    } catch {
      // A failing hover must never break the others.
    }
  }
  return out;
}
