// Accepting a partner's CRL: which of the partner CAs we hold issued it (name, then key and signature),
// and an identifier for "this CA" that does not depend on which of its certificates we hold.
import { PkiError, isPkiError } from '../errors.ts';
import { concatBytes, sha256, toHex } from '../bytes.ts';
import { renderRfc4514 } from '../names.ts';
import { parseCertificate, type Certificate } from '../x509/certificate.ts';
import { namesEqual } from '../validate/name-compare.ts';
import { checkCrlUpdate, parseCrl, type Crl } from './parse.ts';

/** SHA-256 hex of a CA's subject DER and public key: the same for every certificate of that CA (self-signed, cross-certified, bundled). */
export async function caIdentityOf(cert: Certificate): Promise<string> {
  return toHex(await sha256(concatBytes(cert.subject.der, cert.subjectPublicKeyInfo)));
}

export interface PartnerCrlCheck {
  readonly crl: Crl & { readonly unchanged: boolean };
  /** The held certificate of the CA that issued it. */
  readonly issuerCertDer: Uint8Array;
  /** caIdentityOf the issuer. */
  readonly caId: string;
  /** RFC 4514 name of the issuer. */
  readonly issuer: string;
}

/**
 * Finds the partner CA among `candidates` (DER certificates we hold) that issued `crlDer` and checks the
 * CRL against it and against the CRL we hold for that CA (`heldCrlFor(caId)`). Throws CRL_MALFORMED,
 * CRL_UNKNOWN_CRITICAL_EXTENSION, CRL_WRONG_ISSUER (no CA of that name held), CRL_BAD_SIGNATURE,
 * CRL_ISSUER_CANNOT_SIGN_CRLS, CRL_NUMBER_ROLLBACK, CRL_NUMBER_REUSED.
 */
export async function checkPartnerCrl(params: {
  readonly crlDer: Uint8Array;
  readonly candidates: ReadonlyArray<Uint8Array>;
  readonly heldCrlFor: (caId: string) => Uint8Array | undefined;
}): Promise<PartnerCrlCheck> {
  const crl = parseCrl(params.crlDer);
  const named: Certificate[] = [];
  for (const der of params.candidates) {
    let cert: Certificate;
    try {
      cert = parseCertificate(der);
    } catch (e) {
      if (isPkiError(e)) continue; // a damaged stored certificate cannot vouch for anything
      throw e;
    }
    if (namesEqual(cert.subject, crl.issuer)) named.push(cert);
  }
  if (named.length === 0) {
    throw new PkiError('CRL_WRONG_ISSUER', `the CRL was issued by ${renderRfc4514(crl.issuer) || 'an unnamed CA'}, which is not a partner CA held here`);
  }
  let firstRefusal: unknown;
  for (const cert of named) {
    const caId = await caIdentityOf(cert);
    const held = params.heldCrlFor(caId);
    try {
      const checked = await checkCrlUpdate({ crlDer: params.crlDer, issuerCertDer: cert.der, ...(held ? { currentCrlDer: held } : {}) });
      return { crl: checked, issuerCertDer: cert.der.slice(), caId, issuer: renderRfc4514(cert.subject) };
    } catch (e) {
      if (!isPkiError(e)) throw e;
      // Rollback and reuse are about the right CA: say so at once. Otherwise try the next CA of that name.
      if (e.code === 'CRL_NUMBER_ROLLBACK' || e.code === 'CRL_NUMBER_REUSED') throw e;
      firstRefusal ??= e;
    }
  }
  throw firstRefusal;
}
