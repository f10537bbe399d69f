/** Small timing helpers shared by the benchmark cases. The benchmark prints; it never asserts. */

export interface Stats {
  n: number;
  median: number;
  p95: number;
  max: number;
  min: number;
}

/** Median, 95th percentile, max and min of samples (milliseconds). */
export function stats(samples: readonly number[]): Stats {
  const xs = [...samples].sort((a, b) => a - b);
  if (!xs.length) return { n: 0, median: NaN, p95: NaN, max: NaN, min: NaN };
  const at = (q: number): number => xs[Math.min(xs.length - 1, Math.max(0, Math.ceil(q * xs.length) - 1))];
  return { n: xs.length, median: at(0.5), p95: at(0.95), max: xs[xs.length - 1], min: xs[0] };
}

/** Times `fn` `n` times after `warmup` untimed runs. */
export function measure(fn: (i: number) => void, n: number, warmup = 2): Stats {
  for (let i = 0; i < warmup; i++) fn(-1 - i);
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn(i);
    xs.push(performance.now() - t);
  }
  return stats(xs);
}

/** Milliseconds of CPU time this process has used (user + system, every thread). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Times `fn` like `measure`, in wall time and in the process's CPU time (`process.cpuUsage()`). On a shared
 * machine the wall time includes waiting for a core; the CPU time does not. It counts every thread, V8's
 * parallel GC helpers too, so on an idle machine it can exceed the wall time.
 */
export function measureCpu(fn: (i: number) => void, n: number, warmup = 2): { wall: Stats; cpu: Stats } {
  for (let i = 0; i < warmup; i++) fn(-1 - i);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const c = cpuMs();
    fn(i);
    cpu.push(cpuMs() - c);
    wall.push(performance.now() - t);
  }
  return { wall: stats(wall), cpu: stats(cpu) };
}

/** Times an async `fn` `n` times after `warmup` untimed runs, one at a time. */
export async function measureAsync(fn: (i: number) => Promise<void>, n: number, warmup = 2): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    xs.push(performance.now() - t);
  }
  return stats(xs);
}

/** `12.3 ms`, with precision that suits the size. */
export function ms(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return x < 10 ? `${x.toFixed(2)} ms` : x < 100 ? `${x.toFixed(1)} ms` : `${Math.round(x)} ms`;
}

/** `a/b` as `0.42×`. */
export function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—';
}
