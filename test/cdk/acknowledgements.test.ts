import * as assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { initCdkPython } from '../../core/cdk/py-init';
import { rules } from '../../rules';
import { suppressionRows } from '../../cli/suppressions';
import { named, py, ts } from './relations.test';

/**
 * cdk-nag acknowledgements on CDK source (issue 12 item 3): `Validations.of(x).acknowledge` (what cdk-nag 3 reads)
 * and `NagSuppressions.add…Suppressions`, each scoped to the construct it names, never app-wide.
 */

const TS =
  "import * as iam from 'aws-cdk-lib/aws-iam';\nimport * as lambda from 'aws-cdk-lib/aws-lambda';\nimport { Validations } from 'aws-cdk-lib';\nimport { NagSuppressions } from 'cdk-nag';";
const PY = 'from aws_cdk import Stack, Validations, aws_iam as iam, aws_lambda as lambda_\nfrom cdk_nag import NagSuppressions';
const RULE = ['iam-no-wildcard-action'];

/** Two functions whose roles' DefaultPolicy grants `s3:*` / `sqs:*`: one `iam-no-wildcard-action` finding each, named after the function. */
const tsBody = (
  ack: string,
): string => `    const fn = new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'i.h', code: lambda.Code.fromInline('x') });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    const other = new lambda.Function(this, 'Other', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'i.h', code: lambda.Code.fromInline('x') });
    other.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['*'] }));
    ${ack}`;
const pyBody = (
  ack: string,
): string => `fn = lambda_.Function(self, "Fn", runtime=lambda_.Runtime.PYTHON_3_12, handler="i.h", code=lambda_.Code.from_inline("x"))
fn.add_to_role_policy(iam.PolicyStatement(actions=["s3:*"], resources=["*"]))
other = lambda_.Function(self, "Other", runtime=lambda_.Runtime.PYTHON_3_12, handler="i.h", code=lambda_.Code.from_inline("x"))
other.add_to_role_policy(iam.PolicyStatement(actions=["sqs:*"], resources=["*"]))
${ack}`;

const tsNames = (ack: string): string[] => named(ts(TS, tsBody(ack)), 'typescript', RULE).map((x) => x.split('@')[0]);
const pyNames = (ack: string): string[] => named(py(PY, pyBody(ack)), 'python', RULE).map((x) => x.split('@')[0]);
const BOTH = ['iam-no-wildcard-action Fn', 'iam-no-wildcard-action Other'];
const OTHER = ['iam-no-wildcard-action Other'];

