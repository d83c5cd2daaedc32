// certified's intro.json (FORMATS.md "introduce FILE … output"): writer byte-exact, strict reader.
// Keys in order signed_cert, ca_cert[, services]; two-space indent; '": "'; one trailing newline.
import { PkiError } from '../errors.ts';
import { fromCertifiedB64, toCertifiedB64 } from '../certified-format.ts';
import { assertServices, type ServiceEntry } from './services.ts';

/** Largest intro.json we read (a certified one is ~2 KB; generous for long service lists). */
export const MAX_INTRO_JSON_BYTES = 256 * 1024;

export interface IntroDocument {
  readonly signedCertDer: Uint8Array;
  readonly caCertDer: Uint8Array;
  /** In JSON order. Absent when the file had no `services` key. */
  readonly services?: ReadonlyArray<ServiceEntry>;
}

/** intro.json text exactly as certified prints it (services, when given, as users add them). Throws on bad services. */
export function writeIntroJson(doc: IntroDocument): string {
  const q = (s: string): string => JSON.stringify(s);
  let out = `{\n  "signed_cert": ${q(toCertifiedB64(doc.signedCertDer))},\n  "ca_cert": ${q(toCertifiedB64(doc.caCertDer))}`;
  if (doc.services !== undefined) {
    assertServices(doc.services);
    if (doc.services.length === 0) out += `,\n  "services": {}`;
    else out += `,\n  "services": {\n${doc.services.map((s) => `    ${q(s.alias)}: ${q(s.url)}`).join(',\n')}\n  }`;
  }
  return `${out}\n}\n`;
}

/** Parses intro.json text. Throws INTRO_TOO_LARGE, INTRO_BAD_JSON, INPUT_BAD_PADDING / INPUT_BAD_BASE64 (as certified). */
export function parseIntroJson(text: string): IntroDocument {
  if (text.length > MAX_INTRO_JSON_BYTES) throw new PkiError('INTRO_TOO_LARGE', `an introduction is at most ${MAX_INTRO_JSON_BYTES} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new PkiError('INTRO_BAD_JSON', 'the introduction is not JSON', { cause });
  }
  return readIntroDocument(value);
}

/** Checks the shape of already-parsed JSON. Unknown keys are ignored, as certified does. */
export function readIntroDocument(value: unknown): IntroDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PkiError('INTRO_BAD_JSON', 'an introduction is a JSON object');
  const o = value as Record<string, unknown>;
  const b64 = (key: string): Uint8Array => {
    const v = o[key];
    if (typeof v !== 'string') throw new PkiError('INTRO_BAD_JSON', `"${key}" must be a base64 string`);
    return fromCertifiedB64(v);
  };
  const signedCertDer = b64('signed_cert');
  const caCertDer = b64('ca_cert');
  if (!('services' in o) || o['services'] === undefined) return { signedCertDer, caCertDer };
  const s = o['services'];
  if (typeof s !== 'object' || s === null || Array.isArray(s)) throw new PkiError('INTRO_BAD_JSON', '"services" must be an object of alias → URL');
  const services: ServiceEntry[] = [];
  for (const [alias, url] of Object.entries(s as Record<string, unknown>)) {
    if (typeof url !== 'string') throw new PkiError('INTRO_BAD_JSON', `service ${JSON.stringify(alias.slice(0, 80))} must map to a URL string`);
    services.push({ alias, url });
  }
  return { signedCertDer, caCertDer, services };
}
