/** Shows enough of a secret to recognise it, never the whole value. */
export function maskSecret(value: string): string {
  const v = String(value);
  if (v.length <= 4) return '****';
  const keep = v.length >= 16 ? 4 : 2;
  return `${v.slice(0, keep)}${'*'.repeat(Math.min(8, v.length - keep))}`;
}

/** Replaces every occurrence of each secret in a text with its mask. */
export function maskAll(text: string, secrets: readonly string[] | undefined): string {
  if (!secrets) return text;
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 2) out = out.split(s).join(maskSecret(s));
  }
  return out;
}
