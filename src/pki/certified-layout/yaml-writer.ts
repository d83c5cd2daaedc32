// known_servers/<alias>.yaml exactly as certified writes it: PyYAML's default dumper (YAML 1.1,
// sorted keys, block style, width 80, no unicode). The scalar rules below follow PyYAML's emitter
// (analyze_scalar, choose_scalar_style, write_plain/single/double) so the bytes match.

export interface KnownServerRecord {
  readonly auths: ReadonlyArray<string>;
  readonly cert: string | null;
  readonly url: string;
}

const BEST_WIDTH = 80;
const SCALAR_INDENT = 2; // every scalar we write sits one level deep
const BREAKS = '\n\x85\u2028\u2029';
const SPACEISH = '\0 \t\r\n\x85\u2028\u2029';

// YAML 1.1 implicit resolvers of PyYAML (resolver.py): plain text matching these is not a string.
const NON_STRING = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:<<)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  /^(?:=)$/,
];

/** True when YAML 1.1 would read the plain scalar as something other than a string. Python's `$` also matches before a final '\n'. */
export function resolvesAsNonString(s: string): boolean {
  const t = s.endsWith('\n') ? [s, s.slice(0, -1)] : [s];
  return t.some((v) => NON_STRING.some((re) => re.test(v)));
}

interface Analysis {
  readonly allowBlockPlain: boolean;
  readonly allowSingleQuoted: boolean;
}

function analyse(chars: ReadonlyArray<string>): Analysis {
  if (chars.length === 0) return { allowBlockPlain: true, allowSingleQuoted: true };
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  const s = chars.join('');
  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = true;
  let precededByWs = true;
  let followedByWs = chars.length === 1 || SPACEISH.includes(chars[1]!);
  let prevSpace = false;
  let prevBreak = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ('?:'.includes(ch) && followedByWs) blockIndicators = true;
      if (ch === '-' && followedByWs) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWs) blockIndicators = true;
      if (ch === '#' && precededByWs) blockIndicators = true;
    }
    if (BREAKS.includes(ch)) lineBreaks = true;
    const cp = ch.codePointAt(0)!;
    if (!(ch === '\n' || (cp >= 0x20 && cp <= 0x7e))) special = true; // allow_unicode is False: all else is special
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (BREAKS.includes(ch)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = SPACEISH.includes(ch);
    followedByWs = i + 2 >= chars.length || SPACEISH.includes(chars[i + 2]!);
  }
  let allowBlockPlain = true;
  let allowSingleQuoted = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowBlockPlain = false;
  if (breakSpace) allowBlockPlain = allowSingleQuoted = false;
  if (spaceBreak || special) allowBlockPlain = allowSingleQuoted = false;
  if (lineBreaks) allowBlockPlain = false;
  if (blockIndicators) allowBlockPlain = false;
  return { allowBlockPlain, allowSingleQuoted };
}

const ESCAPES: Readonly<Record<string, string>> = {
  '\0': '0', '\x07': 'a', '\x08': 'b', '\t': 't', '\n': 'n', '\x0b': 'v', '\x0c': 'f', '\r': 'r', '\x1b': 'e',
  '"': '"', '\\': '\\', '\x85': 'N', '\xa0': '_', '\u2028': 'L', '\u2029': 'P',
};

/** A tiny emitter: the output and PyYAML's column/whitespace/indention state. */
class Out {
  text = '';
  column = 0;
  whitespace = true;
  indention = true;
  write(s: string): void {
    this.text += s;
    this.column += Array.from(s).length;
  }
  lineBreak(br = '\n'): void {
    this.text += br;
    this.whitespace = true;
    this.indention = true;
    this.column = 0;
  }
  indent(): void {
    if (!this.indention || this.column > SCALAR_INDENT || (this.column === SCALAR_INDENT && !this.whitespace)) this.lineBreak();
    if (this.column < SCALAR_INDENT) {
      this.whitespace = true;
      this.write(' '.repeat(SCALAR_INDENT - this.column));
    }
  }
  indicator(ind: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    this.write(this.whitespace || !needWhitespace ? ind : ' ' + ind);
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
  }
}

