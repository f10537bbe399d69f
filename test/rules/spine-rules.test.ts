import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseDocument } from '../../core/document';
import { analyze, Finding } from '../../core/engine';
import { applyFix } from '../../core/fix/apply';
import { getPath, toJs } from '../../core/nodes';
import { ruleById } from '../../rules';
import { FIXTURES, parseFile } from './helpers';

function run(ruleId: string, file: string): Finding[] {
  return analyze(parseFile(path.join(FIXTURES, ruleId, file)), [ruleById.get(ruleId)!]).findings;
}

function flagged(ruleId: string, file: string): string[] {
  return [...new Set(run(ruleId, file).map((f) => f.resource ?? '?'))].sort();
}

function inline(ruleId: string, text: string, uri = 'file:///inline.yaml'): Finding[] {
  return analyze(parseDocument(uri, 1, text), [ruleById.get(ruleId)!]).findings;
}

// Per rule: exactly which resources of each bad fixture are flagged ("Noncompliance" cases), and the behaviours the docs promise.
describe('spine rules: every bad case, and nothing else', () => {
  const cases: [string, string, string[]][] = [
    ['iam-no-user', 'bad.yaml', ['DeployUser', 'ReportingUser']],
    ['iam-no-user', 'bad.json', ['DeployUser']],
    ['iam-no-access-key', 'bad.yaml', ['CiKey', 'LegacyKey']],
    ['iam-no-access-key', 'bad.json', ['CiKey']],
    [
      'ec2-imdsv2-required',
      'bad.yaml',
      ['Al2023Optional', 'Al2Host', 'Bare', 'Conditional', 'FlowStyle', 'FromTemplate', 'NoOptions', 'Optional', 'ViaParameter'],
    ],
    ['ec2-imdsv2-required', 'bad.json', ['Bare', 'NoOptions', 'Optional', 'ViaParameter']],
    ['rds-storage-encrypted', 'bad.yaml', ['Conditional', 'Empty', 'Explicit', 'Flow', 'Plain', 'ServerlessV1SaysFalse', 'ViaParameter']],
    ['rds-storage-encrypted', 'bad.json', ['Explicit', 'Plain', 'ViaParameter']],
    ['ebs-volume-encrypted', 'bad.yaml', ['Conditional', 'Explicit', 'Flow', 'Missing', 'ViaParameter']],
    ['ebs-volume-encrypted', 'bad.json', ['Explicit', 'Missing', 'NoProperties']],
    ['s3-bucket-enforce-tls', 'bad.yaml', ['Assets', 'Data', 'Logs', 'Orphan', 'Reports']],
    ['s3-bucket-enforce-tls', 'bad.json', ['Assets', 'Orphan']],
    ['elbv2-listener-https', 'bad.yaml', ['Flow', 'Forwarding', 'SameProtocol', 'ViaParameter']],
    ['elbv2-listener-https', 'bad.json', ['Forwarding', 'NoActions']],
  ];
  for (const [id, file, resources] of cases) {
    it(`${id} ${file}: ${resources.join(', ')}`, () => assert.deepEqual(flagged(id, file), resources));
  }
});

describe('iam-no-access-key', () => {
  it('points at the places that read the secret', () => {
    const f = run('iam-no-access-key', 'bad.yaml').find((x) => x.resource === 'CiKey')!;
    assert.equal(f.related.length, 1);
    assert.equal(f.fixes.length, 0, 'no automatic fix');
    assert.match(f.message, /IAM role/);
    assert.match(f.message, /Roles Anywhere/);
    assert.match(f.message, /Identity Center/);
    const json = run('iam-no-access-key', 'bad.json')[0];
    assert.equal(json.related.length, 1, 'Fn::Sub ${Key.SecretAccessKey} counts too');
  });
});

describe('rds-storage-encrypted', () => {
  it('reports a parameter-driven value at the !Ref, with the parameter as related information', () => {
    const f = run('rds-storage-encrypted', 'bad.yaml').find((x) => x.resource === 'ViaParameter')!;
    assert.equal(f.related.length, 1);
    assert.match(f.fixes[0].title, /replaces/);
  });
  it('skips Aurora instances, replicas, restores and Serverless v1, but not a cluster member without a cluster id', () => {
    assert.deepEqual(flagged('rds-storage-encrypted', 'good.yaml'), []);
    const t =
      'Resources:\n  I:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      DBClusterIdentifier: !If [C, !Ref Cl, !Ref AWS::NoValue]\n      Engine: aurora-mysql\n';
    assert.deepEqual(
      inline('rds-storage-encrypted', t).map((f) => f.resource),
      [],
      'a cluster id in one branch: the cluster may decide',
    );
  });
  it('is quiet while StorageEncrypted is being typed', () => {
    assert.deepEqual(
      inline('rds-storage-encrypted', 'Resources:\n  D:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      StorageEncrypted:\n'),
      [],
    );
  });
});

