// checkIntroduction (add-intro): certified's fixtures accepted for our key, every certified refusal
// refused with a specific code, and the hostile cases certified lets through refused too.
import { assert } from 'chai';
import { describe, it, before } from '../../harness.ts';
import { alphaKey, fixtureCertDer, fixtureNowMs, fixtureText } from '../../support/certified-fixtures.ts';
import {
  checkIntroduction, parseIntroJson, writeIntroJson, introduce, readPeerInput, toCertifiedB64, parseCertificate, isPkiError, writeKnownServerYaml,
  type IntroCheck, type PkiErrorCode,
} from './intro-imports.ts';

function codes(c: IntroCheck): PkiErrorCode[] {
  return c.ok ? [] : c.problems.map((p) => p.code);
}

describe('add-intro checks', () => {
  let alphaId: Uint8Array;
  let betaId: Uint8Array;
  let now: number;
  before(async () => {
    alphaId = await fixtureCertDer('orgs/alpha/id.crt');
    betaId = await fixtureCertDer('orgs/beta/id.crt');
    now = await fixtureNowMs();
  });

  it('re-serialises every certified intro.json byte for byte', async () => {
    for (const f of ['alpha-signs-beta', 'beta-signs-alpha', 'gamma-signs-alpha']) {
      for (const suffix of ['', '.services']) {
        const text = await fixtureText(`exchanges/intro.${f}${suffix}.json`);
        assert.equal(writeIntroJson(parseIntroJson(text)), text, f + suffix);
      }
    }
  });

  it('accepts beta\'s and gamma\'s introductions of alpha for alpha\'s key, planning the same files certified wrote', async () => {
    for (const [signer, service, idFile] of [
      ['beta', 'beta-api', 'P=Signing Certificate,CN=Beta Person.crt'],
      ['gamma', 'gamma-api', 'P=Signing Certificate,DC=example,DC=gamma,L=Köln,C=DE,UID=gamma,CN=\\#1 \\"Gamma\\" \\<Ops\\>\\; R\\+D\\, Zoë\\ .crt'],
    ] as const) {
      const c = await checkIntroduction({ json: await fixtureText(`exchanges/intro.${signer}-signs-alpha.services.json`), ourIdentities: [{ idCertDer: alphaId, ref: 'alpha' }], atMs: now });
      assert.isTrue(c.ok, JSON.stringify(codes(c)));
      if (!c.ok) return;
      assert.equal(c.plan.idPath, `id/${idFile}`);
      assert.equal(c.plan.identityRef, 'alpha');
      const svc = c.plan.services.find((s) => s.alias === service)!;
      assert.equal(svc.path, `known_servers/${service}.yaml`);
      assert.equal(svc.yaml, await fixtureText(`orgs/alpha/known_servers/${service}.yaml`));
    }
    const ab = await checkIntroduction({ json: await fixtureText('exchanges/intro.alpha-signs-beta.services.json'), ourIdentities: [{ idCertDer: betaId }], atMs: now });
    assert.isTrue(ab.ok);
    if (ab.ok) assert.equal(ab.plan.services[0]!.yaml, await fixtureText('orgs/beta/known_servers/alpha-api.yaml'));
  });

  const refusals: Array<[string, PkiErrorCode]> = [
    ['bad-signature', 'INTRO_BAD_SIGNATURE'],
    ['ca-as-identity', 'INTRO_SIGNED_IS_CA'],
    ['service-no-scheme', 'INTRO_SERVICE_URL_INVALID'],
    ['service-with-query', 'INTRO_SERVICE_URL_INVALID'],
    ['unpadded-b64', 'INPUT_BAD_PADDING'],
    ['wrong-issuer', 'INTRO_ISSUER_MISMATCH'],
  ];
  for (const [name, code] of refusals) {
    it(`refuses certified's refusal ${name} with ${code}`, async () => {
      const c = await checkIntroduction({ json: await fixtureText(`refusals/${name}.json`), ourIdentities: [{ idCertDer: betaId }], atMs: now });
      assert.isFalse(c.ok);
      assert.include(codes(c), code);
    });
  }

  it('refuses hostile introductions certified would install', async () => {
    const good = parseIntroJson(await fixtureText('exchanges/intro.beta-signs-alpha.services.json'));
    const check = (json: unknown, at = now, ids = [{ idCertDer: alphaId }]): Promise<IntroCheck> => checkIntroduction({ json, ourIdentities: ids, atMs: at });
    const base = { signed_cert: toCertifiedB64(good.signedCertDer), ca_cert: toCertifiedB64(good.caCertDer) };
    const signed = parseCertificate(good.signedCertDer);
    const cases: Array<{ name: string; json: unknown; at?: number; ids?: Array<{ idCertDer: Uint8Array }>; want: PkiErrorCode }> = [
      { name: 'for someone else\'s key', json: base, ids: [{ idCertDer: betaId }], want: 'INTRO_NOT_OUR_KEY' },
      { name: 'swapped certs', json: { signed_cert: base.ca_cert, ca_cert: base.signed_cert }, want: 'INTRO_SIGNED_IS_CA' },
      { name: 'expired', json: base, at: signed.notAfterMs + 1000, want: 'INTRO_EXPIRED' },
      { name: 'not yet valid', json: base, at: signed.notBeforeMs - 1000, want: 'INTRO_NOT_YET_VALID' },
      { name: 'alias escaping the directory', json: { ...base, services: { '../x': 'https://h.example' } }, want: 'INTRO_ALIAS_INVALID' },
      { name: 'alias with a slash', json: { ...base, services: { 'a/b': 'https://h.example' } }, want: 'INTRO_ALIAS_INVALID' },
      { name: 'upper-case alias', json: { ...base, services: { Api: 'https://h.example' } }, want: 'INTRO_ALIAS_INVALID' },
      { name: 'http URL', json: { ...base, services: { api: 'http://h.example' } }, want: 'INTRO_SERVICE_URL_INVALID' },
      { name: 'URL with fragment', json: { ...base, services: { api: 'https://h.example/#x' } }, want: 'INTRO_SERVICE_URL_INVALID' },
      { name: 'URL with ;params', json: { ...base, services: { api: 'https://h.example/a;b' } }, want: 'INTRO_SERVICE_URL_INVALID' },
      { name: 'URL with user info', json: { ...base, services: { api: 'https://u:p@h.example/' } }, want: 'INTRO_SERVICE_URL_INVALID' },
      { name: 'URL not a string', json: { ...base, services: { api: 7 } }, want: 'INTRO_BAD_JSON' },
      { name: 'services a list', json: { ...base, services: ['x'] }, want: 'INTRO_BAD_JSON' },
      { name: 'missing ca_cert', json: { signed_cert: base.signed_cert }, want: 'INTRO_BAD_JSON' },
      { name: 'array', json: [base], want: 'INTRO_BAD_JSON' },
      { name: 'malformed JSON text', json: '{"signed_cert": ', want: 'INTRO_BAD_JSON' },
      { name: 'huge file', json: `{"signed_cert": "${'A'.repeat(300_000)}"}`, want: 'INTRO_TOO_LARGE' },
      { name: 'not a certificate', json: { signed_cert: 'AAAA', ca_cert: base.ca_cert }, want: 'CERT_MALFORMED' },
    ];
    for (const c of cases) {
      const r = await check(c.json, c.at, c.ids);
      assert.isFalse(r.ok, c.name);
      assert.include(codes(r), c.want, c.name);
    }
  });

  it('refuses to replace an installed introduction or service unless confirmed', async () => {
    const json = await fixtureText('exchanges/intro.beta-signs-alpha.services.json');
    const existing = new Set(['id/P=Signing Certificate,CN=Beta Person.crt']);
    const c = await checkIntroduction({ json, ourIdentities: [{ idCertDer: alphaId }], atMs: now, existingPaths: existing });
    assert.deepEqual(codes(c), ['INTRO_EXISTS']);
    const s = await checkIntroduction({ json, ourIdentities: [{ idCertDer: alphaId }], atMs: now, existingPaths: new Set(['known_servers/beta-api.yaml']) });
    assert.deepEqual(codes(s), ['INTRO_SERVICE_EXISTS']);
    const o = await checkIntroduction({ json, ourIdentities: [{ idCertDer: alphaId }], atMs: now, existingPaths: existing, overwrite: true });
    assert.isTrue(o.ok);
    if (o.ok) assert.deepEqual(o.plan.replaces, [...existing]);
  });

  it('round trip: alpha introduces beta with crosstrust, the result installs for beta and YAML matches certified\'s writer', async () => {
    const r = await introduce({
      peerDer: readPeerInput(await fixtureText('exchanges/beta.ident.b64')).der,
      ca: { certDer: await fixtureCertDer('orgs/alpha/CA.crt'), key: await alphaKey('CA.key') },
      atMs: now,
      services: [{ alias: 'alpha-api', url: 'https://127.0.0.1:8471' }],
    });
    const c = await checkIntroduction({ json: r.introJson, ourIdentities: [{ idCertDer: betaId }], atMs: now });
    assert.isTrue(c.ok);
    if (!c.ok) return;
    assert.equal(c.plan.idPath, 'id/P=Signing Certificate,OU=Research,O=Alpha Labs\\, Inc..crt');
    assert.equal(c.plan.services[0]!.yaml, writeKnownServerYaml({ auths: ['P=Signing Certificate,OU=Research,O=Alpha Labs\\, Inc.'], cert: toCertifiedB64(r.caCertDer), url: 'https://127.0.0.1:8471' }));
    try {
      writeIntroJson({ signedCertDer: r.signedCertDer, caCertDer: r.caCertDer, services: [{ alias: '../x', url: 'https://h' }] });
      assert.fail('wrote a bad alias');
    } catch (e) {
      assert.isTrue(isPkiError(e, 'INTRO_ALIAS_INVALID'));
    }
  });
});
