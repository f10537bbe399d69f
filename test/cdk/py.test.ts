import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parseDocument, ParsedDocument } from '../../core/document';
import { analyze, Finding } from '../../core/engine';
import { applyFix, fixAll } from '../../core/fix/apply';
import { CdkModel } from '../../core/cdk/model';
import { analyzePy, PyRuntime, pySyntaxError } from '../../core/cdk/py-analyzer';
import { initCdkPython, pythonRuntime } from '../../core/cdk/py-init';
import { rules } from '../../rules';
import { fixturePath, STRICT } from '../rules/helpers';

/** S3 findings about the bucket's own settings (access logging is judged on a prop of its own, written or not). */
const isS3Setting = (id: string): boolean => id.startsWith('s3-') && id !== 's3-bucket-access-logging';

const URI = 'untitled:/stack.py';
let rt: PyRuntime;

function doc(text: string, previous?: ParsedDocument): ParsedDocument {
  return parseDocument(URI, (previous?.version ?? 0) + 1, text, 'python', previous);
}

function findings(text: string): Finding[] {
  const res = analyze(doc(text), rules, STRICT);
  assert.deepEqual(res.ruleErrors, []);
  return res.findings;
}

function ids(text: string): string[] {
  return findings(text)
    .map((f) => f.ruleId)
    .sort();
}

function model(text: string): CdkModel {
  const m = analyzePy(rt, text);
  assert.ok(m, 'not recognised as CDK');
  return m;
}

/** A stack module: imports, then `body` (lines at the method's indentation). */
function stack(imports: string, body: string): string {
  const lines = body
    .split('\n')
    .map((l) => (l ? `        ${l}` : l))
    .join('\n');
  return `${imports}\nfrom constructs import Construct\n\n\nclass S(Stack):\n    def __init__(self, scope: Construct, id: str, **kwargs) -> None:\n        super().__init__(scope, id, **kwargs)\n${lines}\n`;
}

before(async () => {
  await initCdkPython();
  rt = pythonRuntime()!;
});

