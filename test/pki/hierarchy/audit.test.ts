// The audit entries of every hierarchy step, derived from the step's write set alone: each
// certificate the step signed (op, the key that signed it, SHA-256 of the DER, environment), then
// what it published or dropped; an imported file's leaves are never logged as signed here.
import { assert } from 'chai';
import { before, describe, it } from '../../harness.ts';
import {
  abortOperation,
  advanceOperation,
  applyWriteSet,
  finalizeRootRotation,
  fingerprintOf,
  generateServiceKey,
  hierarchyAuditEntries,
  importAuditEntries,
  issueLeaf,
  mergeEnvironments,
  parsePem,
  pruneRetired,
  readStoreFile,
  recoverIntermediate,
  renewExpiring,
  startIntermediateRotation,
  startRootRotation,
  writeStoreFile,
  DAY_MS,
  type EnvironmentDoc,
  type HierarchyAuditEntry,
  type HierarchyState,
  type WriteSet,
} from '../../../src/pki/index.ts';
import { T0, addService, makeCustody, makeEnvironment, type Custody } from '../../support/hierarchy-fixture.ts';

/** op, key, authority or SPIFFE ID of each entry: what a step must log, in order. */
const brief = (es: ReadonlyArray<HierarchyAuditEntry>): string[] =>
  es.map((e) => [e.op, e.keyId ?? '-', e.details['authorityId'] ?? e.details['spiffeId'] ?? e.details['dropped'] ?? e.details['published'] ?? ''].join(' '));

/** Every signature entry names the environment and carries the SHA-256 of the certificate now in the document. */
async function assertHashes(doc: EnvironmentDoc, es: ReadonlyArray<HierarchyAuditEntry>): Promise<void> {
  for (const e of es) {
    assert.equal(e.details['environment'], doc.environment.name, e.op);
    if (!e.outputSha256) continue;
    const pem = typeof e.details['authorityId'] === 'string'
      ? doc.authorities.find((a) => a.id === e.details['authorityId'])!.certPem
      : doc.leaves.find((l) => l.spiffeId === e.details['spiffeId'])!.certPem;
    assert.equal(e.outputSha256, (await fingerprintOf(parsePem(pem)[0]!.der)).hex, `${e.op} hash`);
  }
}

async function step(s: HierarchyState, ws: WriteSet | Promise<WriteSet>): Promise<{ s: HierarchyState; entries: HierarchyAuditEntry[] }> {
  const w = await ws;
  const entries = hierarchyAuditEntries(s.doc, w.doc);
  await assertHashes(w.doc, entries);
  return { s: applyWriteSet(s, w), entries };
}

