import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES } from './helpers';

/**
 * One voice (issue 10): every finding in every bad fixture's snapshot names its resource, says what is wrong
 * with the value as written (no placeholder standing in for it) and ends with what to do.
 */

interface SnapFinding {
  file: string;
  resource: string;
  message: string;
}

/** The findings of every snapshot: the header line `line:col resource severity [strict]`, then `  message: …`. */
function snapshotFindings(): SnapFinding[] {
  const out: SnapFinding[] = [];
  for (const dir of fs.readdirSync(FIXTURES)) {
    for (const name of fs.readdirSync(path.join(FIXTURES, dir))) {
      if (!name.endsWith('.snap')) continue;
      const lines = fs.readFileSync(path.join(FIXTURES, dir, name), 'utf8').split('\n');
      lines.forEach((l, i) => {
        const m = /^\d+:\d+ (.+?) (?:error|warning|info|hint)(?: strict)?$/.exec(l);
        if (m && lines[i + 1]?.startsWith('  message: ')) {
          out.push({ file: `${dir}/${name}`, resource: m[1], message: lines[i + 1].slice('  message: '.length) });
        }
      });
    }
  }
  return out;
}

/** Imperative verbs a message's last sentence may start with. */
const VERBS = new Set(
  (
    'add allow attach block change choose configure create declare deliver deny disable drop enable encrypt enforce fill give grant ' +
    'keep limit list log make move name narrow put read record redirect reference remove replace require restrict review rotate route ' +
    'revoke rewrite say scope send serve set store suppress switch tag turn update upgrade use write'
  ).split(' '),
);

/**
 * True when the message's last sentence (after an optional leading "If …," or "Where …," clause) is an instruction. It is
 * never the first sentence, which says what is wrong ("Route GET / of R … anyone can call it." starts with a verb).
 */
export function endsWithInstruction(message: string): boolean {
  const sentences = message.trim().split(/(?<=[.!?)])\s+(?=[A-Z(])/);
  if (sentences.length < 2) return false;
  const last = sentences[sentences.length - 1].replace(/^(?:If|Where|When|Unless|Once)\b[^,]*,\s*/, '').replace(/^\(/, '');
  const first = /^[A-Za-z]+/.exec(last)?.[0].toLowerCase();
  return first !== undefined && VERBS.has(first);
}

const PLACEHOLDERS = [/ {2}/, /\(referenced\)/, /\bundefined\b/, /\[object Object\]/, /\bNaN\b/, /(^|\s)\?(\s|[.,:;)]|$)/];

/**
 * TypeScript in a Python file's messages and fix titles (issue 10): a camelCase name, or a prop written `name: true`
 * (Python writes `name=True`). Keys of data maps (a parameter group's `require_ssl`) are not props.
 */
const TS_IN_PYTHON = [/\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/, /\b(?!require_ssl\b)[a-z][a-z0-9_]*: (true|false)\b/];

/** The message and fix lines of every `bad.py.snap`. */
function pythonTexts(): string[] {
  const out: string[] = [];
  for (const dir of fs.readdirSync(FIXTURES)) {
    const file = path.join(FIXTURES, dir, 'bad.py.snap');
    if (!fs.existsSync(file)) continue;
    for (const l of fs.readFileSync(file, 'utf8').split('\n')) {
      const m = /^ {2}(?:message|fix): (.*)$/.exec(l);
      if (m) out.push(`${dir}: ${m[1]}`);
    }
  }
  return out;
}

describe('one voice: every snapshot message names its resource, has no placeholder, and says what to do', () => {
  const all = snapshotFindings();

  it('reads the snapshots', () => assert.ok(all.length > 500, `${all.length} findings`));

  it('names the logical id or construct id', () => {
    const missing = all.filter((f) => f.resource !== '-' && !/\s/.test(f.resource) && !f.message.includes(f.resource));
    assert.deepEqual(
      missing.map((f) => `${f.file} ${f.resource}: ${f.message}`),
      [],
    );
  });

  it('leaves no placeholder in the text', () => {
    const bad = all.filter((f) => PLACEHOLDERS.some((re) => re.test(f.message)));
    assert.deepEqual(
      bad.map((f) => `${f.file}: ${f.message}`),
      [],
    );
  });

  it('ends with an instruction', () => {
    const bad = all.filter((f) => !endsWithInstruction(f.message));
    assert.deepEqual(
      bad.map((f) => `${f.file}: ${f.message}`),
      [],
    );
  });

  it('writes Python names and values in Python snapshots', () => {
    const bad = pythonTexts().filter((s) => TS_IN_PYTHON.some((re) => re.test(s)));
    assert.deepEqual(bad, []);
  });

  it('the checks can fail', () => {
    assert.ok(TS_IN_PYTHON.some((re) => re.test('Set publicly_accessible: false.')));
    assert.ok(TS_IN_PYTHON.some((re) => re.test('Enforce TLS (enforceSSL=True)')));
    assert.ok(!TS_IN_PYTHON.some((re) => re.test('Set publicly_accessible=False. Parameter group: require_ssl is false.')));
    assert.equal(endsWithInstruction('The bucket has no server access logging.'), false);
    assert.equal(endsWithInstruction('The bucket has no server access logging. Turn it on.'), true);
    assert.equal(endsWithInstruction('The log group uses the service key. Where a CMK is required, set encryptionKey.'), true);
    assert.equal(endsWithInstruction('Route GET /orders of OpenRoute has AuthorizationType NONE: anyone can call it.'), false);
    assert.ok(PLACEHOLDERS.some((re) => re.test('The listener on port ? accepts HTTP.')));
  });
});
