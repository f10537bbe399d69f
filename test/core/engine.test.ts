import * as assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { Rule } from '../../core/rule';
import { iamNoUser } from '../../rules/long-term-credentials/iam-no-user';

const TEXT = 'Resources:\n  Alice:\n    Type: AWS::IAM::User\n';

const throwing: Rule = {
  meta: { ...iamNoUser.meta, id: 'fake-throwing' },
  template() {
    throw new Error('boom from a broken rule');
  },
};

/** Reports one finding, then throws: what it reported before failing stands. */
const halfway: Rule = {
  meta: { ...iamNoUser.meta, id: 'fake-halfway' },
  template(t, ctx) {
    ctx.report({ node: t.resources[0].keyNode, resource: t.resources[0], message: 'first' });
    throw new TypeError('second went wrong');
  },
};

describe('core: engine', () => {
  it('a rule that throws does not stop the others; the error is logged', () => {
    const logs: string[] = [];
    const res = analyze(parseDocument('file:///e.yaml', 1, TEXT), [throwing, iamNoUser, halfway], { log: (m) => logs.push(m) });
    assert.deepEqual(res.findings.map((f) => f.ruleId).sort(), ['fake-halfway', 'iam-no-user']);
    assert.deepEqual(
      res.ruleErrors.map((e) => e.ruleId),
      ['fake-throwing', 'fake-halfway'],
    );
    assert.match(res.ruleErrors[0].message, /boom/);
    assert.equal(logs.length, 2);
    assert.match(logs[0], /fake-throwing/);
  });

  it('maps reported nodes to ranges', () => {
    const res = analyze(parseDocument('file:///e.yaml', 1, TEXT), [iamNoUser]);
    assert.deepEqual(res.findings[0].range, { start: { line: 1, character: 2 }, end: { line: 1, character: 7 } });
    assert.equal(res.findings[0].resource, 'Alice');
  });

  it('applies severity overrides and disabled rules from settings', () => {
    const doc = parseDocument('file:///e.yaml', 1, TEXT);
    assert.equal(analyze(doc, [iamNoUser], { severity: { 'iam-no-user': 'hint' } }).findings[0].severity, 'hint');
    assert.deepEqual(analyze(doc, [iamNoUser], { severity: { 'iam-no-user': 'off' } }).findings, []);
    assert.deepEqual(analyze(doc, [iamNoUser], { disabled: ['iam-no-user'] }).findings, []);
  });

  it('masks secrets in messages, fix titles and related information', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const leaky: Rule = {
      meta: { ...iamNoUser.meta, id: 'fake-leaky' },
      template(t, ctx) {
        const r = t.resources[0];
        ctx.report({
          node: r.keyNode,
          resource: r,
          secrets: [secret],
          message: `found ${secret} in ${r.id}`,
          related: [{ node: r.keyNode, message: `here: ${secret}` }],
          fix: { title: `remove ${secret}`, ops: [] },
        });
      },
    };
    const f = analyze(parseDocument('file:///e.yaml', 1, TEXT), [leaky]).findings[0];
    const shown = JSON.stringify({ message: f.message, related: f.related.map((r) => r.message), fixes: f.fixes.map((x) => x.title) });
    assert.ok(!shown.includes(secret), shown);
    assert.ok(!shown.includes(secret.slice(4)), 'no long tail of the secret either');
    assert.match(f.message, /^found wJal\*+ in Alice$/);
  });

  it('leaves files that are not templates alone, silently', () => {
    for (const [uri, text] of [
      ['file:///k8s.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n'],
      ['file:///package.json', '{"name": "x", "version": "1.0.0"}'],
      ['file:///notes.md', '# Resources: none'],
    ]) {
      const res = analyze(parseDocument(uri, 1, text), [iamNoUser]);
      assert.equal(res.doc.kind, 'none', uri);
      assert.deepEqual([res.findings, res.problems], [[], []], uri);
    }
  });
});
