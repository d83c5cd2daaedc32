// `crosstrust add-intro FILE`: check an intro.json (our key, issuer, signature, validity, URLs,
// aliases) and install it all or nothing: id/<introducer>.crt and known_servers/<alias>.yaml.
import { MAX_INTRO_JSON_BYTES, checkIntroduction, toPem, utf8 } from '../../pki/index.ts';
import { CliRefusal, CliUsageError, parseCliArgs, type CommandModule } from '../cli-support.ts';
import { FILE_MODE, listFiles, readCertPem, readInputFile, writeFilesAtomically, cliNowMs } from '../config-dir.ts';

export const command: CommandModule = {
  usage: 'usage: crosstrust add-intro --dir D FILE [--overwrite]',
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, { dir: { type: 'string' }, overwrite: { type: 'boolean' } });
    if (!values.dir) throw new CliUsageError('--dir is required');
    if (positionals.length !== 1) throw new CliUsageError('exactly one FILE is required');
    const bytes = readInputFile(positionals[0]!, MAX_INTRO_JSON_BYTES);
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      throw new CliRefusal('INTRO_BAD_JSON', 'the introduction is not UTF-8 text');
    }
    const check = await checkIntroduction({
      json: text,
      ourIdentities: [{ idCertDer: readCertPem(values.dir, 'id.crt') }],
      atMs: cliNowMs(),
      existingPaths: new Set(listFiles(values.dir)),
      overwrite: values.overwrite ?? false,
    });
    if (!check.ok) {
      const [first, ...rest] = check.problems;
      throw new CliRefusal(first!.code, `${first!.message}${rest.length ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})` : ''}`);
    }
    const p = check.plan;
    writeFilesAtomically(values.dir, [
      { path: p.idPath, data: toPem('CERTIFICATE', p.signedCertDer), mode: FILE_MODE },
      ...p.services.map((s) => ({ path: s.path, data: s.yaml, mode: FILE_MODE })),
    ]);
    io.stdout(`Installed introduction from ${p.introducer} (${p.idPath}), valid until ${new Date(p.notAfterMs).toISOString()}` +
      `${p.services.length ? `; services: ${p.services.map((s) => `${s.alias} → ${s.url}`).join(', ')}` : ''}.\n`);
    return 0;
  },
};
