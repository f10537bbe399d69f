import { parseDocument, ParsedDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { analyzePy } from '../../core/cdk/py-analyzer';
import { initCdkPython, pythonRuntime } from '../../core/cdk/py-init';
import { rules } from '../../rules';
import { measure, measureCpu } from '../stats';
import { CPU_NOTE } from './cdk';
import { BenchCase, BenchRow } from '../types';

/** A generated CDK Python stack of about `lines` lines: buckets, queues, instances, policies, L1 resources. */
export function cdkPyStack(lines: number): string {
  const head = [
    'import aws_cdk as cdk',
    'from aws_cdk import aws_ec2 as ec2, aws_iam as iam, aws_s3 as s3, aws_sqs as sqs',
    'from constructs import Construct',
    '',
    '',
    'class BigStack(cdk.Stack):',
    '    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:',
    '        super().__init__(scope, construct_id, **kwargs)',
    '        vpc = ec2.Vpc(self, "Vpc")',
  ];
  const body: string[] = [];
  for (let i = 0; body.length < lines - head.length - 1; i++) {
    body.push(
      `        bucket${i} = s3.Bucket(self, "Bucket${i}",`,
      '            versioned=True,',
      `            encryption=s3.BucketEncryption.${i % 2 ? 'S3_MANAGED' : 'KMS_MANAGED'},`,
      `            enforce_ssl=${i % 3 === 0 ? 'False' : 'True'},`,
      '        )',
      `        sqs.Queue(self, "Queue${i}", enforce_ssl=True)`,
      `        ec2.Instance(self, "Web${i}",`,
      '            vpc=vpc,',
      '            instance_type=ec2.InstanceType("t3.micro"),',
      '            machine_image=ec2.MachineImage.latest_amazon_linux2023(),',
      `            require_imdsv2=${i % 2 ? 'True' : 'False'},`,
      '        )',
      `        bucket${i}.add_to_resource_policy(iam.PolicyStatement(actions=["s3:GetObject"], resources=[bucket${i}.arn_for_objects("*")], principals=[iam.AccountRootPrincipal()]))`,
      `        s3.CfnBucket(self, "Raw${i}", versioning_configuration={"status": "Enabled"})`,
      '',
    );
  }
  return [...head, ...body, ''].join('\n');
}

/** One keystroke inside a prop value, re-parsed incrementally from the previous document each time. */
function keystroke(doc0: ParsedDocument, withRules: boolean): (i: number) => void {
  let doc = doc0;
  const at = doc0.text.indexOf('versioned=True') + 'versioned='.length;
  return (i) => {
    const text = doc.text.slice(0, at) + (i % 2 ? 'True ' : 'True') + doc.text.slice(at + (doc.text.startsWith('True ', at) ? 5 : 4));
    doc = parseDocument(doc.uri, doc.version + 1, text, 'python', doc);
    if (withRules) analyze(doc, rules);
  };
}

export const cases: BenchCase[] = [
  {
    title: 'CDK source analysis (Python)',
    order: 61,
    run: async (ctx): Promise<BenchRow[]> => {
      await initCdkPython();
      const rt = pythonRuntime()!;
      const text = cdkPyStack(2000);
      const uri = 'file:///bench/stack.py';
      const n = ctx.quick ? 10 : 60;
      const lines = text.split('\n').length;
      const parseOnly = measure(() => rt.parser.parse(text)?.delete(), ctx.quick ? 3 : 15);
      const model = measure(() => analyzePy(rt, text), ctx.quick ? 3 : 15);
      const first = measure(() => analyze(parseDocument(uri, 1, text, 'python'), rules), ctx.quick ? 3 : 15);
      const incParse = measure(keystroke(parseDocument(uri, 1, text, 'python'), false), n);
      const inc = measureCpu(keystroke(parseDocument(uri, 1, text, 'python'), true), n);
      return [
        { name: `CDK Py ${lines} lines: tree-sitter full parse`, stats: parseOnly },
        { name: `CDK Py ${lines} lines: parse + model (first)`, stats: model },
        { name: `CDK Py ${lines} lines: first analysis`, stats: first, budget: 'figure only (issue 5: the 30 ms is per keystroke)' },
        { name: `CDK Py ${lines} lines: keystroke, incremental parse + model`, stats: incParse },
        {
          name: `CDK Py ${lines} lines: keystroke (incremental, all rules)`,
          stats: inc.wall,
          budget: '≤ 30 ms (docs/design.md, 2,000-line CDK file)',
        },
        { name: `CDK Py ${lines} lines: keystroke, CPU time`, stats: inc.cpu, budget: CPU_NOTE },
      ];
    },
  },
];
