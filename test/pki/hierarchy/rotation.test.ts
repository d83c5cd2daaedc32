// Rotation state machines: interrupted at every step (the write of the next step lost, as when a tab
// closes mid-transaction), each committed state is consistent and resumes or rolls back losing nothing.
import { assert } from 'chai';
import { before, describe, it } from '../../harness.ts';
import {
  abortOperation,
  advanceOperation,
  applyWriteSet,
  checkConsistency,
  finalizeRootRotation,
  isPkiError,
  parseCertificate,
  parsePem,
  pruneRetired,
  readStoreFile,
  recoverIntermediate,
  renewExpiring,
  startIntermediateRotation,
  startRootRotation,
  trustBundle,
  validateEnvironment,
  verifyCertificateSignature,
  writeStoreFile,
  fromBase64,
  DAY_MS,
  type HierarchyState,
  type WriteSet,
} from '../../../src/pki/index.ts';
import { T0, addService, makeCustody, makeEnvironment, type Custody } from '../../support/hierarchy-fixture.ts';
import { expectCode as expectCodeOf } from '../../support/expect-code.ts';

type Step = (s: HierarchyState) => Promise<WriteSet> | WriteSet;

async function invariants(s: HierarchyState, label: string): Promise<void> {
  checkConsistency(s.doc);
  assert.deepEqual([...s.keys.keys()].sort(), s.doc.keys.map((k) => k.id).sort(), `${label}: every key record has its CryptoKey and no key is orphaned`);
  const report = await validateEnvironment(s.doc, T0 + 2000);
  assert.isTrue(report.ok, `${label}: ${report.text}`);
  assert.deepEqual(readStoreFile(writeStoreFile(s.doc)), s.doc, `${label}: the committed state round-trips through the store file`);
}

const expectCode = (p: Promise<unknown> | (() => unknown), code: string): Promise<void> => expectCodeOf(p, code, isPkiError);

