/**
 * The cloud assembly model: which templates a `cdk.out` holds (stacks, nested stacks, the stacks of
 * stages in `assembly-*` folders), and for each resource the construct path that created it, the
 * construct's class (tree.json) and its creation stack when the synth recorded one. Read from
 * `manifest.json`, the stacks' metadata (inline or `*.metadata.json`), the templates and
 * `tree.json`; nothing else in the folder (asset folders, Lambda code) is ever opened.
 */
import * as path from 'node:path';
import { MAX_DOCUMENT_BYTES } from '../document';
import { FileRequest, ReadSteps } from './io';
import { Frame, framesOf } from './trace';

/** Manifests and metadata can be large in big apps; past this they are not read. */
export const MANIFEST_LIMIT = 32 * 1024 * 1024;
/** tree.json holds every construct's props in large apps. */
export const TREE_LIMIT = 64 * 1024 * 1024;
/** Templates: what Parapet reads as a document. */
export const TEMPLATE_LIMIT = MAX_DOCUMENT_BYTES;
/** At most this many templates per assembly (stacks and nested stacks of every stage). */
export const MAX_TEMPLATES = 300;
/** Stages inside stages: `assembly-A/assembly-A-B/…`. */
const MAX_DEPTH = 4;

/** One synthesized template. */
export interface AssemblyTemplate {
  /** Construct path of the stack or nested stack (`Main`, `Prod/Main`, `Main/Nested`). */
  path: string;
  /** Absolute path of the template file. */
  file: string;
  text: string;
  mtimeMs: number;
  /** Construct path of the parent stack, for a nested stack. */
  nestedIn?: string;
  /** Logical id → construct path, from the stack's metadata. */
  logicalIds: Map<string, string>;
}

