// Organisation identity: a certified-style CA and an identity certificate it signs, with new keys.
// Keys are non-extractable unless the caller (the Node CLI writing PKCS#8 files) asks otherwise.
import { PkiError } from './errors.ts';
import { exportSpki, generateKeyPair, type KeyType } from './algorithms.ts';
import { buildCertifiedName, type NameInput } from './names.ts';
import { buildSubjectAltNames, type SanInput } from './hosts.ts';
import { DEFAULT_VALIDITY_DAYS, issueCertifiedCa, issueCertifiedEndEntity, validityWindow } from './profile.ts';
import { keyIdentifier } from './x509/build.ts';
import { assertIssuedCertificate } from './validate/check-issued.ts';

export interface IdentityRequest {
  readonly name: NameInput;
  readonly san: SanInput;
  readonly keyType?: KeyType; // default ed25519
  readonly validityDays?: number; // default 365
  readonly atMs: number; // issue time
  /** Only for the Node CLI, which keeps keys as PKCS#8 files like certified. */
  readonly extractableKeys?: boolean;
  /** CA pathLen; certified's profile is 0. A CA that cross-certifies partners needs at least 1 (see crossCertify). */
  readonly caPathLength?: number;
  /** Keys made by the caller (e.g. escrowed at birth, key-escrow.ts); both must be of `keyType`. Default: new non-extractable keys. */
  readonly keyPairs?: { readonly ca: CryptoKeyPair; readonly id: CryptoKeyPair };
}

export interface CreatedIdentity {
  readonly keyType: KeyType;
  readonly caCertDer: Uint8Array;
  readonly idCertDer: Uint8Array;
  readonly caKeys: CryptoKeyPair;
  readonly idKeys: CryptoKeyPair;
}

/**
 * Creates a CA and an identity certificate. Throws PkiError NAME_EMPTY, NAME_INVALID, SAN_REQUIRED,
 * SAN_INVALID, VALIDITY_INVALID, and a PATH_* code when our own validator would reject the result
 * (refuse at signing time what we would reject). Both certificates share the same validity window.
 */
export async function createIdentity(req: IdentityRequest): Promise<CreatedIdentity> {
  const keyType = req.keyType ?? 'ed25519';
  const caName = buildCertifiedName(req.name, true);
  const idName = buildCertifiedName(req.name, false);
  const sans = buildSubjectAltNames(req.san);
  if (sans.length === 0) throw new PkiError('SAN_REQUIRED', 'an identity needs at least one host, email or URI');
  const window = validityWindow(req.atMs, req.validityDays ?? DEFAULT_VALIDITY_DAYS);
  const extractable = req.extractableKeys ?? false;
  const caKeys = req.keyPairs?.ca ?? (await generateKeyPair(keyType, { extractable }));
  const idKeys = req.keyPairs?.id ?? (await generateKeyPair(keyType, { extractable }));
  const caSpki = await exportSpki(caKeys.publicKey);
  const idSpki = await exportSpki(idKeys.publicKey);
  const caCertDer = await issueCertifiedCa({ name: caName.der, keys: caKeys, spki: caSpki, ...window, ...(req.caPathLength !== undefined ? { pathLength: req.caPathLength } : {}) });
  const idCertDer = await issueCertifiedEndEntity({
    subject: idName.der,
    subjectIsEmpty: idName.rdns.length === 0,
    subjectAltNames: sans,
    spki: idSpki,
    issuerName: caName.der,
    issuerKeyId: await keyIdentifier(caSpki),
    issuerKey: caKeys.privateKey,
    ...window,
  });
  await assertIssuedCertificate({ certificate: caCertDer, issuerChain: [], roots: [caCertDer], atMs: window.notBeforeMs });
  await assertIssuedCertificate({ certificate: idCertDer, issuerChain: [], roots: [caCertDer], atMs: window.notBeforeMs });
  return { keyType, caCertDer, idCertDer, caKeys, idKeys };
}