describe('s3-bucket-enforce-tls', () => {
  const fixes = (file: string) => {
    const doc = parseFile(path.join(FIXTURES, 's3-bucket-enforce-tls', file));
    return { doc, findings: analyze(doc, [ruleById.get('s3-bucket-enforce-tls')!]).findings };
  };

  it('appends to the existing policy, with the policy as related information', () => {
    const { doc, findings } = fixes('bad.yaml');
    const f = findings.find((x) => x.resource === 'Assets')!;
    assert.equal(f.related.length, 1);
    assert.equal(doc.text.slice(f.related[0].start, f.related[0].end), 'AssetsPolicy');
    const next = parseDocument(doc.uri, 2, applyFix(doc, f.fixes[0]));
    const stmts = toJs(getPath(next.root, ['Resources', 'AssetsPolicy', 'Properties', 'PolicyDocument', 'Statement'])) as unknown[];
    assert.equal(stmts.length, 2);
    assert.deepEqual(stmts[1], {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [{ 'Fn::GetAtt': 'Assets.Arn' }, { 'Fn::Sub': '${Assets.Arn}/*' }],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('turns a single statement mapping into a list', () => {
    const { doc, findings } = fixes('bad.yaml');
    const f = findings.find((x) => x.resource === 'Reports')!;
    const next = parseDocument(doc.uri, 2, applyFix(doc, f.fixes[0]));
    const stmts = toJs(getPath(next.root, ['Resources', 'ReportsPolicy', 'Properties', 'PolicyDocument', 'Statement'])) as {
      Effect: string;
    }[];
    assert.deepEqual(
      stmts.map((s) => s.Effect),
      ['Deny', 'Deny'],
    );
  });

  it('adds <Bucket>TlsPolicy, carrying the bucket condition, in the file intrinsic style', () => {
    const { doc, findings } = fixes('bad.yaml');
    const f = findings.find((x) => x.resource === 'Logs')!;
    const text = applyFix(doc, f.fixes[0]);
    assert.ok(
      text.includes(
        '  LogsTlsPolicy:\n    Type: AWS::S3::BucketPolicy\n    Condition: HasLogs\n    Properties:\n      Bucket: !Ref Logs\n',
      ),
      text,
    );
    const json = fixes('bad.json');
    const jf = json.findings.find((x) => x.resource === 'Orphan')!;
    const jtext = applyFix(json.doc, jf.fixes[0]);
    assert.ok(jtext.includes('"Bucket": {"Ref": "Orphan"}'), jtext);
    assert.ok(jtext.includes('{"Fn::GetAtt": ["Orphan", "Arn"]}'), jtext);
  });

  it('picks a free policy id and a free Sid', () => {
    const t = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n  BTlsPolicy:\n    Type: AWS::SNS::Topic\n';
    const [f] = inline('s3-bucket-enforce-tls', t);
    assert.match(f.fixes[0].title, /BTlsPolicy2/);
    const p =
      "Resources:\n  B:\n    Type: AWS::S3::Bucket\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref B\n      PolicyDocument:\n        Statement:\n          - Sid: DenyInsecureTransport\n            Effect: Allow\n            Principal: '*'\n            Action: s3:GetObject\n            Resource: '*'\n";
    const doc = parseDocument('file:///p.yaml', 1, p);
    const [g] = analyze(doc, [ruleById.get('s3-bucket-enforce-tls')!]).findings;
    assert.ok(applyFix(doc, g.fixes[0]).includes('Sid: DenyInsecureTransport2'));
  });

  it('accepts a TLS deny written in any accepted shape, and says nothing about an unreadable policy', () => {
    assert.deepEqual(flagged('s3-bucket-enforce-tls', 'good.yaml'), []);
    assert.deepEqual(flagged('s3-bucket-enforce-tls', 'good.json'), []);
  });

  it('does not count a Deny narrowed by another condition', () => {
    const t =
      "Resources:\n  B:\n    Type: AWS::S3::Bucket\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref B\n      PolicyDocument:\n        Statement:\n          - Effect: Deny\n            Principal: '*'\n            Action: s3:*\n            Resource: '*'\n            Condition:\n              Bool: {aws:SecureTransport: false}\n              StringEquals: {aws:SourceVpc: vpc-1}\n";
    assert.deepEqual(
      inline('s3-bucket-enforce-tls', t).map((f) => f.resource),
      ['B'],
    );
  });

  it('does not attach a policy for another bucket', () => {
    const t =
      "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: a}\n  B:\n    Type: AWS::S3::Bucket\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Sub '${B}-replica'\n      PolicyDocument:\n        Statement:\n          - {Effect: Deny, Principal: '*', Action: 's3:*', Resource: '*', Condition: {Bool: {aws:SecureTransport: 'false'}}}\n";
    assert.deepEqual(
      inline('s3-bucket-enforce-tls', t)
        .map((f) => f.resource)
        .sort(),
      ['A', 'B'],
    );
  });
});

describe('elbv2-listener-https', () => {
  it('keeps the flow style of a flow DefaultActions', () => {
    const doc = parseFile(path.join(FIXTURES, 'elbv2-listener-https', 'bad.yaml'));
    const f = analyze(doc, [ruleById.get('elbv2-listener-https')!]).findings.find((x) => x.resource === 'ViaParameter')!;
    assert.ok(
      applyFix(doc, f.fixes[0]).includes(
        "DefaultActions: [{Type: redirect, RedirectConfig: {Protocol: HTTPS, Port: '443', StatusCode: HTTP_301}}]",
      ),
    );
  });
  it('accepts a redirect-only HTTP listener and ignores other protocols', () => {
    assert.deepEqual(flagged('elbv2-listener-https', 'good.yaml'), []);
  });
});
