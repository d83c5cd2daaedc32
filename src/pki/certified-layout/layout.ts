// Our public trust state as certified's config directory (FORMATS.md "Config directory"): build the
// files, zip them (fflate), and read such a directory or zip back. Private keys are never exported.
import { unzipSync, zipSync } from 'fflate';
import { PkiError, isPkiError } from '../errors.ts';
import { utf8 } from '../bytes.ts';
import { parsePem, toPem } from '../pem.ts';
import { renderRfc4514 } from '../names.ts';
import { fromCertifiedB64, toCertifiedB64 } from '../certified-format.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { idFilePath, knownServerPath } from './file-names.ts';
import { writeKnownServerYaml, type KnownServerRecord } from './yaml-writer.ts';
import { readKnownServerYaml } from './yaml-reader.ts';
import type { ServiceEntry } from '../intro/services.ts';
import type { IntroDocument } from '../intro/intro-json.ts';

export interface InstalledIntroduction {
  readonly signedCertDer: Uint8Array;
  readonly caCertDer: Uint8Array;
  readonly services: ReadonlyArray<ServiceEntry>;
}

export interface CertifiedLayoutState {
  readonly caCertDer: Uint8Array;
  readonly idCertDer: Uint8Array;
  readonly introductions: ReadonlyArray<InstalledIntroduction>;
}

/** Path → bytes of every public file certified keeps (no CA.key/id.key). Throws INTRO_ALIAS_INVALID, INTRO_EXISTS on collisions. */
export async function buildCertifiedLayoutFiles(state: CertifiedLayoutState): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const put = (path: string, text: string): void => {
    if (files.has(path)) throw new PkiError(path.startsWith('id/') ? 'INTRO_EXISTS' : 'INTRO_SERVICE_EXISTS', `two entries would be written to ${path}`);
    files.set(path, utf8.encode(text));
  };
  const caPem = toPem('CERTIFICATE', state.caCertDer);
  put('CA.crt', caPem);
  put('id.crt', toPem('CERTIFICATE', state.idCertDer));
  put('known_servers/self.crt', caPem);
  put('known_clients/self.crt', caPem);
  for (const intro of state.introductions) {
    const ca = parseCertificate(intro.caCertDer);
    put(await idFilePath(ca.subject), toPem('CERTIFICATE', intro.signedCertDer));
    for (const s of intro.services) {
      put(knownServerPath(s.alias), writeKnownServerYaml({ auths: [renderRfc4514(ca.subject)], cert: toCertifiedB64(intro.caCertDer), url: s.url }));
    }
  }
  return files;
}

/** The same files as a zip, under a top-level folder `certified/` (fixed timestamps for reproducible bytes). */
export async function exportCertifiedLayoutZip(state: CertifiedLayoutState): Promise<Uint8Array> {
  const files = await buildCertifiedLayoutFiles(state);
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  const mtime = new Date(Date.UTC(2000, 0, 1));
  for (const [p, b] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) entries[`certified/${p}`] = [b, { mtime }];
  return zipSync(entries, { level: 6 });
}

export const MAX_LAYOUT_FILES = 1000;
export const MAX_LAYOUT_BYTES = 8 * 1024 * 1024;

/** Unzips an exported layout; strips one common top folder; refuses unsafe paths and oversize archives. Throws LAYOUT_BAD_ARCHIVE. */
export function readCertifiedLayoutZip(zip: Uint8Array): Map<string, Uint8Array> {
  if (zip.length > MAX_LAYOUT_BYTES) throw new PkiError('LAYOUT_BAD_ARCHIVE', 'archive too large');
  let total = 0;
  let count = 0;
  let raw: Record<string, Uint8Array>;
  try {
    raw = unzipSync(zip, {
      filter: (f) => {
        count++;
        total += f.originalSize;
        if (count > MAX_LAYOUT_FILES || total > MAX_LAYOUT_BYTES) throw new PkiError('LAYOUT_BAD_ARCHIVE', 'archive holds too much');
        return !f.name.endsWith('/');
      },
    });
  } catch (e) {
    if (isPkiError(e)) throw e;
    throw new PkiError('LAYOUT_BAD_ARCHIVE', 'not a readable zip archive', { cause: e });
  }
  const names = Object.keys(raw);
  for (const n of names) {
    if (n.startsWith('/') || n.split('/').some((s) => s === '..' || s === '.' || s === '')) {
      throw new PkiError('LAYOUT_BAD_ARCHIVE', `unsafe path in archive: ${JSON.stringify(n.slice(0, 120))}`);
    }
  }
  const tops = new Set(names.map((n) => n.split('/')[0]));
  const strip = tops.size === 1 && names.every((n) => n.includes('/')) ? `${[...tops][0]}/` : '';
  const out = new Map<string, Uint8Array>();
  for (const n of names) {
    const p = n.slice(strip.length);
    out.set(p, raw[n]!);
  }
  return out;
}

