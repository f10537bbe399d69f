import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import { buildOnce, IMDS_BAD, IMDS_BAD_JSON, MALFORMED, positionOf, removeTemps, ROOT, runCli, tempTree, USER_ONLY } from './helpers';

interface SarifLog {
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        rules: {
          id: string;
          name: string;
          shortDescription: { text: string };
          fullDescription: { text: string };
          helpUri?: string;
          help: { text: string; markdown: string };
          properties: { tags: string[]; 'security-severity': string };
        }[];
      };
    };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId?: string };
          region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
        };
      }[];
      partialFingerprints: Record<string, string>;
      suppressions?: { kind: string; justification: string }[];
    }[];
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: {
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
      }[];
    }[];
  }[];
}

/** The shipped SARIF 2.1.0 schema is draft-04; Ajv 8 reads it once `id` is spelled `$id`. */
function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const { $schema: _drop, id, ...rest } = schema;
  // unicodeRegExp off: the schema's `language` pattern has a stray `]` that only non-unicode regexps accept.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => {
    try {
      return new URL(s).protocol.length > 1;
    } catch {
      return false;
    }
  });
  ajv.addFormat('uri-reference', (s: string) => {
    try {
      new URL(s, 'file:///base/');
      return !/\s/.test(s);
    } catch {
      return false;
    }
  });
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile({ ...rest, $id: String(id) });
}

describe('cli: SARIF output', function () {
  this.timeout(60_000);
  let validate: ValidateFunction;
  let log: SarifLog;
  let code: number | null;

  before(async () => {
    buildOnce();
    validate = sarifValidator();
    const dir = tempTree({
      'infra/web lt.yaml': IMDS_BAD,
      'infra/lt.json': IMDS_BAD_JSON,
      'infra/user.yaml': USER_ONLY,
      'infra/broken.yaml': MALFORMED,
      'node_modules/x/t.yaml': IMDS_BAD,
    });
    const r = await runCli(['scan', '--format', 'sarif'], dir);
    code = r.code;
    log = JSON.parse(r.stdout) as SarifLog;
  });
  after(() => removeTemps());

  it('validates against the SARIF 2.1.0 schema', () => {
    assert.equal(code, 1);
    const ok = validate(log);
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  });

  it('validates with suppressed results, an expired suppression and a baseline', async () => {
    const dir = tempTree({
      'a.yaml': `Resources:\n  # parapet-ignore iam-no-user: break-glass account (until 2001-01-01)\n  Old:\n    Type: AWS::IAM::User\n  # parapet-ignore iam-no-user: backup job account\n  Kept:\n    Type: AWS::IAM::User\n`,
    });
    assert.equal((await runCli(['baseline', '-o', 'b.json'], dir)).code, 0);
    const r = await runCli(['scan', '--format', 'sarif', '--baseline', 'b.json'], dir);
    const withAll = JSON.parse(r.stdout) as SarifLog;
    assert.ok(
      withAll.runs[0].results.some((x) => x.suppressions?.length),
      'a suppressed result',
    );
    assert.ok(validate(withAll), JSON.stringify(validate.errors, null, 2));
    const expired = JSON.parse((await runCli(['scan', '--format', 'sarif'], dir)).stdout) as SarifLog;
    assert.ok(expired.runs[0].results.some((x) => x.ruleId === 'suppression-expired'));
    assert.ok(validate(expired), JSON.stringify(validate.errors, null, 2));
  });

  it('the schema check can fail: a broken log is rejected', () => {
    const broken = JSON.parse(JSON.stringify(log)) as SarifLog;
    broken.runs[0].results[0].level = 'fatal';
    assert.equal(validate(broken), false);
    const noVersion = { runs: log.runs };
    assert.equal(validate(noVersion), false);
  });

  it('meets GitHub code scanning upload checks: rules described, results tied to rules', () => {
    const run = log.runs[0];
    const rules = run.tool.driver.rules;
    assert.ok(rules.length >= 2);
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length, 'unique rule ids');
    for (const r of rules) {
      assert.ok(r.shortDescription.text.length > 0, `${r.id} shortDescription`);
      assert.ok(r.fullDescription.text.length > 0, `${r.id} fullDescription`);
      assert.ok(r.help.markdown.length > 0 && r.help.text.length > 0, `${r.id} help`);
      assert.ok(r.helpUri && /^https:\/\//.test(r.helpUri), `${r.id} helpUri`);
      assert.ok(r.properties.tags.includes('security'));
      const sev = Number(r.properties['security-severity']);
      assert.ok(sev > 0 && sev <= 10, `${r.id} security-severity ${r.properties['security-severity']}`);
    }
    const imds = rules.find((r) => r.id === 'ec2-imdsv2-required');
    assert.ok(imds?.properties.tags.includes('instance-metadata'), 'category tag');
    assert.ok(run.results.length >= 3);
    for (const res of run.results) {
      assert.ok(res.ruleId, 'ruleId');
      assert.equal(rules[res.ruleIndex].id, res.ruleId, 'ruleIndex points at the rule');
      assert.ok(res.message.text.length > 0);
      assert.ok(Object.keys(res.partialFingerprints).length > 0, 'partialFingerprints');
      for (const loc of res.locations) {
        const a = loc.physicalLocation.artifactLocation;
        assert.doesNotMatch(a.uri, /^[a-z]+:|^\//, 'relative URI');
        assert.equal(a.uriBaseId, '%SRCROOT%');
        assert.ok(run.originalUriBaseIds[a.uriBaseId].uri.startsWith('file:///'));
      }
    }
    const prints = run.results.map((r) => Object.values(r.partialFingerprints).join());
    assert.equal(new Set(prints).size, prints.length, 'fingerprints are distinct');
  });

  it('maps regions to 1-based lines and columns and encodes the relative URI', () => {
    const res = log.runs[0].results.find(
      (r) => r.ruleId === 'ec2-imdsv2-required' && r.locations[0].physicalLocation.artifactLocation.uri === 'infra/web%20lt.yaml',
    );
    assert.ok(res, JSON.stringify(log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri)));
    const at = positionOf(IMDS_BAD, 'WebLaunchTemplate:');
    assert.deepEqual(res.locations[0].physicalLocation.region, {
      startLine: at.line + 1,
      startColumn: at.character + 1,
      endLine: at.line + 1,
      endColumn: at.character + 1 + 'WebLaunchTemplate'.length,
    });
    assert.equal(res.level, 'error');
    const warn = log.runs[0].results.find((r) => r.ruleId === 'iam-no-user');
    assert.equal(warn?.level, 'warning');
  });

  it('reports errors and skips as tool execution notifications', () => {
    const inv = log.runs[0].invocations[0];
    assert.equal(inv.executionSuccessful, true);
    const broken = inv.toolExecutionNotifications.find((n) => n.locations[0].physicalLocation.artifactLocation.uri === 'infra/broken.yaml');
    assert.equal(broken?.level, 'error');
    assert.match(broken.message.text, /YAML syntax error/);
    const skip = inv.toolExecutionNotifications.find((n) => n.locations[0].physicalLocation.artifactLocation.uri === 'node_modules');
    assert.equal(skip?.level, 'note');
  });
});
