// Name constraints (RFC 5280 §4.2.1.10, §6.1.3 (b)(c), §6.1.4 (g)): decode the extension, keep
// the permitted sets (one per constraining CA: their intersection) and the excluded union, check names.
import { TAG, children, readWhole } from '../der.ts';
import { PkiError } from '../errors.ts';
import { OID_ATTR, type DistinguishedName } from '../names.ts';
import { decodeGeneralName, type GeneralName } from '../x509/certificate.ts';
import { rdnEqual } from './name-compare.ts';
import type { WorkBudget } from './work-budget.ts';

export interface NameConstraints {
  readonly permitted: ReadonlyArray<GeneralName>;
  readonly excluded: ReadonlyArray<GeneralName>;
}

/** Decodes a NameConstraints extnValue. Throws CERT_MALFORMED; minimum/maximum other than the RFC's are refused. */
export function decodeNameConstraints(v: Uint8Array): NameConstraints {
  const bad = (what: string): never => {
    throw new PkiError('CERT_MALFORMED', `NameConstraints: ${what}`);
  };
  const top = readWhole(v, TAG.SEQUENCE);
  const out: { permitted: GeneralName[]; excluded: GeneralName[] } = { permitted: [], excluded: [] };
  let last = 0;
  for (const part of children(v, top)) {
    if ((part.tag !== 0xa0 && part.tag !== 0xa1) || part.tag <= last) bad('unexpected field');
    last = part.tag;
    const list = part.tag === 0xa0 ? out.permitted : out.excluded;
    const subtrees = children(v, part);
    if (subtrees.length === 0) bad('empty GeneralSubtrees');
    for (const st of subtrees) {
      if (st.tag !== TAG.SEQUENCE) bad('GeneralSubtree');
      const [base, ...rest] = children(v, st);
      if (!base) bad('GeneralSubtree without base');
      // §4.2.1.10: minimum MUST be zero (DER omits the DEFAULT), maximum MUST be absent.
      if (rest.length) bad('minimum/maximum in a GeneralSubtree');
      list.push(decodeGeneralName(v, base!));
    }
  }
  if (out.permitted.length === 0 && out.excluded.length === 0) bad('neither permitted nor excluded subtrees');
  return out;
}

const lower = (s: string): string => s.toLowerCase();

/** DNS: the constraint's labels are a suffix of the name's (zero or more labels added on the left). */
function dnsWithin(name: string, constraint: string): boolean {
  const n = lower(name).replace(/\.$/, '');
  let c = lower(constraint).replace(/\.$/, '');
  if (c === '') return true;
  if (c.startsWith('.')) {
    c = c.slice(1);
    return n.endsWith(`.${c}`);
  }
  return n === c || n.endsWith(`.${c}`);
}

/** Host part of a mailbox or domain constraint comparison (§4.2.1.10 rfc822Name rules). */
function emailWithin(name: string, constraint: string): boolean {
  const at = name.lastIndexOf('@');
  if (at < 0) return false;
  const local = name.slice(0, at);
  const host = lower(name.slice(at + 1));
  if (constraint.includes('@')) {
    const cat = constraint.lastIndexOf('@');
    return local === constraint.slice(0, cat) && host === lower(constraint.slice(cat + 1));
  }
  const c = lower(constraint);
  if (c.startsWith('.')) return host.endsWith(c);
  return host === c;
}

/** URI: the host (§4.2.1.10), exact unless the constraint starts with a period. Hosts that are IP literals never match. */
export function uriHost(uri: string): string | undefined {
  const m = uri.match(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/);
  if (!m || !m[1]) return undefined;
  return m[1];
}

