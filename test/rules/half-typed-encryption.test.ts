import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../core/engine';
import { rules } from '../../rules';
import { encryptionAtRestRules } from '../../rules/encryption-at-rest';
import { encryptionInTransitRules } from '../../rules/encryption-in-transit';
import { ROOT, parseFile } from './helpers';

// The spine's four rules (RDS, EBS volumes, S3 TLS, ELBv2 HTTP) have their own owners and tests.
const SPINE = new Set(['rds-storage-encrypted', 'ebs-volume-encrypted', 's3-bucket-enforce-tls', 'elbv2-listener-https']);
const MINE = [...encryptionAtRestRules, ...encryptionInTransitRules].filter((r) => !SPINE.has(r.meta.id));
const DIR = path.join(ROOT, 'test', 'fixtures', 'half-typed');

describe('encryption rules on half-typed templates', () => {
  it('cover every resource type they read', () => {
    // The fixture is only meaningful if it holds a half-typed instance of each type the rules read.
    const text = fs.readFileSync(path.join(DIR, 'encryption.yaml'), 'utf8');
    const missing = [...new Set(MINE.flatMap((r) => r.meta.resourceTypes))].filter((t) => !text.includes(`Type: ${t}\n`));
    assert.deepEqual(missing, []);
  });

  for (const file of ['encryption.yaml', 'encryption.json']) {
    it(`${file}: no rule throws and no encryption rule reports anything`, () => {
      const doc = parseFile(path.join(DIR, file));
      assert.equal(doc.kind, 'cfn');
      const res = analyze(doc, rules, { profile: 'strict' });
      assert.deepEqual(res.ruleErrors, []);
      const mine = new Set(MINE.map((r) => r.meta.id));
      const found = res.findings
        .filter((f) => mine.has(f.ruleId))
        .map((f) => `${f.ruleId} ${f.resource ?? ''} line ${f.range.start.line + 1}: ${f.message}`);
      assert.deepEqual(found, []);
    });
  }

  it('every prefix of the YAML fixture (as if typed from the top) analyses without a rule error', () => {
    const file = path.join(DIR, 'encryption.yaml');
    const text = fs.readFileSync(file, 'utf8');
    for (let cut = 0; cut <= text.length; cut += 211) {
      const doc = parseFile(file, text.slice(0, cut));
      const res = analyze(doc, MINE, { profile: 'strict' });
      assert.deepEqual(res.ruleErrors, [], `prefix of ${cut} characters`);
    }
  });

  it('the rules still flag the same resources once the values are typed', () => {
    // Guards against a fixture that is "clean" only because the rules ignore these types.
    const file = path.join(DIR, 'encryption.yaml');
    const typed = fs
      .readFileSync(file, 'utf8')
      .replace(/^( {6}Encrypted:)$/m, '$1 false')
      .replace(/^( {6}KmsMasterKeyId:)$/m, '$1 ""')
      .replace(/^( {6}SqsManagedSseEnabled:)$/m, '$1 false')
      .replace(/^( {8}EnforceHTTPS:)$/m, '$1 false');
    const res = analyze(parseFile(file, typed), MINE, { profile: 'strict' });
    const ids = new Set(res.findings.map((f) => `${f.ruleId}@${f.resource}`));
    for (const want of [
      'efs-file-system-encrypted@EfsA',
      'sns-topic-encrypted@Topic',
      'sqs-queue-encrypted@Queue',
      'opensearch-domain-enforce-https@Search',
    ]) {
      assert.ok(ids.has(want), `${want} not reported; got ${[...ids].join(', ')}`);
    }
  });
});
