import * as assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { get, getPath, IntrinsicNode, Node, toJs } from '../../core/nodes';
import { parseJson } from '../../core/parse/json';
import { parseYaml } from '../../core/parse/yaml';

/** Short tags, the long name they normalise to, and an argument of each form (scalar, sequence, mapping). */
const TAGS: [string, string][] = [
  ['!Ref', 'Ref'],
  ['!Sub', 'Fn::Sub'],
  ['!GetAtt', 'Fn::GetAtt'],
  ['!If', 'Fn::If'],
  ['!Join', 'Fn::Join'],
  ['!Select', 'Fn::Select'],
  ['!Split', 'Fn::Split'],
  ['!FindInMap', 'Fn::FindInMap'],
  ['!Base64', 'Fn::Base64'],
  ['!Cidr', 'Fn::Cidr'],
  ['!ImportValue', 'Fn::ImportValue'],
  ['!GetAZs', 'Fn::GetAZs'],
  ['!Condition', 'Condition'],
  ['!And', 'Fn::And'],
  ['!Or', 'Fn::Or'],
  ['!Not', 'Fn::Not'],
  ['!Equals', 'Fn::Equals'],
  ['!Transform', 'Fn::Transform'],
];

/** YAML for `V: <tag> <arg>` in each form, and the same argument in block style for the long form. */
const FORMS = {
  scalar: { short: (tag: string) => `V: ${tag} Name.Attr\n`, long: (name: string) => `V:\n  ${name}: Name.Attr\n`, js: 'Name.Attr' },
  sequence: {
    short: (tag: string) => `V: ${tag}\n  - a\n  - [b, c]\n`,
    long: (name: string) => `V:\n  ${name}:\n    - a\n    - [b, c]\n`,
    js: ['a', ['b', 'c']],
  },
  flowSequence: {
    short: (tag: string) => `V: ${tag} [a, [b, c]]\n`,
    long: (name: string) => `V: {${name}: [a, [b, c]]}\n`,
    js: ['a', ['b', 'c']],
  },
  mapping: {
    short: (tag: string) => `V: ${tag}\n  Name: X\n  Parameters: {P: 1}\n`,
    long: (name: string) => `V:\n  ${name}:\n    Name: X\n    Parameters: {P: 1}\n`,
    js: { Name: 'X', Parameters: { P: 1 } },
  },
} as const;

function value(text: string): Node {
  const { root, problems } = parseYaml(text);
  assert.deepEqual(problems, [], text);
  const v = get(root, 'V');
  assert.ok(v, text);
  return v;
}

describe('core: intrinsic functions, short and long form', () => {
  for (const [tag, name] of TAGS) {
    for (const [form, f] of Object.entries(FORMS)) {
      it(`${tag} in ${form} form is the same ${name} as the long form`, () => {
        const shortNode = value(f.short(tag));
        assert.equal(shortNode.kind, 'intrinsic');
        const s = shortNode as IntrinsicNode;
        assert.equal(s.name, name);
        assert.equal(s.short, true);
        assert.deepEqual(toJs(s), { [name]: f.js });
        // The node starts at the tag, so diagnostics underline `!Tag …` and not only the argument.
        const text = f.short(tag);
        assert.equal(text.slice(s.start, s.start + tag.length), tag);

        const longNode = value(f.long(name));
        assert.deepEqual(toJs(longNode), { [name]: f.js });
        if (name !== 'Condition') {
          // `{Condition: X}` stays a mapping: the same key is a resource attribute and an IAM statement key.
          assert.equal(longNode.kind, 'intrinsic');
          assert.equal((longNode as IntrinsicNode).name, name);
          assert.equal((longNode as IntrinsicNode).short, false);
        }

        const json = parseJson(`{"V": ${JSON.stringify({ [name]: f.js })}}`);
        assert.deepEqual(json.problems, []);
        assert.deepEqual(toJs(get(json.root, 'V')), { [name]: f.js });
      });
    }
  }

  it('marks a document that uses short tags, so fixes write intrinsics the same way', () => {
    const short = parseDocument(
      'file:///t.yaml',
      1,
      'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: !Ref Name}\n',
    );
    const long = parseDocument(
      'file:///t.yaml',
      1,
      'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: {Ref: Name}}\n',
    );
    assert.equal(short.usesShortTags, true);
    assert.equal(long.usesShortTags, false);
    assert.deepEqual(toJs(getPath(short.root, ['Resources', 'B', 'Properties', 'BucketName'])), { Ref: 'Name' });
    assert.deepEqual(toJs(getPath(long.root, ['Resources', 'B', 'Properties', 'BucketName'])), { Ref: 'Name' });
  });

  it('nests short forms inside long forms and the other way round', () => {
    const v = value("V:\n  Fn::If:\n    - C\n    - !Sub '${A}-x'\n    - {Fn::GetAtt: [B, Arn]}\n");
    assert.deepEqual(toJs(v), { 'Fn::If': ['C', { 'Fn::Sub': '${A}-x' }, { 'Fn::GetAtt': ['B', 'Arn'] }] });
  });
});

describe('core: JSON ranges', () => {
  const text =
    '{\n  "Description": "caf\u00e9 \ud83d\ude80",\n  "Resources": {\n    "B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Ref": "Name"}, "Size": 12.5, "On": true, "None": null}}\n  }\n}\n';
  const { root, problems } = parseJson(text);
  const props = getPath(root, ['Resources', 'B', 'Properties']);
  const slice = (n: { start: number; end: number } | undefined): string => (n ? text.slice(n.start, n.end) : '<none>');

  it('parses without problems', () => assert.deepEqual(problems, []));
  it('gives exact ranges for strings (quotes included), numbers, booleans and null after a non-BMP character', () => {
    assert.equal(slice(get(root, 'Description')), '"caf\u00e9 \ud83d\ude80"');
    assert.equal(slice(get(props, 'Size')), '12.5');
    assert.equal(slice(get(props, 'On')), 'true');
    assert.equal(slice(get(props, 'None')), 'null');
  });
  it('gives exact ranges for objects, keys and intrinsics', () => {
    assert.equal(
      slice(getPath(root, ['Resources', 'B'])),
      '{"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Ref": "Name"}, "Size": 12.5, "On": true, "None": null}}',
    );
    const ref = get(props, 'BucketName');
    assert.equal(ref?.kind, 'intrinsic');
    assert.equal(slice(ref), '{"Ref": "Name"}');
    assert.ok(props?.kind === 'map');
    assert.equal(slice(props.pairs[0].key), '"BucketName"');
    assert.equal(slice(props.pairs[0]), '"BucketName": {"Ref": "Name"}');
  });
  it('maps offsets to LSP positions in UTF-16 units', () => {
    const doc = parseDocument('file:///t.json', 1, text);
    const resources = get(doc.root, 'Resources')!;
    assert.deepEqual(doc.lines.positionAt(resources.start), { line: 2, character: 15 });
    const desc = get(doc.root, 'Description')!;
    // "café 🚀" is 6 code points but 7 UTF-16 units, plus the quotes.
    assert.equal(doc.lines.positionAt(desc.end).character - doc.lines.positionAt(desc.start).character, 9);
  });
});
