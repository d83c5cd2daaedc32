// What a QR transfer carries: one byte of kind in our envelope, and the check that the bytes
// look like that kind before anything is handed to the import flow. DOM-free.
import { PkiError, fromCertifiedB64, parseCertificate, parsePem, readWhole, TAG, utf8 } from '../../pki/index.ts';

/** Every artefact crosstrust exports, as it travels in a QR envelope. */
export type QrPayloadKind =
  | 'identity' // certified get-ident base64 line (text)
  | 'intro' // intro.json (text)
  | 'csr' // PKCS#10 request, DER
  | 'certificate' // X.509 certificate, DER
  | 'cross-certificate' // cross-certificate, DER
  | 'pem-bundle' // one or more PEM blocks (text)
  | 'spiffe' // SPIFFE trust bundle JSON / JWKS (text)
  | 'crl'; // X.509 CRL, DER

/** Envelope byte for each kind. Append only: codes travel between app versions. */
export const KIND_CODES: Readonly<Record<QrPayloadKind, number>> = {
  identity: 1,
  intro: 2,
  csr: 3,
  certificate: 4,
  'cross-certificate': 5,
  'pem-bundle': 6,
  spiffe: 7,
  crl: 8,
};

export const QR_PAYLOAD_KINDS = Object.keys(KIND_CODES) as ReadonlyArray<QrPayloadKind>;

const TEXT_KINDS: ReadonlySet<QrPayloadKind> = new Set(['identity', 'intro', 'pem-bundle', 'spiffe']);

export function isTextKind(kind: QrPayloadKind): boolean {
  return TEXT_KINDS.has(kind);
}

/** RFC 7468 label for the DER kinds (their text alternative is PEM); undefined for text kinds. */
export function pemLabelForKind(kind: QrPayloadKind): string | undefined {
  switch (kind) {
    case 'csr':
      return 'CERTIFICATE REQUEST';
    case 'certificate':
    case 'cross-certificate':
      return 'CERTIFICATE';
    case 'crl':
      return 'X509 CRL';
    default:
      return undefined;
  }
}

export function kindFromCode(code: number): QrPayloadKind | undefined {
  return QR_PAYLOAD_KINDS.find((k) => KIND_CODES[k] === code);
}

function mismatch(kind: QrPayloadKind, why: string, cause?: unknown): PkiError {
  return new PkiError('QR_KIND_MISMATCH', `the payload is labelled ${kind} but ${why}`, { details: { kind }, cause });
}

/**
 * Checks that `bytes` look like `kind` (shape only: no trust decision). Returns the text for text
 * kinds. Throws PkiError QR_KIND_MISMATCH.
 */
export function checkPayloadKind(kind: QrPayloadKind, bytes: Uint8Array): { readonly text?: string } {
  if (!isTextKind(kind)) {
    try {
      readWhole(bytes, TAG.SEQUENCE);
      if (kind === 'certificate' || kind === 'cross-certificate') parseCertificate(bytes);
    } catch (e) {
      throw mismatch(kind, 'is not one DER structure of that type', e);
    }
    return {};
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (e) {
    throw mismatch(kind, 'is not UTF-8 text', e);
  }
  try {
    if (kind === 'identity') fromCertifiedB64(text.trim());
    else if (kind === 'pem-bundle') {
      if (parsePem(text).length === 0) throw mismatch(kind, 'holds no PEM block');
    } else {
      const v: unknown = JSON.parse(text);
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw mismatch(kind, 'is not a JSON object');
    }
  } catch (e) {
    if (e instanceof PkiError && e.code === 'QR_KIND_MISMATCH') throw e;
    throw mismatch(kind, 'does not parse as that format', e);
  }
  return { text };
}
