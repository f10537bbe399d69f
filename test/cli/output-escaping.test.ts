import * as assert from 'node:assert/strict';
import { escapeField, escapeJsonText, workflowSafeLine } from '../../cli/escape';
import { buildOnce, IMDS_BAD, removeTemps, runCli, tempTree } from './helpers';

const ESC = '\u001b';
/** A parameter name built to clear the screen, forge lines and run GitHub Actions workflow commands. */
const HOSTILE = `Db${ESC}[2JPassword\r::error file=x::forged\n::add-mask::x\u009b31m\u202eExtra##[add-mask]Password`;
// Double-quoted YAML writes each control character as an escape, so the template itself stays printable.
const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  ${JSON.stringify(HOSTILE)}:
    Type: String
    Default: correct-horse-battery
Resources:
  Q:
    Type: AWS::SQS::Queue
`;

/** Characters a terminal or a CI runner acts on, other than the line breaks between lines. */
const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function assertSafe(out: string, label: string): void {
  assert.doesNotMatch(out, RAW_UNSAFE, `${label}: a raw control character`);
  for (const line of out.split('\n')) {
    assert.doesNotMatch(line, /^\s*::/, `${label}: a line GitHub Actions would run: ${line}`);
    assert.ok(!line.includes('##['), `${label}: a legacy workflow command: ${line}`);
  }
}

describe('cli: output that cannot be forged (escape.ts)', function () {
  this.timeout(60_000);
  before(() => buildOnce());
  after(() => removeTemps());

  it('escapes control characters, separators and bidi overrides in a text field', () => {
    assert.equal(
      escapeField(`a${ESC}[2Jb\r\n\tc\u0000\u007f\u0085\u009b\u2028\u202e\u2066`),
      'a\\u001b[2Jb\\r\\n\\tc\\u0000\\u007f\\u0085\\u009b\\u2028\\u202e\\u2066',
    );
    assert.equal(escapeField('plain é ünïcode ✓'), 'plain é ünïcode ✓');
  });

  it('keeps a line from being a workflow command', () => {
    assert.equal(workflowSafeLine('::error file=x::boom'), '\\::error file=x::boom');
    assert.equal(workflowSafeLine('  ::warning::x'), '  \\::warning::x');
    assert.equal(workflowSafeLine('a.yaml:1:1 error x ##[set-output name=a]b'), 'a.yaml:1:1 error x ##\\[set-output name=a]b');
    assert.equal(workflowSafeLine('a.yaml:1:1 x::y'), 'a.yaml:1:1 x::y');
  });

  it('JSON keeps its strings (JSON.parse gives them back) with nothing raw a terminal or runner acts on', () => {
    const s = `x\u009b31m\u2028##[add-mask]y`;
    const text = escapeJsonText(JSON.stringify({ s }, null, 2));
    assert.deepEqual(JSON.parse(text), { s });
    assertSafe(text, 'json');
  });

  it('a template whose names hold ESC, CR, LF, C1, bidi and workflow commands cannot forge text, JSON or SARIF output', async () => {
    const dir = tempTree({ 'p.yaml': TEMPLATE, '::error file=a::forged.yaml': IMDS_BAD, ' ::warning::x.yaml': IMDS_BAD });
    const text = await runCli(['scan', '--format', 'text'], dir);
    assert.equal(text.code, 1, text.stderr);
    assertSafe(text.stdout, 'text');
    assert.match(
      text.stdout,
      /Db\\u001b\[2JPassword\\r::error file=x::forged\\n::add-mask::x\\u009b31m\\u202eExtra##\\\[add-mask\]Password/,
    );
    assert.match(text.stdout, /^\\::error file=a::forged\.yaml:\d+:\d+ error ec2-imdsv2-required /m);
    assert.match(text.stdout, /^ \\::warning::x\.yaml:\d+:\d+ error ec2-imdsv2-required /m);
    for (const format of ['json', 'sarif']) {
      const r = await runCli(['scan', '--format', format], dir);
      assertSafe(r.stdout, format);
      const found = JSON.stringify(JSON.parse(r.stdout));
      assert.ok(found.includes(JSON.stringify(HOSTILE).slice(1, -1)), `${format}: the name is reported as written`);
    }
  });
});
