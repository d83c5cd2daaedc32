// Public face of the scoped two-tier PKI (issue 7): model, authorities, leaves, bundles, rotation, report, store file.
export * from './model.ts';
export * from './name-constraints.ts';
export * from './certificates.ts';
export * from './authorities.ts';
export * from './leaves.ts';
export * from './bundles.ts';
export * from './rotation.ts';
export * from './renew.ts';
export * from './store-file.ts';
export * from './report.ts';
export * from './merge.ts';
export * from './overview.ts';
export * from './audit.ts';
