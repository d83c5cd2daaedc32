// The `crosstrust` CLI: dispatches to one module per command under ./commands/.
// Exit codes: 0 ok, 1 refused (bad or untrusted input; one clear line on stderr), 2 usage.
import { CliUsageError, CliRefusal, type CommandModule } from './cli-support.ts';
import { isPkiError } from '../pki/index.ts';

/** Command name → module path (each module exports `command: CommandModule`). */
const COMMANDS: Record<string, string> = {
  // ---- identity & introductions (issue 4) ----
  init: './commands/init.ts',
  'get-ident': './commands/get-ident.ts',
  introduce: './commands/introduce.ts',
  'cross-certify': './commands/cross-certify.ts',
  'add-intro': './commands/add-intro.ts',
  inspect: './commands/inspect.ts',
  // ---- path validation (issue 5) ----
  verify: './commands/verify.ts',
  // ---- federation bundles (issue 6) ----
  bundle: './commands/bundle.ts',
  // ---- hierarchy (issue 7) ----
  pki: './commands/pki.ts',
  // ---- revocation (issue 11) ----
  revoke: './commands/revoke.ts',
  crl: './commands/crl.ts',
};

function usage(): string {
  const names = Object.keys(COMMANDS).sort();
  return `usage: crosstrust <command> [options]\ncommands: ${names.join(', ') || '(none yet)'}\nRun 'crosstrust <command> --help' for a command's options.`;
}

export async function main(argv: ReadonlyArray<string>, io: { stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr)(usage() + '\n');
    return name ? 0 : 2;
  }
  const path = COMMANDS[name];
  if (!path) {
    io.stderr(`crosstrust: unknown command ${JSON.stringify(name)}\n${usage()}\n`);
    return 2;
  }
  const mod = (await import(/* @vite-ignore */ path)) as { command: CommandModule };
  try {
    return await mod.command.run(rest, io);
  } catch (e) {
    if (e instanceof CliUsageError) {
      io.stderr(`crosstrust ${name}: ${e.message}\n${mod.command.usage}\n`);
      return 2;
    }
    if (e instanceof CliRefusal || isPkiError(e)) {
      const code = (e as { code?: string }).code;
      io.stderr(`crosstrust ${name}: ${code ? `${code}: ` : ''}${(e as Error).message}\n`);
      return 1;
    }
    throw e;
  }
}
