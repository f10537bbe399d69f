import * as assert from 'node:assert/strict';
import { parseDocument, ParsedDocument } from '../../core/document';
import { applyFix } from '../../core/fix/apply';
import { detectIndentUnit, yamlScalar } from '../../core/fix/yaml-writer';
import { getPath, isMap, isSeq, JsonValue, MapNode, Node, SeqNode, toJs } from '../../core/nodes';
import { FixOp } from '../../core/rule';

function parse(text: string, uri: string): ParsedDocument {
  const doc = parseDocument(uri, 1, text);
  assert.deepEqual(doc.problems, [], 'input parses');
  return doc;
}

/** Applies ops, re-parses, and checks the result parses with no problem. */
function apply(doc: ParsedDocument, ops: FixOp[]): { text: string; doc: ParsedDocument } {
  const text = applyFix(doc, { title: 't', ops });
  const next = parseDocument(doc.uri, 2, text);
  assert.deepEqual(next.problems, [], `result parses:\n${text}`);
  return { text, doc: next };
}

function map(doc: ParsedDocument, path: string[]): MapNode {
  const n = getPath(doc.root, path);
  assert.ok(isMap(n), path.join('.'));
  return n;
}
function seq(doc: ParsedDocument, path: string[]): SeqNode {
  const n = getPath(doc.root, path);
  assert.ok(isSeq(n), path.join('.'));
  return n;
}
function node(doc: ParsedDocument, path: string[]): Node {
  const n = getPath(doc.root, path);
  assert.ok(n, path.join('.'));
  return n;
}

const YAML2 = `# header comment
Resources:
  # the bucket
  Bucket:
    Type: AWS::S3::Bucket   # trailing comment
    Properties:
      BucketName: 'my-bucket'
      Tags:
        - Key: team
          Value: 'core'
  Volume:
    Type: AWS::EC2::Volume
    Properties: {Size: 8, AvailabilityZone: eu-west-1a}
`;

const YAML4 = `Resources:
    Volume:
        Type: AWS::EC2::Volume
        # no properties yet
    Other:
        Type: AWS::EC2::Volume
        Properties:
            Size: 8
`;

