// `crosstrust bundle compose|export|import|verify|diff`: federated trust bundles over files,
// using the same core as the app (src/pki/federation). Options: docs/federation.md.
import { readFile, rename, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CliRefusal, CliUsageError, parseCliArgs, type CliIo, type CommandModule } from '../cli-support.ts';
import {
  DAY_MS,
  OID_ALG,
  allChanges,
  applyImport,
  assessBundle,
  composeBundle,
  diffBundle,
  exportCertifiedFiles,
  exportPemBundle,
  exportSpiffeBundles,
  exportStepJson,
  fromCertifiedB64,
  introductionCandidate,
  parseBundleDocument,
  parseBundleInput,
  parseCertificate,
  parsePem,
  serializeBundle,
  sha256,
  toHex,
  signDetached,
  signJws,
  utf8,
  verifyDetached,
  type BundleAssessment,
  type BundleCandidate,
  type BundleDiff,
  type BundleSigner,
  type BundleSourceKind,
} from '../../pki/index.ts';

const USAGE = `usage:
  crosstrust bundle compose --name NAME --trust-domain TD -o BUNDLE.json [--previous BUNDLE.json]
        [--own CERTS]... [--intro CERTS|INTRO.json]... [--cross CERTS]... [--import CERTS]...
        [--keep FINGERPRINT]... [--confirmed-by WHO] [--expiring-days N] [--refresh-hint SECONDS]
  crosstrust bundle export BUNDLE.json --format pem|step-json|spiffe|certified -o PATH
        [--jws compact|json] [--sign-key KEY.pem --sign-cert CERT.pem] [--expiring-days N]
  crosstrust bundle verify FILE [--signature SIG.json] [--trust CERT]...
  crosstrust bundle diff BUNDLE.json INCOMING [--signature SIG.json] [--trust CERT]... [--trust-domain TD] [--source NAME]
  crosstrust bundle import BUNDLE.json INCOMING --accept all|FP[,FP...] [--source NAME] [--confirmed-by WHO]
        [--signature SIG.json] [--trust CERT]... [--require-signature] [--trust-domain TD]
common: --at ISO-TIME (judge validity at this time; default now)`;

const COMMON = { at: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

function atOf(v: string | undefined): number {
  if (v === undefined) return Date.now();
  const ms = Date.parse(v);
  if (!Number.isFinite(ms)) throw new CliUsageError(`--at ${JSON.stringify(v)} is not a time`);
  return ms;
}

function daysOf(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new CliUsageError('--expiring-days takes a whole number');
  return Number(v) * DAY_MS;
}

async function certsIn(path: string): Promise<Uint8Array[]> {
  const bytes = new Uint8Array(await readFile(path));
  if (bytes[0] === 0x30) return [bytes];
  return parsePem(utf8.decode(bytes)).filter((b) => b.label === 'CERTIFICATE').map((b) => b.der);
}

/** Writes a file through a temporary name, so a reader never sees half of it. */
async function writeAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, content);
  await rename(tmp, path);
}

async function loadSigner(keyPath: string, certPath: string): Promise<BundleSigner> {
  const [certDer] = await certsIn(certPath);
  if (!certDer) throw new CliUsageError(`${certPath} holds no certificate`);
  const cert = parseCertificate(certDer);
  const alg =
    cert.publicKeyAlgorithmOid === OID_ALG.ED25519
      ? { name: 'Ed25519' }
      : { name: 'ECDSA', namedCurve: cert.publicKeyCurveOid === OID_ALG.P384 ? 'P-384' : 'P-256' };
  const block = parsePem(await readFile(keyPath, 'utf8')).find((b) => b.label === 'PRIVATE KEY');
  if (!block) throw new CliUsageError(`${keyPath} holds no PKCS#8 PRIVATE KEY`);
  const key = await crypto.subtle.importKey('pkcs8', block.der.slice(), alg, false, ['sign']);
  return { key, certDer };
}

