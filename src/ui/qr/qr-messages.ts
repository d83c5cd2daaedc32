// User sentences for the QR codes (PkiError QR_*). One table; a test checks every code has one.
import type { PkiErrorCode } from '../../pki/index.ts';
import type { QrPayloadKind } from '../../exchange/qr/index.ts';

/** Each payload kind as a noun, for sentences ("the same intro.json as a file"). Record: a new kind must add its words. */
export const QR_KIND_WORDS: Readonly<Record<QrPayloadKind, string>> = {
  identity: 'identity',
  intro: 'intro.json',
  csr: 'certificate request',
  certificate: 'certificate',
  'cross-certificate': 'cross-certificate',
  'pem-bundle': 'PEM certificates',
  spiffe: 'SPIFFE trust bundle',
  crl: 'revocation list (CRL)',
  'step-json': 'step-ca JSON bundle',
  jws: 'signed SPIFFE bundle (JWS)',
  'bundle-signature': 'bundle signature',
  'certified-files': 'certified files (zip)',
  'pki-store': 'scoped-PKI store file',
};

type QrCode = Extract<PkiErrorCode, `QR_${string}`>;

export const QR_MESSAGES: Readonly<Record<Exclude<QrCode, 'QR_RESERVED_8'>, string>> = {
  QR_NOT_UR: 'This QR code is not a crosstrust transfer (it holds a link or other text). Nothing was imported.',
  QR_BAD_UR: 'This QR code looks like a transfer code but is malformed. Nothing was imported.',
  QR_UNSUPPORTED_UR_TYPE: 'This QR code holds a different kind of data (another app’s format). Nothing was imported.',
  QR_BAD_BYTEWORDS: 'This QR code could not be read correctly. Hold the camera steady and try again.',
  QR_CHECKSUM_MISMATCH: 'A frame was damaged or misread and was ignored. Keep scanning.',
  QR_BAD_CBOR: 'This QR code holds data in an unexpected layout. Nothing was imported.',
  QR_BAD_PART: 'A frame of the animation is inconsistent and was ignored.',
  QR_MIXED_STREAM: 'That code belongs to a different transfer than the one being received. It was not mixed in; keep scanning the first one, or start over.',
  QR_TOO_LARGE: 'This transfer is larger than crosstrust accepts by QR. Use a file instead.',
  QR_INCOMPLETE: 'The transfer is not complete yet: more frames are needed.',
  QR_NOT_CROSSTRUST: 'This QR code carries data, but not a crosstrust artefact. Nothing was imported.',
  QR_UNKNOWN_KIND: 'This transfer holds a kind of artefact this version of crosstrust does not know. Update the app.',
  QR_KIND_MISMATCH: 'The transfer says what it holds, but its content does not match. Nothing was imported.',
  QR_NO_CODE_FOUND: 'No QR code was found in that image.',
  QR_CAMERA_UNAVAILABLE: 'No camera is available here. Use an image, a screenshot or paste instead.',
  QR_CAMERA_DENIED: 'Camera access was refused. Allow it in the browser, or use an image or paste instead.',
  QR_DECODER_UNAVAILABLE: 'The QR decoder could not be loaded. Reload the app and try again.',
};

/** The sentence for an error: its code's sentence when it is a QR code, else a generic one. */
export function qrMessage(e: unknown): { readonly code: string; readonly text: string } {
  const code = typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : 'UNKNOWN';
  const text = (QR_MESSAGES as Record<string, string>)[code] ?? 'Something went wrong while reading the QR code.';
  return { code, text };
}
