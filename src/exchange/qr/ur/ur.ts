// Uniform Resources text form (BCR-2020-005): `ur:<type>/<body>` for one part and
// `ur:<type>/<seqNum>-<seqLen>/<body>` for fountain parts, body in minimal bytewords. DOM-free.
import { PkiError } from '../../../pki/index.ts';
import { decodeBytewordsMinimal, encodeBytewordsMinimal } from './bytewords.ts';
import { decodeCbor } from './cbor.ts';
import { encodeFountainPart, type FountainPart } from './fountain-encoder.ts';

export type ParsedUr =
  | { readonly kind: 'single'; readonly type: string; readonly cbor: Uint8Array }
  | { readonly kind: 'part'; readonly type: string; readonly part: FountainPart };

const TYPE = /^[a-z0-9-]+$/;

/** Single-part UR, upper case so a QR code can use its denser alphanumeric mode. */
export function encodeSingleUr(type: string, cbor: Uint8Array): string {
  return `ur:${type}/${encodeBytewordsMinimal(cbor)}`.toUpperCase();
}

export function encodePartUr(type: string, part: FountainPart): string {
  return `ur:${type}/${part.seqNum}-${part.seqLength}/${encodeBytewordsMinimal(encodeFountainPart(part))}`.toUpperCase();
}

/**
 * Parses one UR string. Throws PkiError QR_NOT_UR (not a UR at all: a URL, plain text),
 * QR_BAD_UR (malformed UR), QR_UNSUPPORTED_UR_TYPE (not `expectType`, checked first), QR_BAD_BYTEWORDS, QR_CHECKSUM_MISMATCH (damaged), QR_BAD_CBOR, QR_BAD_PART.
 */
export function parseUr(text: string, options: { readonly expectType?: string } = {}): ParsedUr {
  const lower = text.trim().toLowerCase();
  if (!lower.startsWith('ur:')) {
    throw new PkiError('QR_NOT_UR', 'the code does not hold a Uniform Resource (it may be a link or plain text)');
  }
  const path = lower.slice(3).split('/');
  const type = path[0] ?? '';
  if (!TYPE.test(type)) throw new PkiError('QR_BAD_UR', 'the UR type is missing or has characters outside a-z 0-9 -');
  if (options.expectType !== undefined && type !== options.expectType) {
    throw new PkiError('QR_UNSUPPORTED_UR_TYPE', `UR type "${type}" is not a crosstrust payload (expected "${options.expectType}")`);
  }
  if (path.length === 2) {
    return { kind: 'single', type, cbor: decodeBytewordsMinimal(path[1]!) };
  }
  if (path.length !== 3) throw new PkiError('QR_BAD_UR', `a UR has 2 or 3 path components, this one ${path.length}`);
  const seq = /^([1-9][0-9]{0,9})-([1-9][0-9]{0,9})$/.exec(path[1]!);
  if (!seq) throw new PkiError('QR_BAD_UR', 'the UR sequence is not <number>-<count>');
  const body = decodeCbor(decodeBytewordsMinimal(path[2]!));
  if (!Array.isArray(body) || body.length !== 5) throw new PkiError('QR_BAD_PART', 'a fountain part is an array of 5 items');
  const [seqNum, seqLength, messageLength, checksum, fragment] = body as unknown[];
  if (
    typeof seqNum !== 'number' || typeof seqLength !== 'number' || typeof messageLength !== 'number' ||
    typeof checksum !== 'number' || !(fragment instanceof Uint8Array) || fragment.length === 0
  ) {
    throw new PkiError('QR_BAD_PART', 'a fountain part is [seqNum, seqLen, messageLen, checksum, bytes]');
  }
  if (String(seqNum) !== seq[1] || String(seqLength) !== seq[2]) {
    throw new PkiError('QR_BAD_PART', 'the UR sequence text disagrees with the part it carries');
  }
  return { kind: 'part', type, part: { seqNum, seqLength, messageLength, checksum, fragment } };
}
