import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root (tests run compiled from out/test/cli). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

let built = false;

/** Newest modification time of the TypeScript sources under these folders. */
function newestSource(dirs: string[]): number {
  let newest = 0;
  const visit = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) if (fs.existsSync(d)) visit(d);
  return newest;
}

/** Bundles the CLI once per test run (unless the bundle is newer than every source), so the tests exercise what ships. */
export function buildOnce(): void {
  if (built) return;
  const fresh = fs.existsSync(CLI) && fs.statSync(CLI).mtimeMs > newestSource(['cli', 'core', 'rules'].map((d) => path.join(ROOT, d)));
  if (fresh) {
    built = true;
    return;
  }
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  // Another engineer's half-finished client may fail its own bundle; the CLI bundle is still written.
  if (r.status !== 0 && !fs.existsSync(CLI)) throw new Error(`build failed:\n${r.stderr}`);
  built = true;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Kills the CLI after this long (a bound on a hang, not a speed check); the run then has code null. */
  deadlineMs?: number;
  /** Runs the CLI as this user id (tests that need a real permission error while running as root). */
  uid?: number;
  gid?: number;
}

/** Runs the bundled CLI as a child process in `cwd`; resolves when it exits (bounded by mocha's timeout or `deadlineMs`). */
export function runCli(args: string[], cwd: string, opts: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], uid: opts.uid, gid: opts.gid });
    const timer = opts.deadlineMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), opts.deadlineMs);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const temps: string[] = [];

/** Removes every folder `tempTree` made. */
export function removeTemps(): void {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** A fresh temporary folder with the given files (path → content); `removeTemps` deletes it. */
export function tempTree(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-cli-'));
  temps.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
  return dir;
}

/** 0-based line and character of the first occurrence of `snippet` in `text`. */
export function positionOf(text: string, snippet: string): { line: number; character: number } {
  const i = text.indexOf(snippet);
  if (i < 0) throw new Error(`snippet not found: ${snippet}`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** A launch template without IMDSv2: one `ec2-imdsv2-required` error, with a fix. */
export const IMDS_BAD = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  WebLaunchTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        InstanceType: t3.micro
`;

/** An IAM user: one `iam-no-user` warning, no fix. */
export const USER_ONLY = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  DeployUser:
    Type: AWS::IAM::User
`;

/** A template with nothing to report. */
export const CLEAN = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Handle:
    Type: AWS::CloudFormation::WaitConditionHandle
`;

/** The same launch template in JSON. */
export const IMDS_BAD_JSON = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "JsonLaunchTemplate": {
      "Type": "AWS::EC2::LaunchTemplate",
      "Properties": { "LaunchTemplateData": { "InstanceType": "t3.micro" } }
    }
  }
}
`;

/** A KMS key that does not rotate: one `kms-key-rotation-enabled` finding whose fix is safe (applied by --fix). */
export const ROTATION_OFF = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      Description: data key
      EnableKeyRotation: false
`;

/** The same key in JSON. */
export const ROTATION_OFF_JSON = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "JsonKey": {
      "Type": "AWS::KMS::Key",
      "Properties": { "Description": "data key", "EnableKeyRotation": false }
    }
  }
}
`;

/** A template that does not parse. */
export const MALFORMED = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Broken:
    Type: AWS::EC2::LaunchTemplate
    Properties: [unclosed
`;
