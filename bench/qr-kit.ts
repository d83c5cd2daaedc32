// Shared pieces of the QR benchmarks (no Node- or browser-only imports: used by both runtimes).
// The payload is a 20 KB PEM bundle of certificates made by our own core, so no fixture file is needed.
import { createIdentity, toPem } from '../src/pki/index.ts';
import { QrReceiver, qrLuma, qrMatrix } from '../src/exchange/qr/index.ts';

export const PAYLOAD_BYTES = 20_000;
export const LOSS = 0.3;
/** Side of the simulated camera frame, px (the code centred, about 6 px per module at the default size). */
export const CAMERA_SIDE = 480;

/** A PAYLOAD_BYTES PEM bundle (the pem-bundle kind check wants real PEM blocks). */
export async function pemBundlePayload(): Promise<Uint8Array> {
  const id = await createIdentity({ name: { commonName: 'QR Bench CA' }, san: { hosts: ['qr.bench.example'] }, keyType: 'ed25519', atMs: Date.UTC(2026, 10, 25) });
  const ca = toPem('CERTIFICATE', id.caCertDer);
  let text = '';
  while (text.length + ca.length <= PAYLOAD_BYTES) text += ca;
  return new TextEncoder().encode(text.padEnd(PAYLOAD_BYTES, '\n'));
}

/** Deterministic PRNG, so every run loses the same frames. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Frames shown (and read) until complete when each is missed with probability LOSS. */
export function framesUntilComplete(frameText: (seq: number) => string, seed: number): { shown: number; read: number } {
  const rx = new QrReceiver();
  const miss = mulberry32(seed);
  for (let seq = 1, read = 0; ; seq++) {
    if (miss() < LOSS) continue;
    read++;
    if (rx.receive(frameText(seq)).status === 'complete') return { shown: seq, read };
  }
}

export function stats(xs: ReadonlyArray<number>): { mean: number; median: number; p95: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, median: at(0.5), p95: at(0.95), min: s[0]!, max: s[s.length - 1]! };
}

/** RGBA pixels of a frame as a CAMERA_SIDE² "camera" image (code centred, whole pixels per module). */
export function cameraPixels(text: string, side = CAMERA_SIDE): { data: Uint8ClampedArray<ArrayBuffer>; width: number; height: number } {
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
