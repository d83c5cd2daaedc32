// Reads the algorithm OID of a SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) without importing the key.
import { PkiError } from '../errors.ts';
import { TAG, children, contentOf, decodeOid, readWhole } from '../der.ts';

/** The AlgorithmIdentifier OID of an SPKI. Throws CERT_MALFORMED. */
export function spkiAlgorithmOid(spki: Uint8Array): string {
  const top = readWhole(spki, TAG.SEQUENCE);
  const alg = children(spki, top)[0];
  const oid = alg && alg.tag === TAG.SEQUENCE ? children(spki, alg)[0] : undefined;
  if (!oid || oid.tag !== TAG.OID) throw new PkiError('CERT_MALFORMED', 'SubjectPublicKeyInfo has no algorithm OID');
  return decodeOid(contentOf(spki, oid));
}
