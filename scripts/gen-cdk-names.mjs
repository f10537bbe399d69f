// Generates core/cdk/data/cfn-names.ts from the installed aws-cdk-lib (dev dependency):
// L1 class -> CloudFormation type, and, per CloudFormation type, the property names whose
// CloudFormation spelling is not the camelCase name with its first letter upper-cased
// (sseSpecification -> SSESpecification), struct by struct: one L1 may spell the same name two ways
// (Lambda Function `KmsKeyArn`, its `DurableConfig.KMSKeyArn`), and nested props are reached through
// the struct each prop holds. Taken from each L1's own CloudFormation parser
// (`addPropertyResult("camel","Cfn", …CfnXStructPropertyFromCloudFormation…)`).
// Per type: struct ('' is the props) -> camel prop -> `Cfn` (irregular spelling), `Cfn>Struct` or
// `>Struct` (the struct its value holds, when that struct has irregular names somewhere below), and a
// trailing `*` for JSON props (`policyDocument: any`, `variables: { [k: string]: string }`): their keys are data, as written.
// `props`: for the types the rules name (a 'AWS::…' literal in rules/), every CloudFormation property name of
// the L1 and its structs, so a rule's message on an L1 can be told which words are property names.
// Run by hand after bumping aws-cdk-lib or when a rule names a new type: node scripts/gen-cdk-names.mjs
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = 'node_modules/aws-cdk-lib';
const types = {};
const byType = {};
const props = {};
const ruleTypes = new Set();
const scan = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) scan(p);
    else if (e.name.endsWith('.ts'))
      for (const m of readFileSync(p, 'utf8').matchAll(/'([A-Za-z]+::[A-Za-z0-9]+::[A-Za-z0-9]+)'/g)) ruleTypes.add(m[1]);
  }
};
scan('rules');
const pascal = (s) => s[0].toUpperCase() + s.slice(1);
for (const dir of readdirSync(root)) {
  const lib = join(root, dir, 'lib');
  if (!dir.startsWith('aws-') && dir !== 'alexa-ask') continue;
  if (!existsSync(lib)) continue;
  for (const f of readdirSync(lib)) {
    if (!f.endsWith('.generated.js')) continue;
    const src = readFileSync(join(lib, f), 'utf8');
    const classes = new Map();
    for (const m of src.matchAll(
      /class (Cfn[A-Za-z0-9]+) extends[^{]*\{static\[[^\]]+\]=\{fqn:"[^"]+",version:"[^"]+"\};static CFN_RESOURCE_TYPE_NAME="([^"]+)"/g,
    )) {
      types[`${dir}.${m[1]}`] = m[2];
      classes.set(m[1], m[2]);
    }
    // Parser functions: `CfnClusterPropsFromCloudFormation`, `CfnClusterSSESpecificationPropertyFromCloudFormation`.
    const structs = new Map();
    const parts = src.split(/function (Cfn[A-Za-z0-9]+)FromCloudFormation\(/);
    for (let i = 1; i < parts.length; i += 2) {
      const props = new Map();
      for (const m of parts[i + 1].matchAll(/addPropertyResult\("([a-z][A-Za-z0-9]*)","([A-Za-z][A-Za-z0-9]*)",([^;]*?):void 0\)/g)) {
        const child = /(Cfn[A-Za-z0-9]+Property)FromCloudFormation/.exec(m[3])?.[1];
        // A JSON value (`any`) or a map of strings: its keys are data.
        props.set(m[1], {
          cfn: m[2],
          child,
          json:
            !child &&
            /FromCloudFormation\.(getAny\b|getMap\(cfn_parse\(\)\.FromCloudFormation\.get(String|Any|Number|Boolean)\))/.test(m[3]),
        });
      }
      structs.set(parts[i], props);
    }
    // Structs with an irregular name somewhere below them (fixpoint: structs may nest each other).
    const interesting = new Set();
    for (let changed = true; changed;) {
      changed = false;
      for (const [id, props] of structs) {
        if (interesting.has(id)) continue;
        if ([...props].some(([camel, p]) => pascal(camel) !== p.cfn || p.json || (p.child && interesting.has(p.child)))) {
          interesting.add(id);
          changed = true;
        }
      }
    }
    for (const [cls, type] of classes) {
      const out = {};
      const seen = new Set();
      const visit = (id, name) => {
        if (seen.has(id) || !interesting.has(id)) return;
        seen.add(id);
        const entries = {};
        for (const [camel, p] of structs.get(id)) {
          const irregular = pascal(camel) !== p.cfn ? p.cfn : '';
          const child = p.child && interesting.has(p.child) ? p.child : undefined;
          if (!irregular && !child && !p.json) continue;
          const childName = child ? child.slice(cls.length).replace(/Property$/, '') : '';
          entries[camel] = irregular + (child ? `>${childName}` : '') + (p.json ? '*' : '');
          if (child) visit(child, childName);
        }
        out[name] = entries;
      };
      visit(`${cls}Props`, '');
      if (Object.keys(out).length) byType[type] = out;
      if (ruleTypes.has(type)) props[type] = allNames(structs, `${cls}Props`).join(' ');
    }
  }
}
/** Every CloudFormation name in a struct and the structs below it, sorted. */
function allNames(structs, top) {
  const names = new Set();
  const seen = new Set();
  const walk = (id) => {
    if (seen.has(id) || !structs.has(id)) return;
    seen.add(id);
    for (const p of structs.get(id).values()) {
      names.add(p.cfn);
      if (p.child) walk(p.child);
    }
  };
  walk(top);
  return [...names].sort();
}

const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const json = JSON.stringify({ source: `aws-cdk-lib ${version}`, types, byType, props });
writeFileSync(
  'core/cdk/data/cfn-names.ts',
  `// Generated by scripts/gen-cdk-names.mjs from aws-cdk-lib ${version}. Do not edit.\nexport const CFN_NAMES: { source: string; types: Record<string, string>; byType: Record<string, Record<string, Record<string, string>>>; props: Record<string, string> } = ${json};\n`,
);
console.log(
  `types ${Object.keys(types).length}, types with irregular names ${Object.keys(byType).length}, with all names ${Object.keys(props).length}`,
);
