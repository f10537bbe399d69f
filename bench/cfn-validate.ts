/**
 * AWS's offline CloudFormation engine, `@aws/cloudformation-validate` (Rust compiled to WASM, the engine
 * inside CDK synth), as a benchmark peer: installed outside the repository (bench/peers.ts) and loaded
 * at run time, never a dependency of Parapet.
 */

/** The slice of the package's API the benchmark uses (its index.d.ts). */
interface CfnValidateModule {
  RegoEngine: new () => Engine;
  TemplateFile: new (path: string) => unknown;
  version(): string;
}

interface Engine {
  validateStandard(template: unknown): { diagnostics: PeerDiagnostic[] };
  listRules(): { id: string; category: string }[];
  free(): void;
}

/** One diagnostic of the peer, as its StandardDiagnostic reports it. */
export interface PeerDiagnostic {
  ruleId: string;
  severity: string;
  category?: string;
  message: string;
  entity?: { logicalId?: string };
  startLine?: number;
}

/** A loaded peer engine: validate files, then free it. */
export interface CfnValidate {
  version: string;
  validate(file: string): PeerDiagnostic[];
  /** Rule ids by the peer's own category (`Security` holds its security rules). */
  rulesIn(category: string): string[];
  free(): void;
}

/** Loads the peer from its install folder, or undefined when it is missing or fails to start. */
export function loadCfnValidate(dir: string | undefined): CfnValidate | undefined {
  if (!dir) return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the peer is optional and found at run time
    const mod = require(dir) as CfnValidateModule;
    const engine = new mod.RegoEngine();
    const rules = engine.listRules();
    return {
      version: mod.version(),
      validate: (file) => engine.validateStandard(new mod.TemplateFile(file)).diagnostics,
      rulesIn: (category) => rules.filter((r) => r.category === category).map((r) => r.id),
      free: () => engine.free(),
    };
  } catch {
    return undefined;
  }
}

/**
 * The peer's security rules in Parapet's categories (read from their descriptions; `listRules` in
 * the Security category). Hardcoded AMI ids and account ids (W9010, W9013) are in no mission category.
 */
export const PEER_RULE_CATEGORY: Record<string, string> = {
  W1011: 'long-term-credentials',
  W2010: 'long-term-credentials',
  W2501: 'long-term-credentials',
  W2509: 'long-term-credentials',
  I3510: 'least-privilege',
  W2511: 'least-privilege',
  W2512: 'least-privilege',
  W3037: 'least-privilege',
  W3663: 'least-privilege',
  W9008: 'encryption-at-rest',
  W2508: 'public-access',
  W9011: 'public-access',
};
