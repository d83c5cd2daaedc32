// Backup encryption round trip (age, scrypt passphrase) and every refusal by code. Node and Chromium.
import { describe, it } from '../harness.ts';
import { assert } from 'chai';
import { Encrypter, generateIdentity, identityToRecipient } from 'age-encryption';
import {
  BACKUP_FORMAT, BACKUP_VERSION, decryptBackup, encodeBackupSnapshot, encryptBackup, isPkiError, parseBackupSnapshot,
  utf8, type BackupSnapshot, type PkiErrorCode,
} from '../../src/pki/index.ts';

const WF = 10; // scrypt log2 N for tests; files keep the factor they were made with

const snapshot: BackupSnapshot = {
  format: BACKUP_FORMAT,
  version: BACKUP_VERSION,
  createdMs: 1_764_000_000_000,
  appVersion: '0.1.0',
  stores: {
    identities: [{ id: 'i1', label: 'Acme', keyType: 'ed25519', caCertDer: new Uint8Array([0x30, 0x03, 1, 2, 3]), idCertDer: new Uint8Array([0x30, 0]), caKeyId: 'k1', idKeyId: 'k2', createdMs: 5 }],
    audit: [{ seq: 1, timeMs: 7, op: 'identity.create', summary: 'created Acme', details: { n: 1, ok: true } }],
    settings: [{ name: 'theme', value: 'dark' }],
    documents: [{ id: 'esc-1', kind: 'key-escrow', updatedMs: 9, data: { age: new Uint8Array([9, 8, 7]), nested: [null, 'x', { deep: new Uint8Array(0) }] } }],
  },
  omittedKeys: [{ id: 'k1', keyType: 'ed25519', purpose: 'identity-ca' }],
};

async function rejects(p: Promise<unknown>, code: PkiErrorCode): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.isTrue(isPkiError(e, code), `expected ${code}, got ${String(e)}`);
    return;
  }
  assert.fail(`expected ${code}`);
}

