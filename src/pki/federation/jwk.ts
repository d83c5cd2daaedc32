// Public JWKs (RFC 7517/7518 §6, RFC 8037 §2) from a SubjectPublicKeyInfo, for SPIFFE bundles.
// Supports EC P-256/P-384/P-521, Ed25519 and RSA; throws BUNDLE_UNSUPPORTED_ALGORITHM otherwise.
import { PkiError, isPkiError } from '../errors.ts';
import { OID_ALG } from '../algorithms.ts';
import { toBase64Url } from '../bytes.ts';
import { TAG, children, contentOf, decodeOid, readWhole } from '../der.ts';
import { subjectPublicKeyBits } from '../x509/build.ts';

export type PublicJwk =
  | { readonly kty: 'EC'; readonly crv: 'P-256' | 'P-384' | 'P-521'; readonly x: string; readonly y: string }
  | { readonly kty: 'OKP'; readonly crv: 'Ed25519'; readonly x: string }
  | { readonly kty: 'RSA'; readonly n: string; readonly e: string };

const EC_CURVES: Readonly<Record<string, { crv: 'P-256' | 'P-384' | 'P-521'; size: number }>> = {
  [OID_ALG.P256]: { crv: 'P-256', size: 32 },
  [OID_ALG.P384]: { crv: 'P-384', size: 48 },
  [OID_ALG.P521]: { crv: 'P-521', size: 66 },
};

const b64u = (b: Uint8Array): string => toBase64Url(b, { pad: false });

function stripZeros(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

/** The public JWK members for the key in `spki`. Throws BUNDLE_BAD_CERTIFICATE, BUNDLE_UNSUPPORTED_ALGORITHM. */
export function jwkFromSpki(spki: Uint8Array): PublicJwk {
  try {
    return jwkFromSpkiInner(spki);
  } catch (cause) {
    if (isPkiError(cause) && !cause.code.startsWith('BUNDLE_')) throw new PkiError('BUNDLE_BAD_CERTIFICATE', `public key: ${cause.message}`, { cause });
    throw cause;
  }
}

function jwkFromSpkiInner(spki: Uint8Array): PublicJwk {
  const top = readWhole(spki, TAG.SEQUENCE);
  const [alg] = children(spki, top);
  if (!alg) throw new PkiError('BUNDLE_BAD_CERTIFICATE', 'SubjectPublicKeyInfo without algorithm');
  const [oidT, paramT] = children(spki, alg);
  if (!oidT || oidT.tag !== TAG.OID) throw new PkiError('BUNDLE_BAD_CERTIFICATE', 'SubjectPublicKeyInfo algorithm OID');
  const oid = decodeOid(contentOf(spki, oidT));
  const bits = subjectPublicKeyBits(spki);
  if (oid === OID_ALG.ED25519) {
    if (bits.length !== 32) throw new PkiError('BUNDLE_BAD_CERTIFICATE', 'an Ed25519 key is 32 bytes');
    return { kty: 'OKP', crv: 'Ed25519', x: b64u(bits) };
  }
  if (oid === OID_ALG.EC_PUBLIC_KEY) {
    const curve = paramT?.tag === TAG.OID ? EC_CURVES[decodeOid(contentOf(spki, paramT))] : undefined;
    if (!curve) throw new PkiError('BUNDLE_UNSUPPORTED_ALGORITHM', 'EC key on a curve JOSE does not name');
    if (bits.length !== 1 + 2 * curve.size || bits[0] !== 4) throw new PkiError('BUNDLE_UNSUPPORTED_ALGORITHM', 'EC key is not an uncompressed point');
    return { kty: 'EC', crv: curve.crv, x: b64u(bits.subarray(1, 1 + curve.size)), y: b64u(bits.subarray(1 + curve.size)) };
  }
  if (oid === OID_ALG.RSA) {
    const seq = readWhole(bits, TAG.SEQUENCE);
    const [n, e, ...rest] = children(bits, seq);
    if (!n || !e || rest.length || n.tag !== TAG.INTEGER || e.tag !== TAG.INTEGER) throw new PkiError('BUNDLE_BAD_CERTIFICATE', 'RSAPublicKey is malformed');
    return { kty: 'RSA', n: b64u(stripZeros(contentOf(bits, n))), e: b64u(stripZeros(contentOf(bits, e))) };
  }
  throw new PkiError('BUNDLE_UNSUPPORTED_ALGORITHM', `no JWK for key algorithm ${oid}`);
}

/** True when the JWK members in `jwk` describe the same key as `expected`. */
export function jwkMatches(jwk: Readonly<Record<string, unknown>>, expected: PublicJwk): boolean {
  return Object.entries(expected).every(([k, v]) => jwk[k] === v);
}
