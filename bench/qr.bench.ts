// Issue 10 §5: QR transfer at the default animation settings (frame size and rate): payload bytes per
// second with 30% of frames lost, against the nominal rate, and frames read against the minimum (the
// fragment count). Pure computation over the real encoder and receiver; runs in Node and Chromium.
import { DEFAULT_FRAME_RATE, DEFAULT_FRAME_SIZE, FRAME_SIZES, encodeQrPayload, qrMatrix } from '../src/exchange/qr/index.ts';
import { LOSS, PAYLOAD_BYTES, framesUntilComplete, pemBundlePayload, stats } from './qr-kit.ts';
import type { Benchmark, BenchResult } from './harness.ts';

const RUNS = 30;

async function measure(): Promise<BenchResult[]> {
  const bytes = await pemBundlePayload();
  const enc = encodeQrPayload({ kind: 'pem-bundle', bytes }, { frameSize: DEFAULT_FRAME_SIZE });
  const first = qrMatrix(enc.frameText(enc.fragmentCount + 1));
  const runs = Array.from({ length: RUNS }, (_, i) => framesUntilComplete(enc.frameText, 1000 + i));
  const readRatio = stats(runs.map((r) => r.read / enc.fragmentCount));
  const shown = stats(runs.map((r) => r.shown));
  const fps = DEFAULT_FRAME_RATE;
  const nominal = (bytes.length / enc.fragmentCount) * fps;
  const atLoss = bytes.length / (shown.mean / fps);
  return [
    {
      id: 'qr.loss',
      title: `QR: frames read at ${LOSS * 100}% loss, ${PAYLOAD_BYTES / 1000} KB, default ${FRAME_SIZES[DEFAULT_FRAME_SIZE]} B frames`,
      ratio: readRatio.mean,
      lowerIsBetter: true,
      baseline: `minimum possible frames (fragment count), mean of ${RUNS} seeded runs`,
      detail: { p95: readRatio.p95, max: readRatio.max, minimumFrames: enc.fragmentCount, qrVersion: first.version, modules: first.size },
    },
    {
      id: 'qr.rate',
      title: `QR: payload bytes/s at ${LOSS * 100}% loss, default ${fps} frames/s`,
      ratio: atLoss / nominal,
      baseline: 'nominal rate with no frame lost (bytes per frame × frames/s)',
      detail: { bytesPerSecAtLoss: Math.round(atLoss), nominalBytesPerSec: Math.round(nominal), secondsFor20KB: shown.mean / fps },
    },
  ];
}

export const benchmarks: Benchmark[] = [{ id: 'qr', title: 'QR transfer (fountain, frame loss)', run: measure }];
