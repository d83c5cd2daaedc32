// `crosstrust get-ident`: id.crt as certified's one-line b64 (byte-identical to certified's output).
import { getIdentOutput } from '../../pki/index.ts';
import { CliUsageError, parseCliArgs, type CommandModule } from '../cli-support.ts';
import { readCertPem } from '../config-dir.ts';

export const command: CommandModule = {
  usage: 'usage: crosstrust get-ident --dir D',
  async run(args, io) {
    const { values } = parseCliArgs(args, { dir: { type: 'string' } }, false);
    if (!values.dir) throw new CliUsageError('--dir is required');
    io.stdout(getIdentOutput(readCertPem(values.dir, 'id.crt')));
    return 0;
  },
};