describe('hierarchy: audit entries derived from each step', () => {
  let custody: Custody;
  let base: HierarchyState;
  before(async () => {
    custody = await makeCustody();
    base = await makeEnvironment(custody);
  });

  it('creation: the environment, the self-signed root, one intermediate per scope signed by the root key', async () => {
    const es = hierarchyAuditEntries(null, base.doc);
    assert.deepEqual(brief(es), [
      'hierarchy.create - ',
      'hierarchy.root.sign key-root-r1 root-r1',
      'hierarchy.intermediate.sign key-root-r1 int-global-i1',
      'hierarchy.intermediate.sign key-root-r1 int-eu-i1',
      'hierarchy.intermediate.sign key-root-r1 int-us-i1',
    ]);
    assert.equal(es[0]!.summary, 'Created environment prod (two-tier, scopes global, eu, us; ECDSA P-256 keys; root recoverable by the offline holder)');
    assert.equal(es[1]!.summary, 'Signed the root certificate root-r1 of prod, self-signed, for a new key');
    assert.equal(es[3]!.summary, 'Signed the intermediate certificate int-eu-i1 (scope eu) of prod, signed by root-r1, for a new key');
    assert.match(String(es[3]!.details['serial']), /^[0-9a-f]+$/);
    await assertHashes(base.doc, es);
  });

  it('leaves: issue, re-issue with a new key and renewal with the same key, each signed by the scope intermediate', async () => {
    const key = await generateServiceKey('p256');
    let r = await step(base, (await issueLeaf(base, { scope: 'eu', service: 'shop', dnsNames: ['shop.eu.example.org'], spki: key.spki }, T0)).writes);
    assert.deepEqual(brief(r.entries), ['hierarchy.leaf.issue key-int-eu-i1 spiffe://example.org/prod/eu/shop']);
    assert.equal(r.entries[0]!.summary, 'Issued a leaf for spiffe://example.org/prod/eu/shop (DNS shop.eu.example.org), signed by int-eu-i1');
    const other = await generateServiceKey('p256');
    r = await step(r.s, (await issueLeaf(r.s, { scope: 'eu', service: 'shop', spki: other.spki }, T0 + 1000)).writes);
    assert.deepEqual(brief(r.entries), ['hierarchy.leaf.renew key-int-eu-i1 spiffe://example.org/prod/eu/shop']);
    assert.match(r.entries[0]!.summary, /\(new service key\)$/);
    r = await step(r.s, (await issueLeaf(r.s, { scope: 'us', service: 'api', spki: other.spki }, T0 + 1000)).writes);
    r = await step(r.s, (await renewExpiring(r.s, { withinDays: 100 }, T0 + 2000)).writes);
    assert.deepEqual(brief(r.entries), ['hierarchy.leaf.renew key-int-eu-i1 spiffe://example.org/prod/eu/shop', 'hierarchy.leaf.renew key-int-us-i1 spiffe://example.org/prod/us/api']);
    assert.isTrue(r.entries.every((e) => e.details['sameKey'] === true));
    r = await step(r.s, (await renewExpiring(r.s, { withinDays: 0 }, T0 + 2000)).writes);
    assert.deepEqual(r.entries, [], 'nothing due: nothing signed, nothing logged');
  });

  it('intermediate rotation and recovery: mint (root key), publish, re-certify, prune', async () => {
    let s = (await addService(base, 'eu', 'shop')).state;
    let r = await step(s, startIntermediateRotation(s, 'eu', T0 + DAY_MS));
    assert.deepEqual(brief(r.entries), ['hierarchy.intermediate.sign key-root-r1 int-eu-i2']);
    assert.match(r.entries[0]!.summary, /^Signed the pending intermediate certificate int-eu-i2/);
    r = await step(r.s, advanceOperation(r.s, T0 + DAY_MS));
    assert.deepEqual(brief(r.entries), ['hierarchy.publish - int-eu-i2']);
    assert.equal(r.entries[0]!.summary, 'prod: Published int-eu-i2 (now issuing and in bundles); retired int-eu-i1 (kept in bundles until its leaves expire)');
    r = await step(r.s, recoverIntermediate(r.s, 'eu', T0 + 2 * DAY_MS));
    assert.deepEqual(brief(r.entries), ['hierarchy.intermediate.recertify key-root-r1 int-eu-i2']);
    assert.match(r.entries[0]!.summary, /same subject and key$/);
    r = await step(r.s, (await renewExpiring(r.s, { withinDays: 0 }, T0 + 2 * DAY_MS)).writes);
    assert.deepEqual(brief(r.entries), ['hierarchy.leaf.renew key-int-eu-i2 spiffe://example.org/prod/eu/shop']);
    s = r.s;
    const until = s.doc.authorities.find((a) => a.id === 'int-eu-i1')!.retireAfterMs!;
    r = await step(s, pruneRetired(s, until));
    assert.deepEqual(brief(r.entries), ['hierarchy.drop - int-eu-i1']);
    assert.equal(r.entries[0]!.summary, 'prod: dropped int-eu-i1 and its key (retired, no valid leaf left under them)');
  });

  it('root rotation: pending root (its own key), its intermediates (new root key), publish, finalize; abort', async () => {
    const s = (await addService(base, 'eu', 'shop')).state;
    let r = await step(s, startRootRotation(s, { escrow: true }, T0 + DAY_MS));
    assert.deepEqual(brief(r.entries), ['hierarchy.root.sign key-root-r2 root-r2']);
    const pending = r.s;
    r = await step(r.s, advanceOperation(r.s, T0 + DAY_MS));
    assert.deepEqual(brief(r.entries), ['hierarchy.intermediate.sign key-root-r2 int-global-i2', 'hierarchy.intermediate.sign key-root-r2 int-eu-i2', 'hierarchy.intermediate.sign key-root-r2 int-us-i2']);
    const minted = r.s;
    r = await step(r.s, advanceOperation(r.s, T0 + DAY_MS));
    assert.deepEqual(brief(r.entries), ['hierarchy.publish - root-r2,int-global-i2,int-eu-i2,int-us-i2']);
    r = await step(r.s, (await renewExpiring(r.s, { withinDays: 0 }, T0 + DAY_MS)).writes);
    assert.deepEqual(brief(r.entries), ['hierarchy.leaf.renew key-int-eu-i2 spiffe://example.org/prod/eu/shop']);
    r = await step(r.s, finalizeRootRotation(r.s, { force: false }, T0 + DAY_MS));
    assert.deepEqual(brief(r.entries), ['hierarchy.drop - root-r1,int-global-i1,int-eu-i1,int-us-i1']);
    assert.equal(r.entries[0]!.summary, 'prod: dropped root-r1, int-global-i1, int-eu-i1 and int-us-i1 and their keys (the root rotation is finished)');

    for (const from of [pending, minted]) {
      const a = await step(from, abortOperation(from));
      assert.lengthOf(a.entries, 1);
      assert.equal(a.entries[0]!.op, 'hierarchy.drop');
      assert.match(a.entries[0]!.summary, /\(the rotation was rolled back\)$/);
    }
  });

  it("an imported file: one import entry and one per key loaded; CI's leaves are not logged as signed here", async () => {
    const exported = readStoreFile(writeStoreFile(base.doc));
    const ci = (await addService({ doc: exported, keys: base.keys }, 'us', 'api', T0 + DAY_MS)).state;
    const file = readStoreFile(writeStoreFile(ci.doc));
    const merge = mergeEnvironments(base.doc, file, T0 + DAY_MS);
    const es = importAuditEntries({ file, created: false, merge, keysLoaded: ['key-root-r1'] });
    assert.deepEqual(brief(es), ['hierarchy.import - ', 'hierarchy.key.load key-root-r1 ']);
    assert.equal(es[0]!.summary, `Merged store file revision ${file.revision} into prod: 1 leaf added, 0 renewed (signed by CI, not here)`);
    assert.isUndefined(es[0]!.outputSha256);
    assert.deepEqual(importAuditEntries({ file, created: false, merge: mergeEnvironments(merge.doc, file, T0 + DAY_MS), keysLoaded: [] }), [], 'nothing new: nothing logged');
    const created = importAuditEntries({ file, created: true, merge: { ...merge, added: file.leaves.map((l) => l.spiffeId) }, keysLoaded: [] });
    assert.match(created[0]!.summary, /^Imported environment prod from a store file \(revision \d+; 4 authorities, 1 leaf\)$/);
  });
});
