// The certified fixtures as bytes and keys, for Node and browser tests: certificates of alpha, beta
// and gamma, alpha's TEST-ONLY CA key (imported as a non-extractable CryptoKey), exchange files.
import { readSharedText } from './fixtures.ts';
import { parsePem, parseCertificate, copyBytes, type Certificate } from '../../src/pki/index.ts';

export const FIX = 'fixtures/certified';

export async function fixtureText(rel: string): Promise<string> {
  return readSharedText(`${FIX}/${rel}`);
}

export async function fixtureCertDer(rel: string): Promise<Uint8Array> {
  return parsePem(await fixtureText(rel))[0]!.der;
}

export async function fixtureCert(rel: string): Promise<Certificate> {
  return parseCertificate(await fixtureCertDer(rel));
}

/** alpha's CA.key or id.key (Ed25519 PKCS#8, published test keys). */
export async function alphaKey(name: 'CA.key' | 'id.key'): Promise<CryptoKey> {
  const der = parsePem(await fixtureText(`orgs/alpha/${name}`))[0]!.der;
  return crypto.subtle.importKey('pkcs8', copyBytes(der), { name: 'Ed25519' }, false, ['sign']);
}

/** A moment inside every fixture certificate's validity (they were made on one day, for 365 days). */
export async function fixtureNowMs(): Promise<number> {
  const c = await fixtureCert('orgs/alpha/id.crt');
  return c.notBeforeMs + 86_400_000;
}
