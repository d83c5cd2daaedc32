// File names in certified's config directory: `id/<RFC 4514 of the signer CA>.crt` and
// `known_servers/<alias>.yaml`. Names certified can write stay byte-identical; unsafe ones are mapped.
import { PkiError } from '../errors.ts';
import { sha256, toHex, utf8 } from '../bytes.ts';
import { renderRfc4514, type DistinguishedName } from '../names.ts';
import { aliasProblem } from '../intro/services.ts';

/** Longest file base (UTF-8 bytes) we keep verbatim: 255-byte NAME_MAX minus ".crt", with room to spare. */
const MAX_BASE_BYTES = 240;

/**
 * The `id/` file base name (without `.crt`) for a signer CA name.
 *
 * Rule (docs/intro.md): the RFC 4514 rendering exactly as certified writes it, when that is a safe
 * file name: not empty, no '/', no NUL or other C0/DEL control character, at most 240 UTF-8 bytes.
 * Otherwise '%' followed by the rendering with '%', '/', '\', and control characters written as
 * %XX (upper-case hex of each UTF-8 byte); if that is still longer than 240 bytes, '%sha256-' and
 * the hex SHA-256 of the rendering. No rendering certified makes starts with '%' (it starts with an
 * attribute name), so a mapped name never collides with a verbatim one. certified itself cannot
 * store such a name at all (a '/' makes its add-intro fail).
 */
export async function idFileBase(name: DistinguishedName): Promise<string> {
  return safeFileBase(renderRfc4514(name));
}

export async function safeFileBase(rendering: string): Promise<string> {
  const unsafe = /[\x00-\x1f\x7f/]/;
  if (rendering !== '' && !unsafe.test(rendering) && utf8.encode(rendering).length <= MAX_BASE_BYTES) return rendering;
  const mapped = '%' + Array.from(rendering, (ch) =>
    /[\x00-\x1f\x7f/%\\]/.test(ch) ? Array.from(utf8.encode(ch), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('') : ch,
  ).join('');
  if (utf8.encode(mapped).length <= MAX_BASE_BYTES) return mapped;
  return `%sha256-${toHex(await sha256(utf8.encode(rendering)))}`;
}

/** `id/<base>.crt` for a signer CA name. */
export async function idFilePath(signerCaName: DistinguishedName): Promise<string> {
  return `id/${await idFileBase(signerCaName)}.crt`;
}

/** `known_servers/<alias>.yaml`; throws INTRO_ALIAS_INVALID for an alias that is not a safe name. */
export function knownServerPath(alias: string): string {
  const p = aliasProblem(alias);
  if (p) throw new PkiError(p.code, p.message);
  return `known_servers/${alias}.yaml`;
}
