// Shared imports for the introduction tests.
export * from '../../../src/pki/index.ts';
export const TAG_UTF8 = 0x0c;
