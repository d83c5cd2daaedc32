// Collects scanned QR texts into one payload: single codes complete at once, fountain frames
// are peeled until the message is whole. Bad frames are refused with a code and never merged;
// the stream collected so far is kept. DOM-free.
import { PkiError } from '../../pki/index.ts';
import { FountainDecoder } from './ur/fountain-decoder.ts';
import { parseUr } from './ur/ur.ts';
import { openEnvelope, QR_MAX_PAYLOAD_BYTES, unwrapBytesMessage, UR_TYPE, type QrPayload } from './qr-transfer.ts';

export interface QrProgress {
  /** Frames read without error, duplicates included. */
  readonly framesReceived: number;
  /** Distinct frames that added information (or could). */
  readonly framesUseful: number;
  /** Minimum frames the payload needs (its fragment count); 0 before the first frame. */
  readonly framesMinimum: number;
  /** 0–100: share of fragments recovered. */
  readonly percent: number;
  /** A rough lower estimate of further distinct frames needed. */
  readonly estimatedFramesRemaining: number;
}

export type QrReceiveResult =
  | { readonly status: 'progress' | 'duplicate'; readonly progress: QrProgress }
  | { readonly status: 'complete'; readonly progress: QrProgress; readonly payload: QrPayload };

export class QrReceiver {
  #decoder = new FountainDecoder();
  #framesReceived = 0;
  #single: QrPayload | undefined;

  get isComplete(): boolean {
    return this.#single !== undefined || this.#decoder.result !== undefined;
  }

  /** Forget everything received (to scan another payload). */
  reset(): void {
    this.#decoder = new FountainDecoder();
    this.#framesReceived = 0;
    this.#single = undefined;
  }

  progress(): QrProgress {
    if (this.#single) {
      return { framesReceived: this.#framesReceived, framesUseful: 1, framesMinimum: 1, percent: 100, estimatedFramesRemaining: 0 };
    }
    const p = this.#decoder.progress();
    const done = this.#decoder.result !== undefined;
    const missing = p.fragmentCount - p.fragmentsKnown;
    return {
      framesReceived: this.#framesReceived,
      framesUseful: p.partsAccepted,
      framesMinimum: p.fragmentCount,
      percent: p.fragmentCount === 0 ? 0 : done ? 100 : Math.floor((100 * p.fragmentsKnown) / p.fragmentCount),
      // Held-back mixes usually resolve once a few more fragments arrive; never promise zero early.
      estimatedFramesRemaining: done ? 0 : Math.max(1, missing - Math.floor(p.mixedPending / 2)),
    };
  }

  /**
   * Takes the text of one scanned code. Throws PkiError for a frame that cannot be used — QR_NOT_UR
   * (a link or plain text), QR_BAD_UR, QR_UNSUPPORTED_UR_TYPE, QR_BAD_BYTEWORDS, QR_CHECKSUM_MISMATCH
   * (damaged), QR_BAD_CBOR, QR_BAD_PART, QR_MIXED_STREAM (another payload), QR_TOO_LARGE,
   * QR_NOT_CROSSTRUST, QR_UNKNOWN_KIND, QR_KIND_MISMATCH — and keeps what it had.
   */
  receive(text: string): QrReceiveResult {
    const ur = parseUr(text, { expectType: UR_TYPE });
    if (this.#single) {
      // A complete single code: the same code again is a duplicate, anything else another payload.
      return this.#afterComplete(ur.kind === 'single' ? openEnvelope(unwrapBytesMessage(ur.cbor)) : undefined);
    }
    if (ur.kind === 'single') {
      if (this.#decoder.messageId !== undefined) {
        throw new PkiError('QR_MIXED_STREAM', 'a single code arrived while frames of an animated payload were being collected');
      }
      const payload = openEnvelope(unwrapBytesMessage(ur.cbor));
      this.#framesReceived++;
      this.#single = payload;
      return { status: 'complete', progress: this.progress(), payload };
    }
    if (ur.part.messageLength > QR_MAX_PAYLOAD_BYTES + 16) {
      throw new PkiError('QR_TOO_LARGE', `announced payload of ${ur.part.messageLength} bytes is over the QR limit`);
    }
    const wasComplete = this.#decoder.result !== undefined;
    const accepted = this.#decoder.receive(ur.part);
    this.#framesReceived++;
    const result = this.#decoder.result;
    if (result === undefined) return { status: accepted ? 'progress' : 'duplicate', progress: this.progress() };
    if (wasComplete) return { status: 'duplicate', progress: this.progress() };
    const payload = openEnvelope(unwrapBytesMessage(result));
    return { status: 'complete', progress: this.progress(), payload };
  }

  #afterComplete(other: QrPayload | undefined): QrReceiveResult {
    const same =
      other !== undefined && this.#single !== undefined && other.kind === this.#single.kind &&
      other.bytes.length === this.#single.bytes.length && other.bytes.every((b, i) => b === this.#single!.bytes[i]);
    if (!same) throw new PkiError('QR_MIXED_STREAM', 'this code belongs to a different payload than the one already received');
    this.#framesReceived++;
    return { status: 'duplicate', progress: this.progress() };
  }

  /** The finished payload. Throws PkiError QR_INCOMPLETE with how far the stream got (a truncated stream). */
  finish(): QrPayload {
    if (this.#single) return this.#single;
    const result = this.#decoder.result;
    if (result === undefined) {
      const p = this.progress();
      throw new PkiError(
        'QR_INCOMPLETE',
        p.framesMinimum === 0
          ? 'no crosstrust QR frame was read'
          : `the QR stream stopped at ${p.percent}%: ${p.framesUseful} useful frame(s) of at least ${p.framesMinimum}`,
        { details: { percent: p.percent, framesUseful: p.framesUseful, framesMinimum: p.framesMinimum } },
      );
    }
    return openEnvelope(unwrapBytesMessage(result));
  }
}
