import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { clearProjectCache } from '../../core/cdk/project';
import { initCdkPython } from '../../core/cdk/py-init';
import { parseDocument } from '../../core/document';
import { analyze, Finding } from '../../core/engine';
import { rules } from '../../rules';

const TS_HEAD =
  "import { Stack } from 'aws-cdk-lib';\nimport * as ec2 from 'aws-cdk-lib/aws-ec2';\nimport * as s3 from 'aws-cdk-lib/aws-s3';\nimport * as kms from 'aws-cdk-lib/aws-kms';\nimport { Construct } from 'constructs';\n";
const PY_HEAD = 'from aws_cdk import Stack, aws_ec2 as ec2, aws_s3 as s3, aws_kms as kms\nfrom constructs import Construct\n';

function ts(body: string): string {
  return `${TS_HEAD}export class S extends Stack {\n  constructor(scope: Construct, id: string) {\n    super(scope, id);\n${body}\n  }\n}\n`;
}

function py(body: string): string {
  const lines = body.split('\n').map((l) => `        ${l}`);
  return `${PY_HEAD}\n\nclass S(Stack):\n    def __init__(self, scope: Construct, construct_id: str) -> None:\n        super().__init__(scope, construct_id)\n${lines.join('\n')}\n`;
}

function findings(text: string, lang: 'ts' | 'py', rule: string, uri = lang === 'ts' ? 'untitled:/s.ts' : 'untitled:/s.py'): Finding[] {
  const doc = parseDocument(uri, 1, text, lang === 'ts' ? 'typescript' : 'python');
  return analyze(doc, rules).findings.filter((f) => f.ruleId === rule);
}

/** Lines (1-based) of a rule's findings. */
function lines(text: string, lang: 'ts' | 'py', rule: string, uri?: string): number[] {
  return findings(text, lang, rule, uri).map((f) => f.range.start.line + 1);
}

// The table features the L2 gaps needed (core/cdk/table.ts), each in both languages.
describe('CDK L2 tables: conditions, references and follow-ups', () => {
  before(() => initCdkPython());

  it('isNot: a key spec other than SYMMETRIC_DEFAULT (or one the file does not decide) skips the rotation check', () => {
    const t = ts(
      "new kms.Key(this, 'A');\nnew kms.Key(this, 'B', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.SIGN_VERIFY });\nnew kms.Key(this, 'C', { keySpec: props.spec });\nnew kms.Key(this, 'D', { keySpec: kms.KeySpec.SYMMETRIC_DEFAULT });",
    );
    assert.deepEqual(lines(t, 'ts', 'kms-key-rotation-enabled'), [9, 12]);
    const p = py('kms.Key(self, "A")\nkms.Key(self, "B", key_spec=kms.KeySpec.RSA_2048, key_usage=kms.KeyUsage.SIGN_VERIFY)');
    assert.deepEqual(lines(p, 'py', 'kms-key-rotation-enabled'), [8]);
  });

  it('nonEmpty, a follow-up method and a referencing call make a VPC logged; an opaque reference says nothing', () => {
    const t = ts(
      "new ec2.Vpc(this, 'A', { flowLogs: {} });\nconst b = new ec2.Vpc(this, 'B');\nb.addFlowLog('F');\nconst c = new ec2.Vpc(this, 'C');\nnew ec2.FlowLog(this, 'CF', { resourceType: ec2.FlowLogResourceType.fromVpc(c) });\nnew ec2.Vpc(this, 'D');",
    );
    assert.deepEqual(lines(t, 'ts', 'vpc-flow-logs-enabled'), [9, 14]);
    const opaque = ts("new ec2.Vpc(this, 'D');\nnew ec2.FlowLog(this, 'X', { resourceType: ec2.FlowLogResourceType.fromVpc(props.vpc) });");
    assert.deepEqual(lines(opaque, 'ts', 'vpc-flow-logs-enabled'), []);
    const p = py('b = ec2.Vpc(self, "B")\nb.add_flow_log("F")\nec2.Vpc(self, "D")');
    assert.deepEqual(lines(p, 'py', 'vpc-flow-logs-enabled'), [10]);
  });

  it('a bucket that receives logs (by variable, inline, or through a method) needs no access log of its own', () => {
    const t = ts(
      "const logs = new s3.Bucket(this, 'Logs');\nnew s3.Bucket(this, 'Data', { serverAccessLogsBucket: logs });\nnew s3.Bucket(this, 'More', { serverAccessLogsBucket: new s3.Bucket(this, 'Inline') });\nnew s3.Bucket(this, 'Plain');",
    );
    assert.deepEqual(lines(t, 'ts', 's3-bucket-access-logging'), [12]);
    const p = py('logs = s3.Bucket(self, "Logs")\ns3.Bucket(self, "Data", server_access_logs_bucket=logs)\ns3.Bucket(self, "Plain")');
    assert.deepEqual(lines(p, 'py', 's3-bucket-access-logging'), [10]);
  });

  it('BLOCK_ACLS and omitted BlockPublicAccess settings are judged by the project feature flag', () => {
    const body =
      "new s3.Bucket(this, 'A', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS });\nnew s3.Bucket(this, 'B', { blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: true }) });";
    assert.equal(findings(ts(body), 'ts', 's3-bucket-public-access-block').length, 4);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-flag-'));
    try {
      fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ context: { '@aws-cdk/aws-s3:publicAccessBlockedByDefault': true } }));
      const file = path.join(dir, 'stack.ts');
      fs.writeFileSync(file, ts(body));
      clearProjectCache();
      assert.deepEqual(findings(ts(body), 'ts', 's3-bucket-public-access-block', pathToFileURL(file).href), []);
    } finally {
      clearProjectCache();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('onConstruct: no Block Public Access fix on a bucket that is public on purpose', () => {
    const t = ts(
      "new s3.Bucket(this, 'Site', { publicReadAccess: true, blockPublicAccess: new s3.BlockPublicAccess({ blockPublicPolicy: false, blockPublicAcls: true, ignorePublicAcls: true, restrictPublicBuckets: false }) });",
    );
    const f = findings(t, 'ts', 's3-bucket-public-access-block');
    assert.equal(f.length, 2);
    assert.deepEqual(
      f.map((x) => x.fixes.length),
      [0, 0],
    );
  });
});
