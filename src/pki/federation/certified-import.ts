// certified's trust files back into bundle roots: the zip that exportCertifiedZip writes (or any
// certified config directory zipped), or one known_servers/<alias>.yaml. The roots are the CAs the
// YAML `cert:` fields carry; `id/<signer>.crt` and the services come back as introduction details,
// so a re-export writes the same files. Nothing here is trusted: the import flow diffs and asks.
import { zipSync } from 'fflate';
import { PkiError, isPkiError } from '../errors.ts';
import { utf8 } from '../bytes.ts';
import { fromCertifiedB64 } from '../certified-format.ts';
import { aliasProblem } from '../intro/services.ts';
import { readCertifiedLayoutZip, importCertifiedLayoutFiles } from '../certified-layout/layout.ts';
import { readKnownServerYaml, MAX_YAML_BYTES } from '../certified-layout/yaml-reader.ts';
import { writeKnownServerYaml } from '../certified-layout/yaml-writer.ts';
import type { KnownServerRecord } from '../certified-layout/yaml-writer.ts';
import { rootInfoOf } from './root-info.ts';
import { exportCertifiedFiles, type BundleYamlWriter } from './certified-export.ts';
import type { BundleEntry, BundleIntroductionDetail, RootInfo } from './model.ts';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;

/** True when `bytes` start like a zip archive (local file header). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** True when `text` is shaped like a known_servers record (top-level `cert:`/`url:`/`auths:` keys). */
export function looksLikeKnownServerYaml(text: string): boolean {
  return /^(?:auths|cert|url):/m.test(text);
}

export interface CertifiedRoots {
  readonly roots: ReadonlyArray<RootInfo>;
  /** Root fingerprint → what certified knows about it (signer name, services, re-issued cert). */
  readonly introductions: Readonly<Record<string, BundleIntroductionDetail>>;
  /** Files that were not read, with why. */
  readonly skipped: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
}

function wrap(cause: unknown, where: string): never {
  if (isPkiError(cause, 'BUNDLE_BAD_CERTIFICATE')) throw cause;
  if (isPkiError(cause)) throw new PkiError('BUNDLE_CERTIFIED_BAD_FILES', `${where}: ${cause.message}`, { cause });
  throw cause;
}

async function rootsOfRecords(
  records: ReadonlyArray<{ readonly alias?: string; readonly record: KnownServerRecord; readonly where: string }>,
  signedCerts: ReadonlyMap<string, Uint8Array>,
): Promise<{ roots: RootInfo[]; introductions: Record<string, BundleIntroductionDetail> }> {
  const roots = new Map<string, RootInfo>();
  const intros: Record<string, { signerName: string; services: Array<{ alias: string; url: string }>; signedCertDer?: Uint8Array }> = {};
  for (const { alias, record, where } of records) {
    if (!record.cert) throw new PkiError('BUNDLE_CERTIFIED_BAD_FILES', `${where} has no "cert" (the CA it trusts)`);
    let der: Uint8Array;
    try {
      der = fromCertifiedB64(record.cert);
    } catch (cause) {
      wrap(cause, `${where}: "cert"`);
    }
    const info = await rootInfoOf(der, `the CA in ${where}`);
    if (!record.auths.includes(info.subject)) {
      throw new PkiError('BUNDLE_CERTIFIED_BAD_FILES', `${where}: "auths" does not name the CA in "cert" (${info.subject})`);
    }
    roots.set(info.fingerprint, roots.get(info.fingerprint) ?? info);
    const intro = (intros[info.fingerprint] ??= { signerName: info.subject, services: [] });
    if (alias !== undefined && !intro.services.some((s) => s.alias === alias)) intro.services.push({ alias, url: record.url });
    const signed = signedCerts.get(info.subject);
    if (signed) intro.signedCertDer = signed;
  }
  return { roots: [...roots.values()], introductions: intros };
}

/**
 * Roots from a zip of certified files. Throws BUNDLE_CERTIFIED_BAD_FILES (not a readable archive,
 * bad YAML, a record whose auths do not name its CA), BUNDLE_BAD_CERTIFICATE, BUNDLE_EMPTY (no
 * known_servers record).
 */
export async function parseCertifiedZip(zip: Uint8Array): Promise<CertifiedRoots> {
  let layout;
  try {
    layout = importCertifiedLayoutFiles(readCertifiedLayoutZip(zip));
  } catch (cause) {
    wrap(cause, 'certified archive');
  }
  // id/<signer>.crt: certified names the file after the signer CA's RFC 4514 rendering.
  const signed = new Map(layout.introductionCerts.map((c) => [c.path.slice('id/'.length, -'.crt'.length), c.certDer]));
  const records = layout.knownServers.map((k) => ({ alias: k.alias, record: k.record, where: `known_servers/${k.alias}.yaml` }));
  if (records.length === 0) throw new PkiError('BUNDLE_EMPTY', 'the archive holds no known_servers/*.yaml record');
  const skipped = [...layout.skipped];
  if (layout.caCertDer) skipped.push({ path: 'CA.crt', reason: 'the sender’s own CA is not a bundle root' });
  return { ...(await rootsOfRecords(records, signed)), skipped };
}

/**
 * Roots from one known_servers YAML record; `fileName` (e.g. `partner.yaml`) gives the service
 * alias. Throws BUNDLE_CERTIFIED_BAD_FILES, BUNDLE_BAD_CERTIFICATE.
 */
export async function parseKnownServerFile(text: string, fileName?: string): Promise<CertifiedRoots> {
  if (text.length > MAX_YAML_BYTES) throw new PkiError('BUNDLE_CERTIFIED_BAD_FILES', 'a known_servers record is at most 64 KiB');
  let record: KnownServerRecord;
  try {
    record = readKnownServerYaml(text);
  } catch (cause) {
    wrap(cause, 'known_servers record');
  }
  const base = fileName?.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
  const alias = base !== undefined && aliasProblem(base) === null ? base : undefined;
  return { ...(await rootsOfRecords([{ ...(alias ? { alias } : {}), record, where: fileName ?? 'the known_servers record' }], new Map())), skipped: [] };
}

/**
 * certified files for the included introduction entries as a zip under `certified/` (fixed
 * timestamps, sorted: the same bundle gives the same bytes). Uses certified's exact YAML writer.
 * Throws BUNDLE_NOTHING_TO_EXPORT when no included entry came from an introduction, BUNDLE_NAME_INVALID.
 */
export function exportCertifiedZip(included: ReadonlyArray<BundleEntry>, writeYaml: BundleYamlWriter = writeKnownServerYaml): Uint8Array {
  const files = exportCertifiedFiles(included, writeYaml);
  if (files.size === 0) {
    throw new PkiError('BUNDLE_NOTHING_TO_EXPORT', 'no exported root came from an introduction, so there are no certified files to write');
  }
  const mtime = new Date(Date.UTC(2000, 0, 1));
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [p, text] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) entries[`certified/${p}`] = [utf8.encode(text), { mtime }];
  return zipSync(entries, { level: 6 });
}
