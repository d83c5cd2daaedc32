// Root-only topology: one root, escrowed to CI (it is the online issuer), signing leaves itself.
import { assert } from 'chai';
import { describe, it } from '../../harness.ts';
import { applyWriteSet, checkEnvironment, createEnvironment, emptyState, generateServiceKey, isPkiError, issueLeaf, openStoreKeys, parseCertificate, parsePem, startIntermediateRotation, trustBundle, validateEnvironment } from '../../../src/pki/index.ts';
import { T0, makeCustody } from '../../support/hierarchy-fixture.ts';

describe('root-only topology', () => {
  it('issues leaves from the root, bundles the root, and refuses intermediate rotation', async () => {
    const c = await makeCustody();
    const environment = checkEnvironment({ name: 'daemon', trustDomain: 'example.org', topology: 'root-only', custodians: { rootRecipient: c.rootRecipient, ciRecipient: c.ciRecipient } });
    const ws = await createEnvironment({ environment, escrowRoot: false, atMs: T0 });
    let s = applyWriteSet(emptyState(ws.doc), ws);
    assert.deepEqual(s.doc.authorities.map((a) => a.id), ['root-r1']);
    assert.deepEqual(s.doc.keys[0]!.recipients, [c.ciRecipient], 'the online issuer key is for CI');
    assert.isTrue((await openStoreKeys(s.doc, [c.ciIdentity])).has('key-root-r1'));
    const key = await generateServiceKey('p256');
    const r = await issueLeaf(s, { scope: 'global', service: 'agent', spki: key.spki }, T0);
    s = applyWriteSet(s, r.writes);
    assert.equal(r.chainPem, r.leaf.certPem, 'no intermediate in the chain');
    const leaf = parseCertificate(parsePem(r.leaf.certPem)[0]!.der);
    assert.equal(leaf.issuer.der.length, parseCertificate(parsePem(s.doc.authorities[0]!.certPem)[0]!.der).subject.der.length);
    assert.deepEqual(trustBundle(s.doc, 'global', 'servers', T0).authorities.map((a) => a.id), ['root-r1']);
    assert.isTrue((await validateEnvironment(s.doc, T0 + 1000)).ok);
    try {
      await startIntermediateRotation(s, 'global', T0);
      assert.fail('accepted');
    } catch (e) {
      assert.isTrue(isPkiError(e, 'HIER_TOPOLOGY'), String(e));
    }
  });
});
