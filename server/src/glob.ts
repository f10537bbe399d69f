/**
 * A small glob matcher for the `parapet.exclude` setting. Node 20's `path.matchesGlob` is
 * experimental there and prints a warning, so the server carries its own.
 *
 * Syntax: `*` (within a segment), `**` (any depth), `?`, `[abc]` / `[!abc]`, `{a,b}`.
 * A pattern without `/` matches a file or folder name at any depth (as in `.gitignore`);
 * a pattern with `/` matches the path relative to its workspace folder, or the absolute path
 * when it starts with `/`. A pattern that matches a folder excludes everything below it.
 */

const cache = new Map<string, RegExp | null>();

/** The regular expression for one glob; null when the glob is unusable. */
export function globToRegExp(glob: string): RegExp | null {
  const hit = cache.get(glob);
  if (hit !== undefined) return hit;
  let re: RegExp | null;
  try {
    re = new RegExp(`^${translate(glob)}$`);
  } catch {
    re = null;
  }
  if (cache.size > 500) cache.clear();
  cache.set(glob, re);
  return re;
}

function translate(glob: string): string {
  let out = '';
  let inGroup = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const before = i === 0 || glob[i - 1] === '/';
        const after = glob[i + 2] === '/' || i + 2 === glob.length;
        if (before && glob[i + 2] === '/') {
          out += '(?:.*/)?';
          i += 2;
          continue;
        }
        if (before && after) {
          out += '.*';
          i += 1;
          continue;
        }
        out += '[^/]*';
        i += 1;
        continue;
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (c === '{') {
      inGroup++;
      out += '(?:';
    } else if (c === '}' && inGroup > 0) {
      inGroup--;
      out += ')';
    } else if (c === ',' && inGroup > 0) {
      out += '|';
    } else {
      out += c.replace(/[.+^$()|\\{}]/g, '\\$&');
    }
  }
  while (inGroup-- > 0) out += ')';
  return out;
}

/**
 * True when `relPath` (relative to its workspace folder, `/`-separated) or `absPath` is matched
 * by one of the globs, or lies inside a folder one of them matches.
 */
export function isExcluded(globs: readonly string[], relPath: string | undefined, absPath: string): boolean {
  if (!globs.length) return false;
  const abs = absPath.replace(/\\/g, '/');
  const rel = relPath?.replace(/\\/g, '/').replace(/^\.\//, '');
  for (const raw of globs) {
    const glob = raw.trim().replace(/\\/g, '/').replace(/\/+$/, '');
    if (!glob) continue;
    const re = globToRegExp(glob.replace(/^\.\//, ''));
    if (!re) continue;
    if (glob.startsWith('/') || /^[A-Za-z]:\//.test(glob)) {
      if (prefixes(abs).some((p) => re.test(p))) return true;
    } else if (!glob.includes('/')) {
      if ((rel ?? abs).split('/').some((seg) => seg && re.test(seg))) return true;
    } else if (rel !== undefined && prefixes(rel).some((p) => re.test(p))) {
      return true;
    }
  }
  return false;
}

/** `a/b/c` → `a`, `a/b`, `a/b/c`: a glob that matches a folder covers its contents. */
function prefixes(path: string): string[] {
  const out: string[] = [];
  let i = path.indexOf('/', 1);
  while (i >= 0) {
    out.push(path.slice(0, i));
    i = path.indexOf('/', i + 1);
  }
  out.push(path);
  return out;
}
