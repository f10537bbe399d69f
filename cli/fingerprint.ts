/**
 * Fingerprints of findings, stable when lines move: what `parapet baseline` stores, what
 * `scan --baseline` matches, and SARIF's `partialFingerprints` (docs/ci.md describes the format).
 */
import { createHash } from 'node:crypto';

/** The source line as the key sees it: trimmed, runs of spaces as one, no trailing comma (JSON lists grow). */
export function normalisedLine(line: string): string {
  return line.trim().replace(/\s+/g, ' ').replace(/,$/, '');
}

/**
 * The key of a finding without its ordinal: rule, file, resource and the finding's normalised source
 * line, hashed (the line may hold a secret; the hash never shows it). 32 hex characters.
 */
export function findingKey(ruleId: string, file: string, resource: string | null, line: string): string {
  return createHash('sha256')
    .update(['v1', ruleId, file.split('\\').join('/'), resource ?? '', normalisedLine(line)].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

/** Appends each key's ordinal, in report order (`<key>:1`, `<key>:2` for two findings on equal lines). */
export function withOrdinals(keys: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((k) => {
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return `${k}:${n}`;
  });
}