function uriWithin(name: string, constraint: string): boolean {
  const host = uriHost(name);
  if (host === undefined || host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return false;
  const h = lower(host);
  const c = lower(constraint);
  if (c.startsWith('.')) return h.endsWith(c);
  return h === c;
}

function ipWithin(addr: Uint8Array, constraint: Uint8Array): boolean {
  const len = constraint.length / 2;
  if (addr.length !== len) return false;
  for (let i = 0; i < len; i++) if ((addr[i]! & constraint[len + i]!) !== (constraint[i]! & constraint[len + i]!)) return false;
  return true;
}

function dnWithin(name: DistinguishedName, constraint: DistinguishedName): boolean {
  if (constraint.rdns.length > name.rdns.length) return false;
  return constraint.rdns.every((rdn, i) => rdnEqual(rdn, name.rdns[i]!));
}

/**
 * A wildcard DNS name "*.S" presents every "L.S" (RFC 6125 §6.4.3), so it reaches an excluded subtree C
 * when C is S or one label below S — stricter than RFC 5280, which is silent on wildcards (docs/validation.md).
 */
function wildcardReaches(name: GeneralName, excluded: GeneralName): boolean {
  if (name.type !== 'dns' || excluded.type !== 'dns' || !name.value.startsWith('*.')) return false;
  const base = lower(name.value.slice(2)).replace(/\.$/, '');
  const c = lower(excluded.value).replace(/^\./, '').replace(/\.$/, '');
  if (c === base) return true;
  const dot = c.indexOf('.');
  return dot > 0 && c.slice(dot + 1) === base;
}

type Kind = 'dns' | 'email' | 'uri' | 'ip' | 'dn' | `other-${number}`;
function kindOf(g: GeneralName): Kind {
  return g.type === 'other' ? `other-${g.tag}` : g.type;
}

/** True when `name` lies in the subtree `constraint` (same kind). Unknown kinds never match (fail closed). */
function within(name: GeneralName, constraint: GeneralName): boolean {
  if (name.type === 'dns' && constraint.type === 'dns') return dnsWithin(name.value, constraint.value);
  if (name.type === 'email' && constraint.type === 'email') return emailWithin(name.value, constraint.value);
  if (name.type === 'uri' && constraint.type === 'uri') return uriWithin(name.value, constraint.value);
  if (name.type === 'ip' && constraint.type === 'ip') return constraint.value.length === 2 * name.value.length && ipWithin(name.value, constraint.value);
  if (name.type === 'dn' && constraint.type === 'dn') return dnWithin(name.value, constraint.value);
  return false;
}

/** The names of a certificate that constraints apply to: subject DN, SAN, and emailAddress attributes when there is no SAN. */
export function constrainedNames(subject: DistinguishedName, san: ReadonlyArray<GeneralName> | undefined): GeneralName[] {
  const out: GeneralName[] = [];
  if (subject.rdns.length > 0) out.push({ type: 'dn', value: subject });
  if (san) out.push(...san);
  else for (const rdn of subject.rdns) for (const a of rdn) if (a.type === OID_ATTR.EMAIL) out.push({ type: 'email', value: a.value });
  return out;
}

/** Accumulated state along the path: permitted sets (all must allow a name), excluded union. */
export class NameConstraintState {
  private readonly permittedSets: Array<ReadonlyArray<GeneralName>> = [];
  private readonly excluded: GeneralName[] = [];

  add(nc: NameConstraints): void {
    if (nc.permitted.length) this.permittedSets.push(nc.permitted);
    this.excluded.push(...nc.excluded);
  }

  get empty(): boolean {
    return this.permittedSets.length === 0 && this.excluded.length === 0;
  }

  /** A sentence naming the first name that is not allowed, or undefined when all are. */
  check(names: ReadonlyArray<GeneralName>, budget: WorkBudget): string | undefined {
    for (const name of names) {
      const kind = kindOf(name);
      for (const ex of this.excluded) {
        budget.spend('nameComparisons');
        if (kindOf(ex) === kind && (kind.startsWith('other-') || within(name, ex) || wildcardReaches(name, ex))) return `${describe(name)} is excluded`;
      }
      for (const set of this.permittedSets) {
        const sameKind = set.filter((c) => kindOf(c) === kind);
        budget.spend('nameComparisons', Math.max(1, sameKind.length));
        if (sameKind.length === 0) continue; // no constraint on this name form
        if (kind.startsWith('other-') || !sameKind.some((c) => within(name, c))) return `${describe(name)} is not in the permitted subtrees`;
      }
    }
    return undefined;
  }
}

function describe(g: GeneralName): string {
  switch (g.type) {
    case 'dns':
    case 'email':
    case 'uri':
      return `${g.type} name ${JSON.stringify(g.value)}`;
    case 'ip':
      return `IP address ${formatIp(g.value)}`;
    case 'dn':
      return 'the subject name';
    case 'other':
      return `a name of form 0x${g.tag.toString(16)} we cannot check`;
  }
}

/** Dotted IPv4 or full-form IPv6 for messages. */
export function formatIp(b: Uint8Array): string {
  if (b.length === 4) return Array.from(b).join('.');
  const groups: string[] = [];
  for (let i = 0; i + 1 < b.length; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16));
  return groups.join(':');
}
