// The trust graph's data and layout: who introduced us, whom we introduced and cross-certified, their
// services; columns in reading order, empty columns dropped, no two boxes overlapping, duplicates merged;
// what our CAs revoked and what an introducer's CRL revokes, marked in data and in words.
import { assert } from 'chai';
import { describe, it, before } from '../../harness.ts';
import {
  buildTrustGraph, caIdentityOf, createIdentity, crossCertify, emptyLedger, introduce, issueNextCrl, parseCertificate, revokeCertificate,
  type CreatedIdentity, type TrustGraph,
} from './intro-imports.ts';

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

  it('marks what our CAs revoked and introductions of us the introducer’s CRL revokes; revoked is said in words; a later valid one wins', async () => {
    const caA = { certDer: alpha.caCertDer, key: alpha.caKeys.privateKey };
    const byBeta = await introduce({ peerDer: alpha.idCertDer, ca: { certDer: beta.caCertDer, key: beta.caKeys.privateKey }, atMs: now, validityDays: 30, services: [{ alias: 'beta-api', url: 'https://beta.example:8443' }] });
    const byGamma = await introduce({ peerDer: alpha.idCertDer, ca: { certDer: gamma.caCertDer, key: gamma.caKeys.privateKey }, atMs: now, validityDays: 30 });
    const weIntroduced = await introduce({ peerDer: beta.idCertDer, ca: caA, atMs: now, validityDays: 30 });
    const x = await crossCertify({ peerCaDer: gamma.caCertDer, ca: caA, atMs: now, limits: { pathLength: 0, validityDays: 30 } });
    // Our ledger revokes the peer we introduced and the cross-certificate.
    let ours = await emptyLedger(alpha.caCertDer);
    ours = await revokeCertificate({ ledger: ours, caCertDer: alpha.caCertDer, certDer: weIntroduced.signedCertDer, reason: 'keyCompromise', atMs: now + 1000 });
    ours = await revokeCertificate({ ledger: ours, caCertDer: alpha.caCertDer, certDer: x.certDer, reason: 'unspecified', atMs: now + 2000 });
    // Beta's CRL revokes its introduction of us; Gamma publishes an empty CRL.
    const betaLedger = await revokeCertificate({ ledger: await emptyLedger(beta.caCertDer), caCertDer: beta.caCertDer, certDer: byBeta.signedCertDer, reason: 'superseded', atMs: now + 3000 });
    const betaCrl = await issueNextCrl({ ledger: betaLedger, caCertDer: beta.caCertDer, caKey: beta.caKeys.privateKey, atMs: now + 4000, nextUpdateDays: 7 });
    const gammaCrl = await issueNextCrl({ ledger: await emptyLedger(gamma.caCertDer), caCertDer: gamma.caCertDer, caKey: gamma.caKeys.privateKey, atMs: now + 4000, nextUpdateDays: 7 });
    const input = {
      identities: [{ ref: 'a', idCertDer: alpha.idCertDer, label: 'Alpha main' }],
      introductions: [
        { signedCertDer: byBeta.signedCertDer, caCertDer: byBeta.caCertDer, identityRef: 'a', services: [{ alias: 'beta-api', url: 'https://beta.example:8443' }] },
        { signedCertDer: byGamma.signedCertDer, caCertDer: byGamma.caCertDer, identityRef: 'a', services: [] },
      ],
      introduced: [{ certDer: weIntroduced.signedCertDer, identityRef: 'a' }],
      crossCertificates: [{ certDer: x.certDer, identityRef: 'a', description: x.description }],
      ourRevocations: ours.entries,
      partnerCrls: [
        { caId: await caIdentityOf(parseCertificate(beta.caCertDer)), crlDer: betaCrl.crlDer },
        { caId: await caIdentityOf(parseCertificate(gamma.caCertDer)), crlDer: gammaCrl.crlDer },
      ],
      atMs: now + DAY,
    };
    const g = await buildTrustGraph(input);
    const state = (id: string) => { const n = g.nodes.find((m) => m.id.startsWith(id))!; return [n.revoked?.by, n.revoked?.reason, n.expired, n.sublabel]; };
    const day = new Date(now).toISOString().slice(0, 10);
    assert.deepEqual(state('introducer:P=Signing Certificate,OU=Ops,O=Beta'), ['introducer', 'superseded', false, `introduction revoked ${day}`]);
    assert.deepEqual(state('service:beta-api').slice(0, 2), ['introducer', 'superseded'], 'its services go with it');
    assert.deepEqual(state('introducer:P=Signing Certificate,OU=Ops,O=Gamma').slice(0, 3), [undefined, undefined, false], 'an empty CRL revokes nothing');
    assert.deepEqual(state('introduced:'), ['us', 'keyCompromise', false, `we introduced · revoked ${day}`]);
    assert.deepEqual(state('cross-certified:'), ['us', 'unspecified', false, `cross-certified · revoked ${day}`]);
    assert.deepEqual(g.edges.filter((e) => e.revoked).map((e) => e.label), [
      `Beta / Ops introduced Alpha main (revoked ${day} by the introducer’s CRL, superseded)`,
      'beta-api (https://beta.example:8443) is run by Beta / Ops (its introduction is revoked)',
      `Alpha main introduced Beta / Ops (revoked ${day} by us, key compromised)`,
      `Alpha main cross-certified Gamma / Ops (revoked ${day} by us)`,
    ]);
    assert.include(g.nodes.find((n) => n.kind === 'introduced')!.details.join('\n'), `Revoked: ${day} (by us), key compromised`);
    // Without the ledger and CRLs nothing is marked; a new valid introduction of the same peer replaces the revoked one.
    assert.isTrue((await buildTrustGraph({ ...input, ourRevocations: [], partnerCrls: [] })).nodes.every((n) => !n.revoked));
    const again = await introduce({ peerDer: beta.idCertDer, ca: caA, atMs: now, validityDays: 60 });
    const g2 = await buildTrustGraph({ ...input, introduced: [...input.introduced, { certDer: again.signedCertDer, identityRef: 'a' }] });
    assert.isUndefined(g2.nodes.find((n) => n.kind === 'introduced')!.revoked);
    assert.deepEqual(overlaps(g), []);
  });
});
