import { parseDocument, ParsedDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { rules } from '../../rules';
import { measure, measureCpu } from '../stats';
import { BenchCase, BenchRow } from '../types';

/** A generated CDK TypeScript stack of about `lines` lines: buckets, queues, instances, policies, L1 resources. */
export function cdkTsStack(lines: number): string {
  const head = [
    "import * as cdk from 'aws-cdk-lib';",
    "import * as s3 from 'aws-cdk-lib/aws-s3';",
    "import * as sqs from 'aws-cdk-lib/aws-sqs';",
    "import * as ec2 from 'aws-cdk-lib/aws-ec2';",
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    "import { Construct } from 'constructs';",
    '',
    'export class BigStack extends cdk.Stack {',
    '  constructor(scope: Construct, id: string) {',
    '    super(scope, id);',
    "    const vpc = new ec2.Vpc(this, 'Vpc');",
  ];
  const body: string[] = [];
  for (let i = 0; body.length < lines - head.length - 2; i++) {
    body.push(
      `    const bucket${i} = new s3.Bucket(this, 'Bucket${i}', {`,
      '      versioned: true,',
      `      encryption: s3.BucketEncryption.${i % 2 ? 'S3_MANAGED' : 'KMS_MANAGED'},`,
      `      enforceSSL: ${i % 3 === 0 ? 'false' : 'true'},`,
      '    });',
      `    new sqs.Queue(this, 'Queue${i}', { enforceSSL: true });`,
      `    new ec2.Instance(this, 'Web${i}', {`,
      '      vpc,',
      "      instanceType: new ec2.InstanceType('t3.micro'),",
      '      machineImage: ec2.MachineImage.latestAmazonLinux2023(),',
      `      requireImdsv2: ${i % 2 ? 'true' : 'false'},`,
      '    });',
      `    bucket${i}.addToResourcePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket${i}.arnForObjects('*')], principals: [new iam.AccountRootPrincipal()] }));`,
      `    new s3.CfnBucket(this, 'Raw${i}', { versioningConfiguration: { status: 'Enabled' } });`,
      '',
    );
  }
  return [...head, ...body, '  }', '}', ''].join('\n');
}

function keystrokes(doc0: ParsedDocument, n: number): { first: () => void; next: (i: number) => void } {
  let doc = doc0;
  const at = doc0.text.indexOf('versioned: true') + 'versioned: '.length;
  return {
    first: () => undefined,
    next: (i) => {
      // Toggle one character inside a prop value: a keystroke, re-parsed incrementally from the previous parse.
      const text = doc.text.slice(0, at) + (i % 2 ? 'true ' : 'true') + doc.text.slice(at + (doc.text.startsWith('true ', at) ? 5 : 4));
      doc = parseDocument(doc.uri, doc.version + 1, text, 'typescript', doc);
      analyze(doc, rules);
      void n;
    },
  };
}

/** What the CPU-time rows are for (docs/performance.md, "CDK keystrokes"). */
export const CPU_NOTE = 'the same keystrokes in process CPU time: the wall time less waiting for a core on a shared machine';

export const cases: BenchCase[] = [
  {
    title: 'CDK source analysis (TypeScript)',
    order: 60,
    run: async (ctx): Promise<BenchRow[]> => {
      const text = cdkTsStack(2000);
      const n = ctx.quick ? 10 : 60;
      const first = measure(() => analyze(parseDocument('file:///bench/stack.ts', 1, text, 'typescript'), rules), ctx.quick ? 3 : 15);
      const doc0 = parseDocument('file:///bench/stack.ts', 1, text, 'typescript');
      const k = keystrokes(doc0, n);
      const inc = measureCpu(k.next, n);
      const lines = text.split('\n').length;
      return [
        { name: `CDK TS ${lines} lines: first analysis`, stats: first, budget: 'figure only (issue 5: the 30 ms is per keystroke)' },
        {
          name: `CDK TS ${lines} lines: keystroke (incremental)`,
          stats: inc.wall,
          budget: '≤ 30 ms (docs/design.md, 2,000-line CDK file)',
        },
        { name: `CDK TS ${lines} lines: keystroke, CPU time`, stats: inc.cpu, budget: CPU_NOTE },
      ];
    },
  },
];