describe('CDK Python: import forms', () => {
  const table: [string, string][] = [
    ['from aws_cdk import Stack, aws_s3 as s3', 's3.Bucket(self, "B", encryption=s3.BucketEncryption.KMS)'],
    ['from aws_cdk import Stack\nimport aws_cdk.aws_s3 as s3', 's3.Bucket(self, "B", encryption=s3.BucketEncryption.KMS)'],
    [
      'from aws_cdk import Stack\nimport aws_cdk.aws_s3',
      'aws_cdk.aws_s3.Bucket(self, "B", encryption=aws_cdk.aws_s3.BucketEncryption.KMS)',
    ],
    ['import aws_cdk as cdk\nfrom aws_cdk import Stack', 'cdk.aws_s3.Bucket(self, "B", encryption=cdk.aws_s3.BucketEncryption.KMS)'],
    ['from aws_cdk import Stack\nfrom aws_cdk.aws_s3 import Bucket, BucketEncryption as BE', 'Bucket(self, "B", encryption=BE.KMS)'],
    ['from aws_cdk import Stack\nfrom aws_cdk import aws_s3', 'aws_s3.Bucket(self, "B", encryption=aws_s3.BucketEncryption.KMS)'],
    ['from aws_cdk import (\n    Stack,\n    aws_s3 as s3,\n)', 's3.Bucket(self, "B", encryption=s3.BucketEncryption.KMS)'],
    ['from aws_cdk import Stack, aws_s3 as s3\nENC = s3.BucketEncryption', 's3.Bucket(self, "B", encryption=ENC.KMS)'],
  ];
  for (const [imports, body] of table) {
    it(`resolves ${imports.split('\n').slice(-1)[0]}`, () => {
      const m = model(stack(imports, body));
      assert.deepEqual(
        m.constructs.map((c) => c.call.fqn),
        ['aws-s3.Bucket'],
      );
      const props = m.constructs[0].props;
      assert.equal(props?.k, 'obj');
      const enc = props?.k === 'obj' ? props.entries[0].value : undefined;
      assert.deepEqual(enc?.k === 'ref' ? enc.path : enc, 'aws-s3.BucketEncryption.KMS');
    });
  }

  it('normalises snake_case static methods and keeps enum members', () => {
    const m = model(
      stack(
        'from aws_cdk import Stack, SecretValue, aws_rds as rds, aws_iam as iam',
        'rds.Credentials.from_password("admin", SecretValue.unsafe_plain_text("x"))\niam.ManagedPolicy.from_aws_managed_policy_name("ReadOnlyAccess")',
      ),
    );
    assert.deepEqual(
      m.calls.map((c) => c.fqn),
      ['aws-rds.Credentials.fromPassword', 'core.SecretValue.unsafePlainText', 'aws-iam.ManagedPolicy.fromAwsManagedPolicyName'],
    );
    assert.deepEqual(
      m.calls.map((c) => c.isNew),
      [false, false, false],
    );
  });

  it('marks CDK v1 imports with an info note and still analyses them', () => {
    const d = doc(stack('from aws_cdk import core\nfrom aws_cdk import aws_s3 as s3\nStack = core.Stack', 's3.Bucket(self, "B")'));
    assert.equal(d.kind, 'cdk-py');
    assert.deepEqual(
      d.problems.map((p) => [p.code, p.severity]),
      [['cdk-v1-unsupported', 'info']],
    );
    assert.ok(analyze(d, rules, STRICT).findings.some((f) => f.ruleId === 's3-bucket-enforce-tls'));
    assert.deepEqual(
      doc('import aws_cdk.core as cdk\n').problems.map((p) => p.code),
      ['cdk-v1-unsupported'],
    );
  });

  it('leaves Python that does not import the CDK alone', () => {
    assert.equal(doc('import boto3\ns3 = boto3.client("s3")\n').kind, 'none');
    assert.equal(doc('# mentions aws_cdk only in a comment\nimport os\n').kind, 'none');
  });
});

