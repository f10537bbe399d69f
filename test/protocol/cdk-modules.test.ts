import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildOnce, ofRule, TestClient } from './harness';

const STACK = `import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { props } from './config';
export class S extends Stack {
  build(): void {
    new s3.Bucket(this, 'B', props);
  }
}
`;
const config = (enforce: boolean): string => `export const props = { enforceSSL: ${enforce} };\n`;

describe('protocol: a CDK file reads the project module it imports (read before the analysis, read again when it changes)', function () {
  this.timeout(120_000);
  let client: TestClient | undefined;
  let dir: string;
  before(function () {
    if (process.platform === 'win32') this.skip();
    buildOnce();
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-modules-protocol-')));
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
  });
  after(async () => {
    await client?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the value in the sibling module decides the finding, on disk and in an open editor buffer', async () => {
    fs.writeFileSync(path.join(dir, 'config.ts'), config(false));
    const stack = pathToFileURL(path.join(dir, 'stack.ts')).href;
    const configUri = pathToFileURL(path.join(dir, 'config.ts')).href;
    client = await TestClient.start({ settings: () => ({}) });
    let d = await client.open(stack, STACK, 'typescript');
    const tls = ofRule(d.diagnostics, 's3-bucket-enforce-tls');
    assert.equal(tls.length, 1, JSON.stringify(d.diagnostics));
    assert.match(String(tls[0].message), /The value is set in config\.ts \(props\)\./);

    fs.writeFileSync(path.join(dir, 'config.ts'), config(true));
    d = await client.change(stack, `${STACK}\n`);
    assert.deepEqual(ofRule(d.diagnostics, 's3-bucket-enforce-tls'), [], 'changed on disk: read again before the next analysis');

    const again = client.nextDiagnostics(stack, (p) => ofRule(p.diagnostics, 's3-bucket-enforce-tls').length === 1);
    await client.open(configUri, config(false), 'typescript');
    d = await again;
    assert.equal(ofRule(d.diagnostics, 's3-bucket-enforce-tls').length, 1, 'the open buffer of the module wins over its file');
  });
});
