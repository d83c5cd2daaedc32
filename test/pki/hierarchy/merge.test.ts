// Importing CI's store file into the browser's environment: CI's leaves arrive, decisions that
// depend on the leaf list (retirement, finalize, prune) then see them, and no leaf record is lost.
import { assert } from 'chai';
import { before, describe, it } from '../../harness.ts';
import {
  advanceOperation,
  applyWriteSet,
  abortOperation,
  checkEnvironment,
  finalizeRootRotation,
  generateServiceKey,
  isPkiError,
  issueLeaf,
  mergeEnvironments,
  pruneRetired,
  readStoreFile,
  renewExpiring,
  startIntermediateRotation,
  startRootRotation,
  writeStoreFile,
  DAY_MS,
  type EnvironmentDoc,
  type HierarchyState,
  type MergeResult,
} from '../../../src/pki/index.ts';
import { T0, addService, makeCustody, makeEnvironment, type Custody } from '../../support/hierarchy-fixture.ts';

/** What CI does: read the committed file, sign with the keys it holds, write the file back. */
const viaFile = (doc: EnvironmentDoc): EnvironmentDoc => readStoreFile(writeStoreFile(doc));

async function step(s: HierarchyState, ws: Promise<{ doc: EnvironmentDoc; putKeys: ReadonlyArray<{ id: string; key: CryptoKey }>; deleteKeys: ReadonlyArray<string> }> | { doc: EnvironmentDoc; putKeys: ReadonlyArray<{ id: string; key: CryptoKey }>; deleteKeys: ReadonlyArray<string> }): Promise<HierarchyState> {
  return applyWriteSet(s, await ws);
}

/** Every leaf the file recorded is in the result, superseded by a newer one for its service, or expired with its issuer gone. */
function assertNoLeafLost(file: EnvironmentDoc, r: MergeResult): void {
  for (const f of file.leaves) {
    const m = r.doc.leaves.find((l) => l.scope === f.scope && l.service === f.service);
    const ok = (m && (m.certPem === f.certPem || r.keptOurs.includes(f.spiffeId) || r.sameAge.includes(f.spiffeId))) || r.expiredDropped.includes(f.spiffeId);
    assert.isTrue(!!ok, `${f.spiffeId} is accounted for`);
  }
}

