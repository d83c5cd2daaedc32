// Many distinct CA certificates for the bundle benchmarks: CA:TRUE, distinct random Ed25519 public
// keys and names, all signed by one issuer key (fast to make; no benchmark here checks the signature).
import {
  basicConstraintsExtension,
  buildCertificate,
  buildCertifiedName,
  generateKeyPair,
  keyUsageExtension,
  OID_ALG,
  randomBytes,
  randomSerial,
} from '../src/pki/index.ts';
import { derBitString, derSequence, encodeOid } from '../src/pki/der.ts';

/** The time the certificates are valid at (from a day before to a year after). */
export const AT = Date.UTC(2026, 10, 25);

let made: Promise<Uint8Array[]> | undefined;
let madeCount = 0;

/** `n` root certificates (DER), made once per run and shared by the benchmarks that need them. */
export function rootCertificates(n: number): Promise<Uint8Array[]> {
  if (!made || madeCount < n) {
    madeCount = n;
    made = makeCerts(n);
  }
  return made.then((all) => all.slice(0, n));
}

async function makeCerts(n: number): Promise<Uint8Array[]> {
  const issuer = await generateKeyPair('ed25519');
  const issuerName = buildCertifiedName({ commonName: 'Bench Issuer' }, true).der;
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const spki = derSequence(derSequence(encodeOid(OID_ALG.ED25519)), derBitString(randomBytes(32)));
    out.push(
      await buildCertificate({
        subject: buildCertifiedName({ commonName: `Bench Root ${i}` }, true).der,
        issuer: issuerName,
        subjectPublicKeyInfo: spki,
        issuerKey: issuer.privateKey,
        serial: randomSerial(),
        notBeforeMs: AT - 86_400_000,
        notAfterMs: AT + 365 * 86_400_000,
        extensions: [basicConstraintsExtension(true, 0), keyUsageExtension(['keyCertSign', 'cRLSign'])],
      }),
    );
  }
  return out;
}
