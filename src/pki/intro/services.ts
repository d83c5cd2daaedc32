// Service entries of an introduction (alias → https URL) and the rules we hold them to. certified
// checks only "has a host, no ;params ?query #fragment"; we also require https and a safe alias.
import { PkiError } from '../errors.ts';

export interface ServiceEntry {
  readonly alias: string;
  readonly url: string;
}

export interface FieldProblem {
  readonly code: 'INTRO_SERVICE_URL_INVALID' | 'INTRO_ALIAS_INVALID' | 'INTRO_DUPLICATE_ALIAS';
  readonly message: string;
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The alias rule: certified's client selects `known_servers/<alias>.yaml` by the host of an
 * `https://ALIAS/...` URL, which the URL parser lower-cases, so an alias is a lower-case DNS name
 * (labels of a–z, 0–9 and inner '-', joined by '.', at most 253 characters). That also makes it a
 * safe file name: no '/', no '..', no leading '.', nothing a shell or file system treats specially.
 * Returns null when fine, else the problem.
 */
export function aliasProblem(alias: string): FieldProblem | null {
  const bad = (why: string): FieldProblem => ({ code: 'INTRO_ALIAS_INVALID', message: `service alias ${JSON.stringify(alias.slice(0, 80))} ${why}` });
  if (alias.length === 0) return bad('is empty');
  if (alias.length > 253) return bad('is longer than 253 characters');
  if (alias !== alias.toLowerCase()) return bad('has upper-case letters; certified clients only find lower-case aliases');
  if (!alias.split('.').every((l) => LABEL.test(l))) {
    return bad('must be a lower-case host name (letters, digits, inner "-", labels joined by ".") so it is also a safe file name');
  }
  return null;
}

/** An https URL with a host, no user info, no ;params, ?query or #fragment, ASCII only. Null when fine. */
export function serviceUrlProblem(url: string): FieldProblem | null {
  const bad = (why: string): FieldProblem => ({ code: 'INTRO_SERVICE_URL_INVALID', message: `service URL ${JSON.stringify(url.slice(0, 120))} ${why}` });
  if (!/^[\x21-\x7e]+$/.test(url)) return bad('must be ASCII without spaces');
  if (url.length > 2048) return bad('is longer than 2048 characters');
  if (!/^https:\/\//i.test(url)) return bad('must start with https://');
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return bad('is not a URL');
  }
  if (u.protocol !== 'https:' || u.hostname === '') return bad('must name a host');
  if (u.username || u.password || url.slice(8).split('/')[0]!.includes('@')) return bad('must not carry user information');
  if (url.includes('?')) return bad('must not use a query');
  if (url.includes('#')) return bad('must not use a fragment');
  if (url.includes(';')) return bad('must not use ;params');
  return null;
}

/** Every problem of a services list (validation for an editor); empty when all is well. */
export function servicesProblems(entries: ReadonlyArray<ServiceEntry>): FieldProblem[] {
  const out: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    const a = aliasProblem(e.alias);
    if (a) out.push(a);
    const u = serviceUrlProblem(e.url);
    if (u) out.push(u);
    if (seen.has(e.alias)) out.push({ code: 'INTRO_DUPLICATE_ALIAS', message: `service alias ${JSON.stringify(e.alias)} appears twice` });
    seen.add(e.alias);
  }
  return out;
}

/** Throws the first problem as a PkiError (for writers, which must never emit a bad entry). */
export function assertServices(entries: ReadonlyArray<ServiceEntry>): void {
  const [first] = servicesProblems(entries);
  if (first) throw new PkiError(first.code, first.message);
}

/** Parses a CLI/editor `alias=url` pair. Throws INTRO_ALIAS_INVALID when there is no '='. */
export function parseServiceArgument(text: string): ServiceEntry {
  const i = text.indexOf('=');
  if (i <= 0) throw new PkiError('INTRO_ALIAS_INVALID', `service ${JSON.stringify(text.slice(0, 80))} must be written alias=https://host[:port]`);
  return { alias: text.slice(0, i), url: text.slice(i + 1) };
}
