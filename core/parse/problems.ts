/** A problem with the document itself (not a security finding): parse errors, limits hit. */
export interface DocumentProblem {
  message: string;
  start: number;
  end: number;
  /** `info` is used for notes such as an unsupported CDK v1 import. */
  severity: 'error' | 'warning' | 'info';
  /** Stable code for clients, e.g. `parse-error`, `yaml-alias`, `too-large`. */
  code: string;
  /** Facts a client may need besides the message (`suppression-expired`: the rule and the date). */
  data?: Record<string, string>;
}

/** Deeper than this, a document is refused rather than walked: no real template comes close. */
export const MAX_DEPTH = 500;
