// SPIFFE trust bundles (SPIFFE Trust Domain and Bundle spec §4): a JWK Set with one `x509-svid`
// key per root, each carrying its certificate in `x5c` (standard base64 DER, RFC 7517 §4.7),
// plus `spiffe_sequence` and `spiffe_refresh_hint`. One document per trust domain.
import { PkiError } from '../errors.ts';
import { fromBase64, toBase64, utf8 } from '../bytes.ts';
import { rootInfoOf } from './root-info.ts';
import { jwkFromSpki, jwkMatches } from './jwk.ts';
import type { BundleEntry, RootInfo, TrustBundle } from './model.ts';

export interface SpiffeDocument {
  readonly trustDomain: string;
  readonly sequence: number;
  /** The exact JSON text (what a JWS signs). */
  readonly json: string;
}

/** The SPIFFE document of one trust domain's roots. Throws BUNDLE_UNSUPPORTED_ALGORITHM for a key JOSE cannot name. */
export function spiffeJson(roots: ReadonlyArray<RootInfo>, sequence: number, refreshHintS: number): string {
  const keys = roots.map((r) => ({ use: 'x509-svid', ...jwkFromSpki(r.spki), x5c: [toBase64(r.der)] }));
  return JSON.stringify({ keys, spiffe_sequence: sequence, spiffe_refresh_hint: refreshHintS }, null, 2) + '\n';
}

/** One SPIFFE document per trust domain among `included` (entries without one use the bundle's). */
export function exportSpiffeBundles(bundle: TrustBundle, included: ReadonlyArray<BundleEntry>): SpiffeDocument[] {
  const byDomain = new Map<string, BundleEntry[]>();
  for (const e of included) {
    const td = e.trustDomain ?? bundle.trustDomain;
    const list = byDomain.get(td) ?? [];
    list.push(e);
    byDomain.set(td, list);
  }
  if (byDomain.size === 0) throw new PkiError('BUNDLE_NOTHING_TO_EXPORT', 'the bundle has no root to export (all are flagged, or it is empty)');
  return [...byDomain].map(([trustDomain, roots]) => {
    const sequence = bundle.sequences[trustDomain] ?? 1;
    return { trustDomain, sequence, json: spiffeJson(roots, sequence, bundle.refreshHintS) };
  });
}

export interface ParsedSpiffe {
  readonly roots: ReadonlyArray<RootInfo>;
  readonly sequence?: number;
  readonly refreshHintS?: number;
  /** Keys with another `use` (e.g. jwt-svid) that were skipped. */
  readonly skippedKeys: number;
}

function shape(message: string): never {
  throw new PkiError('BUNDLE_BAD_SHAPE', `SPIFFE bundle: ${message}`);
}

function optionalCount(v: unknown, what: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) shape(`${what} must be a non-negative integer`);
  return v;
}

/**
 * Reads a SPIFFE bundle already parsed from JSON. Throws BUNDLE_BAD_SHAPE, BUNDLE_SPIFFE_BAD_KEY
 * (missing `use`, not exactly one x5c), BUNDLE_SPIFFE_KEY_MISMATCH (JWK members ≠ x5c's key),
 * BUNDLE_BAD_CERTIFICATE.
 */
export async function parseSpiffeObject(doc: Readonly<Record<string, unknown>>): Promise<ParsedSpiffe> {
  const keys = doc['keys'];
  if (!Array.isArray(keys)) shape('"keys" must be an array');
  const roots: RootInfo[] = [];
  let skipped = 0;
  for (const [i, k] of keys.entries()) {
    if (typeof k !== 'object' || k === null || Array.isArray(k)) shape(`key ${i + 1} is not an object`);
    const key = k as Record<string, unknown>;
    if (typeof key['use'] !== 'string') throw new PkiError('BUNDLE_SPIFFE_BAD_KEY', `key ${i + 1} has no "use" (SPIFFE bundle §4.2.1)`);
    if (key['use'] !== 'x509-svid') {
      skipped++;
      continue;
    }
    const x5c = key['x5c'];
    if (!Array.isArray(x5c) || x5c.length !== 1 || typeof x5c[0] !== 'string') {
      throw new PkiError('BUNDLE_SPIFFE_BAD_KEY', `x509-svid key ${i + 1} must carry exactly one certificate in "x5c"`);
    }
    let der: Uint8Array;
    try {
      der = fromBase64(x5c[0], { alphabet: 'std', padding: 'required' });
    } catch (cause) {
      throw new PkiError('BUNDLE_SPIFFE_BAD_KEY', `x5c of key ${i + 1} is not standard base64 (RFC 7517 §4.7)`, { cause });
    }
    const info = await rootInfoOf(der, `the x5c certificate of key ${i + 1}`);
    if (!jwkMatches(key, jwkFromSpki(info.spki))) {
      throw new PkiError('BUNDLE_SPIFFE_KEY_MISMATCH', `key ${i + 1}: the JWK members do not describe the key of its x5c certificate`);
    }
    roots.push(info);
  }
  const sequence = optionalCount(doc['spiffe_sequence'], 'spiffe_sequence');
  const refreshHintS = optionalCount(doc['spiffe_refresh_hint'], 'spiffe_refresh_hint');
  return {
    roots,
    skippedKeys: skipped,
    ...(sequence === undefined ? {} : { sequence }),
    ...(refreshHintS === undefined ? {} : { refreshHintS }),
  };
}

/** utf8 text of a SPIFFE document, for signing. */
export const spiffeBytes = (doc: SpiffeDocument): Uint8Array => utf8.encode(doc.json);
