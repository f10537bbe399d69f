/**
 * The fuzz script's in-process engine, in a worker thread so a hang can be cut off (the main thread
 * terminates the worker after the per-input deadline and starts another). For each input: parse
 * and analyse (timed), fix-all, then check the fixed text parses, equals its passes' edits replayed,
 * and keeps the file's line ending.
 */
import { parentPort } from 'node:worker_threads';
import { initCdkPython } from '../../core/cdk/py-init';
import { parseDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { decodeText } from '../../core/files';
import { fixAll, languageIdOf } from '../../core/fix/apply';
import { applyEdits } from '../../core/fix/text';
import { rules } from '../../rules';

export interface EngineRequest {
  id: number;
  /** A file name with the input's extension: the syntax is picked from it, as in the CLI. */
  file: string;
  bytes: Uint8Array;
}

export interface EngineResult {
  id: number;
  analysisMs: number;
  /** CPU time of the same parse and analysis (the process's, which is this thread's while the main thread waits): load does not inflate it. */
  analysisCpuMs: number;
  fixMs: number;
  /** An exception from the core, or a rule that threw (the engine reports it), with its first stack lines. */
  crash?: string;
  kind: string;
  /** Codes of the document's problems (a `too-deep` or time-out here may not happen in the CLI, and the other way). */
  problems: string[];
  findings: number;
  fixable: number;
  applied: number;
  /** The fixed text, when the fixes changed the text. */
  fixedText?: string;
  /** The fixed text does not parse (fixAll must never hand that back). */
  unparseable: boolean;
  /** Replaying the passes' edits on the text does not give the fixed text. */
  replayMismatch: boolean;
  /** The fixed text breaks lines differently from the file, which used one kind of break. */
  eolBroken?: string;
}

/** The one kind of line break a text uses, `mixed`, or `none`. */
export function breakKind(text: string): 'lf' | 'crlf' | 'cr' | 'mixed' | 'none' {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const cr = (text.match(/\r/g) ?? []).length - crlf;
  const kinds = [lf && 'lf', crlf && 'crlf', cr && 'cr'].filter(Boolean) as ('lf' | 'crlf' | 'cr')[];
  return kinds.length === 0 ? 'none' : kinds.length === 1 ? kinds[0] : 'mixed';
}

function firstLines(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ') : String(e);
}

function run(req: EngineRequest): EngineResult {
  const text = decodeText(Buffer.from(req.bytes));
  const uri = `file://${req.file}`;
  const out: EngineResult = {
    id: req.id,
    analysisMs: 0,
    analysisCpuMs: 0,
    fixMs: 0,
    kind: 'none',
    problems: [],
    findings: 0,
    fixable: 0,
    applied: 0,
    unparseable: false,
    replayMismatch: false,
  };
  try {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const doc = parseDocument(uri, 1, text);
    const result = analyze(doc, rules);
    out.analysisMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    out.analysisCpuMs = (cpu.user + cpu.system) / 1000;
    out.kind = doc.kind;
    out.problems = [...new Set([...doc.problems, ...result.problems].map((p) => p.code))];
    out.findings = result.findings.length;
    out.fixable = result.findings.filter((f) => f.fixes.length > 0).length;
    if (result.ruleErrors.length) out.crash = `rule ${result.ruleErrors[0].ruleId} failed: ${result.ruleErrors[0].message}`;
    if (!out.fixable) return out;
    const t1 = performance.now();
    const fixed = fixAll(doc, rules);
    out.fixMs = performance.now() - t1;
    out.applied = fixed.applied;
    if (fixed.text === text) return out;
    out.fixedText = fixed.text;
    const again = parseDocument(uri, 2, fixed.text, languageIdOf(doc));
    out.unparseable = again.problems.some((p) => p.severity === 'error') && !doc.problems.some((p) => p.severity === 'error');
    out.replayMismatch = fixed.passes.reduce((t, edits) => applyEdits(t, edits), text) !== fixed.text;
    const before = breakKind(text);
    const after = breakKind(fixed.text);
    if (before !== 'mixed' && after !== 'none' && after !== before && !(before === 'none' && after === 'lf'))
      out.eolBroken = `${before} → ${after}`;
  } catch (e) {
    out.crash = firstLines(e);
  }
  return out;
}

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  await initCdkPython().catch(() => undefined);
  // Warm up (TypeScript loads on the first CDK file, the JIT on the first templates): not part of any input's time.
  for (const [file, text] of [
    ['/fuzz/warm.ts', "import * as s3 from 'aws-cdk-lib/aws-s3';\nnew s3.Bucket(this, 'B');\n"],
    ['/fuzz/warm.py', "from aws_cdk import aws_s3 as s3\ns3.Bucket(self, 'B')\n"],
    ['/fuzz/warm.yaml', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n'],
  ]) {
    for (let i = 0; i < 3; i++) run({ id: -1, file, bytes: Buffer.from(text) });
  }
  port.on('message', (req: EngineRequest) => port.postMessage(run(req)));
  port.postMessage({ ready: true });
}

void serve();
