// age-encryption (age-encryption.org/v1), loaded on first use. Only encrypting or decrypting needs it;
// importing it statically put it in the bundle of every view that merely lists escrows or backups,
// the first view among them.
type Age = typeof import('age-encryption');

let loading: Promise<Age> | undefined;

/** The age library; one import however many callers ask. */
export function loadAge(): Promise<Age> {
  loading ??= import('age-encryption');
  return loading;
}
