import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { initCdkPython } from '../../core/cdk/py-init';
import { AnalysisOptions, analyze } from '../../core/engine';
import { PROFILES } from '../../core/rule';
import { ruleById, rules } from '../../rules';
import { fixturePath, parseFile } from './helpers';
import { ownFindings } from './snapshot';

/** `rule@resource` of each finding of a rule's bad.yaml under the given options. */
function found(id: string, opts: AnalysisOptions): string[] {
  const doc = parseFile(fixturePath(id, 'cfn-yaml', 'bad'));
  return analyze(doc, [ruleById.get(id)!], opts).findings.map((f) => `${f.resource}:${f.severity}:${f.profile}`);
}

describe('profiles', () => {
  before(() => initCdkPython());

  it('every rule names a known profile, and every strict rule says why', () => {
    const bad = rules.filter((r) => !PROFILES.includes(r.meta.profile)).map((r) => r.meta.id);
    assert.deepEqual(bad, []);
    const silent = rules.filter((r) => r.meta.profile === 'strict' && !(r.meta.profileWhy ?? '').trim()).map((r) => r.meta.id);
    assert.deepEqual(silent, []);
  });

  it('a recommended rule that reports strict-only findings in its fixtures says why', () => {
    const silent = rules
      .filter((r) => r.meta.profile === 'recommended' && !r.meta.profileWhy)
      .filter((r) =>
        r.meta.syntaxes.some((s) => {
          const bad = fixturePath(r.meta.id, s, 'bad');
          return fs.existsSync(bad) && ownFindings(r, bad).some((f) => f.profile === 'strict');
        }),
      )
      .map((r) => r.meta.id);
    assert.deepEqual(silent, []);
  });

  it('recommended (the default) leaves out a strict rule; strict or a severity setting runs it', () => {
    const id = 'lambda-environment-kms-key';
    assert.equal(ruleById.get(id)!.meta.profile, 'strict');
    assert.deepEqual(found(id, {}), []);
    assert.deepEqual(found(id, { profile: 'recommended' }), []);
    const strict = found(id, { profile: 'strict' });
    assert.ok(strict.length > 0 && strict.every((f) => f.endsWith(':strict')), strict.join(', '));
    assert.deepEqual(found(id, { severity: { [id]: 'warning' } }).length, strict.length);
    assert.deepEqual(found(id, { profile: 'strict', severity: { [id]: 'off' } }), []);
  });

  it("recommended drops a recommended rule's strict-only findings and keeps the others", () => {
    const id = 'sqs-queue-encrypted';
    // bad.yaml: Orders says SqsManagedSseEnabled: false (unencrypted); Refunds states nothing (SSE-SQS by default).
    assert.deepEqual(found(id, {}), ['Orders:warning:recommended']);
    assert.deepEqual(found(id, { profile: 'strict' }), ['Orders:warning:recommended', 'Refunds:info:strict']);
    // A rule given a severity is wanted whole: its strict-only findings show, at that severity.
    assert.deepEqual(found(id, { severity: { [id]: 'error' } }), ['Orders:error:recommended', 'Refunds:error:strict']);
  });
});
