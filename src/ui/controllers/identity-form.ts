// The create-identity form as data: raw field values → an IdentityRequest or per-field sentences.
// The core does the real checking (names.ts, hosts.ts, profile.ts); this only says which field it was.
import {
  buildCertifiedName,
  buildSubjectAltNames,
  validityWindow,
  isPkiError,
  DEFAULT_VALIDITY_DAYS,
  MAX_VALIDITY_DAYS,
  type IdentityRequest,
  type KeyType,
  type NameInput,
} from '../../pki/index.ts';

export type NameKind = 'org' | 'person';

export interface IdentityFormValues {
  readonly nameKind: NameKind;
  readonly org: string;
  readonly unit: string;
  readonly commonName: string;
  readonly country: string;
  readonly locality: string;
  readonly domain: string;
  readonly hosts: string;
  readonly emails: string;
  readonly uris: string;
  readonly keyType: KeyType;
  readonly validityDays: string;
  readonly label: string;
  /** Give the CA room for one CA level below it (pathLen 1), so it can cross-certify partner CAs (issue 4). */
  readonly mayCrossCertify?: boolean;
}

export type FieldName = keyof IdentityFormValues | 'san';
export type FieldErrors = Partial<Record<FieldName, string>>;

export const EMPTY_FORM: IdentityFormValues = {
  nameKind: 'org',
  org: '',
  unit: '',
  commonName: '',
  country: '',
  locality: '',
  domain: '',
  hosts: '',
  emails: '',
  uris: '',
  keyType: 'ed25519',
  validityDays: String(DEFAULT_VALIDITY_DAYS),
  label: '',
};

/** One entry per line or comma. */
export function splitList(text: string): string[] {
  return text.split(/[\n,]/).map((s) => s.trim()).filter((s) => s !== '');
}

function firstBad(list: string[], build: (one: string) => void): string | undefined {
  for (const item of list) {
    try {
      build(item);
    } catch (e) {
      if (isPkiError(e)) return item;
      throw e;
    }
  }
  return undefined;
}

/** Validates the form. Returns the request and label, or the errors keyed by field (in form order). */
export function readIdentityForm(v: IdentityFormValues, atMs: number): { request: IdentityRequest; label: string } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name: NameInput =
    v.nameKind === 'org'
      ? { org: v.org, unit: v.unit, country: v.country, locality: v.locality, domain: v.domain }
      : { commonName: v.commonName, country: v.country, locality: v.locality, domain: v.domain };
  if (v.nameKind === 'org') {
    if (v.org.trim() === '') errors.org = 'Enter the organisation’s name.';
    if (v.unit.trim() === '') errors.unit = 'Enter a unit (department or team); certified names need both.';
  } else if (v.commonName.trim() === '') errors.commonName = 'Enter the person’s name.';
  else if ([...v.commonName.trim()].length > 64) errors.commonName = 'A name can be at most 64 characters.';
  if (v.country.trim() !== '' && !/^[A-Za-z]{2}$/.test(v.country.trim())) errors.country = 'Use a two-letter country code, such as DE or US.';
  if (v.domain.trim() !== '' && firstBad([v.domain.trim()], (d) => buildCertifiedName({ commonName: 'x', domain: d }, false))) {
    errors.domain = 'Enter a domain such as example.org (letters, digits and hyphens between dots).';
  }
  const hosts = splitList(v.hosts);
  const emails = splitList(v.emails);
  const uris = splitList(v.uris);
  const badHost = firstBad(hosts, (h) => buildSubjectAltNames({ hosts: [h] }));
  if (badHost) errors.hosts = `“${badHost}” is not a host name or IP address.`;
  const badEmail = firstBad(emails, (e) => buildSubjectAltNames({ emails: [e] }));
  if (badEmail) errors.emails = `“${badEmail}” is not an email address.`;
  const badUri = firstBad(uris, (u) => buildSubjectAltNames({ uris: [u] }));
  if (badUri) errors.uris = `“${badUri}” is not a URI (it needs a scheme, such as https://).`;
  if (hosts.length + emails.length + uris.length === 0) errors.hosts = 'Add at least one host, email address or URI, so peers know where this identity is used.';
  const days = Number(v.validityDays);
  try {
    validityWindow(atMs, days);
  } catch {
    errors.validityDays = `Enter a whole number of days from 1 to ${MAX_VALIDITY_DAYS}.`;
  }
  if (Object.keys(errors).length === 0) {
    // The core is the judge; anything it still refuses lands on the name.
    try {
      buildCertifiedName(name, true);
    } catch (e) {
      if (!isPkiError(e)) throw e;
      errors[v.nameKind === 'org' ? 'org' : 'commonName'] = 'This name cannot be put in a certificate.';
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  const autoLabel = v.nameKind === 'org' ? `${v.org.trim()} / ${v.unit.trim()}` : v.commonName.trim();
  return {
    label: v.label.trim() || autoLabel,
    request: { name, san: { hosts, emails, uris }, keyType: v.keyType, validityDays: days, atMs, ...(v.mayCrossCertify ? { caPathLength: 1 } : {}) },
  };
}
