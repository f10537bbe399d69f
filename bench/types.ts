import { Stats } from './stats';

/** One printed line of the benchmark: a latency distribution or a single figure, beside its budget and peers. */
export interface BenchRow {
  /** What was measured, e.g. `YAML 10,000 lines: keystroke`. */
  name: string;
  stats?: Stats;
  /** A single figure when there is no distribution, e.g. `612 templates/s`. */
  value?: string;
  /** The budget (docs/design.md) for this figure, in words, e.g. `median ≤ 20 ms`. */
  budget?: string;
  /** Peers measured in the same run, and the ratio Parapet / peer. */
  peers?: string;
  note?: string;
}

/** What every case gets: paths, a scratch folder, and whether to run the short version. */
export interface BenchContext {
  root: string;
  /** Bundled server and CLI, as shipped. */
  server: string;
  cli: string;
  /** A scratch folder, removed after the run. */
  tmp: string;
  /** `--quick`: fewer iterations, for a smoke run. */
  quick: boolean;
  /** Peer tools installed outside the repository for comparison, when available offline or from the registry. */
  peers: { yamlLanguageServer?: string; cfnValidate?: string; unavailable: string[] };
}

/**
 * A group of measurements. The runner discovers every module in `bench/cases/` and runs the
 * `cases` it exports, in `order`; another area adds its figures by adding a file there.
 */
export interface BenchCase {
  title: string;
  order: number;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}