export interface ImportedLayout {
  readonly caCertDer?: Uint8Array;
  readonly idCertDer?: Uint8Array;
  /** id/*.crt: the certificate and the name from its file name. */
  readonly introductionCerts: ReadonlyArray<{ readonly path: string; readonly certDer: Uint8Array }>;
  readonly knownServers: ReadonlyArray<{ readonly alias: string; readonly record: KnownServerRecord }>;
  /** Files skipped, with why (private keys are never imported this way). */
  readonly skipped: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
}

function pemCert(path: string, bytes: Uint8Array): Uint8Array {
  try {
    const blocks = parsePem(utf8.decode(bytes));
    if (blocks.length < 1 || blocks[0]!.label !== 'CERTIFICATE') throw new PkiError('LAYOUT_BAD_ARCHIVE', `${path} is not a PEM certificate`);
    parseCertificate(blocks[0]!.der);
    return blocks[0]!.der;
  } catch (e) {
    if (isPkiError(e, 'LAYOUT_BAD_ARCHIVE') || !isPkiError(e)) throw e;
    throw new PkiError('LAYOUT_BAD_ARCHIVE', `${path}: ${e.message}`, { cause: e });
  }
}

/**
 * Reads the public files of a certified config directory (paths relative to it). Certificates and
 * YAML are parsed strictly; nothing here is trusted yet — callers run checkIntroduction-style checks.
 * Throws LAYOUT_BAD_ARCHIVE, LAYOUT_BAD_YAML.
 */
export function importCertifiedLayoutFiles(files: ReadonlyMap<string, Uint8Array>): ImportedLayout {
  const introductionCerts: { path: string; certDer: Uint8Array }[] = [];
  const knownServers: { alias: string; record: KnownServerRecord }[] = [];
  const skipped: { path: string; reason: string }[] = [];
  let caCertDer: Uint8Array | undefined;
  let idCertDer: Uint8Array | undefined;
  for (const [path, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (path.endsWith('.key')) skipped.push({ path, reason: 'private keys are not imported' });
    else if (path === 'CA.crt') caCertDer = pemCert(path, bytes);
    else if (path === 'id.crt') idCertDer = pemCert(path, bytes);
    else if (/^id\/[^/]+\.crt$/.test(path)) introductionCerts.push({ path, certDer: pemCert(path, bytes) });
    else if (/^known_servers\/[^/]+\.yaml$/.test(path)) {
      const alias = path.slice('known_servers/'.length, -'.yaml'.length);
      try {
        knownServerPath(alias);
      } catch {
        skipped.push({ path, reason: 'alias is not a safe lower-case name' });
        continue;
      }
      knownServers.push({ alias, record: readKnownServerYaml(utf8.decode(bytes)) });
    } else skipped.push({ path, reason: 'not part of the public certified layout we read' });
  }
  return { ...(caCertDer ? { caCertDer } : {}), ...(idCertDer ? { idCertDer } : {}), introductionCerts, knownServers, skipped };
}

/**
 * Rebuilds the introductions an imported directory holds, as intro documents to run through
 * checkIntroduction (nothing imported is trusted unchecked). certified keeps the introducer's CA
 * only inside known_servers YAML, so an `id/` certificate without any YAML naming it cannot be
 * rebuilt; it is reported in `orphans`.
 */
export async function introductionsFromLayout(imported: ImportedLayout): Promise<{ documents: IntroDocument[]; orphans: string[] }> {
  const byPath = new Map(imported.introductionCerts.map((c) => [c.path, c.certDer]));
  const docs = new Map<string, { signedCertDer: Uint8Array; caCertDer: Uint8Array; services: ServiceEntry[] }>();
  for (const ks of imported.knownServers) {
    if (!ks.record.cert) continue;
    const caCertDer = fromCertifiedB64(ks.record.cert);
    const ca = parseCertificate(caCertDer);
    const path = await idFilePath(ca.subject);
    const signed = byPath.get(path);
    if (!signed || !ks.record.auths.includes(renderRfc4514(ca.subject))) continue;
    const doc = docs.get(path) ?? { signedCertDer: signed, caCertDer, services: [] };
    doc.services.push({ alias: ks.alias, url: ks.record.url });
    docs.set(path, doc);
  }
  return { documents: [...docs.values()], orphans: [...byPath.keys()].filter((p) => !docs.has(p)) };
}
