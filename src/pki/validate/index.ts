// Path validation (RFC 5280 §6): the public face of src/pki/validate/.
export { validatePath, DEFAULT_MAX_CHAIN_DEPTH, MAX_CHAIN_DEPTH_LIMIT } from './validate-path.ts';
export type { PathValidationOptions, PathValidationResult, PathValidationHooks } from './validate-path.ts';
export { PATH_REASON_CODES, PATH_REASON_SENTENCES, type PathReasonCode, type PathFailure } from './reason-codes.ts';
export type { RevocationHook, Purpose } from './path-checks.ts';
export { dnsNameMatches } from './peer-name.ts';
export { DEFAULT_WORK_LIMITS, type WorkLimits, type WorkCounts } from './work-budget.ts';
export { checkIssuedCertificate, assertIssuedCertificate, type IssuedCertificateCheck } from './check-issued.ts';
export { readCertificateList } from './certificate-input.ts';
export { REVOCATION_MODES, MAX_CRLS, type RevocationMode, type RevocationInfo, type RevocationCheck } from './revocation.ts';
