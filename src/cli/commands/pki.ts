// `crosstrust pki ls|validate|renew|issue`: CI's side of the scoped hierarchy (docs/hierarchy.md).
// Reads the store file and an age identity; signs only with keys that identity decrypts (never the cold root).
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliRefusal, CliUsageError, parseCliArgs, type CliIo, type CommandModule } from '../cli-support.ts';
import {
  applyWriteSet,
  generateServiceKey,
  issueLeaf,
  listEnvironment,
  openStoreKeys,
  parsePem,
  readStoreFile,
  renewExpiring,
  validateEnvironment,
  writeStoreFile,
  type EnvironmentDoc,
  type HierarchyState,
} from '../../pki/index.ts';

const usage = `usage: crosstrust pki <ls|validate|renew|issue> --store FILE [options]
  ls                              list authorities, custody and leaves
  validate [--warn-days N]        check chains, expiry and bundles; exit 1 on problems
  renew [--within N] [--new-keys] [--out DIR]
                                  re-issue leaves expiring within N days (default 30), or issued by a
                                  retired authority; writes <scope>-<service>.crt (+ .key with --new-keys)
  issue --scope S --service NAME [--dns NAME]... (--csr FILE | --out DIR)
                                  issue a 90-day leaf from a PKCS#10 CSR or a fresh key
  --identity FILE                 age identity file (else env CROSSTRUST_AGE_IDENTITY) for renew/issue
  --at ISO-8601                   judge time at this instant instead of now`;

function readIdentities(file: string | undefined): string[] {
  const text = file !== undefined ? readFileSync(file, 'utf8') : process.env['CROSSTRUST_AGE_IDENTITY'];
  if (!text) throw new CliUsageError('renew and issue need --identity FILE or CROSSTRUST_AGE_IDENTITY');
  const ids = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  if (ids.length === 0) throw new CliRefusal('HIER_AGE_IDENTITY_INVALID', 'the identity holds no AGE-SECRET-KEY line');
  return ids;
}

/**
 * Writes atomically (temp file, fsync, rename) so an interrupted run leaves the old or the new file,
 * and a file renamed into place is on disk before the next one is written.
 */
function writeAtomic(path: string, text: string, mode = 0o644): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

async function load(args: { store: string; identity?: string }, needKeys: boolean): Promise<HierarchyState> {
  const doc: EnvironmentDoc = readStoreFile(readFileSync(args.store, 'utf8'));
  const keys = needKeys ? await openStoreKeys(doc, readIdentities(args.identity)) : new Map<string, CryptoKey>();
  if (needKeys && keys.size === 0) throw new CliRefusal('HIER_KEY_UNAVAILABLE', 'the identity decrypts no key in this store');
  return { doc, keys };
}

