import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { initCdkPython } from '../../core/cdk/py-init';
import { hasSourceParser, parseDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { toJs } from '../../core/nodes';
import { rules } from '../../rules';
import { expandSnippet } from './expand';

const ROOT = path.resolve(__dirname, '../../..');
const SNIPPETS = path.join(ROOT, 'snippets');

interface Snippet { prefix: string | string[]; body: string | string[]; description: string }
type Wrap = 'resources' | 'resource' | 'top';

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
const files = readdirSync(SNIPPETS).filter((f) => f.endsWith('.json')).sort();
const load = (f: string): Record<string, Snippet> => JSON.parse(readFileSync(path.join(SNIPPETS, f), 'utf8')) as Record<string, Snippet>;
const wraps = JSON.parse(readFileSync(path.join(SNIPPETS, 'src', 'wrap.json'), 'utf8')) as Record<string, Wrap>;
const prefixOf = (s: Snippet): string => (Array.isArray(s.prefix) ? s.prefix[0] : s.prefix);
const indent = (text: string, n: number): string => text.split('\n').map((l) => (l ? ' '.repeat(n) + l : l)).join('\n');

const HANDLE = 'Handle:\n  Type: AWS::CloudFormation::WaitConditionHandle\n';
/** Puts an expanded CloudFormation body where the snippet is meant to be typed. */
function wrapYaml(body: string, wrap: Wrap): string {
  const head = "AWSTemplateFormatVersion: '2010-09-09'\n";
  if (wrap === 'top') return `${head}${body}\nResources:\n${indent(HANDLE, 2)}`;
  if (wrap === 'resource') return `${head}Resources:\n${indent(HANDLE, 2)}${indent(body, 4)}\n`;
  return `${head}Resources:\n${indent(body, 2)}\n`;
}
function wrapJson(body: string, wrap: Wrap): string {
  const handle = '"Handle": { "Type": "AWS::CloudFormation::WaitConditionHandle" }';
  if (wrap === 'top') return `{ "AWSTemplateFormatVersion": "2010-09-09",\n${body},\n"Resources": { ${handle} } }`;
  if (wrap === 'resource') return `{ "AWSTemplateFormatVersion": "2010-09-09", "Resources": { "Handle": { "Type": "AWS::CloudFormation::WaitConditionHandle",\n${body} } } }`;
  return `{ "AWSTemplateFormatVersion": "2010-09-09", "Resources": {\n${body}\n} }`;
}
const TS_HEAD = `import * as cdk from 'aws-cdk-lib';
import { aws_cloudtrail as cloudtrail, aws_ec2 as ec2, aws_elasticloadbalancingv2 as elbv2, aws_iam as iam, aws_kms as kms,
  aws_organizations as organizations, aws_rds as rds, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
declare const vpc: ec2.IVpc, accessLogsBucket: s3.IBucket, trailBucket: s3.IBucket, trailKey: kms.IKey,
  targetGroup: elbv2.IApplicationTargetGroup, table: { tableArn: string };
export class SnippetStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
`;
const wrapTs = (body: string): string => `${TS_HEAD}${indent(body, 4)}\n  }\n}\n`;
const wrapPy = (body: string): string => `from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_cloudtrail as cloudtrail, aws_ec2 as ec2, aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_iam as iam, aws_kms as kms, aws_organizations as organizations, aws_rds as rds, aws_s3 as s3
from constructs import Construct


class SnippetStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, vpc, access_logs_bucket, trail_bucket, trail_key, target_group, table) -> None:
        super().__init__(scope, construct_id)
${indent(body, 8)}
`;

/** `!GetAtt A.B` and `{"Fn::GetAtt": ["A", "B"]}` are the same call. */
function normalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'Fn::GetAtt' && typeof x === 'string' ? x.split(/\.(.*)/s).slice(0, 2) : normalise(x)]));
  }
  return v;
}

