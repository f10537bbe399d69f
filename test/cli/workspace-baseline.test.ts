import * as assert from 'node:assert/strict';
import { buildOnce, removeTemps, runCli, tempTree } from './helpers';

// N6 (issue 10): the account baseline is judged across every file of a scan, not per template.
describe('CLI: account-baseline-complete across the scanned files', () => {
  before(buildOnce);
  after(removeTemps);

  const security = [
    'Resources:',
    '  Detector:',
    '    Type: AWS::GuardDuty::Detector',
    '    Properties: {Enable: true}',
    '  Recorder:',
    '    Type: AWS::Config::ConfigurationRecorder',
    '    Properties: {RoleARN: arn:aws:iam::111122223333:role/config}',
    '',
  ].join('\n');
  const trail = [
    'Resources:',
    '  Trail:',
    '    Type: AWS::CloudTrail::Trail',
    '    Properties: {IsLogging: true, IsMultiRegionTrail: true, S3BucketName: logs}',
    '',
  ].join('\n');
  const hub = ['Resources:', '  Hub:', '    Type: AWS::SecurityHub::Hub', ''].join('\n');

  const baseline = async (files: Record<string, string>): Promise<string[]> => {
    const dir = tempTree(files);
    const r = await runCli(['scan', '.', '--format', 'json', '--fail-on', 'never'], dir);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; message: string }[] };
    return report.findings.filter((f) => f.ruleId === 'account-baseline-complete').map((f) => f.message);
  };

  it('sibling templates that set up the rest of the baseline: nothing to say', async () => {
    assert.deepEqual(await baseline({ 'security.yaml': security, 'trail.yaml': trail, 'hub.yaml': hub }), []);
  });

  it('what no file of the scan sets up is still named', async () => {
    const messages = await baseline({ 'security.yaml': security, 'trail.yaml': trail });
    assert.equal(messages.length, 1);
    assert.match(messages[0], /neither it nor any other file scanned with it sets up Security Hub\./);
  });
});
