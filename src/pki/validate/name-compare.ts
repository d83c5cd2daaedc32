// Distinguished-name comparison for chaining and name constraints (RFC 5280 §7.1): equal when the
// RDNs match one by one; string values compared after case folding and whitespace folding (a subset of RFC 4518).
import { bytesEqual } from '../bytes.ts';
import type { DistinguishedName, NameAttribute, Rdn } from '../names.ts';

function fold(value: string): string {
  return value.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ');
}

function attributeEqual(a: NameAttribute, b: NameAttribute): boolean {
  return a.type === b.type && (a.value === b.value || fold(a.value) === fold(b.value));
}

/** Multi-valued RDNs are sets: every member of one has an equal member in the other. */
export function rdnEqual(a: Rdn, b: Rdn): boolean {
  if (a.length !== b.length) return false;
  return a.every((x) => b.some((y) => attributeEqual(x, y)));
}

export function namesEqual(a: DistinguishedName, b: DistinguishedName): boolean {
  if (bytesEqual(a.der, b.der)) return true;
  if (a.rdns.length !== b.rdns.length) return false;
  return a.rdns.every((rdn, i) => rdnEqual(rdn, b.rdns[i]!));
}

/** A key for grouping names that compare equal (the folded rendering). */
export function nameKey(n: DistinguishedName): string {
  return JSON.stringify(n.rdns.map((rdn) => rdn.map((a) => [a.type, fold(a.value)]).sort()));
}