describe('hierarchy: importing a store file (merge)', () => {
  let custody: Custody;
  let base: HierarchyState;
  before(async () => {
    custody = await makeCustody();
    base = (await addService(await makeEnvironment(custody), 'eu', 'shop')).state;
  });

  it("brings in leaves CI issued and renewed, keeps the browser's own, and moves the revision above both", async () => {
    const exported = viaFile(base.doc);
    // CI: renews eu/shop and issues us/api from the committed file.
    let ci: HierarchyState = { doc: exported, keys: base.keys };
    ci = applyWriteSet(ci, (await renewExpiring(ci, { withinDays: 100 }, T0 + 10 * DAY_MS)).writes);
    ci = (await addService(ci, 'us', 'api', T0 + 10 * DAY_MS)).state;
    // Browser, meanwhile: issues global/auth.
    const local = (await addService(base, 'global', 'auth', T0 + 5 * DAY_MS)).state;
    assert.isAbove(local.doc.revision, base.doc.revision, 'both sides moved on from the exported revision');

    const file = viaFile(ci.doc);
    const r = mergeEnvironments(local.doc, file, T0 + 11 * DAY_MS);
    assert.deepEqual(r.conflicts, []);
    assert.isTrue(r.changed);
    assert.deepEqual(r.added, ['spiffe://example.org/prod/us/api']);
    assert.deepEqual(r.updated, ['spiffe://example.org/prod/eu/shop']);
    assert.deepEqual(r.doc.leaves.map((l) => `${l.scope}/${l.service}`), ['eu/shop', 'global/auth', 'us/api']);
    assert.equal(r.doc.leaves.find((l) => l.service === 'shop')!.certPem, file.leaves.find((l) => l.service === 'shop')!.certPem);
    assert.equal(r.doc.revision, Math.max(local.doc.revision, file.revision) + 1);
    assertNoLeafLost(file, r);
    assert.deepEqual(readStoreFile(writeStoreFile(r.doc)), r.doc, 'the merged document is a valid store file');

    // Importing the same file again changes nothing; so does importing our own export.
    const again = mergeEnvironments(r.doc, file, T0 + 11 * DAY_MS);
    assert.isFalse(again.changed);
    assert.equal(again.doc, r.doc);
    assert.deepEqual(again.keptOurs, [], 'identical records are neither added nor kept-over');
    assert.isFalse(mergeEnvironments(r.doc, viaFile(r.doc), T0).changed);

    // An older file (before CI's work) keeps our newer leaves and loses nothing.
    const old = mergeEnvironments(r.doc, exported, T0 + 11 * DAY_MS);
    assert.isFalse(old.changed);
    assert.deepEqual(old.keptOurs, ['spiffe://example.org/prod/eu/shop']);
  });

  it("a different certificate of the same age (same notBefore and notAfter) is a tie: this browser's is kept and reported as sameAge, not as newer", async () => {
    const exported = viaFile(base.doc);
    const at = T0 + 3 * DAY_MS;
    // The browser and CI both issue us/api in the same second, each for its own key.
    const local = (await addService(base, 'us', 'api', at)).state;
    const ci = (await addService({ doc: exported, keys: base.keys }, 'us', 'api', at)).state;
    const ours = local.doc.leaves.find((l) => l.service === 'api')!;
    const theirs = ci.doc.leaves.find((l) => l.service === 'api')!;
    assert.notEqual(ours.certPem, theirs.certPem);
    assert.equal(ours.notAfterMs, theirs.notAfterMs);
    const r = mergeEnvironments(local.doc, viaFile(ci.doc), at);
    assert.deepEqual(r.conflicts, []);
    assert.deepEqual(r.sameAge, ['spiffe://example.org/prod/us/api']);
    assert.deepEqual([r.keptOurs, r.added, r.updated], [[], [], []], 'neither newer here nor in the file');
    assert.isFalse(r.changed);
    assert.equal(r.doc.leaves.find((l) => l.service === 'api')!.certPem, ours.certPem);
    assertNoLeafLost(ci.doc, r);

    // Same notBefore but the file's expires earlier: ours is newer (kept), not a tie.
    const short = (await issueLeaf({ doc: exported, keys: base.keys }, { scope: 'us', service: 'api', spki: (await generateServiceKey('p256')).spki, validityDays: 30 }, at)).writes.doc;
    const r2 = mergeEnvironments(local.doc, viaFile(short), at);
    assert.deepEqual([r2.keptOurs, r2.sameAge], [['spiffe://example.org/prod/us/api'], []]);
  });

  it('a leaf CI issued under the old intermediate after a rotation keeps that intermediate until it expires (prune sees it)', async () => {
    const exported = viaFile(base.doc);
    let local = await step(base, startIntermediateRotation(base, 'eu', T0 + DAY_MS));
    local = await step(local, advanceOperation(local, T0 + DAY_MS));
    const old = local.doc.authorities.find((a) => a.id === 'int-eu-i1')!;
    assert.equal(old.status, 'previous');
    const shopUntil = base.doc.leaves[0]!.notAfterMs;
    assert.equal(old.retireAfterMs, shopUntil);

    // CI still has the file from before the rotation: it issues eu/api under int-eu-i1, ten days later.
    const ci = (await addService({ doc: exported, keys: base.keys }, 'eu', 'api', T0 + 10 * DAY_MS)).state;
    const apiUntil = ci.doc.leaves.find((l) => l.service === 'api')!.notAfterMs;
    assert.isAbove(apiUntil, shopUntil);

    // Without the import, pruning after shop expired drops int-eu-i1 although api still needs it.
    const blind = pruneRetired(local, shopUntil + DAY_MS);
    assert.isFalse(blind.doc.authorities.some((a) => a.id === 'int-eu-i1'), 'the stale list lets prune drop it');

    const r = mergeEnvironments(local.doc, viaFile(ci.doc), T0 + 11 * DAY_MS);
    assert.deepEqual(r.conflicts, []);
    assert.deepEqual(r.added, ['spiffe://example.org/prod/eu/api']);
    assert.equal(r.doc.authorities.find((a) => a.id === 'int-eu-i1')!.retireAfterMs, apiUntil);
    const merged: HierarchyState = { doc: r.doc, keys: local.keys };
    const pruned = pruneRetired(merged, shopUntil + DAY_MS);
    assert.isTrue(pruned.doc.authorities.some((a) => a.id === 'int-eu-i1'), 'after the import prune keeps it');
    assert.isTrue(pruned.doc.leaves.some((l) => l.service === 'api'));
  });

  it('finalize sees leaves CI renewed under the new root (and would refuse on a stale list)', async () => {
    let local = await step(base, startRootRotation(base, { escrow: true }, T0 + DAY_MS));
    local = await step(local, advanceOperation(local, T0 + DAY_MS));
    local = await step(local, advanceOperation(local, T0 + DAY_MS));
    assert.equal(local.doc.operation?.step, 'finalize');
    try {
      finalizeRootRotation(local, { force: false }, T0 + 2 * DAY_MS);
      assert.fail('finalize should refuse');
    } catch (e) {
      assert.isTrue(isPkiError(e, 'HIER_LEAVES_OUTSTANDING'));
    }
    // CI gets the overlap file and renews every leaf still under the old root.
    let ci: HierarchyState = { doc: viaFile(local.doc), keys: local.keys };
    ci = applyWriteSet(ci, (await renewExpiring(ci, { withinDays: 0 }, T0 + 2 * DAY_MS)).writes);
    const r = mergeEnvironments(local.doc, viaFile(ci.doc), T0 + 2 * DAY_MS);
    assert.deepEqual(r.conflicts, []);
    assert.deepEqual(r.updated, ['spiffe://example.org/prod/eu/shop']);
    assert.equal(r.doc.operation?.step, 'finalize', "the browser's rotation state is kept");
    const fin = finalizeRootRotation({ doc: r.doc, keys: local.keys }, { force: false }, T0 + 2 * DAY_MS);
    assert.deepEqual(fin.doc.authorities.map((a) => a.id).sort(), ['int-eu-i2', 'int-global-i2', 'int-us-i2', 'root-r2']);
    assert.lengthOf(fin.doc.leaves, 1);
  });

  it('refuses a valid file leaf whose issuer was already dropped here, until that service is renewed here', async () => {
    let local = await step(base, startRootRotation(base, { escrow: true }, T0));
    local = await step(local, advanceOperation(local, T0));
    local = await step(local, advanceOperation(local, T0));
    // CI worked from a file committed before the rotation: it issued us/api under int-us-i1.
    const stale = (await addService({ doc: viaFile(base.doc), keys: base.keys }, 'us', 'api', T0 + DAY_MS)).state;
    // The browser renews its leaves under the new root and finalizes, dropping int-*-i1.
    local = applyWriteSet(local, (await renewExpiring(local, { withinDays: 0 }, T0 + DAY_MS)).writes);
    local = applyWriteSet(local, finalizeRootRotation(local, { force: false }, T0 + DAY_MS));
    assert.isFalse(local.doc.authorities.some((a) => a.id === 'int-us-i1'));

    const r = mergeEnvironments(local.doc, viaFile(stale.doc), T0 + 2 * DAY_MS);
    assert.isFalse(r.changed);
    assert.equal(r.doc, local.doc, 'nothing to write');
    assert.deepEqual(r.conflicts.map((c) => [c.code, c.subject]), [['LEAF_ISSUER_DROPPED', 'spiffe://example.org/prod/us/api']]);
    assert.match(r.conflicts[0]!.message, /int-us-i1 was already dropped here; issue or renew us\/api here/);

    // Once expired, there is nothing left to keep: reported, not a conflict.
    const late = mergeEnvironments(local.doc, viaFile(stale.doc), T0 + 200 * DAY_MS);
    assert.deepEqual(late.conflicts, []);
    assert.includeMembers([...late.expiredDropped], ['spiffe://example.org/prod/us/api']);

    // The way out: issue us/api here (newer); the file's older record is then superseded.
    const key = await generateServiceKey('p256');
    local = applyWriteSet(local, (await issueLeaf(local, { scope: 'us', service: 'api', dnsNames: ['api.us.example.org'], spki: key.spki }, T0 + 3 * DAY_MS)).writes);
    const ok = mergeEnvironments(local.doc, viaFile(stale.doc), T0 + 3 * DAY_MS);
    assert.deepEqual(ok.conflicts, []);
    assert.includeMembers([...ok.keptOurs], ['spiffe://example.org/prod/us/api']);
    assertNoLeafLost(stale.doc, ok);
  });

  it('refuses a file of another environment or another history (same id, different key)', async () => {
    const other = await makeCustody();
    const env2 = checkEnvironment({ ...base.doc.environment, custodians: { rootRecipient: other.rootRecipient, ciRecipient: base.doc.environment.custodians.ciRecipient } });
    const r1 = mergeEnvironments(base.doc, { ...viaFile(base.doc), environment: env2 }, T0);
    assert.deepEqual(r1.conflicts.map((c) => c.code), ['ENVIRONMENT_DIFFERS']);
    // Key order in the file does not matter, values do.
    const { dnsSubtrees, ...rest } = base.doc.environment;
    const reordered = { ...viaFile(base.doc), environment: { dnsSubtrees, ...rest } };
    assert.deepEqual(mergeEnvironments(base.doc, reordered, T0).conflicts, []);

    // A rotation rolled back and started again mints int-eu-i2 with a new key; a file exported in between has the first one.
    const first = await step(base, startIntermediateRotation(base, 'eu', T0));
    const between = viaFile(first.doc);
    let local = applyWriteSet(first, abortOperation(first));
    local = await step(local, startIntermediateRotation(local, 'eu', T0));
    const r2 = mergeEnvironments(local.doc, between, T0);
    assert.deepEqual(r2.conflicts.map((c) => [c.code, c.subject]), [['AUTHORITY_DIFFERS', 'int-eu-i2']]);
  });

  it('a file written before a rollback only notes the rolled-back authority; nothing is restored', async () => {
    const first = await step(base, startIntermediateRotation(base, 'eu', T0));
    const between = viaFile(first.doc);
    const local = applyWriteSet(first, abortOperation(first));
    const r = mergeEnvironments(local.doc, between, T0);
    assert.deepEqual(r.conflicts, []);
    assert.isFalse(r.changed);
    assert.isTrue(r.notes.some((n) => /int-eu-i2 is in the file but no longer here/.test(n)), r.notes.join('; '));
    assert.isTrue(r.notes.some((n) => /rotation state .*rotate-intermediate.* differs; kept this browser's \(none\)/.test(n)), r.notes.join('; '));
  });
});