describe('rotation state machines', () => {
  let custody: Custody;
  let base: HierarchyState;
  before(async () => {
    custody = await makeCustody();
    let s = await makeEnvironment(custody);
    for (const [scope, service] of [['global', 'api'], ['eu', 'shop'], ['us', 'mail']] as const) s = (await addService(s, scope, service)).state;
    base = s;
  });

  const at = T0 + 1000;
  const scripts: ReadonlyArray<{ name: string; steps: ReadonlyArray<Step>; abortableUpTo: number }> = [
    { name: 'intermediate rotation', steps: [(s) => startIntermediateRotation(s, 'eu', at), (s) => advanceOperation(s, at)], abortableUpTo: 1 },
    {
      name: 'root rotation',
      steps: [
        (s) => startRootRotation(s, { escrow: false }, at),
        (s) => advanceOperation(s, at),
        (s) => advanceOperation(s, at),
        async (s) => (await renewExpiring(s, { withinDays: 0 }, at)).writes,
        (s) => finalizeRootRotation(s, { force: false }, at),
      ],
      abortableUpTo: 2,
    },
  ];

  for (const script of scripts) {
    it(`${script.name}: interrupted after every step, it resumes or rolls back with nothing lost`, async () => {
      for (let k = 0; k < script.steps.length; k++) {
        let committed = base;
        for (const step of script.steps.slice(0, k)) committed = applyWriteSet(committed, await step(committed));
        await script.steps[k]!(committed); // computed, never committed: the tab closed mid-transaction
        await invariants(committed, `${script.name}, stopped before step ${k + 1}`);
        let resumed = committed;
        for (const step of script.steps.slice(k)) resumed = applyWriteSet(resumed, await step(resumed));
        await invariants(resumed, `${script.name}, resumed from step ${k + 1}`);
        assert.isUndefined(resumed.doc.operation);
        if (k >= 1 && k <= script.abortableUpTo) {
          const rolled = applyWriteSet(committed, abortOperation(committed));
          await invariants(rolled, `${script.name}, rolled back at step ${k + 1}`);
          assert.deepEqual(rolled.doc.authorities, base.doc.authorities, 'rollback restores the authorities exactly');
          assert.deepEqual(rolled.doc.leaves, base.doc.leaves);
        } else if (k > script.abortableUpTo) {
          await expectCode(() => abortOperation(committed), 'HIER_STEP_INVALID');
        }
      }
    });
  }

  it('intermediate rotation keeps the old intermediate in bundles until its last leaf expires, then prunes it', async () => {
    let s = applyWriteSet(base, await startIntermediateRotation(base, 'eu', at));
    assert.deepEqual(trustBundle(s.doc, 'eu', 'clients', at).authorities.map((a) => a.id), ['int-eu-i1'], 'pending is not published');
    s = applyWriteSet(s, await advanceOperation(s, at));
    const old = s.doc.authorities.find((a) => a.id === 'int-eu-i1')!;
    const leaf = base.doc.leaves.find((l) => l.scope === 'eu')!;
    assert.equal(old.status, 'previous');
    assert.equal(old.retireAfterMs, leaf.notAfterMs);
    assert.deepEqual(trustBundle(s.doc, 'eu', 'clients', at).authorities.map((a) => a.id), ['int-eu-i1', 'int-eu-i2']);
    s = applyWriteSet(s, (await renewExpiring(s, { withinDays: 0 }, at)).writes);
    assert.equal(s.doc.leaves.find((l) => l.scope === 'eu')!.issuerId, 'int-eu-i2', 'renew moves leaves to the new intermediate');
    assert.equal(s.doc.authorities.find((a) => a.id === 'int-eu-i1')!.retireAfterMs, leaf.notAfterMs, 'the old leaf is still out there');
    assert.deepEqual(applyWriteSet(s, pruneRetired(s, at)).doc.authorities.map((a) => a.id), s.doc.authorities.map((a) => a.id), 'nothing pruned early');
    const later = applyWriteSet(s, pruneRetired(s, leaf.notAfterMs));
    assert.notInclude(later.doc.authorities.map((a) => a.id), 'int-eu-i1');
    assert.isFalse(later.keys.has(old.keyId));
  });

  it('recover-intermediate re-certifies the same key; existing leaves still chain', async () => {
    const before = base.doc.authorities.find((a) => a.id === 'int-us-i1')!;
    const s = applyWriteSet(base, await recoverIntermediate(base, 'us', T0 + 100 * DAY_MS));
    const after = s.doc.authorities.find((a) => a.id === 'int-us-i1')!;
    assert.notEqual(after.certPem, before.certPem);
    assert.isAbove(after.notAfterMs, before.notAfterMs);
    assert.equal(after.keyId, before.keyId);
    const leaf = parseCertificate(parsePem(s.doc.leaves.find((l) => l.scope === 'us')!.certPem)[0]!.der);
    const newInt = parseCertificate(parsePem(after.certPem)[0]!.der);
    assert.isTrue(await verifyCertificateSignature(leaf, newInt.subjectPublicKeyInfo));
    assert.deepEqual(newInt.subject.der, parseCertificate(parsePem(before.certPem)[0]!.der).subject.der);
    assert.isTrue(await verifyCertificateSignature(newInt, fromBase64(s.doc.keys.find((k) => k.id === 'key-root-r1')!.spkiB64)));
  });

  it('guards: one operation at a time, steps in order, topology', async () => {
    const s = applyWriteSet(base, await startIntermediateRotation(base, 'us', at));
    await expectCode(() => startRootRotation(s, { escrow: false }, at), 'HIER_OPERATION_PENDING');
    await expectCode(() => finalizeRootRotation(s, { force: false }, at), 'HIER_STEP_INVALID');
    await expectCode(() => advanceOperation(base, at), 'HIER_NO_OPERATION');
    await expectCode(() => abortOperation(base), 'HIER_NO_OPERATION');
    await expectCode(() => startIntermediateRotation(base, 'mars', at), 'HIER_SCOPE_UNKNOWN');
  });

  it('CI (intermediate keys only) can renew but cannot rotate', async () => {
    const ci: HierarchyState = { doc: base.doc, keys: new Map([...base.keys].filter(([id]) => id.startsWith('key-int-'))) };
    const r = await renewExpiring(ci, { withinDays: 365 }, at);
    assert.lengthOf(r.renewed, 3);
    await expectCode(() => startIntermediateRotation(ci, 'eu', at), 'HIER_KEY_UNAVAILABLE');
    await expectCode(() => recoverIntermediate(ci, 'eu', at), 'HIER_KEY_UNAVAILABLE');
  });
});