describe('core: YAML fix writer', () => {
  it('inserts a key with the file indentation, keeping comments and the quoting of siblings', () => {
    const doc = parse(YAML2, 'file:///w.yaml');
    const props = map(doc, ['Resources', 'Bucket', 'Properties']);
    const { text, doc: next } = apply(doc, [{ op: 'set', map: props, path: ['VersioningConfiguration', 'Status'], value: 'Enabled' }]);
    assert.ok(text.includes("      BucketName: 'my-bucket'\n"), text);
    assert.ok(text.includes("          Value: 'core'\n      VersioningConfiguration:\n        Status: Enabled\n  Volume:"), text);
    // A string written beside single-quoted siblings is single-quoted too.
    assert.ok(
      apply(doc, [{ op: 'set', map: props, path: ['AccessControl'], value: 'Private' }]).text.includes("      AccessControl: 'Private'\n"),
    );
    for (const comment of ['# header comment', '# the bucket', '# trailing comment']) assert.ok(text.includes(comment), comment);
    assert.deepEqual(toJs(getPath(next.root, ['Resources', 'Bucket', 'Properties', 'VersioningConfiguration'])), { Status: 'Enabled' });
  });

  it('appends to a block sequence in its own style', () => {
    const doc = parse(YAML2, 'file:///w.yaml');
    const { text } = apply(doc, [
      { op: 'append', seq: seq(doc, ['Resources', 'Bucket', 'Properties', 'Tags']), value: { Key: 'env', Value: 'prod' } },
    ]);
    assert.ok(text.includes("        - Key: team\n          Value: 'core'\n        - Key: env\n          Value: prod\n"), text);
  });

  it('keeps a flow mapping flow, including a nested one', () => {
    const doc = parse(YAML2, 'file:///w.yaml');
    const { text } = apply(doc, [{ op: 'set', map: map(doc, ['Resources', 'Volume', 'Properties']), path: ['Encrypted'], value: true }]);
    assert.ok(text.includes('Properties: {Size: 8, AvailabilityZone: eu-west-1a, Encrypted: true}\n'), text);
    const nested = parse('Resources:\n  V: {Type: AWS::EC2::Volume, Properties: {Size: 8}}\n', 'file:///n.yaml');
    const r = apply(nested, [{ op: 'set', map: map(nested, ['Resources', 'V', 'Properties']), path: ['Encrypted'], value: true }]);
    assert.equal(r.text, 'Resources:\n  V: {Type: AWS::EC2::Volume, Properties: {Size: 8, Encrypted: true}}\n');
  });

  it('keeps a comment after a replaced scalar', () => {
    const doc = parse(
      'Resources:\n  V:\n    Type: AWS::EC2::Volume\n    Properties:\n      Encrypted: false # not yet\n',
      'file:///c.yaml',
    );
    const { text } = apply(doc, [{ op: 'replace', node: node(doc, ['Resources', 'V', 'Properties', 'Encrypted']), value: true }]);
    assert.ok(text.endsWith('      Encrypted: true # not yet\n'), text);
  });

  it('writes with 4-space indentation in a 4-space file, creating missing mappings', () => {
    const doc = parse(YAML4, 'file:///w4.yaml');
    assert.equal(detectIndentUnit(YAML4), 4);
    const { text } = apply(doc, [{ op: 'set', map: map(doc, ['Resources', 'Volume']), path: ['Properties', 'Encrypted'], value: true }]);
    assert.ok(text.includes('        Type: AWS::EC2::Volume\n        Properties:\n            Encrypted: true\n'), text);
    assert.ok(text.includes('        # no properties yet\n'), text);
  });

  it('keeps double quotes when replacing a double-quoted string, and quotes what YAML would misread', () => {
    const doc = parse(
      'Resources:\n  L:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      Tokens: "optional"\n',
      'file:///q.yaml',
    );
    const { text } = apply(doc, [{ op: 'replace', node: node(doc, ['Resources', 'L', 'Properties', 'Tokens']), value: 'required' }]);
    assert.ok(text.includes('Tokens: "required"'), text);
    for (const [s, want] of [
      ['2012-10-17', "'2012-10-17'"],
      ['true', "'true'"],
      ['0777', "'0777'"],
      ['*', "'*'"],
      ['a, b', "'a, b'"],
      ['AWS::S3::Bucket', 'AWS::S3::Bucket'],
      ["it's: x", '"it\'s: x"'],
    ]) {
      assert.equal(yamlScalar(s), want, s);
    }
  });

  it('writes intrinsics in the short form in a short-form file and in the long form otherwise', () => {
    const value: JsonValue = { Bucket: { Ref: 'B' }, Arn: { 'Fn::GetAtt': ['B', 'Arn'] } };
    const short = parse('Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Name: !Ref N\n', 'file:///s.yaml');
    const a = apply(short, [{ op: 'set', map: map(short, ['Resources', 'B', 'Properties']), path: ['X'], value }]);
    assert.ok(a.text.includes('      X:\n        Bucket: !Ref B\n        Arn: !GetAtt [B, Arn]\n'), a.text);
    const long = parse('Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Name: {Ref: N}\n', 'file:///l.yaml');
    const b = apply(long, [{ op: 'set', map: map(long, ['Resources', 'B', 'Properties']), path: ['X'], value }]);
    assert.ok(b.text.includes('        Bucket: {Ref: B}\n'), b.text);
    assert.deepEqual(toJs(getPath(b.doc.root, ['Resources', 'B', 'Properties', 'X'])), value);
    assert.deepEqual(toJs(getPath(a.doc.root, ['Resources', 'B', 'Properties', 'X'])), value);
  });

  it('keeps CRLF line breaks', () => {
    const crlf = YAML2.replace(/\n/g, '\r\n');
    const doc = parse(crlf, 'file:///crlf.yaml');
    const a = apply(doc, [{ op: 'set', map: map(doc, ['Resources', 'Bucket', 'Properties']), path: ['A', 'B'], value: 'c' }]).text;
    const b = apply(doc, [
      { op: 'append', seq: seq(doc, ['Resources', 'Bucket', 'Properties', 'Tags']), value: { Key: 'k', Value: 'v' } },
    ]).text;
    for (const text of [a, b]) assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, JSON.stringify(text));
    assert.ok(a.includes('      A:\r\n        B: c\r\n'), JSON.stringify(a));
    assert.ok(b.includes("          Value: 'core'\r\n        - Key: k\r\n          Value: v\r\n"), JSON.stringify(b));
  });

  it('adds a resource at the end of Resources', () => {
    const doc = parse(YAML2, 'file:///w.yaml');
    const { doc: next, text } = apply(doc, [
      { op: 'addResource', id: 'Policy', value: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Bucket' } } } },
    ]);
    assert.ok(text.endsWith('  Policy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: {Ref: Bucket}\n'), text);
    assert.deepEqual(
      next.template?.resources.map((r) => r.id),
      ['Bucket', 'Volume', 'Policy'],
    );
  });
});

