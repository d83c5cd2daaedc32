// Federated trust bundles: compose, export (PEM, step-ca JSON, SPIFFE, certified files), sign,
// import, diff. Pure core: no DOM, no storage; functions that judge time take `atMs`.
export * from './model.ts';
export * from './root-info.ts';
export * from './compose.ts';
export * from './pem-export.ts';
export * from './jwk.ts';
export * from './spiffe.ts';
export * from './certified-export.ts';
export * from './certified-import.ts';
export * from './jose-sign.ts';
export * from './signer-trust.ts';
export * from './detached-signature.ts';
export * from './jws.ts';
export * from './import.ts';
export * from './diff.ts';
export * from './document.ts';
