import * as assert from 'node:assert/strict';
import { FLAGGED_KEYS, leaks, SECRET_TEMPLATE } from '../secret-corpus';
import { buildOnce, removeTemps, runCli, tempTree } from './helpers';

describe('cli: no secret in any output (secret corpus, bundled dist/cli.js)', function () {
  this.timeout(60_000);
  before(() => buildOnce());
  after(() => removeTemps());

  for (const format of ['text', 'json', 'sarif']) {
    it(`${format}: every credential is masked, and the keys are findings`, async () => {
      const dir = tempTree({ 'stack.yaml': SECRET_TEMPLATE });
      const r = await runCli(['scan', '--format', format], dir);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(leaks(r.stdout + r.stderr), []);
      assert.ok((r.stdout.match(/no-credentials-in-template/g) ?? []).length >= FLAGGED_KEYS.length, r.stdout);
    });
  }
});
