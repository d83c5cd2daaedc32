// The scope boundary with real mutual-TLS handshakes (Node tls): every ✅ pair connects, every ❌ is refused.
import { assert } from 'chai';
import { before, describe, it } from 'node:test';
import { callAllowed, trustBundle, type HierarchyState } from '../../../src/pki/index.ts';
import { T0, addService, makeCustody, makeEnvironment, type ServiceCredentials } from '../../support/hierarchy-fixture.ts';
import { mutualTls } from '../../support/tls.ts';

const MATRIX: ReadonlyArray<{ name: string; client: string; server: string; want: boolean }> = [
  { name: 'intra-region', client: 'eu', server: 'eu', want: true },
  { name: 'region → global', client: 'eu', server: 'global', want: true },
  { name: 'region → global (other region)', client: 'us', server: 'global', want: true },
  { name: 'global → global', client: 'global', server: 'global', want: true },
  { name: 'cross-region', client: 'eu', server: 'us', want: false },
  { name: 'cross-region (reverse)', client: 'us', server: 'eu', want: false },
  { name: 'global → region', client: 'global', server: 'eu', want: false },
];

describe('scope boundary over mutual TLS', () => {
  let state: HierarchyState;
  const creds: Record<string, ServiceCredentials> = {};
  before(async () => {
    state = await makeEnvironment(await makeCustody());
    for (const [scope, service] of [['global', 'api'], ['eu', 'shop'], ['us', 'mail']] as const) {
      const r = await addService(state, scope, service);
      state = r.state;
      creds[scope] = r.creds;
    }
  });

  for (const c of MATRIX) {
    it(`${c.name}: ${c.client} → ${c.server} ${c.want ? 'connects' : 'is refused'}`, async () => {
      assert.equal(callAllowed(c.client, c.server), c.want);
      const client = creds[c.client]!;
      const server = creds[c.server]!;
      const out = await mutualTls({
        server: { ...server, caPem: trustBundle(state.doc, c.server, 'clients', T0 + 1000).pem },
        client: { ...client, caPem: trustBundle(state.doc, c.client, 'servers', T0 + 1000).pem, servername: server.host },
      });
      assert.equal(out.ok, c.want, JSON.stringify(out));
      if (!c.want && !out.ok) assert.equal(out.side, 'client', 'the calling client refuses with its own bundle');
    });
  }

  it('a regional server also refuses a global client that ignores its own bundle (server-side check)', async () => {
    const out = await mutualTls({
      server: { ...creds.eu!, caPem: trustBundle(state.doc, 'eu', 'clients', T0 + 1000).pem },
      client: { ...creds.global!, caPem: '', servername: creds.eu!.host, verify: false },
    });
    assert.isFalse(out.ok);
    if (!out.ok) assert.equal(out.side, 'server');
  });

  it('a regional server refuses a client of another region that ignores its own bundle', async () => {
    const out = await mutualTls({
      server: { ...creds.us!, caPem: trustBundle(state.doc, 'us', 'clients', T0 + 1000).pem },
      client: { ...creds.eu!, caPem: '', servername: creds.us!.host, verify: false },
    });
    assert.isFalse(out.ok);
  });

  it('bundles contain intermediates only, never the root', () => {
    const b = trustBundle(state.doc, 'eu', 'servers', T0);
    assert.deepEqual(b.trustedScopes, ['global', 'eu']);
    assert.deepEqual(b.authorities.map((a) => a.id), ['int-global-i1', 'int-eu-i1']);
    assert.deepEqual(trustBundle(state.doc, 'global', 'clients', T0).trustedScopes, ['global', 'eu', 'us']);
    assert.deepEqual(trustBundle(state.doc, 'eu', 'clients', T0).trustedScopes, ['eu']);
    assert.deepEqual(trustBundle(state.doc, 'global', 'servers', T0).trustedScopes, ['global']);
  });
});