describe('CDK Python: props evaluation', () => {
  const imports = 'from aws_cdk import Stack, aws_s3 as s3';

  it('follows module-level and same-function constants and enum members', () => {
    const text = stack(
      `${imports}\nSSL = False`,
      'enc = s3.BucketEncryption.UNENCRYPTED\ns3.Bucket(self, "B", enforce_ssl=SSL, encryption=enc)',
    );
    const found = findings(text).filter((f) => f.ruleId.startsWith('s3-bucket-en'));
    assert.deepEqual(
      found.map((f) => [f.ruleId, text.slice(f.start, f.end)]),
      [
        ['s3-bucket-enforce-tls', 'SSL'],
        ['s3-bucket-encryption-configured', 'enc'],
      ],
    );
  });

  it('reads struct classes and dicts with snake_case keys alike', () => {
    const os = 'from aws_cdk import Stack, aws_opensearchservice as opensearch';
    const struct = stack(
      os,
      'opensearch.Domain(self, "D", version=opensearch.EngineVersion.OPENSEARCH_2_11, enforce_https=True, node_to_node_encryption=True,\n    encryption_at_rest=opensearch.EncryptionAtRestOptions(enabled=False))',
    );
    const dict = stack(
      os,
      'opensearch.Domain(self, "D", version=opensearch.EngineVersion.OPENSEARCH_2_11, enforce_https=True, node_to_node_encryption=True,\n    encryption_at_rest={"enabled": False})',
    );
    for (const text of [struct, dict]) {
      const f = findings(text).filter((x) => x.ruleId === 'opensearch-domain-encrypted-at-rest');
      assert.deepEqual(
        f.map((x) => text.slice(x.start, x.end)),
        ['False'],
      );
    }
  });

  it('**kwargs makes missing props unknown, but explicit bad values are still flagged', () => {
    const open = stack(imports, 's3.Bucket(self, "B", **bucket_props)');
    assert.deepEqual(ids(open).filter(isS3Setting), []);
    const bad = stack(imports, 's3.Bucket(self, "B", encryption=s3.BucketEncryption.UNENCRYPTED, **bucket_props)');
    assert.deepEqual(ids(bad).filter(isS3Setting), ['s3-bucket-encryption-configured']);
    const known = stack(`${imports}\nBASE = {"enforce_ssl": True}`, 's3.Bucket(self, "B", **BASE)');
    assert.deepEqual(ids(known).filter(isS3Setting), []);
    const missing = stack(imports, 's3.Bucket(self, "B", versioned=True)');
    assert.deepEqual(ids(missing).filter(isS3Setting), ['s3-bucket-enforce-tls']);
  });

  it('a name assigned twice, a parameter or a call result is unknown', () => {
    const text = stack(
      imports,
      'ssl = True\nssl = False\ns3.Bucket(self, "B", enforce_ssl=ssl)\ns3.Bucket(self, "C", enforce_ssl=props.ssl)\ns3.Bucket(self, "D", enforce_ssl=compute())',
    );
    assert.deepEqual(ids(text).filter(isS3Setting), []);
  });

  it('PolicyStatements reach the policy engine, in a Deny AnyPrincipal is fine', () => {
    const iam = 'from aws_cdk import Stack, aws_iam as iam, aws_s3 as s3';
    const allow = stack(
      iam,
      'b = s3.Bucket(self, "B", enforce_ssl=True)\nb.add_to_resource_policy(iam.PolicyStatement(actions=["s3:GetObject"], resources=["*"], principals=[iam.AnyPrincipal()]))',
    );
    // A bucket's public statement is the S3 rule's finding (iam-no-public-principal leaves bucket policies to it).
    assert.ok(ids(allow).includes('s3-bucket-policy-not-public'));
    const deny = stack(
      iam,
      'b = s3.Bucket(self, "B", enforce_ssl=True)\nb.add_to_resource_policy(iam.PolicyStatement(effect=iam.Effect.DENY, actions=["s3:*"], resources=["*"], principals=[iam.AnyPrincipal()],\n    conditions={"Bool": {"aws:SecureTransport": "false"}}))',
    );
    assert.ok(!ids(deny).includes('iam-no-public-principal') && !ids(deny).includes('s3-bucket-policy-not-public'));
  });

  it('binds self.x constructs to their method calls', () => {
    const text = stack(
      'from aws_cdk import Stack, aws_iam as iam',
      'self.role = iam.Role(self, "R", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))\nself.role.add_to_policy(iam.PolicyStatement(actions=["*"], resources=["*"]))',
    );
    const m = model(text);
    assert.equal(m.methodCalls[0].target?.call.fqn, 'aws-iam.Role');
    assert.ok(ids(text).includes('iam-no-wildcard-action'));
  });
});

