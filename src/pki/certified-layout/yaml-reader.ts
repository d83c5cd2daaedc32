// Reads known_servers/<alias>.yaml as certified does (YAML 1.1 safe load, then {url, cert, auths}),
// for the block YAML PyYAML writes: top-level `key: scalar`, `key: []`, `key:` + `- item` lines,
// plain / 'single' / "double" scalars folded onto lines indented two spaces. Anything else: LAYOUT_BAD_YAML.
import { PkiError } from '../errors.ts';
import { resolvesAsNonString, type KnownServerRecord } from './yaml-writer.ts';

export const MAX_YAML_BYTES = 64 * 1024;

const bad = (why: string): never => {
  throw new PkiError('LAYOUT_BAD_YAML', `known_servers YAML: ${why}`);
};

type Scalar = { readonly text: string; readonly plain: boolean };

/** Joins folded lines: one line break → space, n+1 breaks → n newlines (YAML 1.1 §4.6.8 flow folding). */
function fold(lines: ReadonlyArray<string>): string {
  let out = lines[0] ?? '';
  let empties = 0;
  for (const l of lines.slice(1)) {
    if (l === '') {
      empties++;
      continue;
    }
    out += empties ? '\n'.repeat(empties) : ' ';
    out += l;
    empties = 0;
  }
  if (empties) bad('a quoted scalar ends in blank lines');
  return out;
}

function decodeDouble(lines: ReadonlyArray<string>): string {
  // Join lines, honouring a trailing '\' (escaped line break: join with nothing).
  let joined = '';
  let pendingSep = '';
  lines.forEach((line, i) => {
    let l = i === 0 ? line : line.replace(/^[ \t]+/, '');
    if (i > 0) joined += pendingSep;
    let escapedBreak = false;
    let bs = 0;
    for (let k = l.length - 1; k >= 0 && l[k] === '\\'; k--) bs++;
    if (i < lines.length - 1 && bs % 2 === 1) {
      l = l.slice(0, -1);
      escapedBreak = true;
    } else if (i < lines.length - 1) l = l.replace(/[ \t]+$/, '');
    joined += l;
    pendingSep = escapedBreak ? '' : lines[i + 1] === '' ? '' : ' ';
    if (!escapedBreak && lines[i + 1] === '') pendingSep = '\n';
  });
  const simple: Readonly<Record<string, string>> = {
    '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
  };
  let out = '';
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i]!;
    if (c === '"') bad('unescaped " inside a double-quoted scalar');
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = joined[++i];
    if (e === undefined) bad('dangling escape');
    if (simple[e!] !== undefined) {
      out += simple[e!];
      continue;
    }
    const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (!width) bad(`unknown escape \\${e}`);
    const hex = joined.slice(i + 1, i + 1 + width);
    if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== width) bad('bad hex escape');
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff) bad('code point out of range');
    out += String.fromCodePoint(cp);
    i += width;
  }
  return out;
}

function scalar(first: string, conts: ReadonlyArray<string>): Scalar {
  const lines = [first, ...conts];
  const all = lines.join('\n');
  if (first.startsWith("'")) {
    if (!all.endsWith("'") || all.length < 2) bad('unterminated single-quoted scalar');
    const inner = [...lines];
    inner[0] = inner[0]!.slice(1);
    inner[inner.length - 1] = inner[inner.length - 1]!.slice(0, -1);
    const body = fold(inner.map((l, i) => (i === 0 ? l : l.trim())));
    if (/(^|[^'])'(?!')/.test(body.replaceAll("''", ''))) bad("unescaped ' inside a single-quoted scalar");
    return { text: body.replaceAll("''", "'"), plain: false };
  }
  if (first.startsWith('"')) {
    if (!all.endsWith('"') || all.length < 2 || /(^|[^\\])(\\\\)*\\"$/.test(all.slice(1))) bad('unterminated double-quoted scalar');
    const inner = [...lines];
    inner[0] = inner[0]!.slice(1);
    inner[inner.length - 1] = inner[inner.length - 1]!.slice(0, -1);
    return { text: decodeDouble(inner), plain: false };
  }
  if (/^[[\]{}&*!|>%@`]/.test(first) || / #/.test(all) || /: /.test(all)) bad('unsupported YAML construct');
  return { text: fold(lines.map((l) => l.trim())), plain: true };
}

function str(s: Scalar, key: string): string {
  if (s.plain && resolvesAsNonString(s.text)) bad(`"${key}" is not a string`);
  return s.text;
}

/** Parses a known_servers record. Throws LAYOUT_BAD_YAML (and when `url` is missing). Unknown keys are ignored. */
export function readKnownServerYaml(text: string): KnownServerRecord {
  if (text.length > MAX_YAML_BYTES) bad('file too large');
  if (text.includes('\r') || text.includes('\t')) bad('tabs and CR line ends are not supported');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const entries = new Map<string, { rest: string; body: string[] }>();
  let current: { rest: string; body: string[] } | undefined;
  for (const line of lines) {
    const m = line.match(/^([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?$/);
    if (m) {
      if (entries.has(m[1]!)) bad(`key "${m[1]}" appears twice`);
      current = { rest: m[2] ?? '', body: [] };
      entries.set(m[1]!, current);
    } else if (current && (line.startsWith('- ') || line.startsWith('  ') || line === '')) {
      current.body.push(line);
    } else bad('unexpected line');
  }
  const scalarOf = (key: string): Scalar | undefined => {
    const e = entries.get(key);
    if (!e) return undefined;
    if (e.rest === '') bad(`"${key}" has no value`);
    return scalar(e.rest, e.body.map((l) => (l === '' ? '' : l.startsWith('  ') ? l.slice(2) : bad('bad continuation'))));
  };
  const urlS = scalarOf('url');
  if (!urlS) bad('"url" is required');
  const certS = scalarOf('cert');
  const cert = !certS || (certS.plain && /^(?:~|null|Null|NULL|)$/.test(certS.text)) ? null : str(certS, 'cert');
  const auths: string[] = [];
  const a = entries.get('auths');
  if (a) {
    if (a.rest === '[]') {
      if (a.body.length) bad('"auths" is both empty and not');
    } else if (a.rest !== '') bad('"auths" must be a list');
    else {
      let item: string[] | undefined;
      const flush = (): void => {
        if (item) auths.push(str(scalar(item[0]!, item.slice(1)), 'auths'));
      };
      for (const l of a.body) {
        if (l.startsWith('- ')) {
          flush();
          item = [l.slice(2)];
        } else if (item) item.push(l === '' ? '' : l.slice(2));
        else bad('list item expected');
      }
      flush();
      if (!item) bad('"auths" is empty');
    }
  }
  return { auths, cert, url: str(urlS!, 'url') };
}
