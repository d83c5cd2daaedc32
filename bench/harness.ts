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
 * Measures two functions interleaved in `rounds` alternating short slices, so drift on a shared machine
 * hits both alike. The ratio is the median of the per-round ratios (each from two adjacent slices), which
 * a burst of load from another process moves far less than a ratio of medians; the rates are medians.
 */
export async function compareRates(
  subject: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  options: { rounds?: number; sliceMs?: number } = {},
): Promise<{ subjectPerSec: number; baselinePerSec: number; ratio: number }> {
  const rounds = options.rounds ?? 15;
  const sliceMs = options.sliceMs ?? 150;
  const s: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate which goes first, so neither always runs in the other's wake (GC, caches).
    const first = r % 2 === 0;
    const x = first ? await opsPerSecond(subject, sliceMs) : 0;
    const y = await opsPerSecond(baseline, sliceMs);
    const z = first ? x : await opsPerSecond(subject, sliceMs);
    s.push(z);
    b.push(y);
    ratios.push(z / y);
  }
  return { subjectPerSec: median(s), baselinePerSec: median(b), ratio: median(ratios) };
}

function median(xs: ReadonlyArray<number>): number {
  return [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
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

/**
 * Times two one-shot jobs (each long enough to time on its own) interleaved, `rounds` times each after
 * one warm-up of both, so drift on a shared machine hits both alike; the ratio is the median of the
 * per-round ratios, the times medians.
 */
export async function compareTimes(
  subject: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  options: { rounds?: number; warmUp?: boolean } = {},
): Promise<{ subjectMs: number; baselineMs: number; ratio: number }> {
  const rounds = options.rounds ?? 5;
  if (options.warmUp ?? true) {
    await subject();
    await baseline();
  }
  const s: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate which goes first, so neither always runs right after the other's garbage.
    let x: number;
    let y: number;
    if (r % 2 === 0) {
      x = await timeMs(subject);
      y = await timeMs(baseline);
    } else {
      y = await timeMs(baseline);
      x = await timeMs(subject);
    }
    s.push(x);
    b.push(y);
    ratios.push(x / y);
  }
  return { subjectMs: median(s), baselineMs: median(b), ratio: median(ratios) };
}
