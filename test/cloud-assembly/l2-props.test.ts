import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import ts from 'typescript';
import { L2_PROPS } from '../../core/cloud-assembly/l2-props';
import { ROOT } from './helpers';

/** The props types a method's child takes: `lb.addListener('Web', {…})` on either load balancer. */
const METHOD_PROPS: Record<string, string[]> = {
  '#addListener': ['aws-elasticloadbalancingv2.BaseApplicationListenerProps', 'aws-elasticloadbalancingv2.BaseNetworkListenerProps'],
};

/** `aws-ec2.LaunchTemplate` → the module to import and the props type's name. */
function propsTypes(on: string): { module: string; type: string }[] {
  const names = METHOD_PROPS[on] ?? [`${on}Props`];
  return names.map((n) => {
    const dot = n.indexOf('.');
    return { module: `aws-cdk-lib/${n.slice(0, dot)}`, type: n.slice(dot + 1) };
  });
}

/** `blockDevices.*` → `?.blockDevices?.[0]`: each step read as the props type allows. */
function access(l2: string): string {
  return l2
    .split('.')
    .map((seg) => (seg === '*' ? '?.[0]' : `?.${seg}`))
    .join('');
}

describe('cloud assembly: the L2 props that set synthesized properties', () => {
  it('names props that exist on the props types of aws-cdk-lib (type-checked)', function () {
    this.timeout(120_000);
    const modules = new Map<string, string>();
    const lines: string[] = [];
    for (const [i, entry] of L2_PROPS.entries()) {
      for (const on of entry.on) {
        for (const { module, type } of propsTypes(on)) {
          if (!modules.has(module)) modules.set(module, `m${modules.size}`);
          const alias = modules.get(module)!;
          lines.push(`declare const p${lines.length}: ${alias}.${type}; // ${i} ${on} ${entry.cfn}`);
          const p = `p${lines.length - 1}`;
          for (const l2 of entry.l2) lines.push(`void ${p}${access(l2)}; // ${on} ${l2}`);
        }
      }
    }
    const file = path.join(ROOT, '.test-output', 'l2-props', 'check.ts');
    const text = [...[...modules].map(([m, a]) => `import * as ${a} from '${m}';`), ...lines, 'export {};', ''].join('\n');
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      skipLibCheck: true,
      types: [],
      baseUrl: ROOT,
      typeRoots: [],
    };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (f, lang, onError, create) =>
      path.resolve(f) === file ? ts.createSourceFile(f, text, lang) : getSourceFile(f, lang, onError, create);
    const exists = host.fileExists.bind(host);
    host.fileExists = (f) => path.resolve(f) === file || exists(f);
    const program = ts.createProgram([file], options, host);
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && path.resolve(d.file.fileName) === file)
      .map(
        (d) =>
          `${text.split('\n')[d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line]}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
      );
    assert.deepEqual(errors, []);
    assert.ok(lines.length > L2_PROPS.length, 'every entry was checked');
  });

  it('puts the most specific property path first within a class', () => {
    for (const [i, a] of L2_PROPS.entries()) {
      for (const b of L2_PROPS.slice(i + 1)) {
        const shared = a.on.some((o) => b.on.includes(o));
        assert.ok(!shared || !b.cfn.startsWith(`${a.cfn}.`), `${a.cfn} must come after ${b.cfn}`);
      }
    }
  });
});
