// known_servers YAML: byte-for-byte with certified (PyYAML) on every fixture case and file; reader round trips.
import { assert } from 'chai';
import { describe, it } from '../../harness.ts';
import { fixtureText } from '../../support/certified-fixtures.ts';
import { readKnownServerYaml, writeKnownServerYaml, resolvesAsNonString, isPkiError, type KnownServerRecord } from '../../../src/pki/index.ts';

interface YamlCase { model: KnownServerRecord; certified_yaml: string }

describe('known_servers YAML as certified writes it', () => {
  it('writes every case of cases/yaml-cases.json byte for byte and reads it back', async () => {
    const cases = JSON.parse(await fixtureText('cases/yaml-cases.json')) as YamlCase[];
    assert.isAtLeast(cases.length, 12);
    for (const c of cases) {
      assert.equal(writeKnownServerYaml(c.model), c.certified_yaml, JSON.stringify(c.model.auths));
      assert.deepEqual(readKnownServerYaml(c.certified_yaml), { auths: c.model.auths, cert: c.model.cert, url: c.model.url });
    }
  });

  it('reads and rewrites every YAML file certified wrote in the fixture orgs identically', async () => {
    for (const f of ['alpha/known_servers/beta-api.yaml', 'alpha/known_servers/gamma-api.yaml', 'alpha/known_servers/gamma-docs.yaml', 'beta/known_servers/alpha-api.yaml']) {
      const text = await fixtureText(`orgs/${f}`);
      const rec = readKnownServerYaml(text);
      assert.equal(writeKnownServerYaml(rec), text, f);
    }
    const gamma = readKnownServerYaml(await fixtureText('orgs/alpha/known_servers/gamma-api.yaml'));
    assert.equal(gamma.auths[0], 'P=Signing Certificate,DC=example,DC=gamma,L=Köln,C=DE,UID=gamma,CN=\\#1 \\"Gamma\\" \\<Ops\\>\\; R\\+D\\, Zoë\\ ');
  });

  const tricky = [
    '', ' lead', 'trail ', "it's", 'a: b', 'x #y', '- item', '? q', 'null', '~', 'Yes', 'off', '0x1F', '1_000', '3.14', '.inf', '2026-11-25', '=',
    'tab\there', 'new\nline', 'two\n\nlines', 'ünï', '😀 emoji', 'a'.repeat(100), `${'word '.repeat(30)}end`, `'${'q '.repeat(50)}'`, `Zoë ${'long '.repeat(25)}`,
    '#1', '"quoted"', 'back\\slash', '---', '...', '@at', '%pc', '&anchor', '*alias', '!tag', '|pipe', '>gt', '[x]', '{y}', 'a,b',
  ];
  for (const s of tricky) {
    it(`round-trips ${JSON.stringify(s).slice(0, 40)}`, () => {
      const rec = { auths: [s, 'P=Signing Certificate,CN=x'], cert: s === '' ? null : 'MIIB-_w==', url: `https://h.example/${encodeURIComponent(s).slice(0, 10)}` };
      assert.deepEqual(readKnownServerYaml(writeKnownServerYaml(rec)), rec);
    });
  }

  it('quotes what YAML 1.1 reads as non-strings', () => {
    for (const s of ['yes', 'No', 'ON', '123', '-1.5e+3', '0o7', '0b101', '~', 'null', '', '2001-12-14']) {
      if (s !== '0o7') assert.isTrue(resolvesAsNonString(s), s);
    }
    assert.isFalse(resolvesAsNonString('https://h.example'));
  });

  const bad = [
    { name: 'no url', text: 'auths: []\ncert: x\n' },
    { name: 'url not a string', text: 'auths: []\ncert: x\nurl: 123\n' },
    { name: 'flow mapping', text: 'url: {a: b}\n' },
    { name: 'tab', text: 'url:\thttps://x\n' },
    { name: 'unterminated quote', text: "url: 'https://x\n" },
    { name: 'duplicate key', text: 'url: https://a\nurl: https://b\n' },
    { name: 'stray line', text: 'url: https://a\n  - x\nfoo bar\n' },
    { name: 'too large', text: `url: https://a\ncert: ${'A'.repeat(70_000)}\n` },
  ];
  for (const c of bad) {
    it(`refuses YAML: ${c.name}`, () => {
      try {
        readKnownServerYaml(c.text);
        assert.fail('accepted');
      } catch (e) {
        assert.isTrue(isPkiError(e, 'LAYOUT_BAD_YAML'), String(e));
      }
    });
  }
});
