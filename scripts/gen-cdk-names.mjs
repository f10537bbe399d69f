// Generates core/cdk/data/cfn-names.json from the installed aws-cdk-lib (dev dependency):
// L1 class -> CloudFormation type, and the property names whose CloudFormation spelling is not
// the camelCase name with its first letter upper-cased (e.g. sseSpecification -> SSESpecification),
// globally where every module agrees, else per module.
// Run by hand after bumping aws-cdk-lib: node scripts/gen-cdk-names.mjs
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = 'node_modules/aws-cdk-lib';
const types = {};
/** key (lower-cased camel name) -> module -> Set of CloudFormation spellings */
const seen = new Map();
const pascal = (s) => s[0].toUpperCase() + s.slice(1);
for (const dir of readdirSync(root)) {
  const lib = join(root, dir, 'lib');
  if (!dir.startsWith('aws-') && dir !== 'alexa-ask') continue;
  if (!existsSync(lib)) continue;
  for (const f of readdirSync(lib)) {
    if (!f.endsWith('.generated.js')) continue;
    const src = readFileSync(join(lib, f), 'utf8');
    for (const m of src.matchAll(/class (Cfn[A-Za-z0-9]+) extends[^{]*\{static\[[^\]]+\]=\{fqn:"[^"]+",version:"[^"]+"\};static CFN_RESOURCE_TYPE_NAME="([^"]+)"/g)) {
      types[`${dir}.${m[1]}`] = m[2];
    }
    for (const m of src.matchAll(/[{,]([a-z][A-Za-z0-9]*):"([A-Z][A-Za-z0-9]*)"/g)) {
      const [, camel, cfn] = m;
      const key = camel.toLowerCase();
      const byMod = seen.get(key) ?? new Map();
      seen.set(key, byMod);
      const set = byMod.get(dir) ?? new Set();
      byMod.set(dir, set);
      set.add(pascal(camel) === cfn ? '' : cfn);
    }
  }
}
const irregular = {};
const byModule = {};
for (const [key, byMod] of seen) {
  const all = new Set([...byMod.values()].flatMap((s) => [...s]));
  if (all.size === 1) {
    const only = [...all][0];
    if (only) irregular[key] = only;
    continue;
  }
  for (const [mod, set] of byMod) {
    if (set.size === 1 && [...set][0]) (byModule[mod] ??= {})[key] = [...set][0];
  }
}
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
writeFileSync('core/cdk/data/cfn-names.json', JSON.stringify({ source: `aws-cdk-lib ${version}`, types, irregular, byModule }) + '\n');
console.log(`types ${Object.keys(types).length}, irregular ${Object.keys(irregular).length}, per-module ${Object.keys(byModule).length}`);
