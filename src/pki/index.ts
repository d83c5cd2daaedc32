// Public face of the pure core. Other layers import only from here. No DOM, no IndexedDB, no clock.
export * from './errors.ts';
export * from './bytes.ts';
export * from './pem.ts';
export * from './fingerprint.ts';
export * from './names.ts';
export * from './hosts.ts';
export * from './algorithms.ts';
export * from './profile.ts';
export * from './identity.ts';
export * from './certified-format.ts';
export * from './x509/extensions.ts';
export * from './x509/build.ts';
export * from './x509/certificate.ts';
export * from './x509/verify-signature.ts';

// ---- input parsing & inspection (issue 3) ----
export * from './input.ts';
export * from './input-kind.ts';
export * from './describe.ts';
export * from './describe-extensions.ts';
export * from './describe-request.ts';

// ---- introductions & cross-certification (issue 4) ----
export * from './x509/csr.ts';
export * from './intro/services.ts';
export * from './intro/intro-json.ts';
export * from './intro/peer.ts';
export * from './intro/introduce.ts';
export * from './intro/check-introduction.ts';
export * from './intro/cross-certify.ts';
export * from './intro/trust-graph.ts';
export * from './certified-layout/file-names.ts';
export * from './certified-layout/yaml-writer.ts';
export * from './certified-layout/yaml-reader.ts';
export * from './certified-layout/layout.ts';

// ---- path validation (issue 5) ----
export * from './validate/index.ts';
export * from './x509/constraint-extensions.ts';

// ---- federation bundles (issue 6) ----
export * from './federation/index.ts';

// ---- hierarchy (issue 7) ----
export * from './escrow.ts';
export * from './hierarchy/index.ts';

// ---- QR payloads (issue 8): strict DER reading for the payload shape check ----
export * from './der.ts';

// ---- backup & escrow (issue 9) ----
export * from './backup.ts';
export * from './key-escrow.ts';
export * from './backup-merge.ts';

// ---- revocation (issue 11) ----
export * from './crl/reasons.ts';
export * from './crl/issue.ts';
export * from './crl/parse.ts';
export * from './crl/ledger.ts';
export * from './crl/crl-input.ts';
export * from './crl/partner.ts';
