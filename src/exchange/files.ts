// Reads user-chosen files (picker or drop) as bytes, refusing oversized ones before reading them.
import { ExchangeError } from './errors.ts';

export interface ReadFile {
  readonly name: string;
  readonly size: number;
  readonly bytes: Uint8Array;
}

/** Same cap as the core parser's default (1 MiB): nothing larger is a certificate we want. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Reads one File. Throws ExchangeError EXCHANGE_FILE_TOO_LARGE, EXCHANGE_FILE_UNREADABLE. */
export async function readFile(file: File, maxBytes = MAX_FILE_BYTES): Promise<ReadFile> {
  if (file.size > maxBytes) throw new ExchangeError('EXCHANGE_FILE_TOO_LARGE', `${file.name} is ${file.size} bytes; at most ${maxBytes} are read`);
  try {
    return { name: file.name, size: file.size, bytes: new Uint8Array(await file.arrayBuffer()) };
  } catch (cause) {
    throw new ExchangeError('EXCHANGE_FILE_UNREADABLE', `${file.name} could not be read`, { cause });
  }
}

/** The files of a drop event (or an <input type=file>), in order. Throws EXCHANGE_NO_FILE when there are none. */
export function filesFrom(source: DataTransfer | HTMLInputElement | null): File[] {
  const list = source instanceof HTMLInputElement ? source.files : source?.files;
  const files = list ? Array.from(list) : [];
  if (files.length === 0) throw new ExchangeError('EXCHANGE_NO_FILE', 'no file was given');
  return files;
}

/** Plain text carried by a drop or paste (e.g. text dragged from another window), or '' when none. */
export function textFrom(data: DataTransfer | null): string {
  return data?.getData('text/plain') ?? '';
}