describe('CDK Python: aspects, suppressions, acknowledgements', () => {
  const imports = 'from aws_cdk import Aspects, Stack, Validations, aws_ec2 as ec2, aws_sqs as sqs\nfrom cdk_nag import NagSuppressions';
  const instance =
    'ec2.Instance(self, "I", vpc=vpc, instance_type=ec2.InstanceType("t3.micro"), machine_image=ec2.MachineImage.latest_amazon_linux2())';

  it('an IMDSv2 aspect applied to the scope suppresses per-instance findings', () => {
    assert.ok(ids(stack(imports, `vpc = ec2.Vpc(self, "V")\n${instance}`)).includes('ec2-imdsv2-required'));
    assert.ok(
      !ids(stack(imports, `vpc = ec2.Vpc(self, "V")\n${instance}\nAspects.of(self).add(ec2.InstanceRequireImdsv2Aspect())`)).includes(
        'ec2-imdsv2-required',
      ),
    );
  });

  it('honours # parapet-ignore with a reason, not without one', () => {
    const q = 'sqs.Queue(self, "Q", encryption=sqs.QueueEncryption.UNENCRYPTED, enforce_ssl=True)';
    assert.ok(!ids(stack(imports, `# parapet-ignore sqs-queue-encrypted: test queue, no data\n${q}`)).includes('sqs-queue-encrypted'));
    assert.ok(ids(stack(imports, `# parapet-ignore sqs-queue-encrypted\n${q}`)).includes('sqs-queue-encrypted'));
  });

  it('honours cdk-nag acknowledgements of an equivalent rule (resource, stack, Validations), with a reason', () => {
    const q = 'q = sqs.Queue(self, "Q", encryption=sqs.QueueEncryption.UNENCRYPTED, enforce_ssl=True)';
    const forms = [
      'NagSuppressions.add_resource_suppressions(q, [{"id": "AwsSolutions-SQS2", "reason": "Holds only public build events"}])',
      'NagSuppressions.add_resource_suppressions(construct=q, suppressions=[{"id": "AwsSolutions-SQS2", "reason": "Holds only public build events"}])',
      'NagSuppressions.add_stack_suppressions(self, [{"id": "AwsSolutions-SQS2", "reason": "Holds only public build events"}])',
      'Validations.of(q).acknowledge({"id": "AwsSolutions-SQS2", "reason": "Holds only public build events"})',
    ];
    for (const ack of forms) assert.ok(!ids(stack(imports, `${q}\n${ack}`)).includes('sqs-queue-encrypted'), ack);
    // Another id, or no reason: not honoured.
    assert.ok(
      ids(
        stack(
          imports,
          `${q}\nNagSuppressions.add_resource_suppressions(q, [{"id": "AwsSolutions-S1", "reason": "Holds only public build events"}])`,
        ),
      ).includes('sqs-queue-encrypted'),
    );
    assert.ok(
      ids(stack(imports, `${q}\nNagSuppressions.add_resource_suppressions(q, [{"id": "AwsSolutions-SQS2"}])`)).includes(
        'sqs-queue-encrypted',
      ),
    );
  });
});