function fmtDate(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function printAssessment(io: CliIo, a: BundleAssessment): void {
  for (const e of a.entries) {
    const state = e.included ? (e.flags.length ? 'KEPT' : 'OK') : 'EXCLUDED';
    io.stdout(`${state.padEnd(8)} ${e.entry.fingerprint}  ${e.entry.subject}  until ${fmtDate(e.entry.notAfterMs)}${e.flags.length ? `  [${e.flags.join(', ')}]` : ''}\n`);
  }
  io.stdout(`${a.included.length} of ${a.entries.length} roots exported; earliest expiry ${a.earliestExpiryMs === undefined ? 'none' : fmtDate(a.earliestExpiryMs)}\n`);
}

function printDiff(io: CliIo, d: BundleDiff): void {
  for (const r of d.added) io.stdout(`+ new       ${r.fingerprint}  ${r.subject}\n`);
  for (const c of d.changed) io.stdout(`~ ${c.how.padEnd(9)} ${c.incoming.fingerprint}  ${c.incoming.subject} (was ${c.held.fingerprint})\n`);
  for (const e of d.removed) io.stdout(`- gone      ${e.fingerprint}  ${e.subject}\n`);
  for (const e of d.unchanged) io.stdout(`= same      ${e.fingerprint}  ${e.subject}\n`);
  if (d.incomingSequence !== undefined) io.stdout(`spiffe_sequence ${d.heldSequence ?? '(none)'} -> ${d.incomingSequence}\n`);
}

/** A certified intro.json (`certified introduce` output with a `services` map added, FORMATS.md). */
async function introFile(path: string, atMs: number, confirmedBy: string | undefined): Promise<BundleCandidate> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new CliRefusal('BUNDLE_BAD_JSON', `${path} is not JSON`);
  }
  const d = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  if (typeof d['ca_cert'] !== 'string') throw new CliRefusal('BUNDLE_BAD_SHAPE', `${path} has no "ca_cert"`);
  const services = d['services'] ?? {};
  if (typeof services !== 'object' || services === null || Object.values(services).some((u) => typeof u !== 'string')) {
    throw new CliRefusal('BUNDLE_BAD_SHAPE', `${path}: "services" must map aliases to URLs`);
  }
  return introductionCandidate({
    caCertDer: fromCertifiedB64(d['ca_cert']),
    ...(typeof d['signed_cert'] === 'string' ? { signedCertDer: fromCertifiedB64(d['signed_cert']) } : {}),
    services: Object.entries(services as Record<string, string>).map(([alias, url]) => ({ alias, url })),
    detail: path,
    addedMs: atMs,
    ...(confirmedBy !== undefined ? { confirmedBy } : {}),
  });
}

async function compose(args: ReadonlyArray<string>, io: CliIo): Promise<number> {
  const { values } = parseCliArgs(args, {
    ...COMMON,
    name: { type: 'string' },
    'trust-domain': { type: 'string' },
    output: { type: 'string', short: 'o' },
    previous: { type: 'string' },
    own: { type: 'string', multiple: true },
    intro: { type: 'string', multiple: true },
    cross: { type: 'string', multiple: true },
    import: { type: 'string', multiple: true },
    keep: { type: 'string', multiple: true },
    'confirmed-by': { type: 'string' },
    'expiring-days': { type: 'string' },
    'refresh-hint': { type: 'string' },
  }, false);
  if (!values.name || !values['trust-domain'] || !values.output) throw new CliUsageError('compose needs --name, --trust-domain and -o');
  const atMs = atOf(values.at);
  const keep = new Set((values.keep ?? []).map((f) => f.replace(/[\s:]/g, '').toLowerCase()));
  const candidates: BundleCandidate[] = [];
  const sources: Array<[BundleSourceKind, string[] | undefined]> = [['own-root', values.own], ['introduction', values.intro], ['cross-certification', values.cross], ['import', values.import]];
  for (const [kind, files] of sources) {
    for (const file of files ?? []) {
      if (kind === 'introduction' && file.endsWith('.json')) {
        candidates.push(await introFile(file, atMs, values['confirmed-by']));
        continue;
      }
      for (const der of await certsIn(file)) {
        const who = values['confirmed-by'];
        candidates.push({
          certDer: der,
          provenance: [{ kind, detail: file, addedMs: atMs, fingerprintConfirmed: who !== undefined, ...(who ? { confirmedBy: who } : {}) }],
          keep: keep.has(toHex(await sha256(der))),
        });
      }
    }
  }
  const previous = values.previous ? await parseBundleDocument(await readFile(values.previous, 'utf8')) : undefined;
  const hint = values['refresh-hint'];
  if (hint !== undefined && !/^\d+$/.test(hint)) throw new CliUsageError('--refresh-hint takes whole seconds');
  const within = daysOf(values['expiring-days']);
  const { bundle, assessment } = await composeBundle({
    name: values.name,
    trustDomain: values['trust-domain'],
    candidates,
    atMs,
    ...(previous ? { previous } : {}),
    ...(hint !== undefined ? { refreshHintS: Number(hint) } : {}),
    ...(within !== undefined ? { expiringWithinMs: within } : {}),
  });
  await writeAtomic(values.output, serializeBundle(bundle));
  printAssessment(io, assessment);
  return 0;
}

