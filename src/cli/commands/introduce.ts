// `crosstrust introduce FILE`: re-issue a peer identity under our CA and print intro.json.
import { MAX_PEER_INPUT_BYTES, introduce, parseServiceArgument, readPeerInput } from '../../pki/index.ts';
import { CliUsageError, parseCliArgs, type CommandModule } from '../cli-support.ts';
import { loadPrivateKey, readCertPem, readInputFile, cliNowMs } from '../config-dir.ts';

export const command: CommandModule = {
  usage: 'usage: crosstrust introduce --dir D FILE [--service alias=https://host:port]... [--days N] [--fingerprint SHA256]',
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      dir: { type: 'string' }, service: { type: 'string', multiple: true }, days: { type: 'string' }, fingerprint: { type: 'string' },
    });
    if (!values.dir) throw new CliUsageError('--dir is required');
    if (positionals.length !== 1) throw new CliUsageError('exactly one FILE is required');
    const peer = readPeerInput(readInputFile(positionals[0]!, MAX_PEER_INPUT_BYTES));
    const result = await introduce({
      peerDer: peer.der,
      ca: { certDer: readCertPem(values.dir, 'CA.crt'), key: await loadPrivateKey(values.dir, 'CA.key') },
      atMs: cliNowMs(),
      ...(values.days !== undefined ? { validityDays: Number(values.days) } : {}),
      ...(values.service ? { services: values.service.map(parseServiceArgument) } : {}),
      ...(values.fingerprint !== undefined ? { confirmedFingerprint: values.fingerprint } : {}),
    });
    if (result.clampedToCa) io.stderr(`note: validity cut to end with our CA on ${new Date(result.notAfterMs).toISOString()}\n`);
    io.stdout(result.introJson);
    return 0;
  },
};
