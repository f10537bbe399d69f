import * as assert from 'node:assert/strict';
import { parseDocument, ParsedDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { applyFix } from '../../core/fix/apply';
import { CdkModel } from '../../core/cdk/model';
import { analyzeTs } from '../../core/cdk/ts-analyzer';
import { rules } from '../../rules';
import { STRICT } from '../rules/helpers';

/** S3 findings about the bucket's own settings (access logging is judged on a prop of its own, written or not). */
const isS3Setting = (id: string): boolean => id.startsWith('s3-') && id !== 's3-bucket-access-logging';

const URI = 'untitled:/stack.ts';

function doc(text: string, previous?: ParsedDocument): ParsedDocument {
  return parseDocument(URI, (previous?.version ?? 0) + 1, text, 'typescript', previous);
}

function ids(text: string): string[] {
  return analyze(doc(text), rules, STRICT)
    .findings.map((f) => f.ruleId)
    .sort();
}

function model(text: string): CdkModel {
  const m = analyzeTs(URI, text);
  assert.ok(m, 'not recognised as CDK');
  return m;
}

function stack(imports: string, body: string): string {
  return `${imports}\nimport { Construct } from 'constructs';\nexport class S extends Stack {\n  constructor(scope: Construct, id: string) {\n    super(scope, id);\n${body}\n  }\n}\n`;
}

describe('CDK TypeScript: import forms', () => {
  const table: [string, string, string][] = [
    ["import * as s3 from 'aws-cdk-lib/aws-s3';", "new s3.Bucket(this, 'B', { encryption: s3.BucketEncryption.KMS });", 'aws-s3.Bucket'],
    [
      "import { Bucket as B, BucketEncryption } from 'aws-cdk-lib/aws-s3';",
      "new B(this, 'B', { encryption: BucketEncryption.KMS });",
      'aws-s3.Bucket',
    ],
    ["import { aws_s3 as s3 } from 'aws-cdk-lib';", "new s3.Bucket(this, 'B', { encryption: s3.BucketEncryption.KMS });", 'aws-s3.Bucket'],
    [
      "import { aws_s3 } from 'aws-cdk-lib';",
      "new aws_s3.Bucket(this, 'B', { encryption: aws_s3.BucketEncryption.KMS });",
      'aws-s3.Bucket',
    ],
    [
      "import * as cdk from 'aws-cdk-lib';",
      "new cdk.aws_s3.Bucket(this, 'B', { encryption: cdk.aws_s3.BucketEncryption.KMS });",
      'aws-s3.Bucket',
    ],
    [
      "import cdk = require('aws-cdk-lib');",
      "new cdk.aws_s3.Bucket(this, 'B', { encryption: cdk.aws_s3.BucketEncryption.KMS });",
      'aws-s3.Bucket',
    ],
    ["const s3 = require('aws-cdk-lib/aws-s3');", "new s3.Bucket(this, 'B', { encryption: s3.BucketEncryption.KMS });", 'aws-s3.Bucket'],
    [
      "const { Bucket, BucketEncryption } = require('aws-cdk-lib/aws-s3');",
      "new Bucket(this, 'B', { encryption: BucketEncryption.KMS });",
      'aws-s3.Bucket',
    ],
    [
      "import * as s3 from 'aws-cdk-lib/aws-s3';\nconst { Bucket } = s3;",
      "new Bucket(this, 'B', { encryption: s3.BucketEncryption.KMS });",
      'aws-s3.Bucket',
    ],
    ["import * as s3 from '@aws-cdk/aws-s3';", "new s3.Bucket(this, 'B', { encryption: s3.BucketEncryption.KMS });", 'aws-s3.Bucket'],
  ];
  for (const [imports, body, fqn] of table) {
    it(`resolves ${imports.split('\n')[0]}`, () => {
      const m = model(stack(`import { Stack } from 'aws-cdk-lib';\n${imports}`, body));
      assert.deepEqual(
        m.constructs.map((c) => c.call.fqn),
        [fqn],
      );
      const enc = m.constructs[0].props?.k === 'obj' ? m.constructs[0].props.entries[0].value : undefined;
      assert.deepEqual(enc && enc.k === 'ref' ? enc.path : enc, 'aws-s3.BucketEncryption.KMS');
    });
  }

  it('marks CDK v1 imports with an info note and still analyses them', () => {
    const d = doc(stack("import { Stack } from '@aws-cdk/core';\nimport * as s3 from '@aws-cdk/aws-s3';", "new s3.Bucket(this, 'B');"));
    assert.equal(d.kind, 'cdk-ts');
    assert.deepEqual(
      d.problems.map((p) => [p.code, p.severity]),
      [
        ['cdk-v1-unsupported', 'info'],
        ['cdk-v1-unsupported', 'info'],
      ],
    );
    assert.ok(analyze(d, rules, STRICT).findings.some((f) => f.ruleId === 's3-bucket-enforce-tls'));
  });

  it('does not call v2 files that import @aws-cdk alpha modules or layers CDK v1', () => {
    const imports =
      "import { Stack } from 'aws-cdk-lib';\nimport * as s3 from 'aws-cdk-lib/aws-s3';\n" +
      "import * as eks from '@aws-cdk/aws-eks-alpha';\nimport { KubectlV34Layer } from '@aws-cdk/lambda-layer-kubectl-v34';";
    const d = doc(stack(imports, "new s3.Bucket(this, 'B');"));
    assert.equal(d.kind, 'cdk-ts');
    assert.deepEqual(d.problems, []);
    assert.ok(analyze(d, rules, STRICT).findings.some((f) => f.ruleId === 's3-bucket-enforce-tls'));
  });

  it('leaves TypeScript that does not import the CDK alone', () => {
    assert.equal(doc("import * as fs from 'node:fs';\nnew Bucket(this, 'B');\n").kind, 'none');
    assert.equal(analyzeTs(URI, "export const s3 = 'aws-cdk-lib is mentioned only in a string';"), undefined);
  });
});

describe('CDK TypeScript: props evaluation', () => {
  const imports = "import { Stack } from 'aws-cdk-lib';\nimport * as s3 from 'aws-cdk-lib/aws-s3';";

  it('follows consts and enum members', () => {
    const text =
      `${imports}\nconst SSL = false;\nconst ENC = s3.BucketEncryption.UNENCRYPTED;\nconst base = { enforceSSL: SSL };\n` +
      stack('', "new s3.Bucket(this, 'B', { ...base, encryption: ENC });");
    const found = analyze(doc(text), rules, STRICT).findings.filter(
      (f) => f.ruleId === 's3-bucket-enforce-tls' || f.ruleId === 's3-bucket-encryption-configured',
    );
    assert.deepEqual(
      found.map((f) => [f.ruleId, text.slice(f.start, f.end)]),
      [
        ['s3-bucket-enforce-tls', 'SSL'],
        ['s3-bucket-encryption-configured', 'ENC'],
      ].sort((a, b) => text.indexOf(a[1]) - text.indexOf(b[1])),
    );
  });

  it('an unresolved spread or identifier makes missing props unknown, but explicit bad values are still flagged', () => {
    const spread = stack(imports, "new s3.Bucket(this, 'B', { ...props.bucketProps, encryption: s3.BucketEncryption.UNENCRYPTED });");
    assert.deepEqual(ids(spread).filter(isS3Setting), ['s3-bucket-encryption-configured']);
    const ident = stack(imports, "new s3.Bucket(this, 'B', props.bucketProps);");
    assert.deepEqual(ids(ident).filter(isS3Setting), []);
    const missing = stack(imports, "new s3.Bucket(this, 'B', { versioned: true });");
    assert.deepEqual(ids(missing).filter(isS3Setting), ['s3-bucket-enforce-tls']);
  });

  it('judges defaults by the feature flags and version the project declares', () => {
    // Without a project, current aws-cdk-lib: CloudFront defaults to ALLOW_ALL.
    const cf = stack(
      "import { Stack } from 'aws-cdk-lib';\nimport * as cloudfront from 'aws-cdk-lib/aws-cloudfront';\nimport * as origins from 'aws-cdk-lib/aws-cloudfront-origins';",
      "new cloudfront.Distribution(this, 'D', { defaultBehavior: { origin: new origins.HttpOrigin('example.com') } });",
    );
    assert.ok(ids(cf).includes('cloudfront-viewer-https'));
  });
});

describe('CDK TypeScript: aspects, suppressions, acknowledgements', () => {
  const imports =
    "import { Aspects, Stack } from 'aws-cdk-lib';\nimport * as ec2 from 'aws-cdk-lib/aws-ec2';\nimport * as s3 from 'aws-cdk-lib/aws-s3';\nimport { NagSuppressions } from 'cdk-nag';";
  const instance =
    "new ec2.Instance(this, 'I', { vpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2() });";

  it('an IMDSv2 aspect applied to the scope suppresses per-instance findings', () => {
    const without = stack(imports, `const vpc = new ec2.Vpc(this, 'V');\n${instance}`);
    assert.ok(ids(without).includes('ec2-imdsv2-required'));
    const withAspect = stack(
      imports,
      `const vpc = new ec2.Vpc(this, 'V');\n${instance}\nAspects.of(this).add(new ec2.InstanceRequireImdsv2Aspect());`,
    );
    assert.ok(!ids(withAspect).includes('ec2-imdsv2-required'));
  });

  it('honours // parapet-ignore with a reason, and cdk-nag acknowledgements of an equivalent rule', () => {
    const ignored = stack(
      imports,
      "// parapet-ignore s3-bucket-enforce-tls: public website bucket behind CloudFront\nnew s3.Bucket(this, 'B');",
    );
    assert.ok(!ids(ignored).includes('s3-bucket-enforce-tls'));
    const nagged = stack(
      imports,
      "const b = new s3.Bucket(this, 'B');\nNagSuppressions.addResourceSuppressions(b, [{ id: 'AwsSolutions-S10', reason: 'Served over CloudFront only' }]);",
    );
    const rule = rules.find((r) => r.meta.id === 's3-bucket-enforce-tls')!;
    const acknowledged = (rule.meta.equivalents?.cdkNag ?? []).some((id) => id === 'S10' || id.endsWith('S10'));
    assert.equal(ids(nagged).includes('s3-bucket-enforce-tls'), !acknowledged);
  });
});

describe("CDK TypeScript: fixes in the file's own style", () => {
  function fixOnce(text: string, ruleId: string, at?: string): string {
    const d = doc(text);
    const f = analyze(d, rules, STRICT).findings.find(
      (x) => x.ruleId === ruleId && x.fixes.length && (!at || text.slice(x.start, x.end) === at),
    );
    assert.ok(f, `no fixable ${ruleId} finding`);
    const out = applyFix(d, f.fixes[0]);
    assert.ok(
      !analyze(doc(out), rules, STRICT).findings.some((x) => x.ruleId === ruleId && x.start === f.start),
      'the fix did not remove the finding',
    );
    return out;
  }
  const imports = "import { Stack } from 'aws-cdk-lib';\nimport * as s3 from 'aws-cdk-lib/aws-s3';";

  it('adds a prop to a single-line object literal', () => {
    const out = fixOnce(stack(imports, "new s3.Bucket(this, 'B', { versioned: true });"), 's3-bucket-enforce-tls');
    assert.ok(out.includes("new s3.Bucket(this, 'B', { versioned: true, enforceSSL: true });"), out);
  });

  it('adds a prop to a multi-line literal, keeping the trailing comma', () => {
    const out = fixOnce(stack(imports, "new s3.Bucket(this, 'B', {\n      versioned: true,\n    });"), 's3-bucket-enforce-tls');
    assert.ok(out.includes('{\n      versioned: true,\n      enforceSSL: true,\n    });'), out);
    const noComma = fixOnce(stack(imports, "new s3.Bucket(this, 'B', {\n      versioned: true\n    });"), 's3-bucket-enforce-tls');
    assert.ok(noComma.includes('{\n      versioned: true,\n      enforceSSL: true\n    });'), noComma);
  });

  it('adds a props argument where there is none', () => {
    const out = fixOnce(stack(imports, "new s3.Bucket(this, 'B');"), 's3-bucket-enforce-tls');
    assert.ok(out.includes("new s3.Bucket(this, 'B', { enforceSSL: true });"), out);
  });

  it('replaces a bad value, reusing the import alias or extending the named import', () => {
    const ns = fixOnce(
      stack(imports, "new s3.Bucket(this, 'B', { enforceSSL: true, encryption: s3.BucketEncryption.UNENCRYPTED });"),
      's3-bucket-encryption-configured',
    );
    assert.ok(ns.includes('encryption: s3.BucketEncryption.S3_MANAGED'), ns);
    const named = fixOnce(
      stack(
        "import { Stack } from 'aws-cdk-lib';\nimport { Instance } from 'aws-cdk-lib/aws-ec2';",
        "new Instance(this, 'I', { vpc, instanceType, machineImage, httpPutResponseHopLimit: 2 });",
      ),
      'ec2-imdsv2-required',
    );
    assert.ok(
      named.includes("import { Instance, HttpTokens } from 'aws-cdk-lib/aws-ec2';") && named.includes('httpTokens: HttpTokens.REQUIRED'),
      named,
    );
  });

  it('adds a module import when the fix needs a new module', () => {
    const out = fixOnce(
      stack(
        "import { Stack } from 'aws-cdk-lib';\nimport * as sns from 'aws-cdk-lib/aws-sns';",
        "new sns.Topic(this, 'T', { enforceSSL: true });",
      ),
      'sns-topic-encrypted',
    );
    assert.ok(
      out.includes("import * as kms from 'aws-cdk-lib/aws-kms';") &&
        out.includes("masterKey: new kms.Key(this, 'TopicKey', { enableKeyRotation: true })"),
      out,
    );
  });

  it('never combines requireImdsv2 with http* props on an Instance, nor touches an ASG with a launch template', () => {
    const ec2 =
      "import { Stack } from 'aws-cdk-lib';\nimport * as ec2 from 'aws-cdk-lib/aws-ec2';\nimport * as autoscaling from 'aws-cdk-lib/aws-autoscaling';";
    const out = fixOnce(
      stack(ec2, "new ec2.Instance(this, 'I', { vpc, instanceType, machineImage, httpPutResponseHopLimit: 2 });"),
      'ec2-imdsv2-required',
    );
    assert.ok(out.includes('httpTokens: ec2.HttpTokens.REQUIRED') && !out.includes('requireImdsv2'), out);
    assert.ok(!ids(stack(ec2, "new autoscaling.AutoScalingGroup(this, 'A', { vpc, launchTemplate });")).includes('ec2-imdsv2-required'));
  });

  it('writes minimumTLSVersion together with enforceSSL', () => {
    const out = fixOnce(stack(imports, "new s3.Bucket(this, 'B', { minimumTLSVersion: 1.0 });"), 's3-bucket-enforce-tls', '1.0');
    assert.ok(/minimumTLSVersion: 1\.2/.test(out) && /enforceSSL: true/.test(out), out);
  });
});

describe('CDK TypeScript: incremental parse and bad input', () => {
  const base = stack(
    "import { Stack } from 'aws-cdk-lib';\nimport * as s3 from 'aws-cdk-lib/aws-s3';\nimport * as sqs from 'aws-cdk-lib/aws-sqs';",
    "new s3.Bucket(this, 'B', { versioned: true });\n    new sqs.Queue(this, 'Q', { enforceSSL: true });",
  );

  it('an incremental re-parse gives the same findings as a full parse', () => {
    let d = doc(base);
    const edits = ['versioned: false', 'enforceSSL: false', 'enforceSSL: true'];
    let text = base;
    for (const e of edits) {
      const key = e.split(':')[0];
      text = text.replace(new RegExp(`${key}: (true|false)`), e);
      d = doc(text, d);
      const full = analyze(parseDocument('untitled:/full.ts', 1, text, 'typescript'), rules, STRICT).findings.map(
        (f) => `${f.ruleId}@${f.start}-${f.end}`,
      );
      const inc = analyze(d, rules, STRICT).findings.map((f) => `${f.ruleId}@${f.start}-${f.end}`);
      assert.deepEqual(inc, full);
    }
  });

  it('half-typed code does not crash and gives no false finding on complete constructs', () => {
    const broken = [
      base.replace("new sqs.Queue(this, 'Q', { enforceSSL: true });", "new sqs.Queue(this, 'Q', { enforceSSL: true });\n    new s3."),
      base.replace(
        "new sqs.Queue(this, 'Q', { enforceSSL: true });",
        "new sqs.Queue(this, 'Q', { enforceSSL: true });\n    new s3.Bucket(this, 'X', {",
      ),
      base.replace(
        "new sqs.Queue(this, 'Q', { enforceSSL: true });",
        "new sqs.Queue(this, 'Q', { enforceSSL: true }\n    new s3.Bucket(this, 'Y', { enforceSSL: true });",
      ),
      '\u0000'.repeat(10) + base,
      "import * as s3 from 'aws-cdk-lib/aws-s3';\n" + '('.repeat(5000),
    ];
    for (const text of broken) {
      const d = doc(text);
      const res = analyze(d, rules, STRICT);
      assert.deepEqual(res.ruleErrors, []);
      // The queue is complete and compliant: no finding may point at it.
      assert.ok(!res.findings.some((f) => f.ruleId === 'sqs-queue-enforce-tls'), text);
    }
  });
});
