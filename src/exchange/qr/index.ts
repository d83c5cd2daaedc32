// Public face of QR exchange: encode artefacts to frames, render them, detect and collect codes.
export * from './payload-kind.ts';
export * from './qr-transfer.ts';
export * from './qr-receiver.ts';
export * from './qr-render.ts';
export * from './qr-detector.ts';
export * from './camera.ts';
