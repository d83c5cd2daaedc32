import { assert } from 'chai';
import { describe, it } from '../harness.ts';
import { readSharedText } from '../support/fixtures.ts';
import { parseName, renderRfc4514, escapeRfc4514Value, fromBase64, buildCertifiedName } from '../../src/pki/index.ts';

interface NameCase { case: string; name_der_b64: string; certified_rfc4514: string; file_name: string }

async function loadCases(): Promise<NameCase[]> {
  return JSON.parse(await readSharedText('fixtures/certified/cases/rfc4514-cases.json')) as NameCase[];
}

describe('RFC 4514 rendering as certified writes it', () => {
  it('matches every case certified rendered (shared/fixtures/certified/cases/rfc4514-cases.json)', async () => {
    const cases = await loadCases();
    assert.isAbove(cases.length, 3);
    for (const c of cases) {
      const name = parseName(fromBase64(c.name_der_b64));
      assert.equal(renderRfc4514(name), c.certified_rfc4514, c.case);
    }
  });

  const escapes = [
    { name: 'empty', input: '', want: '' },
    { name: 'lone space', input: ' ', want: '\\ ' },
    { name: 'two spaces', input: '  ', want: '\\ \\ ' },
    { name: 'leading hash', input: '#1', want: '\\#1' },
    { name: 'specials', input: 'a,b+c;d<e>f"g\\h', want: 'a\\,b\\+c\\;d\\<e\\>f\\"g\\\\h' },
    { name: 'NUL', input: 'a\0b', want: 'a\\00b' },
    { name: 'equals and slash stay', input: 'a=b/c', want: 'a=b/c' },
    { name: 'trailing space', input: 'Zoë ', want: 'Zoë\\ ' },
  ];
  for (const c of escapes) it(`escapes ${c.name}`, () => assert.equal(escapeRfc4514Value(c.input), c.want));

  it('builds names in certified\'s DER order with its string types', () => {
    const n = buildCertifiedName({ commonName: 'Dc Test', uid: 'dct', country: 'US', state: 'TN', locality: 'Oak Ridge', domain: 'example.org' }, true);
    assert.equal(renderRfc4514(n), 'P=Signing Certificate,DC=org,DC=example,L=Oak Ridge,ST=TN,C=US,UID=dct,CN=Dc Test');
  });
});
