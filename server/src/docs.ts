import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Finds the bundled rule pages: `docs/rules` beside the installed extension, i.e. one level above
 * `dist/server.js`. Walking up a few levels also finds them when the server runs from `out/`.
 */
export function findDocsRoot(explicit?: string, from: string = __dirname): string {
  if (explicit) return path.resolve(explicit);
  let dir = from;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return path.resolve(from, '..', 'docs', 'rules');
}

const uris = new Map<string, string>();

/** `file://` URI of a rule's page; no network, ever. Memoised: every diagnostic carries one. */
export function ruleDocsUri(docsRoot: string, ruleId: string): string {
  const key = `${docsRoot}\u0000${ruleId}`;
  let uri = uris.get(key);
  if (uri === undefined) {
    // Rule ids are kebab-case; anything else never becomes a path.
    const safe = /^[A-Za-z0-9_-]+$/.test(ruleId) ? ruleId : 'README';
    uri = pathToFileURL(path.join(docsRoot, `${safe}.md`)).href;
    if (uris.size > 2000) uris.clear();
    uris.set(key, uri);
  }
  return uri;
}
