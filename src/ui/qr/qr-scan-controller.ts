// Scanning state for <ct-qr-scanner>: detector, camera stream and loop, and the receiver that
// collects frames. The element only renders this state and forwards clicks.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  createQrDetector, hasTorch, listCameras, openCamera, QrReceiver, setTorch, stopCamera,
  type CameraInfo, type QrDetector, type QrPayload, type QrProgress,
} from '../../exchange/qr/index.ts';
import { PkiError } from '../../pki/index.ts';
import { qrMessage } from './qr-messages.ts';

export interface QrScanHost extends ReactiveControllerHost {
  /** zxing_reader.wasm location override (tests); undefined means the app's bundled copy. */
  readonly wasmUrl: string | undefined;
  /** The preview element, once rendered. */
  videoElement(): HTMLVideoElement | null;
  /** Called once when a transfer is complete and checked. */
  payloadReceived(payload: QrPayload): void;
}

export class QrScanController implements ReactiveController {
  cameraOn = false;
  cameras: CameraInfo[] = [];
  cameraId = '';
  /** undefined: the camera has no torch. */
  torch: boolean | undefined = undefined;
  progress: QrProgress | undefined = undefined;
  problem: { readonly code: string; readonly text: string } | undefined = undefined;
  received: QrPayload | undefined = undefined;
  readonly #host: QrScanHost;
  readonly #receiver = new QrReceiver();
  #stream: MediaStream | undefined;
  #startedAtMs = 0;
  #loopToken = 0;

  constructor(host: QrScanHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  #changed(): void {
    this.#host.requestUpdate();
  }

  #detector(): Promise<QrDetector> {
    const wasmUrl = this.#host.wasmUrl;
    return createQrDetector(wasmUrl === undefined ? {} : { wasmUrl });
  }

  /** Feeds one decoded text; returns true when the transfer is complete. */
  #take(text: string): boolean {
    if (this.received) return true;
    try {
      const r = this.#receiver.receive(text);
      if (this.#startedAtMs === 0) this.#startedAtMs = performance.now();
      this.progress = r.progress;
      if (r.status === 'progress') this.problem = undefined;
      if (r.status === 'complete') {
        this.received = r.payload;
        this.problem = undefined;
        this.stop();
        this.#host.payloadReceived(r.payload);
        return true;
      }
    } catch (e) {
      if (!(e instanceof PkiError)) throw e;
      this.problem = qrMessage(e);
    } finally {
      this.#changed();
    }
    return false;
  }

  /** Reads QR codes from images (photos, screenshots, pasted images), in order. */
  async scanImages(images: Iterable<Blob>): Promise<void> {
    let detector: QrDetector;
    try {
      detector = await this.#detector();
    } catch (e) {
      this.problem = qrMessage(e);
      this.#changed();
      return;
    }
    for (const image of images) {
      if (this.received) return;
      let texts: string[] = [];
      try {
        const bitmap = await createImageBitmap(image);
        texts = await detector.detect(bitmap);
        bitmap.close();
      } catch {
        texts = []; // not a decodable image: reported as "no code found"
      }
      if (texts.length === 0) {
        this.problem = qrMessage(new PkiError('QR_NO_CODE_FOUND', 'no QR code in image'));
        this.#changed();
      }
      for (const t of texts) if (this.#take(t)) return;
    }
  }

  /** Opens the chosen camera (else a rear one) and scans until complete or stopped. */
  async start(): Promise<void> {
    this.stop();
    this.problem = undefined;
    let detector: QrDetector;
    let stream: MediaStream;
    try {
      detector = await this.#detector();
      stream = await openCamera(this.cameraId || undefined);
    } catch (e) {
      this.problem = qrMessage(e);
      this.#changed();
      return;
    }
    this.#stream = stream;
    this.cameraOn = true;
    this.torch = hasTorch(stream) ? false : undefined;
    this.cameras = await listCameras();
    this.cameraId = stream.getVideoTracks()[0]?.getSettings().deviceId ?? this.cameraId;
    this.#changed();
    await this.#host.updateComplete;
    const video = this.#host.videoElement();
    if (!video || this.#stream !== stream) return;
    video.srcObject = stream;
    await video.play().catch(() => undefined);
    const token = ++this.#loopToken;
    while (token === this.#loopToken && !this.received) {
      await new Promise<void>((r) => ('requestVideoFrameCallback' in video ? video.requestVideoFrameCallback(() => r()) : setTimeout(r, 50)));
      if (token !== this.#loopToken || video.readyState < 2) continue;
      const texts = await detector.detect(video).catch(() => [] as string[]);
      for (const t of texts) if (token === this.#loopToken && this.#take(t)) break;
    }
  }

  selectCamera(deviceId: string): void {
    this.cameraId = deviceId;
    void this.start();
  }

  async toggleTorch(): Promise<void> {
    if (!this.#stream || this.torch === undefined) return;
    this.torch = !this.torch;
    this.#changed();
    await setTorch(this.#stream, this.torch);
  }

  /** Stops the camera; what was received so far is kept. */
  stop(): void {
    this.#loopToken++;
    stopCamera(this.#stream);
    this.#stream = undefined;
    this.cameraOn = false;
    this.torch = undefined;
    this.#changed();
  }

  /** Forgets the partial transfer (e.g. after scanning the wrong animation). */
  reset(): void {
    this.#receiver.reset();
    this.#startedAtMs = 0;
    this.progress = undefined;
    this.problem = undefined;
    this.received = undefined;
    this.#changed();
  }

  /** Declares the stream finished: a truncated stream shows QR_INCOMPLETE and how far it got. */
  finish(): void {
    try {
      this.#receiver.finish();
    } catch (e) {
      const m = qrMessage(e);
      this.problem = { code: m.code, text: e instanceof PkiError && e.code === 'QR_INCOMPLETE' ? `${m.text} (${e.message})` : m.text };
      this.#changed();
    }
  }

  /** Rough time left from the rate of useful frames so far, or undefined before there is a rate. */
  estimatedSecondsRemaining(): number | undefined {
    const p = this.progress;
    if (!p || p.percent >= 100 || this.#startedAtMs === 0) return undefined;
    const seconds = (performance.now() - this.#startedAtMs) / 1000;
    if (seconds < 1 || p.framesUseful < 2) return undefined;
    return Math.ceil(p.estimatedFramesRemaining / (p.framesUseful / seconds));
  }
}
