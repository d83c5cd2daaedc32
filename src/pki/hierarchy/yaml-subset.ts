// A strict YAML subset: block mappings and sequences (2-space indent), double-quoted (JSON) strings,
// integers, booleans, `|` literal blocks, `[]`/`{}`. Everything else (anchors, tags, flow, tabs,
// plain strings, duplicate keys) is refused with HIER_STORE_SYNTAX and a line number. Output is real YAML.
import { PkiError } from '../errors.ts';

export type YamlValue = string | number | boolean | ReadonlyArray<YamlValue> | { readonly [k: string]: YamlValue };

const KEY = /^[A-Za-z][A-Za-z0-9_-]*$/;
const MAX_DEPTH = 16;

function scalar(v: string | number | boolean): string {
  // Non-ASCII is escaped (\uXXXX, valid in YAML and JSON) so the file stays printable ASCII.
  if (typeof v === 'string') return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new PkiError('HIER_STORE_SCHEMA', 'only integers can be written');
  return String(v);
}

const isBlock = (s: string): boolean => /^[^\s][^\n]*\n(?:[^\s\n][^\n]*\n)*$/.test(s) && /^[\x20-\x7e\n]*$/.test(s);

/** Emits `v` after `prefix`, a line at `indent`; children go two spaces deeper. */
function emitInto(out: string[], v: YamlValue, indent: number, prefix: string): void {
  const child = indent + 2;
  const pad = ' '.repeat(child);
  if (typeof v !== 'object') {
    if (typeof v === 'string' && isBlock(v)) {
      out.push(`${prefix}|`);
      for (const line of v.slice(0, -1).split('\n')) out.push(`${pad}${line}`);
    } else out.push(`${prefix}${scalar(v)}`);
    return;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return void out.push(`${prefix}[]`);
    out.push(prefix.trimEnd());
    for (const item of v as ReadonlyArray<YamlValue>) {
      if (typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length) {
        const lines: string[] = [];
        emitEntries(lines, item as Record<string, YamlValue>, child + 2);
        out.push(`${pad}- ${lines[0]!.slice(child + 2)}`, ...lines.slice(1));
      } else emitInto(out, item, child, `${pad}- `);
    }
    return;
  }
  if (Object.keys(v).length === 0) return void out.push(`${prefix}{}`);
  out.push(prefix.trimEnd());
  emitEntries(out, v as Record<string, YamlValue>, child);
}

function emitEntries(out: string[], v: { readonly [k: string]: YamlValue }, indent: number): void {
  for (const [k, val] of Object.entries(v)) {
    if (!KEY.test(k)) throw new PkiError('HIER_STORE_SCHEMA', `key ${JSON.stringify(k)} cannot be written`);
    emitInto(out, val, indent, `${' '.repeat(indent)}${k}: `);
  }
}

/** Emits a top-level mapping; `header` lines become `# ` comments. Deterministic: key order as given. */
export function emitYaml(v: { readonly [k: string]: YamlValue }, header: ReadonlyArray<string> = []): string {
  const out: string[] = header.map((h) => `# ${h}`);
  emitEntries(out, v, 0);
  return out.join('\n') + '\n';
}

interface Line {
  readonly no: number;
  readonly indent: number;
  readonly text: string;
}

function fail(no: number, what: string): never {
  throw new PkiError('HIER_STORE_SYNTAX', `line ${no}: ${what}`, { details: { line: no } });
}