describe("CDK Python: fixes in the file's style", () => {
  /** Applies the first fix of the rule's finding; the result must parse without errors and lose the finding. */
  function fixOnce(text: string, ruleId: string, at?: string): string {
    const d = doc(text);
    const f = analyze(d, rules, STRICT).findings.find(
      (x) => x.ruleId === ruleId && x.fixes.length && (!at || text.slice(x.start, x.end) === at),
    );
    assert.ok(f, `no fixable ${ruleId} finding`);
    const out = applyFix(d, f.fixes[0]);
    assert.equal(pySyntaxError(rt, out), false, `the fix broke the Python:\n${out}`);
    assert.ok(
      !analyze(doc(out), rules, STRICT).findings.some((x) => x.ruleId === ruleId && x.start === f.start),
      `the fix did not remove the finding:\n${out}`,
    );
    return out;
  }
  const imports = 'from aws_cdk import Stack, aws_s3 as s3';

  it('adds a keyword argument to a single-line call', () => {
    const out = fixOnce(stack(imports, 's3.Bucket(self, "B", versioned=True)'), 's3-bucket-enforce-tls');
    assert.ok(out.includes('s3.Bucket(self, "B", versioned=True, enforce_ssl=True)'), out);
    const bare = fixOnce(stack(imports, 's3.Bucket(self, "B")'), 's3-bucket-enforce-tls');
    assert.ok(bare.includes('s3.Bucket(self, "B", enforce_ssl=True)'), bare);
  });

  it("adds a line with the keyword arguments' indentation, keeping the trailing-comma style", () => {
    const withComma = fixOnce(stack(imports, 's3.Bucket(self, "B",\n    versioned=True,\n)'), 's3-bucket-enforce-tls');
    assert.ok(withComma.includes('s3.Bucket(self, "B",\n            versioned=True,\n            enforce_ssl=True,\n        )'), withComma);
    const noComma = fixOnce(stack(imports, 's3.Bucket(\n    self,\n    "B",\n    versioned=True\n)'), 's3-bucket-enforce-tls');
    assert.ok(noComma.includes('    versioned=True,\n            enforce_ssl=True\n        )'), noComma);
  });

  it('inserts into a dict or a struct class with its own keys', () => {
    const cf = 'from aws_cdk import Stack, aws_cloudfront as cloudfront, aws_cloudfront_origins as origins';
    const dict = fixOnce(
      stack(cf, 'cloudfront.Distribution(self, "D", default_behavior={"origin": origins.HttpOrigin("example.com")})'),
      'cloudfront-viewer-https',
    );
    assert.ok(
      dict.includes(
        'default_behavior={"origin": origins.HttpOrigin("example.com"), "viewer_protocol_policy": cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS}',
      ),
      dict,
    );
    const os = 'from aws_cdk import Stack, aws_opensearchservice as opensearch';
    const domain =
      'opensearch.Domain(self, "D", version=opensearch.EngineVersion.OPENSEARCH_2_11, enforce_https=True, node_to_node_encryption=True, ';
    const struct = fixOnce(
      stack(os, `${domain}encryption_at_rest=opensearch.EncryptionAtRestOptions(enabled=False))`),
      'opensearch-domain-encrypted-at-rest',
    );
    assert.ok(struct.includes('EncryptionAtRestOptions(enabled=True)'), struct);
    const empty = fixOnce(
      stack(os, `${domain}encryption_at_rest=opensearch.EncryptionAtRestOptions())`),
      'opensearch-domain-encrypted-at-rest',
    );
    assert.ok(empty.includes('EncryptionAtRestOptions(enabled=True)'), empty);
    const nested = fixOnce(
      stack(
        os,
        'opensearch.Domain(self, "D", version=opensearch.EngineVersion.OPENSEARCH_2_11, enforce_https=True, node_to_node_encryption=True)',
      ),
      'opensearch-domain-encrypted-at-rest',
    );
    assert.ok(nested.includes('node_to_node_encryption=True, encryption_at_rest={"enabled": True})'), nested);
  });

  it("replaces a bad value through the file's alias: module, root, named import (extended when needed)", () => {
    const ns = fixOnce(
      stack(imports, 's3.Bucket(self, "B", enforce_ssl=True, encryption=s3.BucketEncryption.UNENCRYPTED)'),
      's3-bucket-encryption-configured',
    );
    assert.ok(ns.includes('encryption=s3.BucketEncryption.S3_MANAGED'), ns);
    const root = fixOnce(
      stack(
        'import aws_cdk as cdk\nfrom aws_cdk import Stack',
        'cdk.aws_s3.Bucket(self, "B", enforce_ssl=True, encryption=cdk.aws_s3.BucketEncryption.UNENCRYPTED)',
      ),
      's3-bucket-encryption-configured',
    );
    assert.ok(root.includes('encryption=cdk.aws_s3.BucketEncryption.S3_MANAGED'), root);
    const named = fixOnce(
      stack(
        'from aws_cdk import Stack\nfrom aws_cdk.aws_ec2 import Instance',
        'Instance(self, "I", vpc=vpc, instance_type=t, machine_image=m, http_put_response_hop_limit=2)',
      ),
      'ec2-imdsv2-required',
    );
    assert.ok(
      named.includes('from aws_cdk.aws_ec2 import Instance, HttpTokens\n') && named.includes('http_tokens=HttpTokens.REQUIRED'),
      named,
    );
  });

  it("adds a module import when the fix needs a new module, and keeps the file's quotes", () => {
    const out = fixOnce(
      stack('from aws_cdk import Stack, aws_sns as sns', "sns.Topic(self, 'T', enforce_ssl=True)"),
      'sns-topic-encrypted',
    );
    assert.ok(
      out.includes('from aws_cdk import aws_kms as kms\n') &&
        out.includes("master_key=kms.Key(self, 'TopicKey', enable_key_rotation=True)"),
      out,
    );
  });

  it('never produces a synth-throwing combination', () => {
    const ec2 = 'from aws_cdk import Stack, aws_ec2 as ec2, aws_autoscaling as autoscaling';
    const out = fixOnce(
      stack(ec2, 'ec2.Instance(self, "I", vpc=vpc, instance_type=t, machine_image=m, http_put_response_hop_limit=2)'),
      'ec2-imdsv2-required',
    );
    assert.ok(out.includes('http_tokens=ec2.HttpTokens.REQUIRED') && !out.includes('require_imdsv2'), out);
    assert.ok(!ids(stack(ec2, 'autoscaling.AutoScalingGroup(self, "A", vpc=vpc, launch_template=lt)')).includes('ec2-imdsv2-required'));
    const tls = fixOnce(stack(imports, 's3.Bucket(self, "B", minimum_tls_version=1.0)'), 's3-bucket-enforce-tls', '1.0');
    assert.ok(/minimum_tls_version=1\.2/.test(tls) && /enforce_ssl=True/.test(tls), tls);
    const sqs = fixOnce(
      stack(
        'from aws_cdk import Stack, aws_sqs as sqs',
        'sqs.Queue(self, "Q", enforce_ssl=True, encryption_master_key=key, encryption=sqs.QueueEncryption.UNENCRYPTED)',
      ),
      'sqs-queue-encrypted',
    );
    assert.ok(sqs.includes('encryption=sqs.QueueEncryption.KMS'), sqs);
  });

  it('rewrites a literal RDS password as a generated secret', () => {
    const out = fixOnce(
      stack(
        'from aws_cdk import SecretValue, Stack, aws_rds as rds',
        'rds.DatabaseInstance(self, "Db", engine=e, vpc=vpc, storage_encrypted=True, credentials=rds.Credentials.from_password("admin", SecretValue.unsafe_plain_text("hunter2hunter2")))',
      ),
      'cdk-secret-value-plaintext',
    );
    assert.ok(out.includes('credentials=rds.Credentials.from_generated_secret("admin")'), out);
  });

  it('every fix of every Python bad fixture, and fix-all, leave Python that tree-sitter parses without errors', () => {
    let checked = 0;
    for (const rule of rules) {
      if (!rule.meta.syntaxes.includes('cdk-py')) continue;
      const file = fixturePath(rule.meta.id, 'cdk-py', 'bad');
      const d = parseDocument(`file://${file}`, 1, fs.readFileSync(file, 'utf8'), 'python');
      assert.equal(pySyntaxError(rt, d.text), false, `${file} itself has a syntax error`);
      for (const f of analyze(d, rules, STRICT).findings) {
        for (const fix of f.fixes) {
          const out = applyFix(d, fix);
          assert.equal(pySyntaxError(rt, out), false, `${rule.meta.id}: ${fix.title} broke the Python:\n${out}`);
          checked++;
        }
      }
      const all = fixAll(d, rules, STRICT).text;
      assert.equal(pySyntaxError(rt, all), false, `${rule.meta.id}: fix-all broke the Python:\n${all}`);
    }
    assert.ok(checked >= 20, `only ${checked} fixes checked`);
  });
});