async function exportCmd(args: ReadonlyArray<string>, io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(args, {
    ...COMMON,
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    jws: { type: 'string' },
    'sign-key': { type: 'string' },
    'sign-cert': { type: 'string' },
    'expiring-days': { type: 'string' },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length || !values.output || !values.format) throw new CliUsageError('export needs BUNDLE.json, --format and -o');
  const bundle = await parseBundleDocument(await readFile(file, 'utf8'));
  const within = daysOf(values['expiring-days']);
  const { included } = assessBundle(bundle, { atMs: atOf(values.at), ...(within !== undefined ? { expiringWithinMs: within } : {}) });
  if ((values['sign-key'] === undefined) !== (values['sign-cert'] === undefined)) throw new CliUsageError('--sign-key and --sign-cert go together');
  const signer = values['sign-key'] && values['sign-cert'] ? await loadSigner(values['sign-key'], values['sign-cert']) : undefined;
  if (values.jws !== undefined && (values.format !== 'spiffe' || !signer || !['compact', 'json'].includes(values.jws))) {
    throw new CliUsageError('--jws compact|json needs --format spiffe and a signer');
  }
  const out = values.output;
  const written: string[] = [];
  const put = async (path: string, text: string): Promise<void> => {
    await writeAtomic(path, text);
    written.push(path);
    if (signer && values.jws === undefined) {
      await writeAtomic(`${path}.sig.json`, await signDetached(signer, utf8.encode(text)));
      written.push(`${path}.sig.json`);
    }
  };
  switch (values.format) {
    case 'pem':
      await put(out, exportPemBundle(included));
      break;
    case 'step-json':
      await put(out, exportStepJson(included));
      break;
    case 'spiffe': {
      const docs = exportSpiffeBundles(bundle, included);
      for (const d of docs) {
        const path = docs.length === 1 ? out : join(out, `${d.trustDomain}.json`);
        if (values.jws && signer) await put(path.replace(/\.json$/, '') + '.jws', await signJws(signer, utf8.encode(d.json), values.jws as 'compact' | 'json'));
        else await put(path, d.json);
      }
      break;
    }
    case 'certified':
      for (const [rel, text] of exportCertifiedFiles(included)) await put(join(out, rel), text);
      break;
    default:
      throw new CliUsageError(`unknown --format ${JSON.stringify(values.format)}`);
  }
  io.stdout(`wrote ${written.join(', ') || 'nothing (no introduction entries)'}\n`);
  return 0;
}

async function trustedOf(paths: ReadonlyArray<string> | undefined): Promise<Uint8Array[] | undefined> {
  if (!paths) return undefined;
  return (await Promise.all(paths.map(certsIn))).flat();
}

const INCOMING_OPTIONS = {
  ...COMMON,
  signature: { type: 'string' },
  trust: { type: 'string', multiple: true },
  'require-signature': { type: 'boolean' },
  'trust-domain': { type: 'string' },
  source: { type: 'string' },
  accept: { type: 'string' },
  'confirmed-by': { type: 'string' },
} as const;

async function readIncoming(path: string, values: { at?: string; signature?: string; trust?: string[]; 'require-signature'?: boolean }) {
  const trustedSigners = await trustedOf(values.trust);
  return parseBundleInput(new Uint8Array(await readFile(path)), {
    atMs: atOf(values.at),
    ...(trustedSigners ? { trustedSigners } : {}),
    ...(values.signature ? { detachedSignature: await readFile(values.signature, 'utf8') } : {}),
    ...(values['require-signature'] ? { requireSignature: true } : {}),
  });
}

async function verify(args: ReadonlyArray<string>, io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(args, { ...COMMON, signature: { type: 'string' }, trust: { type: 'string', multiple: true } });
  const [file, ...extra] = positionals;
  if (!file || extra.length) throw new CliUsageError('verify needs one FILE');
  const trustedSigners = await trustedOf(values.trust);
  const atMs = atOf(values.at);
  const bytes = new Uint8Array(await readFile(file));
  const sig = values.signature
    ? await verifyDetached(bytes, await readFile(values.signature, 'utf8'), { atMs, ...(trustedSigners ? { trustedSigners } : {}) })
    : (await parseBundleInput(bytes, { atMs, requireSignature: true, ...(trustedSigners ? { trustedSigners } : {}) })).signature!;
  io.stdout(`signature OK (${sig.alg}) by ${sig.signer.subject}\nsigner fingerprint ${sig.signer.fingerprint}\n`);
  io.stdout(sig.trusted ? `trusted via ${sig.signer.trustedVia}\n` : 'signer NOT checked against trusted certificates (give --trust CERT)\n');
  return 0;
}

async function diffOrImport(args: ReadonlyArray<string>, io: CliIo, write: boolean): Promise<number> {
  const { values, positionals } = parseCliArgs(args, INCOMING_OPTIONS);
  const [heldPath, incomingPath, ...extra] = positionals;
  if (!heldPath || !incomingPath || extra.length) throw new CliUsageError(`${write ? 'import' : 'diff'} needs BUNDLE.json and INCOMING`);
  if (write && !values.accept) throw new CliUsageError('import needs --accept all or a comma-separated list of fingerprints');
  const held = await parseBundleDocument(await readFile(heldPath, 'utf8'));
  const incoming = await readIncoming(incomingPath, values);
  if (incoming.signature) io.stdout(`signed by ${incoming.signature.signer.subject} (${incoming.signature.trusted ? 'trusted' : 'not checked'})\n`);
  const diff = diffBundle(held, incoming, {
    ...(values['trust-domain'] ? { trustDomain: values['trust-domain'] } : {}),
    ...(values.source ? { sourceDetail: values.source } : {}),
  });
  printDiff(io, diff);
  if (!write) return 0;
  const proposed = allChanges(diff);
  const accept = values.accept === 'all' ? proposed : new Set(values.accept!.split(',').map((f) => f.replace(/[\s:]/g, '').toLowerCase()));
  for (const fp of accept) if (!proposed.has(fp)) throw new CliUsageError(`--accept ${fp}: not a proposed change`);
  const who = values['confirmed-by'];
  const next = applyImport(held, diff, {
    accept,
    source: { detail: values.source ?? incomingPath, fingerprintConfirmed: who !== undefined, ...(who ? { confirmedBy: who } : {}) },
    atMs: atOf(values.at),
  });
  await writeAtomic(heldPath, serializeBundle(next));
  io.stdout(`accepted ${accept.size} of ${proposed.size} changes; wrote ${heldPath}\n`);
  return 0;
}

export const command: CommandModule = {
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (!sub || sub === '--help' || sub === '-h') {
      io.stdout(USAGE + '\n');
      return sub ? 0 : 2;
    }
    switch (sub) {
      case 'compose':
        return compose(rest, io);
      case 'export':
        return exportCmd(rest, io);
      case 'verify':
        return verify(rest, io);
      case 'diff':
        return diffOrImport(rest, io, false);
      case 'import':
        return diffOrImport(rest, io, true);
      default:
        throw new CliUsageError(`unknown subcommand ${JSON.stringify(sub)}`);
    }
  },
};
