// Issue 10 §5: time to decode one animated-QR frame in Chromium through the app's own detector
// (createQrDetector: the native BarcodeDetector when it reads QR, else zxing-wasm loaded from our
// origin), as a share of the frame interval at the default rate. Above 1 the reader falls behind.
import { DEFAULT_FRAME_RATE, DEFAULT_FRAME_SIZE, createQrDetector, encodeQrPayload } from '../src/exchange/qr/index.ts';
import { CAMERA_SIDE, cameraPixels, pemBundlePayload, stats } from './qr-kit.ts';
import type { Benchmark, BenchResult } from './harness.ts';

/** Needs ImageData, the detector's wasm served beside the page: Chromium only. */
export const runtimes = ['chromium'] as const;

const FRAMES = 40;

async function measure(): Promise<BenchResult[]> {
  const enc = encodeQrPayload({ kind: 'pem-bundle', bytes: await pemBundlePayload() }, { frameSize: DEFAULT_FRAME_SIZE });
  const t0 = performance.now();
  const detector = await createQrDetector();
  const startMs = performance.now() - t0;
  const images = Array.from({ length: FRAMES }, (_, i) => {
    const p = cameraPixels(enc.frameText(i + 1));
    return new ImageData(p.data, p.width, p.height);
  });
  const first = await detector.detect(images[0]!); // warm-up
  if (first[0] !== enc.frameText(1)) throw new Error('frame 1 did not decode');
  const ms: number[] = [];
  for (const [i, img] of images.entries()) {
    const s = performance.now();
    const found = await detector.detect(img);
    ms.push(performance.now() - s);
    if (found[0] !== enc.frameText(i + 1)) throw new Error(`frame ${i + 1} did not decode`);
  }
  const st = stats(ms);
  const intervalMs = 1000 / DEFAULT_FRAME_RATE;
  return [
    {
      id: 'qr.decode',
      title: `QR: decode one ${CAMERA_SIDE}×${CAMERA_SIDE} frame (${detector.engine})`,
      ratio: st.median / intervalMs,
      lowerIsBetter: true,
      baseline: `frame interval at the default ${DEFAULT_FRAME_RATE} frames/s (${intervalMs.toFixed(0)} ms)`,
      detail: { medianMs: st.median, p95Ms: st.p95, frames: FRAMES, decoderStartMs: startMs },
    },
  ];
}

export const benchmarks: Benchmark[] = [{ id: 'qr.decode', title: 'QR frame decoding (app detector)', run: measure }];
