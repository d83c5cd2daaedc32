// `crosstrust crl --dir D [--next-update DAYS]`: issues the next CRL of our CA from the revocation
// ledger (CRL number + 1), signed with CA.key, written as crl/CA.crl.pem and crl/CA.crl.
import { toPem, issueNextCrl, toHex, sha256 } from '../../pki/index.ts';
import { CliUsageError, parseCliArgs, type CommandModule } from '../cli-support.ts';
import { cliNowMs, loadPrivateKey, readCertPem, writeFilesAtomically, FILE_MODE } from '../config-dir.ts';
import { CRL_DER_PATH, CRL_PEM_PATH, LEDGER_PATH, auditFile, ledgerJson, readLedger } from '../revocation-files.ts';

export const command: CommandModule = {
  usage: 'usage: crosstrust crl --dir D [--next-update DAYS] [--stdout]\n  writes crl/CA.crl.pem and crl/CA.crl (default next update: 7 days)',
  async run(args, io) {
    const { values } = parseCliArgs(args, { dir: { type: 'string' }, 'next-update': { type: 'string', default: '7' }, stdout: { type: 'boolean', default: false } }, false);
    if (!values.dir) throw new CliUsageError('--dir is required');
    const days = Number(values['next-update']);
    if (!Number.isInteger(days)) throw new CliUsageError('--next-update takes a whole number of days');
    const caCertDer = readCertPem(values.dir, 'CA.crt');
    const caKey = await loadPrivateKey(values.dir, 'CA.key');
    const atMs = cliNowMs();
    const { crlDer, ledger } = await issueNextCrl({ ledger: await readLedger(values.dir, caCertDer), caCertDer, caKey, atMs, nextUpdateDays: days });
    const pem = toPem('X509 CRL', crlDer);
    writeFilesAtomically(values.dir, [
      { path: CRL_PEM_PATH, data: pem, mode: FILE_MODE },
      { path: CRL_DER_PATH, data: crlDer, mode: FILE_MODE },
      { path: LEDGER_PATH, data: ledgerJson(ledger), mode: FILE_MODE },
      auditFile(values.dir, atMs, {
        op: 'crl',
        crlNumber: ledger.lastCrlNumber,
        entries: ledger.entries.length,
        serials: ledger.entries.map((e) => e.serialHex).join(','),
        nextUpdate: new Date(ledger.lastCrlNextUpdateMs!).toISOString(),
        crlSha256: toHex(await sha256(crlDer)),
      }),
    ]);
    if (values.stdout) io.stdout(pem);
    else io.stdout(`CRL number ${ledger.lastCrlNumber} with ${ledger.entries.length} revoked certificate(s), next update ${new Date(ledger.lastCrlNextUpdateMs!).toISOString()}: ${values.dir}/${CRL_PEM_PATH}\n`);
    return 0;
  },
};
