// Finds QR codes in images and video frames: the browser's BarcodeDetector when it reads QR,
// else the barcode-detector ponyfill over zxing-wasm, its wasm loaded lazily from our own origin.
import { PkiError } from '../../pki/index.ts';

export interface QrDetector {
  /** Which decoder is in use, for diagnostics and the benchmark. */
  readonly engine: 'native' | 'zxing-wasm';
  /** The texts of all QR codes found (empty when none). */
  detect(source: ImageBitmapSource): Promise<string[]>;
}

interface DetectorLike {
  detect(source: ImageBitmapSource): Promise<ReadonlyArray<{ readonly rawValue: string }>>;
}
interface DetectorConstructor {
  new (options: { formats: string[] }): DetectorLike;
  getSupportedFormats(): Promise<readonly string[]>;
}

export interface QrDetectorOptions {
  /** URL of zxing_reader.wasm; by default the copy Vite bundles with the app. */
  readonly wasmUrl?: string;
  /** Use the native detector when it supports QR (default true). */
  readonly preferNative?: boolean;
}

let ponyfill: Promise<QrDetector> | undefined;

async function loadPonyfill(wasmUrl: string | undefined): Promise<QrDetector> {
  const url = wasmUrl ?? (await import('./zxing-wasm-url.ts')).zxingReaderWasmUrl;
  const mod = await import('barcode-detector/ponyfill');
  // Never the package's CDN default: resolve the wasm to our own origin, then fetch it now so a
  // failure shows at scan start, not on the first frame.
  await mod.prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(url, location.href).href : prefix + path) },
    fireImmediately: true,
  });
  const detector = new mod.BarcodeDetector({ formats: ['qr_code'] });
  return { engine: 'zxing-wasm', detect: async (source) => (await detector.detect(source)).map((b) => b.rawValue) };
}

/** A QR detector. Throws PkiError QR_DECODER_UNAVAILABLE when neither decoder can start. */
export async function createQrDetector(options: QrDetectorOptions = {}): Promise<QrDetector> {
  const native = (globalThis as { BarcodeDetector?: DetectorConstructor }).BarcodeDetector;
  if (options.preferNative !== false && native) {
    try {
      if ((await native.getSupportedFormats()).includes('qr_code')) {
        const d = new native({ formats: ['qr_code'] });
        return { engine: 'native', detect: async (source) => (await d.detect(source)).map((b) => b.rawValue) };
      }
    } catch {
      // Fall through to the bundled decoder: some platforms expose the API without a backend.
    }
  }
  ponyfill ??= loadPonyfill(options.wasmUrl).catch((cause: unknown) => {
    ponyfill = undefined;
    throw new PkiError('QR_DECODER_UNAVAILABLE', 'the bundled QR decoder (WebAssembly) could not be loaded', { cause });
  });
  return ponyfill;
}
