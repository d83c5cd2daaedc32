// A crosstrust payload as QR text: one single-part UR when small, else an endless fountain of
// multi-part URs (BC-UR, type `bytes`). The byte string carries our envelope: 'C' 'T' version kind
// then the artefact bytes. DOM-free; see docs/qr.md for the size choices.
import { PkiError } from '../../pki/index.ts';
import { decodeCbor, encodeCbor } from './ur/cbor.ts';
import { FountainEncoder } from './ur/fountain-encoder.ts';
import { encodePartUr, encodeSingleUr } from './ur/ur.ts';
import { checkPayloadKind, KIND_CODES, kindFromCode, type QrPayloadKind } from './payload-kind.ts';

/** The UR type we send: a CBOR byte string (BCR-2020-006 registry). */
export const UR_TYPE = 'bytes';
/** QR error correction: M recovers ~15% damage, the usual balance for screens read by cameras. */
export const QR_ERROR_CORRECTION = 'M';
/** Envelope + artefact up to this size goes as one code (at level M about version 16, 81×81 modules). */
export const SINGLE_QR_MAX_BYTES = 300;
/** Bytes of message per animated frame for each frame size (the fountain fragment length). */
export const FRAME_SIZES = { small: 80, medium: 160, large: 320 } as const;
export type QrFrameSize = keyof typeof FRAME_SIZES;
export const DEFAULT_FRAME_SIZE: QrFrameSize = 'medium';
/** Frames per second offered by the display; the default is the second. */
export const FRAME_RATES = [3, 6, 10, 15] as const;
export const DEFAULT_FRAME_RATE = 6;
/** The largest payload we accept (checked before any buffer is allocated). */
export const QR_MAX_PAYLOAD_BYTES = 256 * 1024;

const MAGIC = [0x43, 0x54] as const; // 'CT'
const ENVELOPE_VERSION = 1;

export interface QrPayload {
  readonly kind: QrPayloadKind;
  readonly bytes: Uint8Array;
  /** The text, for text kinds (identity line, JSON, PEM). */
  readonly text?: string;
}

export interface QrEncoding {
  /** True when the payload is one code; frameText ignores its argument then. */
  readonly single: boolean;
  /** Minimum number of distinct frames a receiver needs (1 for a single code). */
  readonly fragmentCount: number;
  /** Bytes of the envelope the frames carry. */
  readonly messageBytes: number;
  /** Text of frame `seqNum` (1-based; any number: fountain frames never run out). */
  frameText(seqNum: number): string;
}

/** Wraps an artefact in our envelope. Throws PkiError QR_TOO_LARGE. */
export function wrapEnvelope(kind: QrPayloadKind, bytes: Uint8Array): Uint8Array {
  if (bytes.length + 4 > QR_MAX_PAYLOAD_BYTES) {
    throw new PkiError('QR_TOO_LARGE', `payload of ${bytes.length} bytes is over the QR limit of ${QR_MAX_PAYLOAD_BYTES}`);
  }
  const out = new Uint8Array(bytes.length + 4);
  out.set([MAGIC[0], MAGIC[1], ENVELOPE_VERSION, KIND_CODES[kind]], 0);
  out.set(bytes, 4);
  return out;
}

/**
 * Opens our envelope and checks the artefact's shape. Throws PkiError QR_NOT_CROSSTRUST,
 * QR_UNKNOWN_KIND, QR_KIND_MISMATCH.
 */
export function openEnvelope(envelope: Uint8Array): QrPayload {
  if (envelope.length < 5 || envelope[0] !== MAGIC[0] || envelope[1] !== MAGIC[1]) {
    throw new PkiError('QR_NOT_CROSSTRUST', 'the code holds bytes that are not a crosstrust payload');
  }
  if (envelope[2] !== ENVELOPE_VERSION) {
    throw new PkiError('QR_NOT_CROSSTRUST', `crosstrust QR envelope version ${envelope[2]} is not supported`, {
      details: { version: envelope[2]! },
    });
  }
  const kind = kindFromCode(envelope[3]!);
  if (!kind) throw new PkiError('QR_UNKNOWN_KIND', `payload kind ${envelope[3]} is unknown to this version`);
  const bytes = envelope.slice(4);
  const { text } = checkPayloadKind(kind, bytes);
  return text === undefined ? { kind, bytes } : { kind, bytes, text };
}

/** The QR frames for an artefact. Throws PkiError QR_TOO_LARGE, QR_KIND_MISMATCH. */
export function encodeQrPayload(
  payload: { readonly kind: QrPayloadKind; readonly bytes: Uint8Array },
  options: { readonly frameSize?: QrFrameSize } = {},
): QrEncoding {
  checkPayloadKind(payload.kind, payload.bytes);
  const envelope = wrapEnvelope(payload.kind, payload.bytes);
  const message = encodeCbor(envelope);
  if (envelope.length <= SINGLE_QR_MAX_BYTES) {
    const text = encodeSingleUr(UR_TYPE, message);
    return { single: true, fragmentCount: 1, messageBytes: envelope.length, frameText: () => text };
  }
  const encoder = new FountainEncoder(message, FRAME_SIZES[options.frameSize ?? DEFAULT_FRAME_SIZE]);
  return {
    single: false,
    fragmentCount: encoder.seqLength,
    messageBytes: envelope.length,
    frameText: (seqNum) => encodePartUr(UR_TYPE, encoder.part(seqNum)),
  };
}

/** The byte string inside a `bytes` UR message. Throws PkiError QR_BAD_CBOR. */
export function unwrapBytesMessage(message: Uint8Array): Uint8Array {
  const v = decodeCbor(message);
  if (!(v instanceof Uint8Array)) throw new PkiError('QR_BAD_CBOR', 'a `bytes` UR must hold a CBOR byte string');
  return v;
}
