// The restore merge as pure data: nothing here is deleted, nothing is replaced by older data, audit
// entries are not doubled, the plan names identities in a stable order. Node and Chromium.
import { describe, it } from '../harness.ts';
import { assert } from 'chai';
import { planRestore, sameBackupValue, sameRestorePlan, type BackupRecord, type BackupSnapshot, type StoreContents } from '../../src/pki/index.ts';

const identity = (id: string, label: string, extra: Partial<Record<string, unknown>> = {}): BackupRecord => ({
  id, label, keyType: 'ed25519', caCertDer: new Uint8Array([0x30, 0]), idCertDer: new Uint8Array([0x30, 1]), caKeyId: `${id}/ca`, idKeyId: `${id}/id`, createdMs: 1,
  ...(extra as Record<string, never>),
});
const empty: StoreContents = { identities: [], audit: [], settings: [], documents: [] };
const snapshot = (stores: Partial<StoreContents>, omittedKeys: BackupSnapshot['omittedKeys'] = []): BackupSnapshot => ({
  format: 'crosstrust-backup', version: 1, createdMs: 100, appVersion: 't', stores: { ...empty, ...stores }, omittedKeys,
});

describe('restore merge plan', () => {
  it('into an empty browser: adds everything, in a stable order, and reports the keys it cannot bring', () => {
    const snap = snapshot({
      identities: [identity('z', 'Zeta'), identity('a', 'Alpha')],
      documents: [{ id: 'e1', kind: 'key-escrow', updatedMs: 1, data: { keyId: 'a/id' } }],
      audit: [{ seq: 1, timeMs: 1, op: 'x', summary: 'one' }],
      settings: [{ name: 's', value: 1 }],
    }, [{ id: 'a/ca', keyType: 'ed25519', purpose: 'identity-ca' }]);
    const { plan, writes } = planRestore(empty, snap, new Set());
    assert.deepEqual(plan.identities.add.map((i) => i.label), ['Alpha', 'Zeta']);
    assert.equal(plan.changes, 5);
    assert.deepEqual(writes.audit, [{ seq: 1, timeMs: 1, op: 'x', summary: 'one' }], 'sequence number kept when free');
    assert.deepEqual(plan.missingKeys.map((k) => k.id), ['a/ca', 'z/ca', 'z/id', 'a/id']);
    assert.deepEqual(plan.recoverableKeyIds, ['a/id']);
    assert.deepEqual(plan.documentKinds, { 'key-escrow': 1 });
  });

  it('never deletes and never replaces with older data; the later copy of a document wins; audit entries are not doubled', () => {
    const current: StoreContents = {
      identities: [identity('a', 'Alpha renamed'), identity('n', 'New here')],
      documents: [{ id: 'd-new-here', kind: 'bundle', updatedMs: 50, data: 1 }, { id: 'd-old-here', kind: 'bundle', updatedMs: 5, data: 1 }],
      settings: [{ name: 's', value: 'here' }],
      audit: [{ seq: 1, timeMs: 1, op: 'x', summary: 'one' }, { seq: 2, timeMs: 9, op: 'y', summary: 'only here' }],
    };
    const snap = snapshot({
      identities: [identity('a', 'Alpha')],
      documents: [{ id: 'd-new-here', kind: 'bundle', updatedMs: 10, data: 2 }, { id: 'd-old-here', kind: 'bundle', updatedMs: 20, data: 2 }],
      settings: [{ name: 's', value: 'backup' }],
      audit: [{ seq: 1, timeMs: 1, op: 'x', summary: 'one' }, { seq: 2, timeMs: 2, op: 'z', summary: 'only in backup' }],
    });
    const { plan, writes } = planRestore(current, snap, new Set(['a/ca', 'a/id', 'n/ca', 'n/id']));
    assert.deepEqual(writes.identities, []);
    assert.deepEqual(plan.identities.keptHere.map((i) => i.label), ['Alpha renamed']);
    assert.deepEqual(plan.identities.onlyHere.map((i) => i.label), ['New here']);
    assert.deepEqual(writes.documents.map((d) => d.id), ['d-old-here']);
    assert.deepEqual(plan.stores.documents, { add: 0, update: 1, same: 0, keptHere: 1, onlyHere: 0 });
    assert.deepEqual(writes.settings, []);
    assert.deepEqual(plan.stores.audit, { add: 1, update: 0, same: 1, keptHere: 0, onlyHere: 1 });
    assert.deepEqual(writes.audit, [{ timeMs: 2, op: 'z', summary: 'only in backup' }], 'a taken sequence number is dropped, the store assigns one');
    assert.deepEqual(plan.missingKeys, []);
    assert.isTrue(sameRestorePlan(plan, planRestore(current, snap, new Set(['a/ca', 'a/id', 'n/ca', 'n/id'])).plan));
  });

  it('the same data again writes nothing', () => {
    const stores: StoreContents = { ...empty, identities: [identity('a', 'A')], settings: [{ name: 's', value: { deep: [1, new Uint8Array([2])] } }] };
    const { plan } = planRestore(stores, snapshot(stores), new Set(['a/ca', 'a/id']));
    assert.equal(plan.changes, 0);
  });

  it('compares values by content', () => {
    const cases: ReadonlyArray<{ name: string; a: unknown; b: unknown; want: boolean }> = [
      { name: 'bytes equal', a: new Uint8Array([1, 2]), b: new Uint8Array([1, 2]), want: true },
      { name: 'bytes differ', a: new Uint8Array([1, 2]), b: new Uint8Array([1, 3]), want: false },
      { name: 'bytes vs array', a: new Uint8Array([1]), b: [1], want: false },
      { name: 'key order does not matter', a: { x: 1, y: 2 }, b: { y: 2, x: 1 }, want: true },
      { name: 'undefined field ignored', a: { x: 1, y: undefined }, b: { x: 1 }, want: true },
      { name: 'nested differ', a: { x: [1, { z: 'a' }] }, b: { x: [1, { z: 'b' }] }, want: false },
      { name: 'null vs object', a: null, b: {}, want: false },
    ];
    for (const c of cases) assert.equal(sameBackupValue(c.a as never, c.b as never), c.want, c.name);
  });
});
