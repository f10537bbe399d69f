import * as assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { Outcome, resolvePath } from '../../core/values';

const TEMPLATE = `
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  WithDefault: {Type: String, Default: optional}
  WithAllowed: {Type: String, Default: required, AllowedValues: [required, optional]}
  Bare: {Type: String}
Conditions:
  C: !Equals [!Ref Bare, x]
Resources:
  R:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      Literal: required
      Number: 3
      FromDefault: !Ref WithDefault
      FromAllowed: !Ref WithAllowed
      FromBare: !Ref Bare
      Pseudo: !Ref AWS::Region
      Imported: !ImportValue shared
      Attr: !GetAtt Other.Arn
      Branches: !If [C, required, !Ref WithDefault]
      NoValue: !If [C, !Ref AWS::NoValue, optional]
      Nested:
        Deeper: {Leaf: 1}
      Conditional: !If [C, {Leaf: 2}, {Other: 3}]
      List: [a, b]
  Other:
    Type: AWS::S3::Bucket
`;

const doc = parseDocument('file:///values.yaml', 1, TEMPLATE);
const t = doc.template!;
const r = t.resourceById.get('R')!;

/** A compact picture of outcomes: `value:x`, `value:x via`, `missing:a.b`, `node:seq`, `unknown`. */
function show(path: string[]): string[] {
  return resolvePath(t, r.node, ['Properties', ...path]).map((o: Outcome) => {
    switch (o.kind) {
      case 'value':
        return `value:${String(o.value)}${o.via ? ' via' : ''}`;
      case 'missing':
        return `missing:${o.path.join('.')}${o.map ? '' : ' (no map)'}`;
      case 'node':
        return `node:${o.node.kind}`;
      case 'unknown':
        return 'unknown';
    }
  });
}

describe('core: resolvePath', () => {
  it('reads literals', () => {
    assert.deepEqual(show(['Literal']), ['value:required']);
    assert.deepEqual(show(['Number']), ['value:3']);
  });
  it('follows a parameter to its Default, remembering the Ref', () => {
    assert.deepEqual(show(['FromDefault']), ['value:optional via']);
    const [o] = resolvePath(t, r.node, ['Properties', 'FromDefault']);
    assert.ok(o.kind === 'value' && o.via && doc.text.slice(o.via.start, o.via.end) === '!Ref WithDefault');
  });
  it('prefers AllowedValues over Default: every allowed value is possible', () => {
    assert.deepEqual(show(['FromAllowed']), ['value:required via', 'value:optional via']);
  });
  it('says unknown for a parameter with neither, pseudo parameters, imports and attributes', () => {
    assert.deepEqual(show(['FromBare']), ['unknown']);
    assert.deepEqual(show(['Pseudo']), ['unknown']);
    assert.deepEqual(show(['Imported']), ['unknown']);
    assert.deepEqual(show(['Attr']), ['unknown']);
  });
  it('follows both branches of Fn::If, through parameters too', () => {
    assert.deepEqual(show(['Branches']), ['value:required', 'value:optional via']);
  });
  it('treats AWS::NoValue as missing, with no map to insert into', () => {
    assert.deepEqual(show(['NoValue']), ['missing: (no map)', 'value:optional']);
  });
  it('reports a missing key with the deepest existing map', () => {
    assert.deepEqual(show(['Nested', 'Deeper', 'Absent']), ['missing:Absent']);
    assert.deepEqual(show(['Nested', 'Gone', 'Leaf']), ['missing:Gone.Leaf']);
    const [o] = resolvePath(t, r.node, ['Properties', 'Nested', 'Gone', 'Leaf']);
    assert.ok(o.kind === 'missing' && o.map && doc.text.slice(o.map.start, o.map.end).startsWith('Deeper:'));
  });
  it('walks a path through Fn::If mappings', () => {
    assert.deepEqual(show(['Conditional', 'Leaf']), ['value:2', 'missing:Leaf']);
  });
  it('returns collections as nodes and stops at values that are not maps', () => {
    assert.deepEqual(show(['List']), ['node:seq']);
    assert.deepEqual(show(['Literal', 'Below']), ['unknown']);
  });
  it('treats a missing resource node as missing everything', () => {
    assert.deepEqual(
      resolvePath(t, undefined, ['Properties', 'X']).map((o) => o.kind),
      ['missing'],
    );
  });
});