describe('backup encryption', () => {
  it('round-trips a snapshot, bytes included', async () => {
    const file = await encryptBackup(snapshot, 'correct horse battery staple', { workFactor: WF });
    assert.equal(utf8.decode(file.subarray(0, 22)), 'age-encryption.org/v1\n');
    const back = await decryptBackup(file, 'correct horse battery staple');
    assert.deepEqual(back, snapshot);
    assert.instanceOf(back.stores.identities[0]?.caCertDer, Uint8Array);
  });

  it('refuses with a specific code', async () => {
    const good = await encryptBackup(snapshot, 'pass-1', { workFactor: WF });
    const flipped = good.slice(); flipped[flipped.length - 5]! ^= 0x01;
    const badMac = good.slice(); const macAt = new TextDecoder().decode(good.subarray(0, 300)).indexOf('\n--- ') + 6; badMac[macAt] = badMac[macAt] === 0x41 ? 0x42 : 0x41;
    const ageId = await generateIdentity();
    const toKey = new Encrypter(); toKey.addRecipient(await identityToRecipient(ageId));
    const keyFile = await toKey.encrypt(encodeBackupSnapshot(snapshot));
    const encryptJson = async (json: string) => { const e = new Encrypter(); e.setPassphrase('p'); e.setScryptWorkFactor(WF); return e.encrypt(json); };
    const cases: Array<{ name: string; file: Uint8Array | Promise<Uint8Array>; pass: string; want: PkiErrorCode }> = [
      { name: 'wrong passphrase', file: good, pass: 'pass-2', want: 'BACKUP_WRONG_PASSPHRASE' },
      { name: 'empty passphrase', file: good, pass: '', want: 'BACKUP_PASSPHRASE_EMPTY' },
      { name: 'payload byte flipped', file: flipped, pass: 'pass-1', want: 'BACKUP_CORRUPTED' },
      { name: 'header MAC changed', file: badMac, pass: 'pass-1', want: 'BACKUP_CORRUPTED' },
      { name: 'truncated', file: good.subarray(0, good.length - 20), pass: 'pass-1', want: 'BACKUP_CORRUPTED' },
      { name: 'not age at all', file: utf8.encode('{"format":"crosstrust-backup"}'), pass: 'p', want: 'BACKUP_NOT_AGE' },
      { name: 'age to a key, not a passphrase', file: keyFile, pass: 'p', want: 'BACKUP_NOT_PASSPHRASE' },
      { name: 'not JSON inside', file: encryptJson('hello'), pass: 'p', want: 'BACKUP_BAD_FORMAT' },
      { name: 'other JSON inside', file: encryptJson('{"format":"other"}'), pass: 'p', want: 'BACKUP_BAD_FORMAT' },
      { name: 'future version', file: encryptJson('{"format":"crosstrust-backup","version":2}'), pass: 'p', want: 'BACKUP_UNSUPPORTED_VERSION' },
    ];
    for (const c of cases) await rejects(decryptBackup(await c.file, c.pass), c.want);
  });

  it('validates the snapshot shape strictly', () => {
    const base = JSON.parse(utf8.decode(encodeBackupSnapshot(snapshot))) as Record<string, unknown>;
    const stores = base.stores as Record<string, unknown[]>;
    const cases: Array<{ name: string; input: unknown; want: PkiErrorCode }> = [
      { name: 'unknown top-level field', input: { ...base, extra: 1 }, want: 'BACKUP_BAD_FORMAT' },
      { name: 'missing store', input: { ...base, stores: { ...stores, documents: undefined } }, want: 'BACKUP_BAD_FORMAT' },
      { name: 'extra store (keys never travel)', input: { ...base, stores: { ...stores, keys: [] } }, want: 'BACKUP_BAD_FORMAT' },
      { name: 'record without key', input: { ...base, stores: { ...stores, settings: [{ value: 1 }] } }, want: 'BACKUP_BAD_FORMAT' },
      { name: 'audit seq not a number', input: { ...base, stores: { ...stores, audit: [{ seq: '1', timeMs: 1, op: 'x', summary: 'y' }] } }, want: 'BACKUP_BAD_FORMAT' },
      { name: 'identity certificate not bytes', input: { ...base, stores: { ...stores, identities: [{ ...(stores.identities?.[0] as object), caCertDer: 'MAA=' }] } }, want: 'BACKUP_BAD_FORMAT' },
      { name: 'document without kind', input: { ...base, stores: { ...stores, documents: [{ id: 'd' }] } }, want: 'BACKUP_BAD_FORMAT' },
      { name: 'bad base64 bytes', input: { ...base, stores: { ...stores, settings: [{ name: 'x', value: { $bytes: 'A' } }] } }, want: 'BACKUP_BAD_FORMAT' },
      { name: 'omitted key malformed', input: { ...base, omittedKeys: [{ id: 1 }] }, want: 'BACKUP_BAD_FORMAT' },
    ];
    for (const c of cases) {
      assert.throws(() => parseBackupSnapshot(JSON.parse(JSON.stringify(c.input))), Error);
      try { parseBackupSnapshot(JSON.parse(JSON.stringify(c.input))); } catch (e) { assert.isTrue(isPkiError(e, c.want), `${c.name}: ${String(e)}`); }
    }
  });

  it('refuses values that are not plain data', () => {
    const withKey = { ...snapshot, stores: { ...snapshot.stores, settings: [{ name: 'x', value: new Date(0) as unknown as string }] } };
    const withTag = { ...snapshot, stores: { ...snapshot.stores, settings: [{ name: 'x', value: { $bytes: 'AA==' } }] } };
    const withNaN = { ...snapshot, stores: { ...snapshot.stores, settings: [{ name: 'x', value: Number.NaN }] } };
    for (const s of [withKey, withTag, withNaN]) {
      assert.throws(() => encodeBackupSnapshot(s));
      try { encodeBackupSnapshot(s); } catch (e) { assert.isTrue(isPkiError(e, 'BACKUP_UNSUPPORTED_VALUE'), String(e)); }
    }
  });
});
