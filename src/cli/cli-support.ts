// Shared pieces for CLI commands: argument parsing, usage and refusal errors.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

export interface CommandModule {
  readonly usage: string;
  run(args: ReadonlyArray<string>, io: CliIo): Promise<number>;
}

/** Wrong invocation: exit 2 with the command's usage. */
export class CliUsageError extends Error {}

/** Refused input (bad, untrusted): exit 1 with one line on stderr. */
export class CliRefusal extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** node:util parseArgs that turns its errors into CliUsageError. */
export function parseCliArgs<T extends ParseArgsConfig['options']>(args: ReadonlyArray<string>, options: T, allowPositionals = true) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (e) {
    throw new CliUsageError((e as Error).message);
  }
}
