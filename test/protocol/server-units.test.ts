import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { applyEdits } from '../../core/fix/text';
import { findDocsRoot, ruleDocsUri } from '../../server/src/docs';
import { diffEdit } from '../../server/src/edits';
import { globToRegExp, isExcluded } from '../../server/src/glob';
import { analysisKey, normalizeSettings } from '../../server/src/settings';
import { ROOT } from './harness';

describe('server units: glob matcher', () => {
  const cases: [string, string, boolean][] = [
    ['**/*.yaml', 'a/b/c.yaml', true],
    ['**/*.yaml', 'c.yaml', true],
    ['**/*.yaml', 'c.yml', false],
    ['*.yaml', 'c.yaml', true],
    ['*.yaml', 'a/c.yaml', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**', 'a/x/y', true],
    ['a/*/c', 'a/b/c', true],
    ['a/*/c', 'a/b/x/c', false],
    ['stack-?.yaml', 'stack-1.yaml', true],
    ['stack-?.yaml', 'stack-12.yaml', false],
    ['*.{yaml,yml}', 'x.yml', true],
    ['*.{yaml,yml}', 'x.json', false],
    ['[ab].json', 'a.json', true],
    ['[!ab].json', 'a.json', false],
    ['[!ab].json', 'c.json', true],
    ['a.b(c)+', 'a.b(c)+', true],
    ['a.b', 'axb', false],
  ];
  for (const [glob, p, expected] of cases) {
    it(`${glob} ${expected ? 'matches' : 'does not match'} ${p}`, () => {
      assert.equal(globToRegExp(glob)!.test(p), expected);
    });
  }

  it('a slash-less pattern matches a name at any depth; a folder match covers its contents', () => {
    assert.equal(isExcluded(['*.skip.yaml'], 'deep/er/x.skip.yaml', '/w/deep/er/x.skip.yaml'), true);
    assert.equal(isExcluded(['generated'], 'src/generated/x.yaml', '/w/src/generated/x.yaml'), true);
    assert.equal(isExcluded(['test/fixtures'], 'test/fixtures/rules/a/bad.yaml', '/w/test/fixtures/rules/a/bad.yaml'), true);
    assert.equal(isExcluded(['test/fixtures'], 'src/test/fixtures/a.yaml', '/w/src/test/fixtures/a.yaml'), false);
    assert.equal(isExcluded(['./legacy/'], 'legacy/a.yaml', '/w/legacy/a.yaml'), true);
  });

  it('an absolute pattern matches the absolute path; a relative one needs a workspace folder', () => {
    assert.equal(isExcluded(['/w/vendor/**'], undefined, '/w/vendor/x/a.yaml'), true);
    assert.equal(isExcluded(['vendor/**'], undefined, '/w/vendor/x/a.yaml'), false);
    assert.equal(isExcluded([], 'a.yaml', '/w/a.yaml'), false);
    assert.equal(isExcluded(['  ', ''], 'a.yaml', '/w/a.yaml'), false);
  });

  it('odd globs do not throw', () => {
    for (const g of ['[', '{a,b', 'a]', '\\', '(', '**/**/**', '{', '}'])
      assert.doesNotThrow(() => isExcluded([g], 'a/b.yaml', '/w/a/b.yaml'));
  });
});

describe('server units: minimal edit for fix-all', () => {
  const cases: [string, string][] = [
    ['abc', 'abc'],
    ['', 'x'],
    ['x', ''],
    ['a: 1\nb: 2\n', 'a: 1\nb: 3\n'],
    ['a: 1\r\nb: 2\r\n', 'a: 1\r\nc: 0\r\nb: 2\r\n'],
    ['x\r\ny', 'x\ny'],
    ['😀a', '😁a'],
    ['a😀', 'a😁'],
    ['same prefix and suffix', 'same prefix, new middle and suffix'],
  ];
  for (const [before, after] of cases) {
    it(`${JSON.stringify(before)} → ${JSON.stringify(after)}`, () => {
      const e = diffEdit(before, after);
      if (before === after) {
        assert.equal(e, undefined);
        return;
      }
      assert.ok(e);
      assert.equal(applyEdits(before, [e]), after);
      // Never splits a surrogate pair or a CRLF.
      for (const at of [e.start, e.end]) {
        const c = before.charCodeAt(at);
        assert.ok(!(c >= 0xdc00 && c <= 0xdfff), `offset ${at} splits a surrogate pair`);
        assert.ok(!(before[at - 1] === '\r' && before[at] === '\n'), `offset ${at} splits a CRLF`);
      }
    });
  }
});

describe('server units: settings and docs', () => {
  it('normalises whatever the client sends', () => {
    assert.deepEqual(normalizeSettings(undefined), {
      enable: true,
      profile: 'recommended',
      rules: {},
      exclude: [],
      fixAllOnSave: false,
      policyChecks: { baseline: '', criticalActions: [] },
    });
    assert.deepEqual(
      normalizeSettings({
        enable: false,
        profile: 'strict',
        rules: { a: 'ERROR', b: 'off', c: 'loud', d: 3, e: 'information' },
        exclude: ['x/**', 4, ''],
        fixAllOnSave: true,
        extra: 1,
      }),
      {
        enable: false,
        profile: 'strict',
        rules: { a: 'error', b: 'off', e: 'info' },
        exclude: ['x/**'],
        fixAllOnSave: true,
        policyChecks: { baseline: '', criticalActions: [] },
      },
    );
    assert.deepEqual(normalizeSettings({ policyChecks: { baseline: ' base.json ', criticalActions: ['iam:*', 3, ''] } }).policyChecks, {
      baseline: 'base.json',
      criticalActions: ['iam:*'],
    });
    assert.equal(
      normalizeSettings({ policyChecks: { criticalActions: null } }).policyChecks.criticalActions,
      null,
      'null: the shipped list',
    );
    assert.deepEqual(normalizeSettings({ rules: ['a'] }).rules, {});
    assert.equal(normalizeSettings({ profile: 'paranoid' }).profile, 'recommended');
  });

  it('the analysis key ignores settings that do not change findings, and rule order', () => {
    const a = normalizeSettings({ rules: { x: 'off', y: 'hint' }, fixAllOnSave: true });
    const b = normalizeSettings({ rules: { y: 'hint', x: 'off' }, exclude: ['z'] });
    assert.equal(analysisKey(a), analysisKey(b));
    assert.notEqual(analysisKey(a), analysisKey(normalizeSettings({ rules: { x: 'off' } })));
    assert.notEqual(analysisKey(a), analysisKey(normalizeSettings({ rules: { x: 'off', y: 'hint' }, profile: 'strict' })));
  });

  it('finds docs/rules beside the bundle and builds file URIs that cannot escape it', () => {
    const root = findDocsRoot(undefined, path.join(ROOT, 'dist'));
    assert.equal(root, path.join(ROOT, 'docs', 'rules'));
    assert.equal(ruleDocsUri('/x/docs/rules', 'iam-no-user'), 'file:///x/docs/rules/iam-no-user.md');
    assert.equal(ruleDocsUri('/x/docs/rules', '../../etc/passwd'), 'file:///x/docs/rules/README.md');
  });
});