function writePlain(o: Out, t: ReadonlyArray<string>): void {
  if (t.length === 0) return;
  if (!o.whitespace) o.write(' ');
  o.whitespace = false;
  o.indention = false;
  let spaces = false;
  let breaks = false;
  let start = 0;
  for (let end = 0; end <= t.length; end++) {
    const ch = t[end];
    if (spaces) {
      if (ch !== ' ') {
        if (start + 1 === end && o.column > BEST_WIDTH) {
          o.indent();
          o.whitespace = false;
          o.indention = false;
        } else o.write(t.slice(start, end).join(''));
        start = end;
      }
    } else if (breaks) {
      if (ch === undefined || !BREAKS.includes(ch)) {
        if (t[start] === '\n') o.lineBreak();
        for (const br of t.slice(start, end)) o.lineBreak(br);
        o.indent();
        o.whitespace = false;
        o.indention = false;
        start = end;
      }
    } else if (ch === undefined || (' ' + BREAKS).includes(ch)) {
      o.write(t.slice(start, end).join(''));
      start = end;
    }
    if (ch !== undefined) {
      spaces = ch === ' ';
      breaks = BREAKS.includes(ch);
    }
  }
}

function writeSingleQuoted(o: Out, t: ReadonlyArray<string>): void {
  o.indicator("'", true);
  let spaces = false;
  let breaks = false;
  let start = 0;
  for (let end = 0; end <= t.length; end++) {
    const ch = t[end];
    if (spaces) {
      if (ch === undefined || ch !== ' ') {
        if (start + 1 === end && o.column > BEST_WIDTH && start !== 0 && end !== t.length) o.indent();
        else o.write(t.slice(start, end).join(''));
        start = end;
      }
    } else if (breaks) {
      if (ch === undefined || !BREAKS.includes(ch)) {
        if (t[start] === '\n') o.lineBreak();
        for (const br of t.slice(start, end)) o.lineBreak(br);
        o.indent();
        start = end;
      }
    } else if (ch === undefined || (' ' + BREAKS).includes(ch) || ch === "'") {
      if (start < end) {
        o.write(t.slice(start, end).join(''));
        start = end;
      }
    }
    if (ch === "'") {
      o.write("''");
      start = end + 1;
    }
    if (ch !== undefined) {
      spaces = ch === ' ';
      breaks = BREAKS.includes(ch);
    }
  }
  o.indicator("'", false);
}

function writeDoubleQuoted(o: Out, t: ReadonlyArray<string>): void {
  o.indicator('"', true);
  let start = 0;
  for (let end = 0; end <= t.length; end++) {
    const ch = t[end];
    const cp = ch === undefined ? 0 : ch.codePointAt(0)!;
    if (ch === undefined || '"\\\x85\u2028\u2029\ufeff'.includes(ch) || !(cp >= 0x20 && cp <= 0x7e)) {
      if (start < end) {
        o.write(t.slice(start, end).join(''));
        start = end;
      }
      if (ch !== undefined) {
        const hex = (n: number, w: number): string => n.toString(16).toUpperCase().padStart(w, '0');
        const data = ESCAPES[ch] !== undefined ? '\\' + ESCAPES[ch] : cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
        o.write(data);
        start = end + 1;
      }
    }
    if (end > 0 && end < t.length - 1 && (ch === ' ' || start >= end) && o.column + (end - start) > BEST_WIDTH) {
      const data = (start < end ? t.slice(start, end).join('') : '') + '\\';
      if (start < end) start = end;
      o.write(data);
      o.indent();
      o.whitespace = false;
      o.indention = false;
      if (t[start] === ' ') o.write('\\');
    }
  }
  o.indicator('"', false);
}

function writeScalar(o: Out, value: string): void {
  const chars = Array.from(value);
  const a = analyse(chars);
  if (!resolvesAsNonString(value) && a.allowBlockPlain && chars.length > 0) writePlain(o, chars);
  else if (a.allowSingleQuoted) writeSingleQuoted(o, chars);
  else writeDoubleQuoted(o, chars);
}

/** The YAML text of a known_servers record, byte for byte as certified (PyYAML 6) writes it. */
export function writeKnownServerYaml(r: KnownServerRecord): string {
  const o = new Out();
  o.write('auths');
  o.indicator(':', false);
  if (r.auths.length === 0) {
    o.write(' []');
  } else {
    for (const a of r.auths) {
      o.lineBreak();
      o.indicator('-', true, false, true);
      writeScalar(o, a);
    }
  }
  o.lineBreak();
  o.write('cert');
  o.indicator(':', false);
  if (r.cert === null) writePlain(o, Array.from('null'));
  else writeScalar(o, r.cert);
  o.lineBreak();
  o.write('url');
  o.indicator(':', false);
  writeScalar(o, r.url);
  o.lineBreak();
  return o.text;
}
