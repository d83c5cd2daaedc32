// certified layout: id/ file names from RFC 4514 (fixture cases), the safe mapping for unsafe names,
// and export as zip → import round trip.
import { assert } from 'chai';
import { describe, it } from '../../harness.ts';
import { fixtureCertDer, fixtureNowMs, fixtureText } from '../../support/certified-fixtures.ts';
import {
  idFileBase, safeFileBase, parseName, fromBase64, exportCertifiedLayoutZip, readCertifiedLayoutZip, importCertifiedLayoutFiles,
  buildCertifiedLayoutFiles, parseIntroJson, introductionsFromLayout, checkIntroduction, bytesEqual, utf8, isPkiError, encodeName, OID_ATTR, TAG_UTF8,
} from './intro-imports.ts';
import { zipSync } from 'fflate';
import { toCertifiedB64 as toB64 } from './intro-imports.ts';

interface NameCase { case: string; name_der_b64: string; certified_rfc4514: string; file_name: string }

describe('certified layout', () => {
  it('names id/ files exactly as certified for every RFC 4514 case it can store', async () => {
    const cases = JSON.parse(await fixtureText('cases/rfc4514-cases.json')) as NameCase[];
    for (const c of cases) {
      const base = await idFileBase(parseName(fromBase64(c.name_der_b64)));
      if (c.certified_rfc4514.includes('/') || c.certified_rfc4514 === '') assert.match(base, /^%/, c.case);
      else assert.equal(`${base}.crt`, c.file_name, c.case);
    }
  });

  it('maps unsafe names to a documented, collision-free form', async () => {
    const slash = encodeName([[{ type: OID_ATTR.CN, value: 'a/b%c', tag: TAG_UTF8 }]]);
    assert.equal(await idFileBase(slash), '%CN=a%2Fb%25c');
    assert.equal(await safeFileBase(''), '%');
    assert.equal(await safeFileBase('CN=tab\there'), '%CN=tab%09here');
    assert.match(await safeFileBase(`CN=${'x'.repeat(300)}`), /^%sha256-[0-9a-f]{64}$/);
    assert.equal(await safeFileBase('CN=a%2Fb'), 'CN=a%2Fb'); // safe names stay verbatim; mapped ones start with '%'
  });

  it('exports our public trust state as a zip in certified\'s layout and imports it back', async () => {
    const intro = parseIntroJson(await fixtureText('exchanges/intro.beta-signs-alpha.services.json'));
    const gamma = parseIntroJson(await fixtureText('exchanges/intro.gamma-signs-alpha.services.json'));
    const state = {
      caCertDer: await fixtureCertDer('orgs/alpha/CA.crt'),
      idCertDer: await fixtureCertDer('orgs/alpha/id.crt'),
      introductions: [
        { signedCertDer: intro.signedCertDer, caCertDer: intro.caCertDer, services: intro.services ?? [] },
        { signedCertDer: gamma.signedCertDer, caCertDer: gamma.caCertDer, services: gamma.services ?? [] },
      ],
    };
    const files = await buildCertifiedLayoutFiles(state);
    const gammaId = 'id/P=Signing Certificate,DC=example,DC=gamma,L=Köln,C=DE,UID=gamma,CN=\\#1 \\"Gamma\\" \\<Ops\\>\\; R\\+D\\, Zoë\\ .crt';
    const all = ['CA.crt', 'id.crt', 'id/P=Signing Certificate,CN=Beta Person.crt', gammaId, 'known_clients/self.crt', 'known_servers/beta-api.yaml', 'known_servers/gamma-api.yaml', 'known_servers/gamma-docs.yaml', 'known_servers/self.crt'];
    assert.deepEqual([...files.keys()].sort(), [...all].sort());
    for (const p of all) {
      assert.equal(utf8.decode(files.get(p)!), await fixtureText(`orgs/alpha/${p}`), p);
    }
    const zip = await exportCertifiedLayoutZip(state);
    assert.isTrue(bytesEqual(zip, await exportCertifiedLayoutZip(state)), 'reproducible bytes');
    const back = importCertifiedLayoutFiles(readCertifiedLayoutZip(zip));
    assert.isTrue(bytesEqual(back.caCertDer!, state.caCertDer));
    assert.isTrue(bytesEqual(back.idCertDer!, state.idCertDer));
    assert.deepEqual(back.introductionCerts.map((c) => c.path).sort(), ['id/P=Signing Certificate,CN=Beta Person.crt', gammaId].sort());
    assert.deepEqual(back.knownServers.map((k) => k.alias), ['beta-api', 'gamma-api', 'gamma-docs']);
    assert.deepEqual(back.knownServers[0]!.record.auths, ['P=Signing Certificate,CN=Beta Person']);
  });

  it('rebuilds the introductions of certified\'s own alpha directory, which then pass add-intro checks', async () => {
    const files = new Map<string, Uint8Array>();
    for (const p of ['CA.crt', 'id.crt', 'id/P=Signing Certificate,CN=Beta Person.crt', 'known_servers/beta-api.yaml', 'known_servers/gamma-api.yaml', 'known_servers/gamma-docs.yaml']) {
      files.set(p, utf8.encode(await fixtureText(`orgs/alpha/${p}`)));
    }
    const gammaId = 'id/P=Signing Certificate,DC=example,DC=gamma,L=Köln,C=DE,UID=gamma,CN=\\#1 \\"Gamma\\" \\<Ops\\>\\; R\\+D\\, Zoë\\ .crt';
    files.set(gammaId, utf8.encode(await fixtureText(`orgs/alpha/${gammaId}`)));
    files.set('id/CN=Nobody.crt', files.get('id.crt')!);
    const { documents, orphans } = await introductionsFromLayout(importCertifiedLayoutFiles(files));
    assert.deepEqual(orphans, ['id/CN=Nobody.crt']);
    assert.deepEqual(documents.map((d) => d.services?.map((s) => s.alias)), [['beta-api'], ['gamma-api', 'gamma-docs']]);
    const alphaId = await fixtureCertDer('orgs/alpha/id.crt');
    for (const d of documents) {
      const c = await checkIntroduction({ json: { signed_cert: toB64(d.signedCertDer), ca_cert: toB64(d.caCertDer), services: Object.fromEntries((d.services ?? []).map((s) => [s.alias, s.url])) }, ourIdentities: [{ idCertDer: alphaId }], atMs: await fixtureNowMs() });
      assert.isTrue(c.ok);
    }
  });

  it('refuses archives with unsafe paths or that are not zips, and skips private keys', () => {
    for (const bad of [zipSync({ '../evil.crt': new Uint8Array([1]) }), zipSync({ 'a/../../b': new Uint8Array([1]) }), new Uint8Array([1, 2, 3, 4])]) {
      try {
        readCertifiedLayoutZip(bad);
        assert.fail('accepted');
      } catch (e) {
        assert.isTrue(isPkiError(e, 'LAYOUT_BAD_ARCHIVE'), String(e));
      }
    }
    const r = importCertifiedLayoutFiles(new Map([['CA.key', new Uint8Array([1])], ['known_servers/Bad.yaml', utf8.encode('url: https://x\n')]]));
    assert.deepEqual(r.skipped.map((s) => s.path), ['CA.key', 'known_servers/Bad.yaml']);
  });
});
