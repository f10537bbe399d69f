import * as assert from 'node:assert/strict';
import { parseDocument, ParsedDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { maskAll, maskSecret } from '../../core/secrets';
import { rules } from '../../rules';

/** The rules of the spine issue: a half-typed template must not make any of them speak. */
const SPINE = [
  'iam-no-user',
  'iam-no-access-key',
  'ec2-imdsv2-required',
  'rds-storage-encrypted',
  'ebs-volume-encrypted',
  's3-bucket-enforce-tls',
  'elbv2-listener-https',
];

function run(uri: string, text: string): { doc: ParsedDocument; codes: string[] } {
  const doc = parseDocument(uri, 1, text);
  const res = analyze(doc, rules);
  assert.deepEqual(res.ruleErrors, [], 'no rule throws');
  return { doc, codes: res.problems.map((p) => p.code) };
}

describe('core: bad input', () => {
  it('malformed YAML gives one parse error, at the error', () => {
    const text =
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: [x}\n  B:\n    Type: AWS::S3::Bucket\n";
    const { doc, codes } = run('file:///bad.yaml', text);
    assert.deepEqual(codes, ['parse-error']);
    assert.equal(doc.kind, 'cfn', "still the user's template, so the error is shown");
    assert.equal(doc.lines.positionAt(doc.problems[0].start).line, 4);
  });

  it('a YAML error that loses a resource type still shows the parse error', () => {
    const { doc, codes } = run('file:///bad.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n      Bad: indent\n');
    assert.deepEqual(codes, ['parse-error']);
    assert.equal(doc.lines.positionAt(doc.problems[0].start).line, 2);
  });

  it('malformed JSON gives one parse error, at the error', () => {
    for (const [text, at] of [
      ['{\n  "Resources": {\n    "A": {"Type": "AWS::S3::Bucket",}\n  }\n}\n', '}'],
      ['{\n  "Resources": {\n    "A": {"Type": "AWS::S3::Bucket" "Properties": {}}\n  }\n}\n', '"Properties"'],
    ] as const) {
      const { doc, codes } = run('file:///bad.json', text);
      assert.deepEqual(codes, ['parse-error'], text);
      const p = doc.problems[0];
      assert.equal(doc.lines.positionAt(p.start).line, 2, text);
      assert.ok(text.slice(p.start).startsWith(at), `${text.slice(p.start, p.start + 12)} at ${at}`);
    }
  });

  it('a YAML alias bomb finishes with yaml-alias problems and nothing expanded', () => {
    const lines = [
      'Resources:',
      '  A:',
      '    Type: AWS::S3::Bucket',
      'Bomb:',
      '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`  ${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const { codes } = run('file:///bomb.yaml', lines.join('\n') + '\n');
    assert.ok(codes.includes('yaml-alias'), codes.join());
    assert.ok(codes.length < 200, `one problem per alias written, not per expansion: ${codes.length}`);
  });

  it('a 20 MB template is refused as too large', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${'  # padding line to make the file large\n'.repeat((20 * 1024 * 1024) / 40)}`;
    assert.ok(text.length >= 20 * 1024 * 1024);
    const { doc, codes } = run('file:///big.yaml', text);
    assert.deepEqual(codes, ['too-large']);
    assert.equal(doc.root, undefined);
  });

  it('a binary file named template.yaml is reported as binary', () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const { codes } = run('file:///project/template.yaml', bytes.toString('latin1'));
    assert.deepEqual(codes, ['binary']);
    // A binary file with another name is simply left alone.
    assert.deepEqual(run('file:///project/logo.png', bytes.toString('latin1')).codes, []);
  });

  it('10,000 levels of nesting give too-deep or a parse error, never a crash', () => {
    const deep = 10_000;
    const cases: [string, string][] = [
      ['file:///deep.yaml', `Resources: ${'['.repeat(deep)}${']'.repeat(deep)}\n`],
      // 1,000 levels (500 KB): 2,000 would pass the 1 MB a YAML file may take outside the scanner (too-large).
      ['file:///deep-block.yaml', `Resources:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n')} 1\n`],
      ['file:///deep.json', `{"Resources": ${'['.repeat(deep)}${']'.repeat(deep)}}`],
      ['file:///deep-obj.json', `{"Resources": ${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}}`],
    ];
    for (const [uri, text] of cases) {
      const { codes } = run(uri, text);
      assert.ok(
        codes.some((c) => c === 'too-deep' || c === 'parse-error'),
        `${uri}: ${codes.join()}`,
      );
    }
  });

  it('an empty file yields nothing', () => {
    for (const uri of ['file:///template.yaml', 'file:///template.json']) {
      for (const text of ['', '\n', '   \n\n']) {
        const { doc, codes } = run(uri, text);
        assert.deepEqual(codes, [], uri);
        assert.equal(doc.kind, 'none');
      }
    }
  });

  it('a template with every resource half-typed does not crash and gets no finding from the spine rules', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  P:
Resources:
  Typing:
    Type: AWS::IAM::
  NoType:
    Properties: {UserName: x}
  ListProps:
    Type: AWS::RDS::DBInstance
    Properties: [StorageEncrypted, false]
  EmptyProps:
    Type: AWS::EC2::Volume
    Properties:
  EmptyValue:
    Type: AWS::RDS::DBCluster
    Properties:
      StorageEncrypted:
  WrongType:
    Type: AWS::EC2::Volume
    Properties:
      Encrypted: [true]
  MapWhereScalar:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      Protocol: {HTTP: 1}
      DefaultActions: forward
  EmptyListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      Protocol:
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        MetadataOptions:
          HttpTokens:
  Lt2:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData: [1, 2]
  Instance:
    Type: AWS::EC2::Instance
    Properties:
      LaunchTemplate: [x]
      MetadataOptions: nope
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement: [!Ref P]
  Bucket:
    Type: AWS::S3::Bucket
    Properties: 42
  Ref: !Ref
  Str: just a string
  Num: 3
  Seq: [a, b]
`;
    const doc = parseDocument('file:///half.yaml', 1, text);
    assert.equal(doc.kind, 'cfn');
    const res = analyze(doc, rules);
    assert.deepEqual(res.ruleErrors, []);
    assert.deepEqual(
      res.findings.filter((f) => SPINE.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.resource}`),
      [],
    );
    // The same half-typed resources in JSON.
    const json = parseDocument(
      'file:///half.json',
      1,
      JSON.stringify({
        Resources: {
          A: { Type: 'AWS::RDS::DBInstance', Properties: ['x'] },
          B: { Type: 'AWS::EC2::Volume', Properties: { Encrypted: null } },
          C: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { Protocol: 'HTTP', DefaultActions: { Ref: 'X' } } },
          D: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'E' }, PolicyDocument: { 'Fn::If': ['C', {}, {}] } } },
          E: { Type: 'AWS::S3::Bucket' },
          F: { Type: 42 },
          G: null,
        },
      }),
    );
    const r2 = analyze(json, rules);
    assert.deepEqual(r2.ruleErrors, []);
    assert.deepEqual(
      r2.findings.filter((f) => SPINE.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.resource}`),
      [],
    );
  });

  it('masks a secret wherever it appears, keeping only a short prefix', () => {
    const secret = 'AKIAIOSFODNN7EXAMPLE';
    assert.equal(maskSecret(secret), 'AKIA********');
    assert.equal(maskSecret('abc'), '****');
    assert.equal(maskAll(`key ${secret} and again ${secret}`, [secret]), 'key AKIA******** and again AKIA********');
  });
});
