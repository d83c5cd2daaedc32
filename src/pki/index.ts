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

// ---- introductions & cross-certification (issue 4) ----

// ---- path validation (issue 5) ----
export * from './validate/index.ts';
export * from './x509/constraint-extensions.ts';

// ---- federation bundles (issue 6) ----

// ---- hierarchy (issue 7) ----

// ---- backup & escrow (issue 9) ----

// ---- revocation (issue 11) ----
