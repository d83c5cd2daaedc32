// The trust graph's data and layout: who introduced us, whom we introduced and cross-certified, their
// services; columns in reading order, empty columns dropped, no two boxes overlapping, duplicates merged.
import { assert } from 'chai';
import { describe, it, before } from '../../harness.ts';
import { buildTrustGraph, createIdentity, crossCertify, introduce, type CreatedIdentity, type TrustGraph } from './intro-imports.ts';

const DAY = 86_400_000;

function overlaps(g: TrustGraph): string[] {
  const out: string[] = [];
  for (const a of g.nodes) {
    for (const b of g.nodes) {
      if (a.id < b.id && Math.abs(a.x - b.x) < g.nodeWidth && Math.abs(a.y - b.y) < g.nodeHeight) out.push(`${a.id} / ${b.id}`);
    }
    if (a.x - g.nodeWidth / 2 < 0 || a.x + g.nodeWidth / 2 > g.width || a.y - g.nodeHeight / 2 < 0 || a.y + g.nodeHeight / 2 > g.height) out.push(`${a.id} outside`);
  }
  return out;
}

describe('trust graph', () => {
  const now = Date.UTC(2030, 0, 1);
  let alpha: CreatedIdentity;
  let beta: CreatedIdentity;
  let gamma: CreatedIdentity;
  before(async () => {
    alpha = await createIdentity({ name: { org: 'Alpha', unit: 'Ops' }, san: { hosts: ['alpha.example'] }, atMs: now, caPathLength: 1 });
    beta = await createIdentity({ name: { org: 'Beta', unit: 'Ops' }, san: { hosts: ['beta.example'] }, atMs: now });
    gamma = await createIdentity({ name: { org: 'Gamma', unit: 'Ops' }, san: { hosts: ['gamma.example'] }, atMs: now });
  });

  it('lays out services, introducers, our identities and whom we vouch for, left to right', async () => {
    const byBeta = await introduce({ peerDer: alpha.idCertDer, ca: { certDer: beta.caCertDer, key: beta.caKeys.privateKey }, atMs: now, validityDays: 30, services: [{ alias: 'beta-api', url: 'https://beta.example:8443' }, { alias: 'beta-db', url: 'https://db.beta.example' }] });
    const weIntroduced = await introduce({ peerDer: beta.idCertDer, ca: { certDer: alpha.caCertDer, key: alpha.caKeys.privateKey }, atMs: now, validityDays: 30 });
    const again = await introduce({ peerDer: beta.idCertDer, ca: { certDer: alpha.caCertDer, key: alpha.caKeys.privateKey }, atMs: now, validityDays: 60 });
    const x = await crossCertify({ peerCaDer: gamma.caCertDer, ca: { certDer: alpha.caCertDer, key: alpha.caKeys.privateKey }, atMs: now, limits: { pathLength: 0, validityDays: 30 } });
    const g = await buildTrustGraph({
      identities: [{ ref: 'a', idCertDer: alpha.idCertDer, label: 'Alpha main' }],
      introductions: [{ signedCertDer: byBeta.signedCertDer, caCertDer: byBeta.caCertDer, identityRef: 'a', services: [{ alias: 'beta-api', url: 'https://beta.example:8443' }, { alias: 'beta-db', url: 'https://db.beta.example' }] }],
      introduced: [{ certDer: weIntroduced.signedCertDer, identityRef: 'a' }, { certDer: again.signedCertDer, identityRef: 'a' }],
      crossCertificates: [{ certDer: x.certDer, identityRef: 'a', description: x.description }],
      atMs: now + DAY,
    });
    assert.deepEqual(g.columns.map((c) => c.title), ['Their services', 'Introduced us', 'Our identities', 'We vouch for']);
    assert.deepEqual(g.nodes.map((n) => [n.kind, n.label]), [
      ['service', 'beta-api'], ['service', 'beta-db'],
      ['introducer', 'Beta / Ops'],
      ['identity', 'Alpha main'],
      ['introduced', 'Beta / Ops'], ['cross-certified', 'Gamma / Ops'],
    ], 're-introducing the same peer shows it once');
    assert.deepEqual(g.edges.map((e) => [e.kind, e.label]), [
      ['introduced-us', 'Beta / Ops introduced Alpha main'],
      ['serves', 'beta-api (https://beta.example:8443) is run by Beta / Ops'],
      ['serves', 'beta-db (https://db.beta.example) is run by Beta / Ops'],
      ['we-introduced', 'Alpha main introduced Beta / Ops'],
      ['cross-certified', 'Alpha main cross-certified Gamma / Ops'],
    ]);
    const xs = g.columns.map((c) => c.x);
    assert.deepEqual([...xs].sort((a, b) => a - b), xs, 'columns left to right');
    for (const n of g.nodes) assert.include(xs, n.x);
    assert.deepEqual(overlaps(g), []);
    const cross = g.nodes.find((n) => n.kind === 'cross-certified')!;
    assert.include(cross.details.join('\n'), 'end entities only');
    assert.isTrue(g.nodes.every((n) => !n.expired));
    // The lone introducer and identity sit level with the middle of the two services.
    const ys = g.nodes.filter((n) => n.kind === 'service').map((n) => n.y);
    assert.equal(g.nodes.find((n) => n.kind === 'identity')!.y, (ys[0]! + ys[1]!) / 2);
  });

  it('drops empty columns, marks what has expired, and attaches to the first identity when none is named', async () => {
    const byBeta = await introduce({ peerDer: alpha.idCertDer, ca: { certDer: beta.caCertDer, key: beta.caKeys.privateKey }, atMs: now, validityDays: 1 });
    const g = await buildTrustGraph({
      identities: [{ ref: 'a', idCertDer: alpha.idCertDer }, { ref: 'b', idCertDer: gamma.idCertDer }],
      introductions: [{ signedCertDer: byBeta.signedCertDer, caCertDer: byBeta.caCertDer, services: [] }],
      atMs: now + 2 * DAY,
    });
    assert.deepEqual(g.columns.map((c) => c.title), ['Introduced us', 'Our identities']);
    const intro = g.nodes.find((n) => n.kind === 'introducer')!;
    assert.isTrue(intro.expired);
    assert.match(intro.sublabel, /^introduction expired /);
    assert.deepEqual(g.edges.map((e) => [e.to, e.expired]), [['identity:a', true]]);
    assert.deepEqual(overlaps(g), []);
    const empty = await buildTrustGraph({ identities: [], introductions: [], atMs: now });
    assert.deepEqual([empty.nodes.length, empty.columns.map((c) => c.title)], [0, ['Our identities']]);
  });
});