/** Parses the subset `emitYaml` writes. Throws HIER_STORE_SYNTAX. */
export function parseYaml(text: string): { readonly [k: string]: YamlValue } {
  if (text.includes('\t')) fail(text.slice(0, text.indexOf('\t')).split('\n').length, 'tabs are not allowed');
  if (text.includes('\r')) text = text.replace(/\r\n/g, '\n');
  const raw = text.split('\n');
  const lines: Line[] = [];
  raw.forEach((l, i) => {
    if (!/^[\x20-\x7e]*$/.test(l)) fail(i + 1, 'only printable ASCII is allowed');
    const indent = l.length - l.trimStart().length;
    lines.push({ no: i + 1, indent, text: l.slice(indent) });
  });
  let pos = 0;
  const skip = (): void => {
    while (pos < lines.length && (lines[pos]!.text === '' || lines[pos]!.text.startsWith('#'))) pos++;
  };

  function value(rest: string, no: number, indent: number, depth: number): YamlValue {
    if (rest === '') {
      skip();
      const next = lines[pos];
      if (!next || next.indent <= indent) fail(no, 'a key without a value');
      if (next.indent !== indent + 2) fail(next.no, 'indent by exactly two spaces');
      return block(indent + 2, depth + 1);
    }
    if (rest === '|') {
      const body: string[] = [];
      while (pos < lines.length && lines[pos]!.indent >= indent + 2 && lines[pos]!.text !== '') {
        if (lines[pos]!.indent !== indent + 2) fail(lines[pos]!.no, 'literal block lines must not be indented further');
        body.push(lines[pos]!.text);
        pos++;
      }
      if (body.length === 0) fail(no, 'empty literal block');
      return body.join('\n') + '\n';
    }
    if (rest === '[]') return [];
    if (rest === '{}') return {};
    if (rest === 'true' || rest === 'false') return rest === 'true';
    if (/^-?(0|[1-9][0-9]{0,15})$/.test(rest)) return Number(rest);
    if (rest.startsWith('"')) {
      try {
        const s: unknown = JSON.parse(rest);
        if (typeof s === 'string') return s;
      } catch {
        /* fall through */
      }
      fail(no, 'malformed double-quoted string');
    }
    fail(no, `unsupported value ${JSON.stringify(rest.slice(0, 20))} (strings must be double-quoted)`);
  }

  function block(indent: number, depth: number): YamlValue {
    if (depth > MAX_DEPTH) fail(lines[pos]?.no ?? 0, 'nested too deeply');
    skip();
    const first = lines[pos]!;
    if (first.text === '-' || first.text.startsWith('- ')) {
      const items: YamlValue[] = [];
      while ((skip(), pos < lines.length && lines[pos]!.indent === indent)) {
        const l = lines[pos]!;
        if (!(l.text === '-' || l.text.startsWith('- '))) fail(l.no, 'expected a sequence item');
        const rest = l.text.slice(2);
        if (/^[A-Za-z][A-Za-z0-9_-]*:( |$)/.test(rest)) {
          lines[pos] = { no: l.no, indent: indent + 2, text: rest }; // `- key: v` opens a mapping at indent+2
          items.push(block(indent + 2, depth + 1));
        } else {
          pos++;
          items.push(value(rest, l.no, indent, depth));
        }
      }
      if (pos < lines.length && lines[pos]!.indent > indent) fail(lines[pos]!.no, 'unexpected indentation');
      return items;
    }
    const map: Record<string, YamlValue> = {};
    while ((skip(), pos < lines.length && lines[pos]!.indent === indent)) {
      const l = lines[pos]!;
      const m = /^([A-Za-z][A-Za-z0-9_-]*):(?: (.*))?$/.exec(l.text);
      if (!m) fail(l.no, 'expected `key: value`');
      const key = m[1]!;
      if (Object.prototype.hasOwnProperty.call(map, key)) fail(l.no, `duplicate key ${key}`);
      pos++;
      Object.defineProperty(map, key, { value: value((m[2] ?? '').trim() === '' ? '' : m[2]!, l.no, indent, depth), enumerable: true, writable: true, configurable: true });
    }
    if (pos < lines.length && lines[pos]!.indent > indent) fail(lines[pos]!.no, 'unexpected indentation');
    return map;
  }

  skip();
  if (pos >= lines.length) fail(1, 'empty document');
  if (lines[pos]!.indent !== 0) fail(lines[pos]!.no, 'the document must start at column 0');
  const top = block(0, 0);
  skip();
  if (pos < lines.length) fail(lines[pos]!.no, 'unexpected content');
  if (Array.isArray(top) || typeof top !== 'object') fail(1, 'the document must be a mapping');
  return top as { readonly [k: string]: YamlValue };
}
