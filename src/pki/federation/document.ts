// The bundle as a JSON document (the CLI's bundle file and the store's value): certificates as
// standard base64 DER, facts re-derived from the DER on reading so a hand-edited file cannot lie.
import { PkiError } from '../errors.ts';
import { fromBase64, toBase64 } from '../bytes.ts';
import { checkBundleName, checkTrustDomain, mergeEntries } from './compose.ts';
import { rootInfoOf } from './root-info.ts';
import { BUNDLE_SOURCE_KINDS, type BundleEntry, type BundleIntroductionDetail, type BundleProvenance, type BundleSourceKind, type TrustBundle } from './model.ts';
import { cappedBundleBytes } from './import.ts';

export const BUNDLE_DOCUMENT_TYPE = 'crosstrust-trust-bundle';

/** JSON text of `bundle` (two-space indent, trailing newline). */
export function serializeBundle(bundle: TrustBundle): string {
  const doc = {
    type: BUNDLE_DOCUMENT_TYPE,
    version: 1,
    name: bundle.name,
    trustDomain: bundle.trustDomain,
    refreshHintS: bundle.refreshHintS,
    sequences: bundle.sequences,
    updatedMs: bundle.updatedMs,
    entries: bundle.entries.map((e) => ({
      cert: toBase64(e.der),
      ...(e.trustDomain ? { trustDomain: e.trustDomain } : {}),
      keep: e.keep,
      mergedFingerprints: e.mergedFingerprints,
      provenance: e.provenance.map((p) => ({
        ...p,
        ...(p.introduction
          ? {
              introduction: {
                ...p.introduction,
                ...(p.introduction.signedCertDer ? { signedCertDer: toBase64(p.introduction.signedCertDer) } : {}),
              },
            }
          : {}),
      })),
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

function bad(what: string, cause?: unknown): never {
  throw new PkiError('BUNDLE_BAD_SHAPE', `bundle document: ${what}`, cause === undefined ? undefined : { cause });
}
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (o: Record<string, unknown>, k: string): string => (typeof o[k] === 'string' ? (o[k] as string) : bad(`"${k}" must be a string`));
const num = (o: Record<string, unknown>, k: string): number =>
  typeof o[k] === 'number' && Number.isSafeInteger(o[k]) && (o[k] as number) >= 0 ? (o[k] as number) : bad(`"${k}" must be a non-negative integer`);
const b64 = (s: string): Uint8Array => {
  try {
    return fromBase64(s, { alphabet: 'std', padding: 'required' });
  } catch (cause) {
    bad('a certificate is not standard base64', cause);
  }
};

function parseIntroduction(v: unknown): BundleIntroductionDetail {
  if (!isObj(v) || !Array.isArray(v['services'])) bad('introduction must have "signerName" and "services"');
  const services = v['services'].map((s) => (isObj(s) ? { alias: str(s, 'alias'), url: str(s, 'url') } : bad('a service must be {alias, url}')));
  return { signerName: str(v, 'signerName'), services, ...(v['signedCertDer'] !== undefined ? { signedCertDer: b64(str(v, 'signedCertDer')) } : {}) };
}

function parseProvenance(v: unknown): BundleProvenance {
  if (!isObj(v)) bad('provenance must be an object');
  const kind = str(v, 'kind');
  if (!(BUNDLE_SOURCE_KINDS as ReadonlyArray<string>).includes(kind)) bad(`unknown source kind ${JSON.stringify(kind)}`);
  if (typeof v['fingerprintConfirmed'] !== 'boolean') bad('"fingerprintConfirmed" must be true or false');
  return {
    kind: kind as BundleSourceKind,
    detail: str(v, 'detail'),
    addedMs: num(v, 'addedMs'),
    fingerprintConfirmed: v['fingerprintConfirmed'],
    ...(v['confirmedBy'] !== undefined ? { confirmedBy: str(v, 'confirmedBy') } : {}),
    ...(v['introduction'] !== undefined ? { introduction: parseIntroduction(v['introduction']) } : {}),
  };
}

/** Reads a bundle document. Throws BUNDLE_TOO_LARGE, BUNDLE_BAD_JSON, BUNDLE_BAD_SHAPE, BUNDLE_BAD_CERTIFICATE, BUNDLE_NAME_INVALID, BUNDLE_TRUST_DOMAIN_INVALID. */
export async function parseBundleDocument(text: string): Promise<TrustBundle> {
  cappedBundleBytes(text);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new PkiError('BUNDLE_BAD_JSON', 'the bundle document is not JSON', { cause });
  }
  if (!isObj(doc) || doc['type'] !== BUNDLE_DOCUMENT_TYPE) bad(`"type" must be "${BUNDLE_DOCUMENT_TYPE}"`);
  if (doc['version'] !== 1) bad('unsupported version');
  if (!Array.isArray(doc['entries']) || !isObj(doc['sequences'])) bad('"entries" and "sequences" are required');
  const sequences: Record<string, number> = {};
  for (const [td, n] of Object.entries(doc['sequences'])) sequences[checkTrustDomain(td)] = num({ n }, 'n');
  const entries: BundleEntry[] = [];
  for (const [i, raw] of doc['entries'].entries()) {
    if (!isObj(raw) || !Array.isArray(raw['provenance']) || !Array.isArray(raw['mergedFingerprints'])) bad(`entry ${i + 1} is malformed`);
    const info = await rootInfoOf(b64(str(raw, 'cert')), `entry ${i + 1}`);
    entries.push({
      ...info,
      keep: raw['keep'] === true,
      mergedFingerprints: raw['mergedFingerprints'].map((f) => (typeof f === 'string' && /^[0-9a-f]{64}$/.test(f) ? f : bad('bad merged fingerprint'))),
      provenance: raw['provenance'].map(parseProvenance),
      ...(raw['trustDomain'] !== undefined ? { trustDomain: checkTrustDomain(str(raw, 'trustDomain')) } : {}),
    });
  }
  return {
    name: checkBundleName(str(doc, 'name')),
    trustDomain: checkTrustDomain(str(doc, 'trustDomain')),
    refreshHintS: num(doc, 'refreshHintS'),
    updatedMs: num(doc, 'updatedMs'),
    sequences,
    entries: mergeEntries(entries),
  };
}
