import { Connection } from 'vscode-languageserver/node';
import { Profile, PROFILES, Severity, SEVERITIES } from '../../core/rule';
import { describeError, Logger } from './log';

/** The `parapet` settings section, as the server uses it. */
export interface Settings {
  enable: boolean;
  /** `recommended` or `strict`: which rules and findings run (a rule named in `rules` runs in any profile). */
  profile: Profile;
  /** Per-rule severity override, or `off`. */
  rules: Record<string, Severity | 'off'>;
  /** Globs of files to leave alone (see glob.ts for the syntax). */
  exclude: string[];
  /** Read by the client (code actions on save); the server only exposes fix-all. */
  fixAllOnSave: boolean;
  /** The offline Access Analyzer checks shown as diagnostics (docs/policy-checks.md). */
  policyChecks: PolicyCheckSettings;
}

/** `parapet.policyChecks.*`: a baseline policy or template per workspace folder, and the critical actions. */
export interface PolicyCheckSettings {
  /** Path (absolute, or relative to the document's workspace folder); '' turns check-no-new-access off. */
  baseline: string;
  /**
   * Actions or patterns; the entry `default` stands for the shipped list (and `null` is that list alone).
   * [] (the default): check-access-not-granted off in the editor, an opt-in check.
   */
  criticalActions: string[] | null;
}

/** What a client that sends nothing gets. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  profile: 'recommended',
  rules: {},
  exclude: [],
  fixAllOnSave: false,
  policyChecks: Object.freeze({ baseline: '', criticalActions: [] }),
});

/** Turns whatever the client sent into valid settings: unknown keys ignored, bad values replaced by defaults. */
export function normalizeSettings(raw: unknown, base: Readonly<Settings> = DEFAULT_SETTINGS): Settings {
  const out: Settings = {
    enable: base.enable,
    profile: base.profile,
    rules: { ...base.rules },
    exclude: [...base.exclude],
    fixAllOnSave: base.fixAllOnSave,
    policyChecks: { ...base.policyChecks },
  };
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  out.policyChecks = policyChecksOf(r.policyChecks, out.policyChecks);
  if (typeof r.enable === 'boolean') out.enable = r.enable;
  if (typeof r.profile === 'string' && PROFILES.includes(r.profile as Profile)) out.profile = r.profile as Profile;
  if (typeof r.fixAllOnSave === 'boolean') out.fixAllOnSave = r.fixAllOnSave;
  if (Array.isArray(r.exclude)) out.exclude = r.exclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '');
  if (r.rules && typeof r.rules === 'object' && !Array.isArray(r.rules)) {
    out.rules = {};
    for (const [id, v] of Object.entries(r.rules as Record<string, unknown>)) {
      const level = typeof v === 'string' ? v.toLowerCase() : undefined;
      if (level === 'off' || (SEVERITIES as readonly string[]).includes(level ?? '')) out.rules[id] = level as Severity | 'off';
      else if (level === 'information') out.rules[id] = 'info';
    }
  }
  return out;
}

function policyChecksOf(raw: unknown, base: PolicyCheckSettings): PolicyCheckSettings {
  if (!raw || typeof raw !== 'object') return base;
  const p = raw as Record<string, unknown>;
  const out = { ...base };
  if (typeof p.baseline === 'string') out.baseline = p.baseline.trim();
  if (p.criticalActions === null) out.criticalActions = null;
  else if (Array.isArray(p.criticalActions))
    out.criticalActions = p.criticalActions.filter((a): a is string => typeof a === 'string' && a.trim() !== '').map((a) => a.trim());
  return out;
}

/** A stable key for the settings that change analysis results, to reuse a result across requests. */
export function analysisKey(s: Settings): string {
  return JSON.stringify([s.enable, s.profile, Object.entries(s.rules).sort(([a], [b]) => a.localeCompare(b))]);
}

/**
 * Settings per resource. With `workspace/configuration` the server asks for each document's
 * settings once and caches the answer per URI until `didChangeConfiguration`; without it, it uses
 * the pushed settings (or the initialization options, or the defaults) for every document.
 * Nothing here is shared between documents except through this cache.
 */
export class SettingsStore {
  private readonly perUri = new Map<string, Promise<Settings>>();
  private pushed: Settings;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    private readonly log: Logger,
    fallback: Settings = { ...DEFAULT_SETTINGS },
  ) {
    this.pushed = fallback;
  }

  /** The settings for a document (or folder) URI. */
  get(uri: string): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    let p = this.perUri.get(uri);
    if (!p) {
      p = this.pull(uri);
      this.perUri.set(uri, p);
    }
    return p;
  }

  private async pull(uri: string): Promise<Settings> {
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'parapet' });
      return normalizeSettings(raw, this.pushed);
    } catch (e) {
      this.log.error(`could not read settings for a document: ${describeError(e)}`);
      this.perUri.delete(uri);
      return this.pushed;
    }
  }

  /** `workspace/didChangeConfiguration`: forget every cached answer; keep pushed settings if sent. */
  changed(pushedSection: unknown): void {
    this.perUri.clear();
    if (pushedSection !== undefined && pushedSection !== null) this.pushed = normalizeSettings(pushedSection, DEFAULT_SETTINGS);
  }

  /** A closed document's settings are asked again when it is reopened. */
  forget(uri: string): void {
    this.perUri.delete(uri);
  }
}
