// Issue 10 §5 in Node: the same frames decoded by zxing-wasm (the reader the app bundles), loaded from
// node_modules, as a share of the frame interval at the default rate. Node only (node:fs, wasm file).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { DEFAULT_FRAME_RATE, DEFAULT_FRAME_SIZE, encodeQrPayload } from '../src/exchange/qr/index.ts';
import { CAMERA_SIDE, cameraPixels, pemBundlePayload, stats } from './qr-kit.ts';
import type { Benchmark, BenchResult } from './harness.ts';

export const runtimes = ['node'] as const;

const FRAMES = 40;

async function measure(): Promise<BenchResult[]> {
  const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  await prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasmPath).buffer as ArrayBuffer }, fireImmediately: true });
  const enc = encodeQrPayload({ kind: 'pem-bundle', bytes: await pemBundlePayload() }, { frameSize: DEFAULT_FRAME_SIZE });
  const read = async (seq: number): Promise<number> => {
    const img = cameraPixels(enc.frameText(seq));
    const s = performance.now();
    const found = await readBarcodes(img as unknown as ImageData, { formats: ['QRCode'], maxNumberOfSymbols: 1 });
    const ms = performance.now() - s;
    if (found[0]?.text !== enc.frameText(seq)) throw new Error(`frame ${seq} did not decode`);
    return ms;
  };
  await read(1); // warm-up
  const ms: number[] = [];
  for (let seq = 1; seq <= FRAMES; seq++) ms.push(await read(seq));
  const st = stats(ms);
  const intervalMs = 1000 / DEFAULT_FRAME_RATE;
  return [
    {
      id: 'qr.decode',
      title: `QR: decode one ${CAMERA_SIDE}×${CAMERA_SIDE} frame (zxing-wasm)`,
      ratio: st.median / intervalMs,
      lowerIsBetter: true,
      baseline: `frame interval at the default ${DEFAULT_FRAME_RATE} frames/s (${intervalMs.toFixed(0)} ms)`,
      detail: { medianMs: st.median, p95Ms: st.p95, frames: FRAMES },
    },
  ];
}

export const benchmarks: Benchmark[] = [{ id: 'qr.decode', title: 'QR frame decoding (zxing-wasm)', run: measure }];