export interface CloudAssembly {
  /** The assembly folder (`cdk.out`), absolute. */
  dir: string;
  templates: AssemblyTemplate[];
  /** Construct path → jsii class (`aws-cdk-lib.aws_s3.Bucket`), from tree.json. */
  fqns: Map<string, string>;
  /** Construct path → logical id, from tree.json (when the metadata does not say). */
  treeLogicalIds: Map<string, string>;
  /** Construct path → the user-code frames of its creation stack, innermost first. */
  traces: Map<string, Frame[]>;
  /** What could not be read; the rest of the assembly still serves. */
  problems: string[];
  /** Set when the assembly as a whole cannot be read (no or a broken manifest.json). */
  error?: string;
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A file name a manifest gives: relative, inside its folder, never an asset folder. */
export function safeName(name: string | undefined): string | undefined {
  if (!name || path.isAbsolute(name) || name.includes('\0')) return undefined;
  const parts = name.split(/[\\/]/);
  if (parts.some((p) => p === '..' || p === '' || p.startsWith('asset.'))) return undefined;
  return name;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** What a stack's metadata says, by construct path (without the leading `/`). */
interface StackMetadata {
  logicalIds: Map<string, string>;
  templateFiles: Map<string, string>;
}

/** Collects logical ids, nested template files and creation stacks from a metadata object (`{ "/Main/B/Resource": [entries] }`). */
function readMetadata(meta: Json | undefined, into: StackMetadata, traces: Map<string, Frame[]>): void {
  for (const [key, entries] of Object.entries(meta ?? {})) {
    if (!Array.isArray(entries)) continue;
    const at = key.replace(/^\//, '');
    for (const raw of entries) {
      const e = obj(raw);
      if (!e) continue;
      const type = str(e.type);
      if (type === 'aws:cdk:logicalId') {
        const id = str(e.data);
        if (id) into.logicalIds.set(at, id);
        // Older aws-cdk-lib versions (and `--debug`) attach the creation stack to the logical id entry.
        if (Array.isArray(e.trace) && !traces.has(at)) traces.set(at, framesOf(e.trace));
      } else if (type === 'aws:cdk:templateFile') {
        const f = safeName(str(e.data));
        if (f) into.templateFiles.set(at, f);
      } else if (type === 'aws:cdk:creationStack' && Array.isArray(e.data)) {
        traces.set(at, framesOf(e.data));
      }
    }
  }
}

/** The template (stack or nested stack path) a construct path belongs to: the longest one above it. */
function ownerOf(at: string, templatePaths: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const p of templatePaths) if ((at === p || at.startsWith(`${p}/`)) && (best === undefined || p.length > best.length)) best = p;
  return best;
}

/** Reads one manifest's stacks (and, recursively, its stages' assemblies). */
function* readManifest(dir: string, manifest: Json, asm: CloudAssembly, depth: number): ReadSteps<string | undefined> {
  let treeFile: string | undefined;
  for (const [id, rawArt] of Object.entries(obj(manifest.artifacts) ?? {})) {
    const art = obj(rawArt);
    const props = obj(art?.properties);
    if (!art || !props) continue;
    if (art.type === 'aws:cloudformation:stack') {
      yield* readStack(dir, id, art, props, asm);
    } else if (art.type === 'cdk:cloud-assembly') {
      const sub = safeName(str(props.directoryName));
      if (!sub) continue;
      if (depth >= MAX_DEPTH) {
        asm.problems.push(`${sub}: stages nested deeper than ${MAX_DEPTH} levels are not read`);
        continue;
      }
      const subDir = path.join(dir, sub);
      const reply = yield req(path.join(subDir, 'manifest.json'), MANIFEST_LIMIT);
      const m = reply.ok ? obj(parseJson(reply.text)) : undefined;
      if (!m) asm.problems.push(`${rel(asm, subDir)}/manifest.json: ${reply.ok ? 'not valid JSON' : reply.message}`);
      else yield* readManifest(subDir, m, asm, depth + 1);
    } else if (art.type === 'cdk:tree' && depth === 0) {
      treeFile = safeName(str(props.file));
    }
  }
  return treeFile;
}

function req(file: string, limit: number): FileRequest {
  return { file, limit };
}

function rel(asm: CloudAssembly, file: string): string {
  return path.relative(asm.dir, file).split(path.sep).join('/') || '.';
}

function* readStack(dir: string, id: string, art: Json, props: Json, asm: CloudAssembly): ReadSteps<void> {
  const templateName = safeName(str(props.templateFile));
  if (!templateName) return;
  const stackPath = str(art.displayName) ?? id;
  const meta: StackMetadata = { logicalIds: new Map(), templateFiles: new Map() };
  readMetadata(obj(art.metadata), meta, asm.traces);
  const extra = safeName(str(art.additionalMetadataFile));
  if (extra) {
    const reply = yield req(path.join(dir, extra), MANIFEST_LIMIT);
    const m = reply.ok ? obj(parseJson(reply.text)) : undefined;
    if (m) readMetadata(m, meta, asm.traces);
    else asm.problems.push(`${rel(asm, path.join(dir, extra))}: ${reply.ok ? 'not valid JSON' : reply.message}`);
  }
  meta.templateFiles.set(stackPath, templateName);
  const owners = [...meta.templateFiles.keys()];
  for (const [at, file] of meta.templateFiles) {
    if (asm.templates.length >= MAX_TEMPLATES) {
      asm.problems.push(`more than ${MAX_TEMPLATES} templates: the others are not read`);
      return;
    }
    const reply = yield req(path.join(dir, file), TEMPLATE_LIMIT);
    if (!reply.ok) {
      asm.problems.push(`${rel(asm, path.join(dir, file))}: ${reply.message}`);
      continue;
    }
    const logicalIds = new Map<string, string>();
    for (const [p, logical] of meta.logicalIds) if (ownerOf(p, owners) === at) logicalIds.set(logical, p);
    asm.templates.push({
      path: at,
      file: path.join(dir, file),
      text: reply.text,
      mtimeMs: reply.mtimeMs,
      nestedIn: at === stackPath ? undefined : stackPath,
      logicalIds,
    });
  }
}

/** Walks tree.json (iteratively: the nesting is the app's) for each construct's class and logical id. */
function readTree(text: string, asm: CloudAssembly): void {
  const root = obj(obj(parseJson(text))?.tree);
  if (!root) {
    asm.problems.push('tree.json: not valid JSON');
    return;
  }
  const stack: Json[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    const at = str(n.path);
    if (at !== undefined) {
      const fqn = str(obj(n.constructInfo)?.fqn);
      if (fqn) asm.fqns.set(at, fqn);
      const logical = str(obj(n.attributes)?.['aws:cdk:cloudformation:logicalId']);
      if (logical) asm.treeLogicalIds.set(at, logical);
    }
    for (const c of Object.values(obj(n.children) ?? {})) {
      const child = obj(c);
      if (child) stack.push(child);
    }
  }
}

/** The steps that read the cloud assembly in `dir`. Never throws: what cannot be read is in `error` / `problems`. */
export function* readAssembly(dir: string): ReadSteps<CloudAssembly> {
  const asm: CloudAssembly = { dir, templates: [], fqns: new Map(), treeLogicalIds: new Map(), traces: new Map(), problems: [] };
  const reply = yield req(path.join(dir, 'manifest.json'), MANIFEST_LIMIT);
  if (!reply.ok) {
    asm.error = `manifest.json: ${reply.message}`;
    return asm;
  }
  const manifest = obj(parseJson(reply.text));
  if (!manifest || !obj(manifest.artifacts)) {
    asm.error = 'manifest.json is not a cloud assembly manifest (not valid JSON, or no artifacts)';
    return asm;
  }
  const treeFile = yield* readManifest(dir, manifest, asm, 0);
  // Top-level stacks first: a finding in a stack and in its copies in stages is told by the stack's template.
  const depth = (t: AssemblyTemplate): number => t.path.split('/').length;
  asm.templates.sort((a, b) => depth(a) - depth(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (treeFile) {
    const tree = yield req(path.join(dir, treeFile), TREE_LIMIT);
    if (tree.ok) readTree(tree.text, asm);
    else asm.problems.push(`${treeFile}: ${tree.message}`);
  }
  return asm;
}
