// Root rotation end to end over mutual TLS: during the dual-root overlap leaves under the old and the
// new root are both accepted; after finalize only the new ones.
import { assert } from 'chai';
import { describe, it } from 'node:test';
import { advanceOperation, applyWriteSet, finalizeRootRotation, generateServiceKey, isPkiError, issueLeaf, startRootRotation, trustBundle, type HierarchyState } from '../../../src/pki/index.ts';
import { T0, addService, makeCustody, makeEnvironment, type ServiceCredentials } from '../../support/hierarchy-fixture.ts';
import { mutualTls } from '../../support/tls.ts';

async function call(state: HierarchyState, client: ServiceCredentials, server: ServiceCredentials): Promise<boolean> {
  const at = Date.now();
  const out = await mutualTls({
    server: { ...server, caPem: trustBundle(state.doc, server.scope, 'clients', at).pem },
    client: { ...client, caPem: trustBundle(state.doc, client.scope, 'servers', at).pem, servername: server.host },
  });
  return out.ok;
}

async function renew(state: HierarchyState, old: ServiceCredentials): Promise<{ state: HierarchyState; creds: ServiceCredentials }> {
  const key = await generateServiceKey(state.doc.environment.keyType);
  const r = await issueLeaf(state, { scope: old.scope, service: old.service, dnsNames: [old.host], spki: key.spki }, T0 + 1000);
  return { state: applyWriteSet(state, r.writes), creds: { ...old, chainPem: r.chainPem, keyPem: key.pkcs8Pem } };
}

describe('root rotation with dual-root overlap', () => {
  it('overlap accepts both generations; finalize leaves only the new one', async () => {
    let s = await makeEnvironment(await makeCustody());
    let r = await addService(s, 'eu', 'shop');
    s = r.state;
    const oldEu = r.creds;
    r = await addService(s, 'global', 'api');
    s = r.state;
    const oldGlobal = r.creds;
    const oldUs = (r = await addService(s, 'us', 'mail'), s = r.state, r.creds);

    s = applyWriteSet(s, await startRootRotation(s, { escrow: true }, T0 + 1000));
    s = applyWriteSet(s, await advanceOperation(s, T0 + 1000)); // mint-intermediates
    assert.equal(s.doc.operation?.step, 'publish');
    assert.isTrue(await call(s, oldEu, oldGlobal), 'pending new authorities change nothing');
    s = applyWriteSet(s, await advanceOperation(s, T0 + 1000)); // publish: overlap begins
    assert.equal(s.doc.operation?.step, 'finalize');

    let n = await renew(s, oldEu);
    s = n.state;
    const newEu = n.creds;
    n = await renew(s, oldGlobal);
    s = n.state;
    const newGlobal = n.creds;
    assert.lengthOf(trustBundle(s.doc, 'eu', 'servers', Date.now()).authorities, 4, 'old and new intermediates of eu and global');

    assert.isTrue(await call(s, oldEu, newGlobal), 'overlap: old client, new server');
    assert.isTrue(await call(s, newEu, oldGlobal), 'overlap: new client, old server');
    assert.isTrue(await call(s, newEu, newGlobal), 'overlap: new, new');
    assert.isFalse(await call(s, newEu, oldUs), 'overlap keeps the boundary');

    try {
      finalizeRootRotation(s, { force: false }, T0 + 2000);
      assert.fail('finalize must refuse while us/mail still chains to the old root');
    } catch (e) {
      assert.isTrue(isPkiError(e, 'HIER_LEAVES_OUTSTANDING'), String(e));
    }
    s = (await renew(s, oldUs)).state;
    s = applyWriteSet(s, finalizeRootRotation(s, { force: false }, T0 + 2000));
    assert.isUndefined(s.doc.operation);
    assert.deepEqual(s.doc.authorities.map((a) => a.id).sort(), ['int-eu-i2', 'int-global-i2', 'int-us-i2', 'root-r2']);
    assert.equal(s.keys.size, 4, 'the old keys are deleted with their authorities');

    assert.isTrue(await call(s, newEu, newGlobal), 'after finalize: new, new');
    assert.isFalse(await call(s, oldEu, newGlobal), 'after finalize: old client refused');
    assert.isFalse(await call(s, newEu, oldGlobal), 'after finalize: old server refused');
  });
});
