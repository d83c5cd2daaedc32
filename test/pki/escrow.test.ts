// Key escrow at birth: kept key is non-extractable, escrow recovers a matching non-extractable key,
// refusals by code. Node and Chromium.
import { describe, it } from '../harness.ts';
import { assert } from 'chai';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import {
  createEscrowedIdentity, describeCertificate, generateEscrowedKeyPair, isAgeRecipient, isPkiError, newRecoveryKey, parseCertificate, parseKeyEscrow,
  parseRecoveryKey, recoverEscrowedKey, recoveryKeyFile, KEY_TYPES, type PkiErrorCode,
} from '../../src/pki/index.ts';

async function rejects(p: Promise<unknown>, code: PkiErrorCode): Promise<void> {
  try { await p; } catch (e) { assert.isTrue(isPkiError(e, code), `expected ${code}, got ${String(e)}`); return; }
  assert.fail(`expected ${code}`);
}

describe('key escrow at birth', () => {
  for (const type of KEY_TYPES) {
    it(`${type}: keeps a non-extractable key and recovers a matching non-extractable one`, async () => {
      const id = await generateIdentity();
      const { keyPair, escrow } = await generateEscrowedKeyPair(type, await identityToRecipient(id));
      assert.isFalse(keyPair.privateKey.extractable);
      const recovered = await recoverEscrowedKey(parseKeyEscrow(structuredClone(escrow)), id);
      assert.isFalse(recovered.extractable);
      const params = type === 'ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
      const data = new Uint8Array([1, 2, 3]);
      const sig = await crypto.subtle.sign(params, recovered, data);
      assert.isTrue(await crypto.subtle.verify(params, keyPair.publicKey, sig, data));
    });
  }

  it('refuses with codes', async () => {
    const id = await generateIdentity();
    const other = await generateIdentity();
    const { escrow } = await generateEscrowedKeyPair('ed25519', await identityToRecipient(id));
    const { escrow: escrow2 } = await generateEscrowedKeyPair('ed25519', await identityToRecipient(id));
    await rejects(generateEscrowedKeyPair('ed25519', 'not-a-recipient'), 'BACKUP_ESCROW_BAD_RECIPIENT');
    await rejects(recoverEscrowedKey(escrow, other), 'BACKUP_ESCROW_WRONG_IDENTITY');
    await rejects(recoverEscrowedKey({ ...escrow, publicKeySpki: escrow2.publicKeySpki }, id), 'BACKUP_ESCROW_MISMATCH');
    await rejects(recoverEscrowedKey({ ...escrow, keyType: 'p256' }, id), 'BACKUP_ESCROW_BAD_FORMAT');
    for (const bad of [{ ...escrow, version: 2 }, { ...escrow, ciphertext: 'x' }, { ...escrow, keyType: 'rsa' }, null]) {
      await rejects(Promise.resolve().then(() => parseKeyEscrow(bad)), 'BACKUP_ESCROW_BAD_FORMAT');
    }
  });

  it('a recovery key round-trips through its age-keygen style file; malformed ones are refused by code', async () => {
    const key = await newRecoveryKey();
    assert.isTrue(isAgeRecipient(key.recipient));
    assert.isTrue(isAgeRecipient(`  ${key.recipient}\n`));
    const file = recoveryKeyFile(key, Date.UTC(2026, 0, 2, 3, 4, 5));
    assert.match(file, /^# crosstrust recovery key.*\n# created: 2026-01-02T03:04:05Z\n# public key: age1[a-z0-9]{58}\nAGE-SECRET-KEY-1[A-Z0-9]{58}\n$/);
    assert.deepEqual(await parseRecoveryKey(file), key);
    assert.deepEqual(await parseRecoveryKey(`\r\n${key.identity.toLowerCase()}\r\n`), key, 'case and CRLF do not matter');
    const cases: ReadonlyArray<{ name: string; input: string }> = [
      { name: 'empty', input: '' },
      { name: 'only comments', input: '# public key: age1...\n' },
      { name: 'a recipient, not the secret', input: key.recipient },
      { name: 'two identities', input: `${key.identity}\n${key.identity}\n` },
      { name: 'truncated', input: key.identity.slice(0, -3) },
      { name: 'bad checksum', input: key.identity.slice(0, -1) + (key.identity.endsWith('Q') ? 'P' : 'Q') },
    ];
    for (const c of cases) await rejects(parseRecoveryKey(c.input), 'BACKUP_ESCROW_BAD_IDENTITY').catch((e: unknown) => { throw new Error(`${c.name}: ${String(e)}`); });
    assert.isFalse(isAgeRecipient('age1short'));
  });

  it('createEscrowedIdentity: both keys non-extractable, escrowed to the recipient, and recovered keys belong to the certificates', async () => {
    const key = await newRecoveryKey();
    const atMs = Date.UTC(2026, 0, 1);
    const { created, escrows } = await createEscrowedIdentity({ name: { org: 'Alpha', unit: 'Ops' }, san: { hosts: ['alpha.example'] }, keyType: 'p256', atMs }, key.recipient);
    assert.isFalse(created.caKeys.privateKey.extractable);
    assert.isFalse(created.idKeys.privateKey.extractable);
    assert.equal(created.keyType, 'p256');
    for (const [which, der] of [['ca', created.caCertDer], ['id', created.idCertDer]] as const) {
      const escrow = escrows[which];
      assert.equal(escrow.recipient, key.recipient);
      assert.equal(escrow.keyType, 'p256');
      const recovered = await recoverEscrowedKey(escrow, key.identity);
      assert.isFalse(recovered.extractable);
      // The recovered private key signs what the certificate's public key verifies.
      const pub = await crypto.subtle.importKey('spki', escrow.publicKeySpki.slice(), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
      const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, recovered, new Uint8Array([7]));
      assert.isTrue(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, sig, new Uint8Array([7])));
      assert.deepEqual(parseCertificate(der).subjectPublicKeyInfo, escrow.publicKeySpki, `${which}: the certificate carries the escrowed key`);
      assert.equal((await describeCertificate(der, atMs)).status, 'valid');
    }
    await rejects(createEscrowedIdentity({ name: { org: 'A', unit: 'B' }, san: { hosts: ['a.example'] }, atMs }, 'age1nope'), 'BACKUP_ESCROW_BAD_RECIPIENT');
  });
});
