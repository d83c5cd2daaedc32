// Cross-certify, as data: read the partner CA (with what to compare out of band), turn the form's
// fields into limits or per-field sentences, then sign with our CA while holding the update registry
// and save the certificate with its issued-register and audit entries in one transaction.
import {
  MAX_CROSS_PATH_LENGTH, crossCertify, describeCertificate, describeCrossCertLimits, isPkiError, parseNameLimit, readPeerInput,
  type CertificateSummary, type CrossCertLimits, type CrossCertificate,
} from '../../pki/index.ts';
import { listCrossCertificates, loadSigningCa, saveCrossCertificate, type CrossCertDoc, type Db } from '../../store/index.ts';
import { busyRegistry, type BusyRegistry } from '../update/busy-registry.ts';
import { PKI_MESSAGES, errorCode, messageFor } from '../messages.ts';

export type PartnerReading =
  | { readonly ok: true; readonly der: Uint8Array; readonly summary: CertificateSummary; readonly source: string }
  | { readonly ok: false; readonly source: string; readonly code: string; readonly sentence: string };

/** Reads the partner's CA certificate (PEM, DER, certified b64); never throws for bad input. */
export async function readPartnerCa(source: string, input: string | Uint8Array, atMs: number): Promise<PartnerReading> {
  try {
    const peer = readPeerInput(input);
    if (peer.kind !== 'certificate') return { ok: false, source, code: 'XCERT_PEER_NOT_CA', sentence: 'This is a certificate request. Cross-certification needs the partner’s CA certificate.' };
    const summary = await describeCertificate(peer.der, atMs);
    if (!summary.isCa) return { ok: false, source, code: 'XCERT_PEER_NOT_CA', sentence: PKI_MESSAGES.XCERT_PEER_NOT_CA };
    return { ok: true, der: peer.der, summary, source };
  } catch (e) {
    const code = errorCode(e);
    if (code === undefined) throw e;
    return { ok: false, source, code, sentence: messageFor(e) };
  }
}

/** The form as typed. Empty optional numbers mean "not set". */
export interface LimitsForm {
  readonly pathLength: string;
  readonly permitted: string;
  readonly excluded: string;
  readonly extendedKeyUsages: ReadonlyArray<string>;
  readonly policies: string;
  readonly requireExplicitPolicy: string;
  readonly inhibitPolicyMapping: string;
  readonly inhibitAnyPolicy: string;
  readonly validityDays: string;
}

export type LimitsField = keyof LimitsForm;

export const DEFAULT_LIMITS_FORM: LimitsForm = {
  pathLength: '0',
  permitted: '',
  excluded: '',
  extendedKeyUsages: ['serverAuth', 'clientAuth'],
  policies: '',
  requireExplicitPolicy: '',
  inhibitPolicyMapping: '',
  inhibitAnyPolicy: '',
  validityDays: '365',
};

const lines = (s: string): string[] => s.split(/[\n,]/).map((l) => l.trim()).filter(Boolean);

/** Limits from the form, with the plain-English description; or a sentence per bad field. */
export function readLimitsForm(v: LimitsForm): { readonly limits: CrossCertLimits; readonly words: ReadonlyArray<string> } | { readonly errors: Partial<Record<LimitsField, string>> } {
  const errors: Partial<Record<LimitsField, string>> = {};
  const whole = (field: LimitsField, text: string, min: number, max: number, what: string): number | undefined => {
    if (text.trim() === '') return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) errors[field] = `${what} is a whole number from ${min} to ${max}.`;
    return n;
  };
  const pathLength = whole('pathLength', v.pathLength || '0', 0, MAX_CROSS_PATH_LENGTH, 'The number of CA levels') ?? 0;
  const validityDays = whole('validityDays', v.validityDays, 1, 3650, 'Validity in days');
  if (validityDays === undefined) errors.validityDays = 'Enter how many days the cross-certificate is valid (1 to 3650).';
  const names = (field: 'permitted' | 'excluded') => {
    const out = [];
    for (const l of lines(v[field])) {
      try {
        out.push(parseNameLimit(l));
      } catch (e) {
        if (!isPkiError(e)) throw e;
        errors[field] = `“${l.slice(0, 80)}” is not a name limit. Write dns:example.org, ip:10.0.0.0/8, email:example.org, uri:host or spiffe:trust.domain.`;
        break;
      }
    }
    return out;
  };
  const permitted = names('permitted');
  const excluded = names('excluded');
  const policies = lines(v.policies);
  const badPolicy = policies.find((p) => !/^[0-2](\.\d+)+$/.test(p));
  if (badPolicy) errors.policies = `“${badPolicy.slice(0, 60)}” is not a policy identifier (dotted numbers such as 1.3.6.1.4.1.99999.1).`;
  else if (new Set(policies).size !== policies.length) errors.policies = 'A policy identifier appears twice.';
  const requireExplicitPolicy = whole('requireExplicitPolicy', v.requireExplicitPolicy, 0, 16, 'Certificates before an explicit policy is required');
  const inhibitPolicyMapping = whole('inhibitPolicyMapping', v.inhibitPolicyMapping, 0, 16, 'Certificates before policy mapping stops');
  const inhibitAnyPolicy = whole('inhibitAnyPolicy', v.inhibitAnyPolicy, 0, 16, 'Certificates before “any policy” stops counting');
  if (Object.keys(errors).length) return { errors };
  const limits: CrossCertLimits = {
    pathLength,
    validityDays: validityDays!,
    ...(permitted.length ? { permitted } : {}),
    ...(excluded.length ? { excluded } : {}),
    ...(v.extendedKeyUsages.length ? { extendedKeyUsages: [...v.extendedKeyUsages] } : {}),
    ...(policies.length ? { policies } : {}),
    ...(requireExplicitPolicy !== undefined || inhibitPolicyMapping !== undefined
      ? { policyConstraints: { ...(requireExplicitPolicy !== undefined ? { requireExplicitPolicy } : {}), ...(inhibitPolicyMapping !== undefined ? { inhibitPolicyMapping } : {}) } }
      : {}),
    ...(inhibitAnyPolicy !== undefined ? { inhibitAnyPolicy } : {}),
  };
  return { limits, words: describeCrossCertLimits(limits) };
}

/**
 * Signs the cross-certificate with our identity's CA and saves it (document + issued register +
 * audit entry, one transaction). Holds `busy` while it runs. Throws PkiError or StoreError.
 */
export async function issueCrossCertificate(
  db: Db,
  req: { readonly identityId: string; readonly peerCaDer: Uint8Array; readonly limits: CrossCertLimits; readonly atMs: number },
  busy: BusyRegistry = busyRegistry,
): Promise<CrossCertificate> {
  return busy.run('signing a cross-certificate', async () => {
    const ca = await loadSigningCa(db, req.identityId);
    const x = await crossCertify({ peerCaDer: req.peerCaDer, ca, atMs: req.atMs, limits: req.limits });
    await saveCrossCertificate(db, { peerCa: x.peerCa, certDer: x.certDer, description: x.description, notAfterMs: x.notAfterMs, issuedMs: req.atMs, identityId: req.identityId });
    return x;
  });
}

export function loadCrossCertificates(db: Db): Promise<CrossCertDoc[]> {
  return listCrossCertificates(db);
}