export const command: CommandModule = {
  usage,
  async run(argv: ReadonlyArray<string>, io: CliIo): Promise<number> {
    const { values, positionals } = parseCliArgs(argv, {
      store: { type: 'string' },
      identity: { type: 'string' },
      at: { type: 'string' },
      'warn-days': { type: 'string' },
      within: { type: 'string' },
      'new-keys': { type: 'boolean' },
      out: { type: 'string' },
      scope: { type: 'string' },
      service: { type: 'string' },
      dns: { type: 'string', multiple: true },
      csr: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return void io.stdout(usage + '\n'), 0;
    const [sub, ...extra] = positionals;
    if (!sub || extra.length) throw new CliUsageError('give exactly one subcommand');
    if (!values.store) throw new CliUsageError('--store FILE is required');
    const atMs = values.at !== undefined ? Date.parse(values.at) : Date.now();
    if (!Number.isFinite(atMs)) throw new CliUsageError('--at must be an ISO-8601 instant');
    const days = (v: string | undefined, dflt: number, name: string): number => {
      if (v === undefined) return dflt;
      if (!/^\d{1,4}$/.test(v)) throw new CliUsageError(`${name} must be a whole number of days`);
      return Number(v);
    };
    const args = { store: values.store, ...(values.identity !== undefined ? { identity: values.identity } : {}) };
    switch (sub) {
      case 'ls': {
        io.stdout(listEnvironment((await load(args, false)).doc, atMs));
        return 0;
      }
      case 'validate': {
        const report = await validateEnvironment((await load(args, false)).doc, atMs, days(values['warn-days'], 30, '--warn-days'));
        io.stdout(report.text);
        return report.ok ? 0 : 1;
      }
      case 'renew': {
        if (values['new-keys'] && !values.out) throw new CliUsageError('--new-keys needs --out DIR for the keys');
        const state = await load(args, true);
        const r = await renewExpiring(state, { withinDays: days(values.within, 30, '--within'), newKeys: values['new-keys'] ?? false }, atMs);
        // Deliverables first, the store last: a run killed in between leaves the store at the old
        // revision (the next run renews again) and never a recorded leaf whose key was lost.
        if (values.out) mkdirSync(values.out, { recursive: true });
        for (const x of r.renewed) {
          if (values.out) {
            if (x.keyPem) writeAtomic(join(values.out, `${x.leaf.scope}-${x.leaf.service}.key`), x.keyPem, 0o600);
            writeAtomic(join(values.out, `${x.leaf.scope}-${x.leaf.service}.crt`), x.chainPem);
          }
        }
        if (r.renewed.length) writeAtomic(values.store, writeStoreFile(applyWriteSet(state, r.writes).doc));
        for (const x of r.renewed) io.stdout(`renewed ${x.leaf.spiffeId} until ${new Date(x.leaf.notAfterMs).toISOString()}\n`);
        if (!r.renewed.length) io.stdout('nothing to renew\n');
        return 0;
      }
      case 'issue': {
        if (!values.scope || !values.service) throw new CliUsageError('issue needs --scope and --service');
        if ((values.csr === undefined) === (values.out === undefined)) throw new CliUsageError('issue needs exactly one of --csr FILE or --out DIR');
        const state = await load(args, true);
        const key = values.csr === undefined ? await generateServiceKey(state.doc.environment.keyType) : undefined;
        const csrDer = values.csr !== undefined ? csrBytes(readFileSync(values.csr)) : undefined;
        const r = await issueLeaf(state, { scope: values.scope, service: values.service, dnsNames: values.dns ?? [], ...(csrDer ? { csrDer } : { spki: key!.spki }) }, atMs);
        // As in renew: key and certificate files before the store.
        if (values.out) {
          mkdirSync(values.out, { recursive: true });
          if (key) writeAtomic(join(values.out, `${values.scope}-${values.service}.key`), key.pkcs8Pem, 0o600);
          writeAtomic(join(values.out, `${values.scope}-${values.service}.crt`), r.chainPem);
        }
        writeAtomic(values.store, writeStoreFile(applyWriteSet(state, r.writes).doc));
        if (values.out) io.stdout(`issued ${r.leaf.spiffeId} until ${new Date(r.leaf.notAfterMs).toISOString()}\n`);
        else io.stdout(r.chainPem);
        return 0;
      }
      default:
        throw new CliUsageError(`unknown subcommand ${JSON.stringify(sub)}`);
    }
  },
};

/** A CSR file as PEM (CERTIFICATE REQUEST) or DER. */
function csrBytes(raw: Uint8Array): Uint8Array {
  if (raw[0] === 0x30) return raw;
  const blocks = parsePem(new TextDecoder().decode(raw));
  const b = blocks.find((x) => x.label === 'CERTIFICATE REQUEST' || x.label === 'NEW CERTIFICATE REQUEST');
  if (!b) throw new CliRefusal('HIER_CSR_MALFORMED', 'the CSR file holds no CERTIFICATE REQUEST block');
  return b.der;
}
