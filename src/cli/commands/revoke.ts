// `crosstrust revoke --dir D CERT --reason R`: records that our CA withdraws a certificate it issued
// (an introduction, a cross-certificate); `crosstrust crl` then publishes it.
import { join } from 'node:path';
import { CRL_REASONS, revokeCertificate, type CrlReason } from '../../pki/index.ts';
import { CliUsageError, parseCliArgs, type CommandModule } from '../cli-support.ts';
import { cliNowMs, readCertPem, writeFilesAtomically, FILE_MODE } from '../config-dir.ts';
import { LEDGER_PATH, auditFile, ledgerJson, readCertificateToRevoke, readLedger } from '../revocation-files.ts';

const REASONS = Object.keys(CRL_REASONS).filter((r) => r !== 'removeFromCRL');

export const command: CommandModule = {
  usage: `usage: crosstrust revoke --dir D CERT [--reason ${REASONS.join('|')}]\n  CERT: a certificate we issued (PEM, DER, certified b64) or the intro.json that carried it`,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, { dir: { type: 'string' }, reason: { type: 'string', default: 'unspecified' } });
    if (!values.dir) throw new CliUsageError('--dir is required');
    if (positionals.length !== 1) throw new CliUsageError('give exactly one certificate file');
    if (!REASONS.includes(values.reason!)) throw new CliUsageError(`--reason must be one of ${REASONS.join(', ')}`);
    const caCertDer = readCertPem(values.dir, 'CA.crt');
    const certDer = readCertificateToRevoke(positionals[0]!);
    const atMs = cliNowMs();
    const ledger = await revokeCertificate({
      ledger: await readLedger(values.dir, caCertDer),
      caCertDer,
      certDer,
      reason: values.reason as CrlReason,
      atMs,
    });
    const entry = ledger.entries[ledger.entries.length - 1]!;
    writeFilesAtomically(values.dir, [
      { path: LEDGER_PATH, data: ledgerJson(ledger), mode: FILE_MODE },
      auditFile(values.dir, atMs, { op: 'revoke', serial: entry.serialHex, subject: entry.subject, reason: entry.reason, certSha256: entry.certSha256 }),
    ]);
    io.stdout(`revoked ${entry.subject} (serial ${entry.serialHex}, ${entry.reason}); run 'crosstrust crl --dir ${values.dir}' to publish\n`);
    io.stderr(`ledger: ${join(values.dir, LEDGER_PATH)}\n`);
    return 0;
  },
};
