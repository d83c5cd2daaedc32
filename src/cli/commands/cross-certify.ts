// `crosstrust cross-certify FILE`: issue a limited CA certificate for a partner CA; PEM on stdout,
// the plain-English limits on stderr.
import { MAX_PEER_INPUT_BYTES, crossCertify, parseNameLimit, readPeerInput, toPem, PkiError } from '../../pki/index.ts';
import { CliUsageError, parseCliArgs, type CommandModule } from '../cli-support.ts';
import { loadPrivateKey, readCertPem, readInputFile, cliNowMs } from '../config-dir.ts';

const usage = `usage: crosstrust cross-certify --dir D FILE [--path-len N] [--permit dns:example.org]... [--exclude ip:10.0.0.0/8]...
       [--eku serverAuth|clientAuth|OID]... [--policy OID]... [--require-explicit-policy N]
       [--inhibit-policy-mapping N] [--inhibit-any-policy N] [--days N]
  name limits: dns:DOMAIN, ip:CIDR, email:MAILBOX|DOMAIN|.DOMAIN, uri:HOST|.DOMAIN, spiffe:TRUST_DOMAIN`;

const int = (v: string | undefined, what: string): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new CliUsageError(`${what} must be a whole number`);
  return Number(v);
};

export const command: CommandModule = {
  usage,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      dir: { type: 'string' }, 'path-len': { type: 'string' }, permit: { type: 'string', multiple: true }, exclude: { type: 'string', multiple: true },
      eku: { type: 'string', multiple: true }, policy: { type: 'string', multiple: true }, 'require-explicit-policy': { type: 'string' },
      'inhibit-policy-mapping': { type: 'string' }, 'inhibit-any-policy': { type: 'string' }, days: { type: 'string' },
    });
    if (!values.dir) throw new CliUsageError('--dir is required');
    if (positionals.length !== 1) throw new CliUsageError('exactly one FILE (the partner CA certificate) is required');
    const peer = readPeerInput(readInputFile(positionals[0]!, MAX_PEER_INPUT_BYTES));
    if (peer.kind !== 'certificate') throw new PkiError('XCERT_PEER_NOT_CA', 'a request cannot be cross-certified; give the partner CA certificate');
    const rep = int(values['require-explicit-policy'], '--require-explicit-policy');
    const ipm = int(values['inhibit-policy-mapping'], '--inhibit-policy-mapping');
    const iap = int(values['inhibit-any-policy'], '--inhibit-any-policy');
    const result = await crossCertify({
      peerCaDer: peer.der,
      ca: { certDer: readCertPem(values.dir, 'CA.crt'), key: await loadPrivateKey(values.dir, 'CA.key') },
      atMs: cliNowMs(),
      limits: {
        pathLength: int(values['path-len'], '--path-len') ?? 0,
        permitted: (values.permit ?? []).map(parseNameLimit),
        excluded: (values.exclude ?? []).map(parseNameLimit),
        extendedKeyUsages: values.eku ?? [],
        policies: values.policy ?? [],
        ...(rep !== undefined || ipm !== undefined ? { policyConstraints: { ...(rep !== undefined ? { requireExplicitPolicy: rep } : {}), ...(ipm !== undefined ? { inhibitPolicyMapping: ipm } : {}) } } : {}),
        ...(iap !== undefined ? { inhibitAnyPolicy: iap } : {}),
        validityDays: int(values.days, '--days') ?? 365,
      },
    });
    for (const line of result.description) io.stderr(`${line}\n`);
    if (result.clampedToCa) io.stderr(`note: validity cut to end with our CA on ${new Date(result.notAfterMs).toISOString()}\n`);
    io.stdout(toPem('CERTIFICATE', result.certDer));
    return 0;
  },
};