describe('CDK Python: incremental parse and bad input', () => {
  const base = stack(
    'from aws_cdk import Stack, aws_s3 as s3, aws_sqs as sqs\nNAME = "café ☕ 日本"',
    's3.Bucket(self, "B", versioned=True)\nsqs.Queue(self, "Q", enforce_ssl=True)  # "é" keeps UTF-16 columns honest',
  );

  function keyOf(d: ParsedDocument): string[] {
    return analyze(d, rules, STRICT).findings.map((f) => `${f.ruleId}@${f.start}-${f.end}`);
  }

  function shape(m: CdkModel | undefined): unknown {
    return (
      m && {
        calls: m.calls.map((c) => [c.fqn, c.start, c.end, c.complete, c.kw?.entries.map((e) => [e.key, e.start, e.end])]),
        imports: m.imports.importInsertAt,
      }
    );
  }

  it('an incremental re-parse gives the same model and findings as a full parse, edit after edit', () => {
    let d = doc(base);
    let text = base;
    const steps: ((t: string) => string)[] = [
      (t) => t.replace('versioned=True', 'versioned=False'),
      (t) => t.replace('enforce_ssl=True', 'enforce_ssl=False'),
      (t) => t.replace('NAME = "café', 'NAME = "thé café'),
      (t) => t.replace('sqs.Queue(self, "Q"', 'sqs.Queue(self, "Q", encryption=sqs.QueueEncryption.UNENCRYPTED'),
      (t) => t.replace('s3.Bucket(self, "B", versioned=False)', 's3.Bucket(self, "B", versioned=False, enforce_ssl=True'),
      (t) => t.replace('enforce_ssl=True\n', 'enforce_ssl=True)\n'),
      (t) => `${t}\n# trailing 日本 comment\n`,
      // The same statement twice: each place gets its own nodes (statements are cached by text).
      (t) => t.replace(/^ *sqs\.Queue\(.*\n/m, (line) => line + line),
      (t) => t.replace('enforce_ssl=False', 'enforce_ssl=True'),
      (t) => t.replace(/^ *sqs\.Queue\(.*\n/m, ''),
      (t) => t.slice(0, t.indexOf('class S')) + t.slice(t.indexOf('class S')),
    ];
    for (const step of steps) {
      text = step(text);
      d = doc(text, d);
      const full = parseDocument('untitled:/full.py', 1, text, 'python');
      assert.deepEqual(shape(d.cdk), shape(full.cdk));
      assert.deepEqual(keyOf(d), keyOf(full));
    }
  });

  it('half-typed code does not crash and gives no false finding on complete constructs', () => {
    const queue = 'sqs.Queue(self, "Q", enforce_ssl=True)';
    const broken = [
      base.replace(queue, `${queue}\n        s3.Bucket(self, "X",`),
      base.replace(queue, `${queue}\n        s3.`),
      base.replace(queue, `sqs.Queue(self, "Q", enforce_ssl=True\n        s3.Bucket(self, "Y", enforce_ssl=True)`),
      base.replace(queue, `${queue}\n      s3.Bucket(self, "Z", enforce_ssl=True)\n            x = (`),
      base.replace('s3.Bucket(self, "B", versioned=True)', 's3.Bucket(self, "B", versioned=True'),
      base.replace(queue, `${queue}\n        s3.Bucket(self, "W", encryption=s3.BucketEncryption.`),
      '\u0000'.repeat(10) + base,
      `from aws_cdk import aws_s3 as s3\n${'('.repeat(5000)}`,
      `from aws_cdk import aws_s3 as s3\nx = ${'['.repeat(3000)}${']'.repeat(3000)}\n`,
      'from aws_cdk import',
      'import aws_cdk as',
      'from aws_cdk import aws_s3 as s3\ns3.Bucket(self, "B", enforce_ssl=True, **)',
    ];
    for (const text of broken) {
      const d = doc(text);
      const res = analyze(d, rules, STRICT);
      assert.deepEqual(res.ruleErrors, []);
      // The queue is complete and compliant: no finding may point at it.
      assert.ok(!res.findings.some((f) => f.ruleId === 'sqs-queue-enforce-tls'), text);
      assert.ok(!res.findings.some((f) => f.ruleId === 's3-bucket-enforce-tls' && /"[XYZW]"/.test(text.slice(f.start, f.end + 20))), text);
    }
  });
});
