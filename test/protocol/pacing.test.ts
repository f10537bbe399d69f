import * as assert from 'node:assert/strict';
import { Diagnostic } from 'vscode-languageserver-protocol';
import { editedLines, holdBack, MAX_COST_DELAY_MS, MIN_DELAY_MS, Pacing } from '../../server/src/pacing';
import { buildOnce, fileUri, IMDS_BAD, ofRule, TestClient } from './harness';

const diag = (code: string, line: number): Diagnostic => ({
  code,
  message: code,
  range: { start: { line, character: 0 }, end: { line, character: 5 } },
});

describe('server units: pacing (the wait after an edit follows the analysis cost)', () => {
  it('waits the debounce until a cost is known, then the cost, within [MIN_DELAY_MS, MAX_COST_DELAY_MS] and never over the debounce', () => {
    const p = new Pacing(150);
    assert.equal(p.delay('a'), 150);
    p.record('a', 1);
    assert.equal(p.delay('a'), MIN_DELAY_MS);
    p.record('b', 20);
    assert.equal(p.delay('b'), 20);
    p.record('c', 400);
    assert.equal(p.delay('c'), MAX_COST_DELAY_MS, 'an expensive document waits no longer than the cap');
    const short = new Pacing(12);
    short.record('c', 400);
    assert.equal(short.delay('c'), 12, 'a debounce shorter than the cap still bounds the wait');
    // A running average: one slow analysis does not make a cheap document wait the longest.
    p.record('a', 20);
    assert.ok(p.delay('a') < 20 && p.delay('a') > MIN_DELAY_MS, String(p.delay('a')));
    p.forget('a');
    assert.equal(p.delay('a'), 150);
  });

  it('finds the edited lines in the old and the new text, several edits making one span', () => {
    assert.equal(editedLines('a\nb\nc\n', 'a\nb\nc\n'), undefined);
    assert.deepEqual(editedLines('a\nb\nc\n', 'a\nbx\nc\n'), { old: { start: 1, end: 1 }, now: { start: 1, end: 1 } });
    assert.deepEqual(editedLines('a\nb\nc\n', 'a\nb\nnew\nc\n'), { old: { start: 2, end: 2 }, now: { start: 2, end: 3 } });
    assert.deepEqual(editedLines('a\nb\nc\nd\n', 'A\nb\nc\nD\n'), { old: { start: 0, end: 3 }, now: { start: 0, end: 3 } });
    assert.deepEqual(editedLines('a\nb\nc\n', 'a\nc\n'), { old: { start: 1, end: 2 }, now: { start: 1, end: 1 } });
  });

  it('holds back only what is new on the edited lines', () => {
    const lines = { old: { start: 3, end: 3 }, now: { start: 3, end: 3 } };
    const shown = [diag('kept', 3), diag('elsewhere', 9)];
    const next = [diag('kept', 3), diag('new-here', 3), diag('elsewhere', 9), diag('new-elsewhere', 12)];
    const r = holdBack(shown, next, lines);
    assert.equal(r.held, true);
    assert.deepEqual(
      r.now.map((d) => d.code),
      ['kept', 'elsewhere', 'new-elsewhere'],
    );
    const gone = holdBack(shown, [diag('elsewhere', 9)], lines);
    assert.deepEqual(gone, { now: [diag('elsewhere', 9)], held: false });
  });
});

describe('protocol: findings while typing (holdBackTyping)', function () {
  this.timeout(60_000);
  let client: TestClient | undefined;
  before(() => buildOnce());
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  // A pause far longer than any analysis here: the first publish of an edit always comes before it.
  const start = (): Promise<TestClient> => TestClient.start({ initializationOptions: { debounceMs: 4000, holdBackTyping: true } });
  const GOOD = IMDS_BAD.replace('HttpTokens: optional', 'HttpTokens: required');

  it('a finding typed on the edited line waits for the pause; the same version is then published complete', async () => {
    client = await start();
    const uri = fileUri('typing-new.yaml');
    assert.deepEqual(ofRule((await client.open(uri, GOOD)).diagnostics, 'ec2-imdsv2-required'), []);
    const complete = client.nextDiagnostics(uri, (p) => p.version === 2 && ofRule(p.diagnostics, 'ec2-imdsv2-required').length === 1);
    const first = await client.change(uri, IMDS_BAD);
    assert.deepEqual(ofRule(first.diagnostics, 'ec2-imdsv2-required'), [], 'held back while typing');
    assert.equal((await complete).version, 2);
  });

  it('a finding the edit removes goes at once', async () => {
    client = await start();
    const uri = fileUri('typing-fixed.yaml');
    assert.equal(ofRule((await client.open(uri, IMDS_BAD)).diagnostics, 'ec2-imdsv2-required').length, 1);
    const first = await client.change(uri, GOOD);
    assert.deepEqual(ofRule(first.diagnostics, 'ec2-imdsv2-required'), []);
  });

  it('a finding on a line the edit did not touch shows at once', async () => {
    client = await start();
    const uri = fileUri('typing-elsewhere.yaml');
    const withParam = (v: string): string =>
      `AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Tokens:\n    Type: String\n    Default: ${v}\n` +
      GOOD.replace("AWSTemplateFormatVersion: '2010-09-09'\n", '').replace('HttpTokens: required', 'HttpTokens: !Ref Tokens');
    assert.deepEqual(ofRule((await client.open(uri, withParam('required'))).diagnostics, 'ec2-imdsv2-required'), []);
    const first = await client.change(uri, withParam('optional'));
    const found = ofRule(first.diagnostics, 'ec2-imdsv2-required');
    assert.equal(found.length, 1, 'reported where the parameter is used, not on the edited Default line');
  });
});
