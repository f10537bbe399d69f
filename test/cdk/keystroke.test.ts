import * as assert from 'node:assert/strict';
import { parseDocument, ParsedDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { CdkModel } from '../../core/cdk/model';
import { initCdkPython } from '../../core/cdk/py-init';
import { rules } from '../../rules';
import { rng } from '../../bench/generate';
import { STRICT } from '../rules/helpers';

/**
 * The keystroke path re-parses only what changed (Python: the edited statement, py-tree.ts;
 * TypeScript: `updateSourceFile`) and replays the other statements' models, moved (memo.ts). Here
 * every keystroke of a long random session is checked against a full parse of the same text: the
 * whole model and every finding.
 */

const STACK = `import aws_cdk as cdk
from aws_cdk import Aspects, Stack, aws_ec2 as ec2, aws_iam as iam, aws_s3 as s3, aws_sqs as sqs
from cdk_nag import NagSuppressions
from constructs import Construct

ENC = s3.BucketEncryption.KMS_MANAGED
SSL = False
NAME = "café ☕"


class Big(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        vpc = ec2.Vpc(self, "Vpc")
        logs = s3.Bucket(self, "Logs", enforce_ssl=True, encryption=ENC)
        bucket = s3.Bucket(self, "Data",
            versioned=True,
            encryption=ENC,
            enforce_ssl=SSL,
            server_access_logs_bucket=logs,
        )
        q = sqs.Queue(self, "Queue", enforce_ssl=True)  # "日本" keeps UTF-16 honest
        ec2.Instance(self, "Web",
            vpc=vpc,
            instance_type=ec2.InstanceType("t3.micro"),
            machine_image=ec2.MachineImage.latest_amazon_linux2023(),
            require_imdsv2=False,
        )
        bucket.add_to_resource_policy(iam.PolicyStatement(actions=["s3:*"], resources=[bucket.arn_for_objects("*")], principals=[iam.AnyPrincipal()]))
        if NAME:
            s3.CfnBucket(self, "Raw", versioning_configuration={"status": "Enabled"})
        NagSuppressions.add_resource_suppressions(q, [{"id": "AwsSolutions-SQS3", "reason": "the queue is its own dead-letter queue"}])
        Aspects.of(self).add(ec2.InstanceRequireImdsv2Aspect())
`;

/** Edits a user makes while typing: most keep the file valid, some break it for a while. */
const EDITS: ((t: string, r: () => number) => string)[] = [
  (t, r) => toggle(t, r, 'True', 'False'),
  (t, r) => toggle(t, r, 'False', 'True'),
  (t) => t.replace('KMS_MANAGED', 'S3_MANAGED'),
  (t) => t.replace('S3_MANAGED', 'KMS_MANAGED'),
  (t) => t.replace('SSL = False', 'SSL = True'),
  (t) => t.replace('SSL = True', 'SSL = False'),
  (t, r) => insertAt(t, pick(t, r, /"[A-Z][a-z]+/g, 2), 'x'),
  (t, r) => insertAt(t, pick(t, r, /, /g, 1), ' '),
  (t, r) => insertAt(t, pick(t, r, /\n {8}\S/g, 1), '\n'),
  (t) => t.replace('q = sqs.Queue', 'queue = sqs.Queue'),
  (t) => t.replace('queue = sqs.Queue', 'q = sqs.Queue'),
  (t) => t.replace('from cdk_nag import NagSuppressions\n', ''),
  (t) => (t.includes('cdk_nag') ? t : t.replace('from constructs', 'from cdk_nag import NagSuppressions\nfrom constructs')),
  (t) => t.replace('vpc=vpc,', 'vpc=vpc, '),
  (t) => t.replace('logs = s3', 'log = s3'),
  (t) => t.replace('log = s3', 'logs = s3'),
  // Half-typed: a statement left open, then closed again.
  (t) => t.replace('enforce_ssl=True)  #', 'enforce_ssl=True  #'),
  (t) => t.replace('enforce_ssl=True  #', 'enforce_ssl=True)  #'),
  (t, r) => deleteAt(t, Math.floor(r() * t.length)),
];

function toggle(t: string, r: () => number, from: string, to: string): string {
  const at = pick(t, r, new RegExp(`\\b${from}\\b`, 'g'), 0);
  return at < 0 ? t : t.slice(0, at) + to + t.slice(at + from.length);
}

/** Offset (plus `shift`) of a random match of `re`, or -1. */
function pick(t: string, r: () => number, re: RegExp, shift: number): number {
  const all = [...t.matchAll(re)];
  return all.length ? all[Math.floor(r() * all.length)].index + shift : -1;
}

function insertAt(t: string, at: number, s: string): string {
  return at < 0 ? t : t.slice(0, at) + s + t.slice(at);
}

function deleteAt(t: string, at: number): string {
  return t.slice(0, at) + t.slice(at + 1);
}

function plain(m: CdkModel | undefined): unknown {
  return m && { ...m, state: undefined };
}

function findingKeys(d: ParsedDocument): string[] {
  const res = analyze(d, rules, STRICT);
  assert.deepEqual(res.ruleErrors, []);
  return res.findings.map((f) => `${f.ruleId}@${f.start}-${f.end}:${f.message}:${f.fixes.map((x) => x.title).join('|')}`);
}

function rootOf(d: ParsedDocument): unknown {
  return (d.cdk?.state?.handle as { root?: unknown } | undefined)?.root;
}

before(async () => {
  await initCdkPython();
});

describe('CDK Python: keystroke path against full parses', () => {
  it('a 400-keystroke session gives, at every step, the model and findings of a full parse', () => {
    const r = rng(7);
    let text = STACK;
    let d = parseDocument('untitled:/inc.py', 1, text, 'python');
    let spliced = 0;
    let replayed = 0;
    let broken = 0;
    for (let step = 0; step < 400; step++) {
      // Mostly valid edits; a random deletion now and then, undone when the file stays broken too long.
      let next = text;
      for (let tries = 0; tries < 10 && next === text; tries++) next = EDITS[Math.floor(r() * EDITS.length)](text, r);
      if (broken > 3) next = STACK;
      const prev = d;
      d = parseDocument(d.uri, d.version + 1, next, 'python', prev);
      const full = parseDocument('untitled:/full.py', 1, next, 'python');
      assert.deepStrictEqual(plain(d.cdk), plain(full.cdk), `step ${step}: model differs`);
      assert.deepEqual(findingKeys(d), findingKeys(full), `step ${step}: findings differ`);
      if (d.cdk && prev.cdk && rootOf(d) === rootOf(prev)) spliced++;
      // The Vpc statement comes before almost every edit: its construct object is replayed, not rebuilt.
      const vpc = (m: CdkModel | undefined) => m?.constructs.find((c) => c.id === 'Vpc');
      if (vpc(d.cdk) && vpc(d.cdk) === vpc(prev.cdk)) replayed++;
      // Broken, or no longer CDK (a deletion in an import): typing goes on from the clean stack after a few keys.
      broken = !d.cdk || (rootOf(d) as { hasError?: boolean }).hasError ? broken + 1 : 0;
      text = next;
    }
    // The fast paths must have been taken, or this test would check nothing new.
    console.log(`      ${spliced} keystrokes re-parsed one statement, ${replayed} replayed the Vpc statement`);
    assert.ok(spliced > 200, `only ${spliced} keystrokes re-parsed one statement`);
    assert.ok(replayed > 120, `only ${replayed} keystrokes replayed the Vpc statement`);
  });

  it('an edit that changes a constant re-evaluates the statements that read it', () => {
    let d = parseDocument('untitled:/c.py', 1, STACK, 'python');
    const enc = (m: CdkModel | undefined) => m?.constructs.find((c) => c.id === 'Data')?.props;
    assert.match(JSON.stringify(enc(d.cdk)), /KMS_MANAGED/);
    d = parseDocument(
      d.uri,
      2,
      STACK.replace('ENC = s3.BucketEncryption.KMS_MANAGED', 'ENC = s3.BucketEncryption.UNENCRYPTED'),
      'python',
      d,
    );
    assert.match(JSON.stringify(enc(d.cdk)), /UNENCRYPTED/);
    assert.doesNotMatch(JSON.stringify(enc(d.cdk)), /KMS_MANAGED/);
  });

  it('a document parsed twice from the same previous one gets a correct model both times', () => {
    const d1 = parseDocument('untitled:/t.py', 1, STACK, 'python');
    const a = STACK.replace('"Logs"', '"Logz"');
    const b = STACK.replace('"Queue"', '"Queux"');
    const da = parseDocument(d1.uri, 2, a, 'python', d1);
    const db = parseDocument(d1.uri, 2, b, 'python', d1);
    assert.deepStrictEqual(plain(da.cdk), plain(parseDocument('untitled:/f.py', 1, a, 'python').cdk));
    assert.deepStrictEqual(plain(db.cdk), plain(parseDocument('untitled:/f.py', 1, b, 'python').cdk));
  });
});

const TS_STACK = `import * as cdk from 'aws-cdk-lib';
import { Aspects, Stack, aws_ec2 as ec2, aws_iam as iam, aws_s3 as s3, aws_sqs as sqs } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';

const ENC = s3.BucketEncryption.KMS_MANAGED;
const SSL = false;
const NAME = 'café ☕';

export class Big extends Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc');
    const logs = new s3.Bucket(this, 'Logs', { enforceSSL: true, encryption: ENC });
    const bucket = new s3.Bucket(this, 'Data', {
      versioned: true,
      encryption: ENC,
      enforceSSL: SSL,
      serverAccessLogsBucket: logs,
    });
    const q = new sqs.Queue(this, 'Queue', { enforceSSL: true }); // "日本" keeps UTF-16 honest
    new ec2.Instance(this, 'Web', {
      vpc,
      instanceType: new ec2.InstanceType('t3.micro'),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      requireImdsv2: false,
    });
    bucket.addToResourcePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: [bucket.arnForObjects('*')], principals: [new iam.AnyPrincipal()] }));
    if (NAME) {
      new s3.CfnBucket(this, 'Raw', { versioningConfiguration: { status: 'Enabled' } });
    }
    NagSuppressions.addResourceSuppressions(q, [{ id: 'AwsSolutions-SQS3', reason: 'the queue is its own dead-letter queue' }]);
    Aspects.of(this).add(new ec2.InstanceRequireImdsv2Aspect());
  }
}
`;

const TS_EDITS: ((t: string, r: () => number) => string)[] = [
  (t, r) => toggle(t, r, 'true', 'false'),
  (t, r) => toggle(t, r, 'false', 'true'),
  (t) => t.replace('KMS_MANAGED', 'S3_MANAGED'),
  (t) => t.replace('S3_MANAGED', 'KMS_MANAGED'),
  (t) => t.replace('const SSL = false', 'const SSL = true'),
  (t) => t.replace('const SSL = true', 'const SSL = false'),
  (t, r) => insertAt(t, pick(t, r, /'[A-Z][a-z]+/g, 2), 'x'),
  (t, r) => insertAt(t, pick(t, r, /, /g, 1), ' '),
  (t, r) => insertAt(t, pick(t, r, /\n {4}\S/g, 1), '\n'),
  (t) => t.replace('const q = new sqs', 'const queue = new sqs'),
  (t) => t.replace('const queue = new sqs', 'const q = new sqs'),
  (t) => t.replace("import { NagSuppressions } from 'cdk-nag';\n", ''),
  (t) =>
    t.includes('cdk-nag') ? t : t.replace('import { Construct }', "import { NagSuppressions } from 'cdk-nag';\nimport { Construct }"),
  (t) => t.replace('const logs = new', 'const log = new'),
  (t) => t.replace('const log = new', 'const logs = new'),
  (t) => t.replace('{ enforceSSL: true }); //', '{ enforceSSL: true }; //'),
  (t) => t.replace('{ enforceSSL: true }; //', '{ enforceSSL: true }); //'),
  (t, r) => deleteAt(t, Math.floor(r() * t.length)),
];

describe('CDK TypeScript: keystroke path against full parses', () => {
  it('a 400-keystroke session gives, at every step, the model and findings of a full parse', () => {
    const r = rng(11);
    let text = TS_STACK;
    let d = parseDocument('untitled:/inc.ts', 1, text, 'typescript');
    let replayed = 0;
    let lost = 0;
    for (let step = 0; step < 400; step++) {
      let next = text;
      for (let tries = 0; tries < 10 && next === text; tries++) next = TS_EDITS[Math.floor(r() * TS_EDITS.length)](text, r);
      // Typing goes on from the clean stack when a deletion (in an import, say) hid the Vpc for a few keys.
      if (lost > 3) next = TS_STACK;
      const prev = d;
      d = parseDocument(d.uri, d.version + 1, next, 'typescript', prev);
      const full = parseDocument('untitled:/full.ts', 1, next, 'typescript');
      assert.deepStrictEqual(plain(d.cdk), plain(full.cdk), `step ${step}: model differs`);
      assert.deepEqual(findingKeys(d), findingKeys(full), `step ${step}: findings differ`);
      const vpc = (m: CdkModel | undefined) => m?.constructs.find((c) => c.id === 'Vpc');
      if (vpc(d.cdk) && vpc(d.cdk) === vpc(prev.cdk)) replayed++;
      lost = vpc(d.cdk) ? 0 : lost + 1;
      text = next;
    }
    console.log(`      ${replayed} keystrokes replayed the Vpc statement`);
    assert.ok(replayed > 150, `only ${replayed} keystrokes replayed the Vpc statement`);
  });
});
