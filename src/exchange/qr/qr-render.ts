// QR module matrices (ISO/IEC 18004 via the `qrcode` encoder) and crisp rendering: whole pixels
// per module on a canvas, or one SVG path. Quiet zone of 4 modules as the standard asks.
import QRCode from 'qrcode';
import { QR_ERROR_CORRECTION } from './qr-transfer.ts';

export interface QrMatrix {
  /** Modules per side. */
  readonly size: number;
  /** QR version 1–40. */
  readonly version: number;
  /** size×size, row-major, 1 = dark. */
  readonly modules: Uint8Array;
}

export const QUIET_ZONE_MODULES = 4;

/** The module matrix for `text` at our error-correction level (upper-case URs use alphanumeric mode). */
export function qrMatrix(text: string): QrMatrix {
  const qr = QRCode.create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  const size = qr.modules.size;
  const modules = new Uint8Array(size * size);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) modules[r * size + c] = qr.modules.get(r, c) ? 1 : 0;
  return { size, version: qr.version, modules };
}

export interface QrPaintOptions {
  /** Pixels per module (an integer keeps edges crisp). */
  readonly moduleSize: number;
  readonly dark?: string;
  readonly light?: string;
}

/** Side in pixels of a rendering with the quiet zone. */
export function qrPixelSize(matrix: QrMatrix, moduleSize: number): number {
  return (matrix.size + 2 * QUIET_ZONE_MODULES) * moduleSize;
}

/** Paints the code (with its quiet zone) at the top-left of a 2D context. */
export function paintQr(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, matrix: QrMatrix, options: QrPaintOptions): void {
  const m = Math.max(1, Math.floor(options.moduleSize));
  const side = qrPixelSize(matrix, m);
  ctx.fillStyle = options.light ?? '#fff';
  ctx.fillRect(0, 0, side, side);
  ctx.fillStyle = options.dark ?? '#000';
  for (let r = 0; r < matrix.size; r++) {
    for (let c = 0; c < matrix.size; c++) {
      if (matrix.modules[r * matrix.size + c]) ctx.fillRect((c + QUIET_ZONE_MODULES) * m, (r + QUIET_ZONE_MODULES) * m, m, m);
    }
  }
}

/** Greyscale pixels (0 dark, 255 light) of the code with its quiet zone, `moduleSize` px per module. */
export function qrLuma(matrix: QrMatrix, moduleSize: number): { readonly side: number; readonly luma: Uint8Array } {
  const side = qrPixelSize(matrix, moduleSize);
  const luma = new Uint8Array(side * side).fill(255);
  for (let r = 0; r < matrix.size; r++) {
    for (let c = 0; c < matrix.size; c++) {
      if (!matrix.modules[r * matrix.size + c]) continue;
      for (let y = 0; y < moduleSize; y++) {
        const row = ((r + QUIET_ZONE_MODULES) * moduleSize + y) * side + (c + QUIET_ZONE_MODULES) * moduleSize;
        luma.fill(0, row, row + moduleSize);
      }
    }
  }
  return { side, luma };
}

/** An SVG path (one unit per module, quiet zone included in the viewBox) for vector output. */
export function qrSvgPath(matrix: QrMatrix): { readonly viewBox: string; readonly d: string } {
  let d = '';
  for (let r = 0; r < matrix.size; r++) {
    for (let c = 0; c < matrix.size; c++) {
      if (matrix.modules[r * matrix.size + c]) d += `M${c + QUIET_ZONE_MODULES} ${r + QUIET_ZONE_MODULES}h1v1h-1z`;
    }
  }
  const side = matrix.size + 2 * QUIET_ZONE_MODULES;
  return { viewBox: `0 0 ${side} ${side}`, d };
}