const JSON_TABS =
  '{\n\t"Resources": {\n\t\t"Volume": {\n\t\t\t"Type": "AWS::EC2::Volume",\n\t\t\t"Properties": {\n\t\t\t\t"Size": 8\n\t\t\t}\n\t\t}\n\t}\n}\n';

describe('core: JSON fix writer', () => {
  it('inserts with tabs in a tab-indented file', () => {
    const doc = parse(JSON_TABS, 'file:///t.json');
    const { text, doc: next } = apply(doc, [
      { op: 'set', map: map(doc, ['Resources', 'Volume', 'Properties']), path: ['Encrypted'], value: true },
    ]);
    assert.ok(text.includes('\t\t\t\t"Size": 8,\n\t\t\t\t"Encrypted": true\n'), text);
    assert.equal(toJs(getPath(next.root, ['Resources', 'Volume', 'Properties', 'Encrypted'])), true);
  });

  it('nests new mappings in the file indentation and keeps intrinsics on one line', () => {
    const doc = parse(JSON_TABS, 'file:///t.json');
    const { text } = apply(doc, [
      {
        op: 'set',
        map: map(doc, ['Resources', 'Volume', 'Properties']),
        path: ['Tags'],
        value: [{ Key: 'a', Value: { Ref: 'AWS::StackName' } }],
      },
    ]);
    assert.ok(
      text.includes(
        '\t\t\t\t"Tags": [\n\t\t\t\t\t{\n\t\t\t\t\t\t"Key": "a",\n\t\t\t\t\t\t"Value": {"Ref": "AWS::StackName"}\n\t\t\t\t\t}\n\t\t\t\t]\n',
      ),
      text,
    );
  });

  it('keeps a one-line object on one line, with 2-space files at 2 spaces', () => {
    const text = '{\n  "Resources": {\n    "V": { "Type": "AWS::EC2::Volume", "Properties": { "Size": 8 } }\n  }\n}\n';
    const doc = parse(text, 'file:///o.json');
    const r = apply(doc, [{ op: 'set', map: map(doc, ['Resources', 'V', 'Properties']), path: ['Encrypted'], value: true }]);
    assert.ok(r.text.includes('"Properties": { "Size": 8, "Encrypted": true }'), r.text);
  });

  it('replaces a value and appends to an array with CRLF kept', () => {
    const text =
      '{\r\n  "Resources": {\r\n    "V": {\r\n      "Type": "AWS::EC2::Volume",\r\n      "Properties": {\r\n        "Encrypted": false,\r\n        "List": [\r\n          "a"\r\n        ]\r\n      }\r\n    }\r\n  }\r\n}\r\n';
    const doc = parse(text, 'file:///crlf.json');
    const r = apply(doc, [
      { op: 'replace', node: node(doc, ['Resources', 'V', 'Properties', 'Encrypted']), value: true },
      { op: 'append', seq: seq(doc, ['Resources', 'V', 'Properties', 'List']), value: { k: 'v' } },
    ]);
    assert.equal(r.text.replace(/\r\n/g, '').includes('\n'), false, JSON.stringify(r.text));
    assert.deepEqual(toJs(getPath(r.doc.root, ['Resources', 'V', 'Properties'])), { Encrypted: true, List: ['a', { k: 'v' }] });
  });

  it('removes a key without leaving a dangling comma', () => {
    const doc = parse('{"Resources": {"V": {"Type": "AWS::EC2::Volume", "Properties": {"A": 1, "B": 2}}}}', 'file:///r.json');
    const r = apply(doc, [{ op: 'remove', map: map(doc, ['Resources', 'V', 'Properties']), key: 'B' }]);
    assert.deepEqual(toJs(getPath(r.doc.root, ['Resources', 'V', 'Properties'])), { A: 1 });
  });
});
