// User sentences for the error codes of introductions, cross-certification, the certified layout,
// the hierarchy and revocation. messages.ts merges these with the other areas into THE one table.
import type { PkiErrorCode } from '../pki/index.ts';

type Codes<P extends string> = Extract<PkiErrorCode, `${P}${string}`>;

export const INTRO_MESSAGES: Readonly<Record<Exclude<Codes<'INTRO_'>, 'INTRO_RESERVED_4'>, string>> = {
  INTRO_PEER_IS_CA: 'This is a CA certificate. Introductions are for identity certificates; use cross-certification to trust a partner CA under limits.',
  INTRO_SUBJECT_IS_ISSUER: 'This identity has the same name as your own CA, so it cannot be introduced by it.',
  INTRO_UNSUPPORTED_KEY: 'This identity uses a key type certified cannot use (only Ed25519 and ECDSA keys are introduced).',
  INTRO_PEER_UNRECOGNISED: 'This is not an identity certificate or certificate request.',
  INTRO_FINGERPRINT_MISMATCH: 'The fingerprint you entered does not match this identity. Check it again with its owner before signing.',
  INTRO_OUR_CA_INVALID: 'Your CA certificate cannot sign introductions.',
  INTRO_CA_EXPIRED: 'Your CA certificate has expired, so it cannot sign anything. Create a new identity.',
  INTRO_BAD_JSON: 'This is not a valid intro.json file.',
  INTRO_TOO_LARGE: 'This file is far too large to be an introduction, so it was not read.',
  INTRO_SIGNED_IS_CA: 'The introduced certificate is a CA certificate, which cannot be used as an identity.',
  INTRO_ISSUER_MISMATCH: 'The introduced certificate was not issued by the CA in the same file.',
  INTRO_BAD_SIGNATURE: 'The introduced certificate’s signature does not verify with the CA in the same file.',
  INTRO_NOT_YET_VALID: 'This introduction is not valid yet. Check the clocks on both machines.',
  INTRO_EXPIRED: 'This introduction has expired. Ask for a new one.',
  INTRO_NOT_OUR_KEY: 'This introduction is for someone else’s key, not one of your identities.',
  INTRO_CA_NOT_CA: 'The introducing certificate in this file is not a CA.',
  INTRO_SERVICE_URL_INVALID: 'A service address must be an https URL with a host, and without a query or fragment.',
  INTRO_ALIAS_INVALID: 'A service alias must be a lower-case name made of letters, digits, dots and hyphens.',
  INTRO_DUPLICATE_ALIAS: 'Two services have the same alias.',
  INTRO_EXISTS: 'You already have an introduction from this CA. Confirm to replace it.',
  INTRO_SERVICE_EXISTS: 'A service with this alias is already installed. Confirm to replace it.',
};

export const XCERT_MESSAGES: Readonly<Record<Codes<'XCERT_'> | Codes<'LAYOUT_'> | 'CSR_MALFORMED', string>> = {
  XCERT_PEER_NOT_CA: 'This certificate is not a CA, so it cannot be cross-certified. Introduce it instead.',
  XCERT_SAME_SUBJECT: 'The partner CA has the same name as your CA; that would make paths ambiguous.',
  XCERT_LIMIT_INVALID: 'One of the limits is not valid. Check the names, networks and policy identifiers.',
  XCERT_OUR_CA_PATH_LENGTH: 'Your CA was created without room for CAs below it, so it cannot cross-certify. Create an identity whose CA may certify partners.',
  LAYOUT_BAD_YAML: 'A known_servers file is not valid certified YAML.',
  LAYOUT_UNSAFE_FILE_NAME: 'A file in this archive has a name that would escape its folder, so the archive was refused.',
  LAYOUT_BAD_ARCHIVE: 'This is not a certified configuration archive crosstrust can read.',
  CSR_MALFORMED: 'This certificate request is damaged or incomplete.',
};

export const HIER_MESSAGES: Readonly<Record<Exclude<Codes<'HIER_'>, 'HIER_RESERVED_7'>, string>> = {
  HIER_ENV_INVALID: 'The environment settings are not valid. Check its name, base domain and regions.',
  HIER_SCOPE_UNKNOWN: 'There is no such scope in this environment.',
  HIER_SERVICE_INVALID: 'A service name is lower-case letters, digits and hyphens.',
  HIER_DNS_OUTSIDE_SCOPE: 'A DNS name is outside the names this scope may certify.',
  HIER_TOPOLOGY: 'That step does not exist in this environment’s topology.',
  HIER_NO_ACTIVE_ISSUER: 'This scope has no intermediate that can issue now. Rotate or recover it first.',
  HIER_KEY_UNAVAILABLE: 'The key needed for this step is not held here, and no age identity that opens it was given.',
  HIER_ESCROW_FAILED: 'The key could not be encrypted for its custodian. Check the age recipient (age1…).',
  HIER_OPERATION_PENDING: 'Another rotation is in progress. Finish or roll it back first.',
  HIER_NO_OPERATION: 'There is no rotation in progress.',
  HIER_STEP_INVALID: 'That step cannot be taken at this point of the rotation.',
  HIER_LEAVES_OUTSTANDING: 'Leaves under the old root are still valid. Renew them before finalizing.',
  HIER_STORE_TOO_LARGE: 'This store file is far too large, so it was not read.',
  HIER_STORE_SYNTAX: 'This store file is not valid YAML of the kind crosstrust writes.',
  HIER_STORE_SCHEMA: 'This store file is missing fields or has fields of the wrong kind.',
  HIER_STORE_VERSION: 'This store file was written by another version of crosstrust.',
  HIER_STORE_INCONSISTENT: 'This store file contradicts itself (a key or certificate does not match), so it was refused.',
  HIER_AGE_IDENTITY_INVALID: 'That is not an age identity (AGE-SECRET-KEY-1…).',
  HIER_CSR_MALFORMED: 'Give either a certificate request or a public key for the leaf.',
  HIER_IMPORT_CONFLICT: 'This store file cannot be merged with the environment here; nothing was changed. The reasons are listed below.',
};

export const CRL_MESSAGES: Readonly<Record<Exclude<Codes<'CRL_'>, 'CRL_RESERVED_11'>, string>> = {
  CRL_MALFORMED: 'This revocation list (CRL) is damaged or incomplete.',
  CRL_WRONG_ISSUER: 'This revocation list was issued by a different CA than the one it was checked against.',
  CRL_BAD_SIGNATURE: 'The signature on this revocation list does not verify, so it was refused.',
  CRL_ISSUER_CANNOT_SIGN_CRLS: 'This CA is not allowed to sign revocation lists.',
  CRL_NUMBER_ROLLBACK: 'This revocation list is older than the one already held for this CA, so it was refused.',
  CRL_UNKNOWN_CRITICAL_EXTENSION: 'This revocation list uses a feature crosstrust does not understand (such as a delta CRL), so it was refused.',
  CRL_INVALID_REQUEST: 'The revocation request is not valid. Check the reason and the next-update interval.',
  CRL_NOT_ISSUED_BY_US: 'This certificate was not issued by this CA, so this CA cannot revoke it.',
  CRL_ALREADY_REVOKED: 'This certificate is already revoked.',
  CRL_LEDGER_INVALID: 'The stored revocation list belongs to another CA or is damaged.',
  CRL_NUMBER_REUSED: 'This revocation list has the same number as the one already held for this CA but different contents, so it was refused.',
};
