// Writes a Y4M video (YUV4MPEG2, 4:2:0) of QR frames for Chromium's fake camera
// (--use-file-for-fake-video-capture). Each code is centred on white and held for several frames.
import { writeFileSync } from 'node:fs';
import { qrLuma, qrMatrix } from '../../src/exchange/qr/index.ts';

export interface Y4mOptions {
  readonly side: number;
  readonly fps: number;
  readonly holdFrames: number;
}

/** Writes `texts` as QR codes, one after another, to `path`. Returns the number of video frames. */
export function writeQrY4m(path: string, texts: ReadonlyArray<string>, o: Y4mOptions): number {
  const { side } = o;
  const header = Buffer.from(`YUV4MPEG2 W${side} H${side} F${o.fps}:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const frameHeader = Buffer.from('FRAME\n', 'ascii');
  const chroma = Buffer.alloc((side / 2) * (side / 2) * 2, 128);
  const chunks: Buffer[] = [header];
  for (const text of texts) {
    const matrix = qrMatrix(text);
    const moduleSize = Math.floor((side * 0.94) / (matrix.size + 8));
    const { side: qrSide, luma } = qrLuma(matrix, moduleSize);
    const y = Buffer.alloc(side * side, 235); // video-range white
    const off = Math.floor((side - qrSide) / 2);
    for (let r = 0; r < qrSide; r++) {
      for (let c = 0; c < qrSide; c++) y[(r + off) * side + c + off] = luma[r * qrSide + c]! === 0 ? 16 : 235;
    }
    for (let k = 0; k < o.holdFrames; k++) chunks.push(frameHeader, y, chroma);
  }
  writeFileSync(path, Buffer.concat(chunks));
  return texts.length * o.holdFrames;
}
