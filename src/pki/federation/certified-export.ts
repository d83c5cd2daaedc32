// certified's trust files for the bundle's roots that came from introductions (shared/fixtures/
// certified/FORMATS.md): `known_servers/<alias>.yaml` per service and `id/<signer RFC 4514>.crt`.
// The YAML writer is a hook: the full PyYAML-exact writer belongs to the introductions area
// (issue 4); until it is passed in, a minimal writer handles scalars that need no folding or
// escaping and refuses the rest with BUNDLE_CERTIFIED_YAML_UNSUPPORTED rather than guess.
import { PkiError } from '../errors.ts';
import { toPem } from '../pem.ts';
import { toCertifiedB64 } from '../certified-format.ts';
import type { BundleEntry } from './model.ts';

/** The `known_servers/<alias>.yaml` record certified reads. */
export interface BundleKnownServerRecord {
  readonly url: string;
  readonly cert: string;
  readonly auths: ReadonlyArray<string>;
}

/** Writes a record exactly as certified (PyYAML) does. */
export type BundleYamlWriter = (record: BundleKnownServerRecord) => string;

const RESOLVES_AS_NON_STRING = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|=|<<|\.inf|\.Inf|\.INF|-\.inf|\.nan|\.NaN|\.NAN|[-+]?[0-9][0-9_:.,a-fA-FxXoObB+-]*(?:[eE][-+]?[0-9]+)?)?$/;

/** One scalar after `prefixWidth` columns, PyYAML style, or undefined when this writer cannot be sure. */
function scalar(s: string, prefixWidth: number): string | undefined {
  if (!/^[\x20-\x7e]*$/.test(s)) return undefined; // non-ASCII or control: PyYAML double-quotes with escapes
  const tooWide = prefixWidth + s.length > 80;
  if (tooWide && s.includes(' ')) return undefined; // PyYAML would fold at a space
  const first = s[0] ?? '';
  const plain =
    s !== '' &&
    !RESOLVES_AS_NON_STRING.test(s) &&
    !/^[#,[\]{}&*!|>'"%@`]/.test(first) &&
    !/^[-?:](?: |$)/.test(s) &&
    !s.includes(': ') &&
    !s.endsWith(':') &&
    !s.includes(' #') &&
    !s.startsWith(' ') &&
    !s.endsWith(' ');
  if (plain) return s;
  if (tooWide) return undefined;
  return `'${s.replaceAll("'", "''")}'`;
}

/** The minimal writer; throws BUNDLE_CERTIFIED_YAML_UNSUPPORTED where PyYAML would fold or escape. */
export const minimalKnownServerYaml: BundleYamlWriter = (r) => {
  const auths = r.auths.map((a) => scalar(a, 2));
  const cert = scalar(r.cert, 6);
  const url = scalar(r.url, 5);
  if (auths.some((a) => a === undefined) || cert === undefined || url === undefined) {
    throw new PkiError('BUNDLE_CERTIFIED_YAML_UNSUPPORTED', 'this record needs the full certified YAML writer (non-ASCII or folded text)');
  }
  const authsText = auths.length ? `auths:\n${auths.map((a) => `- ${a}\n`).join('')}` : 'auths: []\n';
  return `${authsText}cert: ${cert}\nurl: ${url}\n`;
};

/** Relative path → file content, to be written under a certified config directory. */
export type BundleCertifiedFiles = ReadonlyMap<string, string>;

function safeFileName(name: string, what: string): string {
  if (name === '' || name.includes('/') || name.includes('\0') || name === '.' || name === '..') {
    throw new PkiError('BUNDLE_NAME_INVALID', `${what} ${JSON.stringify(name)} cannot be a file name`);
  }
  return name;
}

/**
 * certified files for the included entries with introduction provenance. Throws BUNDLE_NAME_INVALID
 * (an alias or signer name that is not a safe file name, or two different files for one path) and
 * BUNDLE_CERTIFIED_YAML_UNSUPPORTED (minimal writer only).
 */
export function exportCertifiedFiles(included: ReadonlyArray<BundleEntry>, writeYaml: BundleYamlWriter = minimalKnownServerYaml): BundleCertifiedFiles {
  const files = new Map<string, string>();
  const put = (path: string, content: string): void => {
    const had = files.get(path);
    if (had !== undefined && had !== content) throw new PkiError('BUNDLE_NAME_INVALID', `two introductions want to write ${path}`);
    files.set(path, content);
  };
  for (const e of included) {
    for (const p of e.provenance) {
      const intro = p.kind === 'introduction' ? p.introduction : undefined;
      if (!intro) continue;
      const signer = safeFileName(intro.signerName, 'signer name');
      if (intro.signedCertDer) put(`id/${signer}.crt`, toPem('CERTIFICATE', intro.signedCertDer));
      for (const s of intro.services) {
        const alias = safeFileName(s.alias, 'alias');
        put(`known_servers/${alias}.yaml`, writeYaml({ auths: [intro.signerName], cert: toCertifiedB64(e.der), url: s.url }));
      }
    }
  }
  return files;
}