/** Each snippet file, its language, and how to turn a body into a whole document. */
const KINDS: Record<string, { language: string; file: string; wrap: (body: string, prefix: string) => string; kind: string }> = {
  'cloudformation-yaml.json': { language: 'yaml', file: 'template.yaml', wrap: (b, p) => wrapYaml(b, wraps[p]), kind: 'cfn' },
  'cloudformation-json.json': { language: 'json', file: 'template.json', wrap: (b, p) => wrapJson(b, wraps[p]), kind: 'cfn' },
  'iam-policy-json.json': { language: 'json', file: 'policy.json', wrap: (b) => b, kind: 'policy' },
  // The IAM area's guardrail documents (SCP/RCP), JSON and YAML.
  'policy-guardrails.json': { language: 'json', file: 'guardrail.json', wrap: (b) => b, kind: 'policy' },
  'policy-guardrails.yaml.json': { language: 'yaml', file: 'guardrail.yaml', wrap: (b) => b, kind: 'policy' },
  'cdk-typescript.json': { language: 'typescript', file: 'stack.ts', wrap: wrapTs, kind: 'cdk-ts' },
  'cdk-python.json': { language: 'python', file: 'stack.py', wrap: wrapPy, kind: 'cdk-py' },
};

describe('snippets', () => {
  // The Python analyzer registers once tree-sitter's wasm has loaded, as in the server and the CLI.
  before(async () => {
    await initCdkPython();
  });

  it('every snippet file is valid JSON, contributed in package.json, and every snippet has prefix, body and description', () => {
    assert.ok(files.length >= 5, `snippet files: ${files.join(', ')}`);
    const contributed = new Set(manifest.contributes.snippets.map((s) => path.normalize(s.path)));
    for (const f of files) {
      assert.ok(contributed.has(path.normalize(`./snippets/${f}`)), `${f} is listed in contributes.snippets`);
      const all = load(f);
      assert.ok(Object.keys(all).length > 0, f);
      for (const [name, s] of Object.entries(all)) {
        assert.ok(typeof s.prefix === 'string' || (Array.isArray(s.prefix) && s.prefix.length), `${f} ${name}: prefix`);
        assert.ok(typeof s.body === 'string' || (Array.isArray(s.body) && s.body.length), `${f} ${name}: body`);
        assert.ok(typeof s.description === 'string' && s.description.length > 20, `${f} ${name}: description`);
        assert.match(prefixOf(s), /^parapet-[a-z0-9-]+$/, `${f} ${name}: prefix style`);
      }
    }
    for (const c of manifest.contributes.snippets) {
      assert.doesNotThrow(() => readFileSync(path.join(ROOT, c.path)), `${c.path} exists`);
    }
  });

  it('covers every building block and worksheet in each syntax', () => {
    const prefixes = (f: string): Set<string> => new Set(Object.values(load(f)).map(prefixOf));
    const blocks = ['s3-bucket', 'launch-template-imdsv2', 'rds-encrypted', 'alb-https', 'cloudtrail', 'role-least-privilege', 'scp-guardrail', 'rcp-guardrail'];
    for (const f of ['cloudformation-yaml.json', 'cloudformation-json.json']) {
      for (const b of [...blocks, 'stride-template', 'stride-resource', 'dataflow']) assert.ok(prefixes(f).has(`parapet-${b}`), `${f}: parapet-${b}`);
    }
    for (const f of ['cdk-typescript.json', 'cdk-python.json']) {
      for (const b of blocks) assert.ok(prefixes(f).has(`parapet-cdk-${b}`), `${f}: parapet-cdk-${b}`);
      assert.ok(prefixes(f).has('parapet-abuse-cases'), `${f}: abuse cases`);
    }
    for (const b of ['policy-least-privilege', 'scp-guardrail', 'rcp-guardrail']) assert.ok(prefixes('iam-policy-json.json').has(`parapet-${b}`), b);
  });

  it('worksheets are real worksheets: every threat has placeholders to fill in', () => {
    for (const f of ['cloudformation-yaml.json', 'cloudformation-json.json', 'cdk-typescript.json', 'cdk-python.json']) {
      for (const s of Object.values(load(f)).filter((x) => /stride|dataflow|abuse/.test(prefixOf(x)))) {
        const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
        const stops = new Set([...body.matchAll(/\$\{(\d+)[:|]/g)].map((m) => m[1]));
        assert.ok(stops.size >= 8, `${f} ${prefixOf(s)} has ${stops.size} placeholders`);
        if (/stride/.test(prefixOf(s))) {
          for (const t of ['Spoofing', 'Tampering', 'Repudiation', 'InformationDisclosure', 'DenialOfService', 'ElevationOfPrivilege']) assert.ok(body.includes(t), `${prefixOf(s)}: ${t}`);
        }
      }
    }
  });

  it('knows how to wrap every snippet file', () => {
    assert.deepEqual(files.filter((f) => !KINDS[f]), []);
  });

  for (const [file, k] of Object.entries(KINDS)) {
    describe(file, () => {
      for (const [name, s] of Object.entries(load(file))) {
        it(`${prefixOf(s)}: expands, parses, and Parapet finds nothing`, function () {
          const pending = (k.kind === 'cdk-ts' && !hasSourceParser('typescript')) || (k.kind === 'cdk-py' && !hasSourceParser('python'));
          const text = k.wrap(expandSnippet(s.body), prefixOf(s));
          const doc = parseDocument(`file:///snippets/${k.file}`, 1, text, k.language);
          if (pending) {
            // The analyzer for this syntax has not landed: say so instead of passing on an empty analysis.
            console.log(`      (${k.kind} analyzer not registered: Parapet check of '${name}' skipped)`);
            this.skip();
          }
          assert.equal(doc.kind, k.kind, `${name} is detected as ${k.kind}:\n${text}`);
          assert.deepEqual(doc.problems.map((p) => p.message), [], `${name} parses cleanly:\n${text}`);
          const result = analyze(doc, rules);
          const found = result.findings.map((f) => `${f.ruleId} (line ${f.range.start.line + 1}): ${f.message}`);
          assert.deepEqual(found, [], `${name} has no findings:\n${text}`);
          assert.deepEqual(result.ruleErrors, []);
        });
      }
    });
  }

  it('CloudFormation YAML and JSON snippets describe the same resources', () => {
    const y = load('cloudformation-yaml.json');
    const j = load('cloudformation-json.json');
    assert.deepEqual(Object.keys(y).sort(), Object.keys(j).sort());
    for (const name of Object.keys(y)) {
      const p = prefixOf(y[name]);
      const a = parseDocument('file:///a.yaml', 1, wrapYaml(expandSnippet(y[name].body), wraps[p]));
      const b = parseDocument('file:///a.json', 1, wrapJson(expandSnippet(j[name].body), wraps[p]));
      assert.deepEqual(normalise(toJs(b.root)), normalise(toJs(a.root)), name);
    }
  });

  it('CDK TypeScript snippets type-check against aws-cdk-lib', function () {
    this.timeout(120_000);
    const sources = new Map<string, string>();
    for (const [name, s] of Object.entries(load('cdk-typescript.json'))) {
      if (prefixOf(s) === 'parapet-abuse-cases') continue;
      sources.set(path.join(ROOT, '.test-output', 'snippets', `${prefixOf(s)}.ts`), wrapTs(expandSnippet(s.body)).replace('SnippetStack', `S${sources.size}`) + `// ${name}\n`);
    }
    const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10, skipLibCheck: true, types: [], baseUrl: ROOT, typeRoots: [] };
    const host = ts.createCompilerHost(options);
    const read = host.readFile.bind(host);
    host.readFile = (f) => sources.get(path.resolve(f)) ?? read(f);
    const exists = host.fileExists.bind(host);
    host.fileExists = (f) => sources.has(path.resolve(f)) || exists(f);
    host.getSourceFile = ((orig) => (f, lang, onError, create) => {
      const text = sources.get(path.resolve(f));
      return text !== undefined ? ts.createSourceFile(f, text, lang) : orig(f, lang, onError, create);
    })(host.getSourceFile.bind(host));
    const program = ts.createProgram([...sources.keys()], options, host);
    const errors = ts.getPreEmitDiagnostics(program).filter((d) => !d.file || sources.has(path.resolve(d.file.fileName)));
    const text = errors.map((d) => `${d.file ? path.basename(d.file.fileName) : ''}:${d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : 0} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    assert.deepEqual(text, []);
  });
});
