// `crosstrust verify`: would this peer be accepted? Validates LEAF against the roots (RFC 5280 §6) and
// prints the chain found (subjects and SHA-256 fingerprints), or refuses with the reason code (exit 1).
import { readFile } from 'node:fs/promises';
import { CliRefusal, CliUsageError, parseCliArgs, type CommandModule } from '../cli-support.ts';
import {
  REVOCATION_MODES,
  fingerprintOf,
  parseCertificate,
  readCertificateList,
  readCrlList,
  renderRfc4514,
  validatePath,
  type PathValidationOptions,
  type RevocationMode,
} from '../../pki/index.ts';

const USAGE = `usage: crosstrust verify LEAF --roots BUNDLE [--untrusted FILE]... [--purpose serverAuth|clientAuth]
                        [--name dns:HOST|ip:ADDR|email:ADDR] [--at ISO-TIME] [--max-depth N]
                        [--crl FILE]... [--revocation off|if-present|required]
Files may be DER, PEM (bundles with several certificates or CRLs) or certified's b64 line.
--crl: CRLs of the CAs in the chain; with CRLs, revocation defaults to if-present.
Exit status: 0 accepted, 1 rejected (reason code on stderr), 2 usage.`;

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new CliUsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function readCerts(path: string): Promise<Uint8Array[]> {
  return readCertificateList(await readBytes(path));
}

function parseName(s: string): NonNullable<PathValidationOptions['peerName']> {
  const m = s.match(/^(dns|ip|email):(.+)$/);
  if (!m) throw new CliUsageError(`--name must be dns:HOST, ip:ADDR or email:ADDR, not ${JSON.stringify(s)}`);
  return { type: m[1] as 'dns' | 'ip' | 'email', value: m[2]! };
}

export const command: CommandModule = {
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      roots: { type: 'string' },
      untrusted: { type: 'string', multiple: true },
      purpose: { type: 'string' },
      name: { type: 'string' },
      at: { type: 'string' },
      'max-depth': { type: 'string' },
      crl: { type: 'string', multiple: true },
      revocation: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new CliUsageError('give exactly one LEAF certificate file');
    if (!values.roots) throw new CliUsageError('--roots BUNDLE is required');
    const opts: PathValidationOptions = { leaf: new Uint8Array(), roots: [] };
    if (values.purpose !== undefined) {
      if (values.purpose !== 'serverAuth' && values.purpose !== 'clientAuth') throw new CliUsageError('--purpose must be serverAuth or clientAuth');
      opts.purpose = values.purpose;
    }
    if (values.name !== undefined) opts.peerName = parseName(values.name);
    if (values.at !== undefined) {
      const ms = /^\d{4}-\d\d-\d\d/.test(values.at) ? Date.parse(values.at) : NaN;
      if (!Number.isFinite(ms)) throw new CliUsageError(`--at must be an ISO 8601 time such as 2026-01-15T12:00:00Z, not ${JSON.stringify(values.at)}`);
      opts.time = new Date(ms);
    }
    if (values['max-depth'] !== undefined) {
      if (!/^\d{1,2}$/.test(values['max-depth'])) throw new CliUsageError('--max-depth must be a whole number');
      opts.maxChainDepth = Number(values['max-depth']);
    }
    if (values.revocation !== undefined) {
      if (!(REVOCATION_MODES as ReadonlyArray<string>).includes(values.revocation)) throw new CliUsageError(`--revocation must be one of ${REVOCATION_MODES.join(', ')}`);
      opts.revocation = values.revocation as RevocationMode;
    }
    const leafCerts = await readCerts(positionals[0]!);
    // A leaf file may carry the peer's chain after the leaf, as TLS servers send it.
    opts.leaf = leafCerts[0]!;
    opts.intermediates = leafCerts.slice(1);
    for (const f of values.untrusted ?? []) opts.intermediates.push(...(await readCerts(f)));
    opts.roots = await readCerts(values.roots);
    if (values.crl) {
      opts.crls = [];
      for (const f of values.crl) opts.crls.push(...readCrlList(await readBytes(f)));
    }

    const r = await validatePath(opts);
    if (!r.ok) throw new CliRefusal(r.code ?? 'PATH_NO_ISSUER', r.message ?? 'rejected');
    const lines = ['accepted: chain found (leaf first, trust anchor last)'];
    for (const [i, der] of r.chain!.entries()) {
      const cert = parseCertificate(der);
      const role = i === 0 ? 'leaf' : i === r.chain!.length - 1 ? 'trust anchor' : 'intermediate';
      lines.push(`${i}  ${role}: ${renderRfc4514(cert.subject) || '(empty subject)'}`);
      lines.push(`   SHA-256 ${(await fingerprintOf(der)).grouped}`);
    }
    for (const c of r.revocationChecks ?? []) {
      const role = c.index === 0 ? 'leaf' : `intermediate ${c.index}`;
      const crl = c.crlNumber !== undefined ? `CRL number ${c.crlNumber}` : 'its CRL';
      const next = c.nextUpdateMs !== undefined ? new Date(c.nextUpdateMs).toISOString() : 'not given';
      lines.push(
        c.status === 'good' ? `revocation: ${role} not revoked (${crl}, next update ${next})`
          : c.status === 'stale-crl' ? `revocation: ${role} not listed, but ${crl} is out of date (next update was ${next})`
            : `revocation: ${role} not checked (no CRL from its issuer)`,
      );
    }
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
};