describe('CDK acknowledgements: scoped to the construct they name', () => {
  before(() => initCdkPython());

  it('without an acknowledgement both functions are reported', () => {
    assert.deepEqual(tsNames(''), BOTH);
    assert.deepEqual(pyNames(''), BOTH);
  });

  it("Validations.of(fn).acknowledge covers fn and the resources below it (cdk-nag 3's ancestor walk), not the other function", () => {
    assert.deepEqual(tsNames("Validations.of(fn).acknowledge({ id: 'AwsSolutions-IAM5', reason: 'Demo bucket access' });"), OTHER);
    assert.deepEqual(pyNames('Validations.of(fn).acknowledge({"id": "AwsSolutions-IAM5", "reason": "Demo bucket access"})'), OTHER);
    // Another rule's id, a construct the file does not create, and an acknowledgement without a reason cover nothing.
    assert.deepEqual(tsNames("Validations.of(fn).acknowledge({ id: 'AwsSolutions-S1', reason: 'Demo bucket access' });"), BOTH);
    assert.deepEqual(tsNames("Validations.of(app).acknowledge({ id: 'AwsSolutions-IAM5', reason: 'Demo bucket access' });"), BOTH);
    assert.deepEqual(pyNames('Validations.of(fn).acknowledge({"id": "AwsSolutions-IAM5", "reason": ""})'), BOTH);
  });

  it('addResourceSuppressionsByPath on the stack covers the resource at the path, and below it only with applyToChildren', () => {
    const at = (path: string, children = ''): string =>
      `NagSuppressions.addResourceSuppressionsByPath(this, '${path}', [{ id: 'AwsSolutions-IAM5', reason: 'Demo bucket access' }]${children});`;
    assert.deepEqual(tsNames(at('/S/Fn/ServiceRole/DefaultPolicy/Resource')), OTHER);
    assert.deepEqual(tsNames(at('/S/Fn')), BOTH, 'the function alone, without its children');
    assert.deepEqual(tsNames(at('/S/Fn', ', true')), OTHER);
    assert.deepEqual(tsNames(at('/S/Missing/Resource', ', true')), BOTH);
    assert.deepEqual(
      tsNames(
        "NagSuppressions.addResourceSuppressionsByPath(this, ['/S/Other/ServiceRole/DefaultPolicy/Resource', '/S/Fn/ServiceRole/DefaultPolicy/Resource'], [{ id: 'AwsSolutions-IAM5', reason: 'Demo access' }]);",
      ),
      [],
    );
    // A stack this file does not define: out of sight, so nothing is suppressed.
    assert.deepEqual(
      tsNames(
        "NagSuppressions.addResourceSuppressionsByPath(otherStack, '/S/Fn/ServiceRole/DefaultPolicy/Resource', [{ id: 'AwsSolutions-IAM5', reason: 'Demo' }]);",
      ),
      BOTH,
    );
    assert.deepEqual(
      pyNames(
        'NagSuppressions.add_resource_suppressions_by_path(self, "/S/Fn/ServiceRole/DefaultPolicy/Resource", [{"id": "AwsSolutions-IAM5", "reason": "Demo bucket access"}])',
      ),
      OTHER,
    );
    assert.deepEqual(
      pyNames(
        'NagSuppressions.add_resource_suppressions_by_path(stack=self, path="/S/Fn", suppressions=[{"id": "AwsSolutions-IAM5", "reason": "Demo bucket access"}], apply_to_children=True)',
      ),
      OTHER,
    );
  });

  it('an acknowledgement whose reason ends with (until …) expires like a comment', () => {
    const text = ts(
      TS,
      tsBody("Validations.of(fn).acknowledge({ id: 'AwsSolutions-IAM5', reason: 'Demo bucket access (until 2027-03-31)' });"),
    );
    const run = (today: string) => analyze(parseDocument('untitled:/stack.ts', 1, text, 'typescript'), rules, { today });
    assert.deepEqual(
      run('2027-03-31')
        .findings.filter((f) => RULE.includes(f.ruleId))
        .map((f) => f.resource),
      ['Other'],
    );
    const late = run('2027-04-01');
    assert.deepEqual(
      late.findings
        .filter((f) => RULE.includes(f.ruleId))
        .map((f) => f.resource)
        .sort(),
      ['Fn', 'Other'],
    );
    const expired = late.problems.filter((p) => p.code === 'suppression-expired');
    assert.equal(expired.length, 1, 'one report, though the acknowledgement is written on each resource it covers');
    assert.match(expired[0].message, /AwsSolutions-IAM5 expired on 2027-03-31/);
  });

  it('// parapet-ignore with an expiry works in TypeScript', () => {
    const text = ts(
      TS,
      tsBody('').replace(
        '    fn.addToRolePolicy',
        '    // parapet-ignore iam-no-wildcard-action: demo only (until 2027-01-15)\n    fn.addToRolePolicy',
      ),
    );
    const ids = (today: string) =>
      analyze(parseDocument('untitled:/stack.ts', 1, text, 'typescript'), rules, { today })
        .findings.filter((f) => RULE.includes(f.ruleId))
        .map((f) => f.resource)
        .sort();
    assert.deepEqual(ids('2027-01-15'), ['Other']);
    assert.deepEqual(ids('2027-01-16'), ['Fn', 'Other']);
  });

  it('the audit lists each acknowledgement once, from its call, with its source and scope', () => {
    const text = ts(
      TS,
      tsBody(`Validations.of(fn).acknowledge({ id: 'AwsSolutions-IAM5', reason: 'Demo bucket access (until 2099-01-01)' });
    NagSuppressions.addResourceSuppressions(other, [{ id: 'AwsSolutions-IAM5', reason: 'Queue fan-out' }], true);
    NagSuppressions.addStackSuppressions(this, [{ id: 'AwsSolutions-L1', reason: 'Runtime pinned by the platform team' }]);
    NagSuppressions.addResourceSuppressionsByPath(this, '/S/Fn/Resource', [{ id: 'AwsSolutions-L1', reason: 'Pinned runtime' }]);`),
    );
    const rows = suppressionRows(parseDocument('untitled:/stack.ts', 1, text, 'typescript'), 'lib/stack.ts', '2026-12-07');
    assert.deepEqual(
      rows.map((r) => [r.source, r.rule, r.scope, r.reason, r.until, r.status]),
      [
        ['CDK acknowledgement', 'AwsSolutions-IAM5', 'construct fn and its children', 'Demo bucket access', '2099-01-01', 'active'],
        ['cdk-nag', 'AwsSolutions-IAM5', 'construct other and its children', 'Queue fan-out', null, 'active'],
        ['cdk-nag', 'AwsSolutions-L1', 'stack', 'Runtime pinned by the platform team', null, 'active'],
        ['cdk-nag', 'AwsSolutions-L1', 'path Fn', 'Pinned runtime', null, 'active'],
      ],
    );
    assert.ok(rows[0].covers.includes('iam-no-wildcard-action'), rows[0].covers.join());
    assert.equal(rows[0].line, text.split('\n').findIndex((l) => l.includes('Validations.of(fn)')) + 1);
  });
});
