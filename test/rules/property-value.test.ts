import * as assert from 'node:assert/strict';
import { analyze } from '../../core/engine';
import { Rule } from '../../core/rule';
import { checkProperty, mustBeTrue, noneOf, oneOf } from '../../rules/lib/property-value';
import { Reporter } from '../../rules/lib/reporter';
import { parseFile } from './helpers';

/** A "property must be true" rule built on the helper alone, so the test sees the helper's treatment and nothing else. */
const mustBeEncrypted: Rule = {
  meta: {
    id: 'test-property-value',
    title: 'Volumes are encrypted',
    compliant: 'Encrypted is true.',
    description: 'Test rule.',
    category: 'encryption-at-rest',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::EC2::Volume'],
    syntaxes: ['cfn-yaml'],
    references: [],
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::EC2::Volume') ?? [])
      checkProperty(t, rep, r, {
        path: ['Encrypted'],
        judge: mustBeTrue,
        fixValue: true,
        missing: { message: `${r.id}: missing` },
        bad: (v) => `${r.id}: ${JSON.stringify(v)}`,
      });
  },
};

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Off:
    Type: String
    Default: 'false'
  Unset:
    Type: String
Conditions:
  East: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Absent:
    Type: AWS::EC2::Volume
    Properties: { Size: 1 }
  NoValue:
    Type: AWS::EC2::Volume
    Properties: { Encrypted: !Ref AWS::NoValue }
  Typing:
    Type: AWS::EC2::Volume
    Properties:
      Encrypted:
  Null:
    Type: AWS::EC2::Volume
    Properties: { Encrypted: null }
  FalseString:
    Type: AWS::EC2::Volume
    Properties: { Encrypted: 'False' }
  TrueString:
    Type: AWS::EC2::Volume
    Properties: { Encrypted: 'TRUE' }
  NotABoolean:
    Type: AWS::EC2::Volume
    Properties: { Encrypted: 'yes' }
  ViaDefault:
    Type: AWS::EC2::Volume
    Properties: { Encrypted: !Ref Off }
  NoDefault:
    Type: AWS::EC2::Volume
    Properties: { Encrypted: !Ref Unset }
  Imported:
    Type: AWS::EC2::Volume
    Properties: { Encrypted: !ImportValue Shared }
  BothBranches:
    Type: AWS::EC2::Volume
    Properties: !If [East, { Size: 1 }, { Size: 2 }]
`;

describe('checkProperty: one treatment of half-typed input (rules/lib/property-value.ts)', () => {
  const doc = parseFile('/virtual/property-value.yaml', TEMPLATE);
  const res = analyze(doc, [mustBeEncrypted]);
  const seen = res.findings.map((f) => `${f.message} @ ${TEMPLATE.slice(f.start, f.end)}`);

  it('reports a missing key, AWS::NoValue, a false string and a parameter default, each where it belongs', () => {
    assert.deepEqual(res.ruleErrors, []);
    assert.deepEqual(seen.sort(), [
      'Absent: missing @ Absent',
      'BothBranches: missing @ BothBranches',
      'FalseString: "False" @ \'False\'',
      'NoValue: missing @ NoValue',
      'ViaDefault: "false" @ !Ref Off',
    ]);
  });

  it('says nothing about a key being typed, a null, a non-boolean string, a parameter without default or an import', () => {
    for (const quiet of ['Typing', 'Null', 'TrueString', 'NotABoolean', 'NoDefault', 'Imported'])
      assert.ok(!seen.some((s) => s.startsWith(`${quiet}:`)), quiet);
  });

  it('reports Fn::If branches that agree once, and points a parameter finding at its value', () => {
    assert.equal(seen.filter((s) => s.startsWith('BothBranches:')).length, 1);
    const via = res.findings.find((f) => f.resource === 'ViaDefault');
    assert.deepEqual(
      via?.related.map((r) => TEMPLATE.slice(r.start, r.end)),
      ["'false'"],
    );
  });

  it('reads enumerations as CloudFormation does: any case, numbers as their digits, booleans unknown', () => {
    assert.equal(oneOf('KMS')('kms'), 'ok');
    assert.equal(oneOf('KMS')('NONE'), 'bad');
    assert.equal(oneOf('2')(2), 'ok');
    assert.equal(oneOf('2')(1), 'bad');
    assert.equal(oneOf('ON')(true), 'unknown');
    assert.equal(noneOf('ENABLED')('enabled'), 'bad');
    assert.equal(noneOf('ENABLED')('DISABLED'), 'ok');
    assert.equal(noneOf('ENABLED')(null), 'unknown');
  });
});
