// Which of our identities signs: the identities as choices (label, name, CA fingerprint, validity, whether
// its CA may cross-certify), and the default pick. DOM-free; views show these in <ct-signer-picker>.
import { basicConstraintsOf, describeCertificate, parseCertificate, type ValidityStatus } from '../../pki/index.ts';
import { listIdentities, type Db } from '../../store/index.ts';

export interface Signer {
  readonly id: string;
  readonly label: string;
  /** RFC 4514 of the identity certificate's subject. */
  readonly subject: string;
  /** SHA-256 of our CA certificate, grouped: what partners see as "the introducer". */
  readonly caFingerprint: string;
  readonly caNotAfterMs: number;
  readonly status: ValidityStatus;
  /** CA levels our CA allows below itself (undefined: unlimited); 0 means it cannot cross-certify. */
  readonly caPathLength: number | undefined;
  readonly idCertDer: Uint8Array;
}

/** Our identities as signers, oldest first. */
export async function loadSigners(db: Db, atMs: number): Promise<Signer[]> {
  const records = await listIdentities(db);
  return Promise.all(
    records.map(async (r): Promise<Signer> => {
      const ca = await describeCertificate(r.caCertDer, atMs);
      return {
        id: r.id,
        label: r.label,
        subject: (await describeCertificate(r.idCertDer, atMs)).subject,
        caFingerprint: ca.fingerprintSha256.grouped,
        caNotAfterMs: ca.notAfterMs,
        status: ca.status,
        caPathLength: basicConstraintsOf(parseCertificate(r.caCertDer))?.pathLength,
        idCertDer: r.idCertDer,
      };
    }),
  );
}

/** Whether this signer's CA may issue a cross-certificate allowing `pathLength` CA levels below the partner. */
export function canCrossCertify(s: Signer, pathLength = 0): boolean {
  return s.caPathLength === undefined || s.caPathLength >= pathLength + 1;
}

/**
 * The signer to preselect: the one asked for (e.g. from the address) when it exists, else the first
 * valid one that `usable` accepts, else the first valid one, else the first. Undefined when there are none.
 */
export function pickSigner(signers: ReadonlyArray<Signer>, wanted?: string, usable: (s: Signer) => boolean = () => true): string | undefined {
  if (wanted && signers.some((s) => s.id === wanted)) return wanted;
  const valid = signers.filter((s) => s.status === 'valid');
  return (valid.find(usable) ?? valid[0] ?? signers[0])?.id;
}
