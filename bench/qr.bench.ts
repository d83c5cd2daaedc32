// QR transfer benchmark: payload bytes per second at the default frame rate and size, decode time
// per frame (zxing-wasm, the same reader the app bundles), and frames needed under 30% loss against
// the minimum. Run: node --import tsx bench/qr.bench.ts  (prints a table and one JSON line).
import { readFileSync } from 'node:fs';
import type { Benchmark, BenchResult } from './harness.ts';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import {
  DEFAULT_FRAME_RATE, DEFAULT_FRAME_SIZE, encodeQrPayload, FRAME_SIZES, QrReceiver, qrLuma, qrMatrix, type QrFrameSize,
} from '../src/exchange/qr/index.ts';

const PAYLOAD_BYTES = 20_000;
const LOSS = 0.3;
const RUNS = 30;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 20 KB PEM-like bundle (the kind check wants real PEM blocks). */
function bundle(): Uint8Array {
  const ca = readFileSync(new URL('../../shared/fixtures/certified/orgs/alpha/CA.crt', import.meta.url), 'utf8');
  let text = '';
  while (text.length + ca.length <= PAYLOAD_BYTES) text += ca;
  return new TextEncoder().encode(text.padEnd(PAYLOAD_BYTES, '\n'));
}

/** Frames shown until complete when each is missed with probability LOSS. */
function framesUntilComplete(frameText: (seq: number) => string, seed: number): { shown: number; read: number } {
  const rx = new QrReceiver();
  const miss = mulberry32(seed);
  for (let seq = 1, read = 0; ; seq++) {
    if (miss() < LOSS) continue;
    read++;
    if (rx.receive(frameText(seq)).status === 'complete') return { shown: seq, read };
  }
}

function stats(xs: number[]): { mean: number; median: number; p95: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, median: at(0.5), p95: at(0.95), min: s[0]!, max: s[s.length - 1]! };
}

/** RGBA pixels of a frame as a 480×480 "camera" image (code centred, ~6 px per module). */
function cameraPixels(text: string, side = 480): { data: Uint8ClampedArray; width: number; height: number } {
  const m = qrMatrix(text);
  const moduleSize = Math.floor((side * 0.94) / (m.size + 8));
  const { side: qs, luma } = qrLuma(m, moduleSize);
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  const off = Math.floor((side - qs) / 2);
  for (let r = 0; r < qs; r++) {
    for (let c = 0; c < qs; c++) {
      const v = luma[r * qs + c]!;
      const i = ((r + off) * side + c + off) * 4;
      data[i] = data[i + 1] = data[i + 2] = v;
    }
  }
  return { data, width: side, height: side };
}

/** Runs only in Node: the reader is zxing-wasm loaded from node_modules. */
export const runtimes = ['node'];

async function measure(): Promise<Array<Record<string, unknown>>> {
  const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
    await prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasmPath).buffer as ArrayBuffer }, fireImmediately: true });

  const bytes = bundle();
  const rows: Record<string, unknown>[] = [];
  for (const size of Object.keys(FRAME_SIZES) as QrFrameSize[]) {
    const enc = encodeQrPayload({ kind: 'pem-bundle', bytes }, { frameSize: size });
    const first = qrMatrix(enc.frameText(enc.fragmentCount + 1));
    const runs = Array.from({ length: RUNS }, (_, i) => framesUntilComplete(enc.frameText, 1000 + i));
    const ratio = stats(runs.map((r) => r.read / enc.fragmentCount));
    const shown = stats(runs.map((r) => r.shown));
    const decodeMs: number[] = [];
    for (let seq = 1; seq <= 40; seq++) {
      const img = cameraPixels(enc.frameText(seq));
      const t0 = performance.now();
      const found = await readBarcodes(img as unknown as ImageData, { formats: ['QRCode'], maxNumberOfSymbols: 1 });
      decodeMs.push(performance.now() - t0);
      if (found[0]?.text !== enc.frameText(seq)) throw new Error(`frame ${seq} did not decode`);
    }
    const fps = DEFAULT_FRAME_RATE;
    rows.push({
      frameSize: size,
      default: size === DEFAULT_FRAME_SIZE,
      fragmentBytes: FRAME_SIZES[size],
      qrVersion: first.version,
      modules: first.size,
      minimumFrames: enc.fragmentCount,
      nominalBytesPerSecond: Math.round((bytes.length / enc.fragmentCount) * fps),
      bytesPerSecondAt30pctLoss: Math.round(bytes.length / (shown.mean / fps)),
      secondsFor20KBAt30pctLoss: +(shown.mean / fps).toFixed(1),
      framesReadVsMinimum: { mean: +ratio.mean.toFixed(3), p95: +ratio.p95.toFixed(3), max: +ratio.max.toFixed(3) },
      decodeMsPerFrame480px: { median: +stats(decodeMs).median.toFixed(2), p95: +stats(decodeMs).p95.toFixed(2) },
    });
  }

  return rows;
}

export const benchmarks: Benchmark[] = [
  {
    id: 'qr',
    title: 'QR transfer',
    async run(): Promise<BenchResult[]> {
      const rows = await measure();
      const def = rows.find((r) => r['default'] === true) ?? rows[0]!;
      const ratio = def['framesReadVsMinimum'] as { mean: number; p95: number };
      const decode = def['decodeMsPerFrame480px'] as { median: number; p95: number };
      return [
        {
          id: 'qr.loss',
          title: `QR: frames needed at ${LOSS * 100}% loss, ${PAYLOAD_BYTES} B (default frame size)`,
          ratio: ratio.mean,
          lowerIsBetter: true,
          baseline: 'minimum possible frames (fragment count)',
          detail: { p95: ratio.p95, minimumFrames: def['minimumFrames'] as number, fps: DEFAULT_FRAME_RATE },
        },
        {
          id: 'qr.rate',
          title: 'QR: payload bytes per second at default settings',
          ratio: (def['bytesPerSecondAt30pctLoss'] as number) / (def['nominalBytesPerSecond'] as number),
          baseline: 'nominal rate with no frame lost (bytes per frame × frames/s)',
          detail: {
            nominalBytesPerSec: def['nominalBytesPerSecond'] as number,
            bytesPerSecAt30pctLoss: def['bytesPerSecondAt30pctLoss'] as number,
            decodeMsPerFrameMedian: decode.median,
            decodeMsPerFrameP95: decode.p95,
          },
        },
      ];
    },
  },
];
