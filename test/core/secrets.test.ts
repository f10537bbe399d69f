import * as assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { maskCredentials } from '../../core/secrets';
import { threatModelMarkdown } from '../../core/threat-model';
import { rules } from '../../rules';
import { FLAGGED_KEYS, FLAGGED_SECRET_KEYS, leaks, offsetOf, SECRET_TEMPLATE, SECRETS } from '../secret-corpus';

describe('core: no secret in any output (secret corpus)', () => {
  const result = analyze(parseDocument('file:///secrets.yaml', 1, SECRET_TEMPLATE), rules);

  it('masks every credential in every message, related message, fix title and problem, whichever rule wrote it', () => {
    const shown = [
      ...result.findings.flatMap((f) => [f.message, ...f.related.map((r) => r.message), ...f.fixes.map((x) => x.title)]),
      ...result.problems.map((p) => p.message),
      ...result.ruleErrors.map((e) => e.message),
    ].join('\n');
    assert.deepEqual(leaks(shown), []);
    // The policy rules still say what is wrong, with the value masked.
    assert.ok(result.findings.some((f) => f.ruleId === 'iam-policy-valid-actions' && /"AKIA\*+" is not an action/.test(f.message)));
  });

  it('flags access keys in Description (template, parameter, output), Mappings, Tags, Outputs, Metadata, !Sub, Fn::Sub and Fn::Join', () => {
    const creds = result.findings.filter((f) => f.ruleId === 'no-credentials-in-template');
    for (const key of FLAGGED_KEYS) {
      const at = offsetOf(key);
      assert.ok(
        creds.some((f) => f.start <= at && at < f.end),
        `${key.slice(0, 4)}… at offset ${at} is flagged (${creds.map((f) => `${f.start}-${f.end}`).join(', ')})`,
      );
    }
  });

  it('flags a secret access key written next to an access key id', () => {
    const creds = result.findings.filter((f) => f.ruleId === 'no-credentials-in-template');
    for (const secret of FLAGGED_SECRET_KEYS) {
      const at = offsetOf(secret);
      assert.ok(
        creds.some((f) => f.start <= at && at < f.end && /secret access key/.test(f.message)),
        `the secret key at ${at}: ${creds.map((f) => `${f.start}-${f.end} ${f.message}`).join('\n')}`,
      );
    }
  });

  it('the threat model shows no credential', () => {
    const md = threatModelMarkdown(result.doc, result.findings);
    assert.deepEqual(leaks(md), []);
  });

  it('maskCredentials masks each shape and leaves ordinary text alone', () => {
    for (const s of Object.values(SECRETS)) {
      // A password is only recognisable by where it stands: in a URL.
      const text = s === SECRETS.urlPassword ? `see postgres://app:${s}@db.internal/app.` : `value: ${s}.`;
      assert.deepEqual(leaks(maskCredentials(text)), [], s.slice(0, 4));
    }
    const plain = 'arn:aws:s3:::my-bucket/path/to/object.txt is 2012-10-17, sha1 3f786850e387550fdab836ed7e6dc881de23001b';
    assert.equal(maskCredentials(plain), plain);
  });
});
