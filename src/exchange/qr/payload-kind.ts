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
  | 'crl' // X.509 CRL, DER
  | 'step-json' // step-ca {"crts": [PEM, …]} (text)
  | 'jws' // JWS over a SPIFFE bundle, compact or JSON serialization (text)
  | 'bundle-signature' // crosstrust detached signature file (text)
  | 'certified-files' // certified known_servers/ + id/ files as a zip archive (binary)
  | 'pki-store'; // scoped-PKI store file, YAML (text): certificates in PEM, keys as age ciphertext

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
  'step-json': 9,
  jws: 10,
  'bundle-signature': 11,
  'certified-files': 12,
  'pki-store': 13,
};

export const QR_PAYLOAD_KINDS = Object.keys(KIND_CODES) as ReadonlyArray<QrPayloadKind>;

const TEXT_KINDS: ReadonlySet<QrPayloadKind> = new Set(['identity', 'intro', 'pem-bundle', 'spiffe', 'step-json', 'jws', 'bundle-signature', 'pki-store']);
/** Kinds that are neither text nor one DER structure. */
const ZIP_KINDS: ReadonlySet<QrPayloadKind> = new Set(['certified-files']);
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const; // "PK\x03\x04", a zip local file header
/** The top-level keys every store file has (src/pki/hierarchy/store-file.ts writes them unindented). */
const STORE_FILE_KEYS = [/^version: \d+$/m, /^environment:$/m, /^authorities:$/m] as const;
/** RFC 7515 §7.1 compact serialization: three base64url parts. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

export function isTextKind(kind: QrPayloadKind): boolean {
  return TEXT_KINDS.has(kind);
}

/** File name extension and media type for a kind (the display's download, the receiver's file name). */
export function fileTypeForKind(kind: QrPayloadKind): { readonly ext: string; readonly mime: string } {
  switch (kind) {
    case 'identity': return { ext: '.ident.b64', mime: 'text/plain' };
    case 'intro': return { ext: '.intro.json', mime: 'application/json' };
    case 'csr': return { ext: '.csr', mime: 'application/pkcs10' };
    case 'certificate':
    case 'cross-certificate': return { ext: '.crt', mime: 'application/pkix-cert' };
    case 'pem-bundle': return { ext: '.pem', mime: 'application/x-pem-file' };
    case 'spiffe':
    case 'step-json': return { ext: '.json', mime: 'application/json' };
    case 'jws': return { ext: '.jws', mime: 'application/jose' };
    case 'bundle-signature': return { ext: '.sig.json', mime: 'application/json' };
    case 'crl': return { ext: '.crl', mime: 'application/pkix-crl' };
    case 'certified-files': return { ext: '.zip', mime: 'application/zip' };
    case 'pki-store': return { ext: '.pki.yaml', mime: 'application/yaml' };
  }
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
  if (ZIP_KINDS.has(kind)) {
    if (bytes.length < 22 || ZIP_MAGIC.some((b, i) => bytes[i] !== b)) throw mismatch(kind, 'is not a zip archive');
    return {};
  }
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
    } else if (kind === 'pki-store') {
      // shape only: the store-file reader checks every field when it is imported
      if (!STORE_FILE_KEYS.every((re) => re.test(text))) throw mismatch(kind, 'is not a crosstrust store file');
    } else if (kind === 'jws' && COMPACT_JWS.test(text.trim())) {
      // compact serialization: checked in full (signature, header) by the import flow
    } else {
      const v: unknown = JSON.parse(text);
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw mismatch(kind, 'is not a JSON object');
      const o = v as Record<string, unknown>;
      if (kind === 'step-json' && !Array.isArray(o['crts'])) throw mismatch(kind, 'has no "crts" array');
      if (kind === 'spiffe' && !Array.isArray(o['keys'])) throw mismatch(kind, 'has no "keys" array');
      if (kind === 'jws' && (typeof o['payload'] !== 'string' || (!('signatures' in o) && !('signature' in o)))) throw mismatch(kind, 'is not a JWS');
      if (kind === 'bundle-signature' && o['type'] !== 'crosstrust-bundle-signature') throw mismatch(kind, 'is not a crosstrust signature file');
    }
  } catch (e) {
    if (e instanceof PkiError && e.code === 'QR_KIND_MISMATCH') throw e;
    throw mismatch(kind, 'does not parse as that format', e);
  }
  return { text };
}
