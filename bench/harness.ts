// Benchmark vocabulary shared by Node and Chromium runs. Every figure is a ratio against a baseline
// measured in the same run (absolute times on shared machines vary); the raw rates go in `detail`.

export interface BenchResult {
  /** Stable id, e.g. 'issuance.ed25519'. */
  readonly id: string;
  readonly title: string;
  /** The ratio being judged (higher is better unless `lowerIsBetter`). */
  readonly ratio: number;
  readonly lowerIsBetter?: boolean;
  /** Target for `ratio`, when the issue sets one. */
  readonly target?: number;
  /** Human explanation of what the ratio compares. */
  readonly baseline: string;
  readonly detail: Readonly<Record<string, number | string>>;
}

export interface Benchmark {
  readonly id: string;
  readonly title: string;
  run(): Promise<BenchResult[]>;
}

/** Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up); returns operations per second. */
export async function opsPerSecond(fn: () => Promise<unknown>, ms = 1500, batch = 8): Promise<number> {
  for (let i = 0; i < batch; i++) await fn(); // warm-up
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) {
    for (let i = 0; i < batch; i++) await fn();
    n += batch;
  }
  return n / ((performance.now() - start) / 1000);
}

/**
 * Measures two functions interleaved in `rounds` alternating slices, so drift on a shared machine
 * hits both alike; returns the median rate of each.
 */
export async function compareRates(
  subject: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  options: { rounds?: number; sliceMs?: number } = {},
): Promise<{ subjectPerSec: number; baselinePerSec: number; ratio: number }> {
  const rounds = options.rounds ?? 5;
  const sliceMs = options.sliceMs ?? 400;
  const s: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    s.push(await opsPerSecond(subject, sliceMs));
    b.push(await opsPerSecond(baseline, sliceMs));
  }
  const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const subjectPerSec = median(s);
  const baselinePerSec = median(b);
  return { subjectPerSec, baselinePerSec, ratio: subjectPerSec / baselinePerSec };
}

/** Times one async call in milliseconds. */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Median of `runs` timings of `fn`. */
export async function medianMs(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) xs.push(await timeMs(fn));
  return xs.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}
