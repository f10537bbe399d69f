import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { buildOnce, ofRule, TestClient } from './harness';

const RULE = 'account-baseline-complete';

/** A trail and a Config recorder: an account baseline without GuardDuty and Security Hub. */
const BASELINE = `Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      IsMultiRegionTrail: true
      S3BucketName: logs
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: arn:aws:iam::123456789012:role/config
`;

/** The other half, in a sibling template. */
const DETECTORS = `Resources:
  Detector:
    Type: AWS::GuardDuty::Detector
    Properties:
      Enable: true
  Hub:
    Type: AWS::SecurityHub::Hub
`;

function messages(p: PublishDiagnosticsParams): string[] {
  return ofRule(p.diagnostics, RULE).map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
}

describe('protocol: the account baseline is judged across the workspace, as parapet scan judges it', function () {
  this.timeout(60_000);
  let client: TestClient | undefined;
  let dir = '';

  before(() => buildOnce());
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-facts-'));
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(files: Record<string, string>): Promise<TestClient> {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).href] });
    return client;
  }

  const uriOf = (name: string): string => pathToFileURL(path.join(dir, name)).href;

  it('flags a baseline alone in its workspace, and takes it back when a saved sibling sets up the rest', async () => {
    const c = await start({ 'baseline.yaml': BASELINE });
    const uri = uriOf('baseline.yaml');
    const flagged = c.nextDiagnostics(uri, (p) => messages(p).length > 0);
    await c.open(uri, BASELINE);
    const [message] = messages(await flagged);
    assert.match(message, /neither it nor any other file .*GuardDuty.*Security Hub/);

    // A sibling saved on disk (the client's file watcher reports it): the baseline is complete across the workspace.
    fs.writeFileSync(path.join(dir, 'detectors.yaml'), DETECTORS);
    const cleared = c.nextDiagnostics(uri, (p) => messages(p).length === 0);
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('detectors.yaml'), type: 1 }] });
    await cleared;
  });

  it("reads closed siblings from disk and open ones from the editor's text", async () => {
    const c = await start({ 'baseline.yaml': BASELINE, 'detectors.yaml': DETECTORS });
    const uri = uriOf('baseline.yaml');
    const sibling = uriOf('detectors.yaml');
    await c.open(uri, BASELINE);
    await c.open(sibling, DETECTORS);
    // The detector deleted in the editor (not saved): only GuardDuty is missing now.
    const flagged = c.nextDiagnostics(uri, (p) => messages(p).length > 0);
    await c.change(sibling, DETECTORS.replace(/ {2}Detector:\n(?: {4}.*\n)+/, ''));
    const [message] = messages(await flagged);
    assert.match(message, /GuardDuty/);
    assert.doesNotMatch(message, /Security Hub/);
    // Closed without saving: the saved text, with its detector, counts again.
    const cleared = c.nextDiagnostics(uri, (p) => messages(p).length === 0);
    await c.close(sibling);
    await cleared;
  });
});
