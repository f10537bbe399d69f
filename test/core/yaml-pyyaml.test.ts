import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { YamlParse } from '../../core/parse/tree';
import { parseYaml, parseYamlComposed } from '../../core/parse/yaml';
import { parseYamlFast } from '../../core/parse/yaml-fast';
import { rules } from '../../rules';
import { ROOT, sampleFiles } from './parse-compare';
import { havePyYaml, Reading, readWithPyYaml, typedDiff, typedTree } from './pyyaml';

/** Our YAML forms: each `<name>.yaml` has PyYAML's reading beside it (`python3 test/core/pyyaml-reference.py --write <file>`). */
const FORMS = path.join(ROOT, 'test', 'fixtures', 'yaml');
const formFiles = (): string[] =>
  fs
    .readdirSync(FORMS)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join(FORMS, f));

/** The error problems of a parse, as `code: message`. */
const errorsOf = (p: YamlParse): string[] => p.problems.filter((x) => x.severity === 'error').map((x) => `${x.code}: ${x.message}`);

/** Every path that answers must read the text as the reference does, without an error. */
function checkAllPaths(text: string, ref: Reading, label: string): void {
  const paths: [string, YamlParse | undefined][] = [
    ['parseYaml', parseYaml(text)],
    ['composed', parseYamlComposed(text)],
    ['fast', parseYamlFast(text)],
  ];
  for (const [name, parsed] of paths) {
    if (!parsed) continue;
    assert.deepEqual(errorsOf(parsed), [], `${label} (${name}): no error where PyYAML reads the file`);
    const d = typedDiff(typedTree(parsed.root), ref.value);
    assert.equal(d, undefined, `${label} (${name}): ${d}`);
  }
}

describe('YAML as CloudFormation reads it (PyYAML, the reference of cfn-lint, as oracle)', function () {
  this.timeout(300_000);

  it("reads each of our YAML forms as PyYAML's reading kept beside it, on every path that answers", () => {
    const files = formFiles();
    assert.ok(files.length >= 1, 'test/fixtures/yaml holds the forms');
    for (const f of files) {
      const ref = JSON.parse(fs.readFileSync(`${f}.pyyaml.json`, 'utf8')) as Reading;
      assert.equal(ref.error, undefined, `${f}: PyYAML reads it`);
      checkAllPaths(fs.readFileSync(f, 'utf8'), ref, path.basename(f));
    }
  });

  it('keeps an unquoted policy Version the string CloudFormation reads, so no rule calls it a timestamp', () => {
    const file = path.join(FORMS, 'scalars.yaml');
    const doc = parseDocument(file, 1, fs.readFileSync(file, 'utf8'));
    const res = analyze(doc, rules);
    assert.deepEqual(res.ruleErrors, []);
    assert.deepEqual(
      res.findings.filter((f) => f.ruleId === 'iam-policy-valid-grammar').map((f) => f.message),
      [],
    );
    assert.equal(doc.template?.resources[0]?.id, 'Role');
  });

  it('keeps the readings beside the forms current (when python3 has PyYAML)', function () {
    if (!havePyYaml()) this.skip();
    const files = formFiles();
    const fresh = readWithPyYaml(files);
    files.forEach((f, i) => {
      const kept = JSON.parse(fs.readFileSync(`${f}.pyyaml.json`, 'utf8')) as Reading;
      assert.deepEqual(kept.value, fresh[i].value, `${path.basename(f)}.pyyaml.json is stale: run pyyaml-reference.py --write`);
    });
  });

  it('reads every YAML file under test/fixtures, examples and ../shared/corpus as PyYAML does (when python3 has PyYAML)', function () {
    if (!havePyYaml()) this.skip();
    const files = sampleFiles(/\.(ya?ml|template)$/i);
    assert.ok(files.length > 100, `${files.length} files`);
    const readings = readWithPyYaml(files);
    let compared = 0;
    readings.forEach((ref, i) => {
      const label = path.relative(ROOT, files[i]);
      const ours = parseYaml(fs.readFileSync(files[i], 'utf8'));
      if (ref.error !== undefined) {
        // What PyYAML refuses, we report too (an error, or the warning that only the first document is read).
        assert.ok(ours.problems.length > 0, `${label}: PyYAML fails (${ref.error}) but we report nothing`);
        return;
      }
      compared++;
      assert.deepEqual(errorsOf(ours), [], `${label}: no error where PyYAML reads the file`);
      const d = typedDiff(typedTree(ours.root), ref.value);
      assert.equal(d, undefined, `${label}: ${d}`);
    });
    assert.ok(compared > files.length * 0.95, `${compared} of ${files.length} compared`);
  });
});
