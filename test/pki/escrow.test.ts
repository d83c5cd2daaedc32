// Key escrow at birth: kept key is non-extractable, escrow recovers a matching non-extractable key,
// refusals by code. Node and Chromium.
import { describe, it } from '../harness.ts';
import { assert } from 'chai';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { generateEscrowedKeyPair, isPkiError, parseKeyEscrow, recoverEscrowedKey, KEY_TYPES, type PkiErrorCode } from '../../src/pki/index.ts';

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
});
