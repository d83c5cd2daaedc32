import { assert } from 'chai';
import { describe, it } from '../../harness.ts';
import { composeBundle, assessBundle, exportCertifiedFiles, minimalKnownServerYaml, parsePem, toPem, type BundleKnownServerRecord } from '../../../src/pki/index.ts';
import { readSharedText } from '../../support/fixtures.ts';
import { AT, prov } from './make-certs.ts';

interface YamlCase {
  readonly model: BundleKnownServerRecord;
  readonly certified_yaml: string;
}

describe('certified known_servers / id files for introduction entries', () => {
  it('the minimal YAML writer matches certified byte for byte, or refuses with a code', async () => {
    const cases = JSON.parse(await readSharedText('fixtures/certified/cases/yaml-cases.json')) as YamlCase[];
    let written = 0;
    for (const c of cases) {
      try {
        assert.equal(minimalKnownServerYaml(c.model), c.certified_yaml, JSON.stringify(c.model.auths));
        written++;
      } catch (e) {
        assert.equal((e as { code?: string }).code, 'BUNDLE_CERTIFIED_YAML_UNSUPPORTED', (e as Error).message);
        assert.match(JSON.stringify(c.model) + c.certified_yaml, /\\u|\\x|\n  /, 'only non-ASCII or folded records are refused');
      }
    }
    assert.isAtLeast(written, cases.length - 2);
  });

  it("reproduces alpha's known_servers/beta-api.yaml from an introduction entry", async () => {
    const betaCa = parsePem(await readSharedText('fixtures/certified/orgs/beta/CA.crt'))[0]!.der;
    const signed = parsePem(await readSharedText('fixtures/certified/orgs/alpha/id/P=Signing Certificate,CN=Beta Person.crt'))[0]!.der;
    const { bundle } = await composeBundle({
      name: 'alpha',
      trustDomain: 'alpha.example',
      atMs: AT,
      candidates: [
        {
          certDer: betaCa,
          keep: true, // the fixtures are not required to be valid today
          provenance: [
            {
              ...prov('intro.beta-signs-alpha.json', 'introduction'),
              introduction: { signerName: 'P=Signing Certificate,CN=Beta Person', services: [{ alias: 'beta-api', url: 'https://127.0.0.1:8472' }], signedCertDer: signed },
            },
          ],
        },
      ],
    });
    const files = exportCertifiedFiles(assessBundle(bundle, { atMs: AT }).included);
    assert.deepEqual([...files.keys()].sort(), ['id/P=Signing Certificate,CN=Beta Person.crt', 'known_servers/beta-api.yaml']);
    assert.equal(files.get('known_servers/beta-api.yaml'), await readSharedText('fixtures/certified/orgs/alpha/known_servers/beta-api.yaml'));
    assert.equal(files.get('id/P=Signing Certificate,CN=Beta Person.crt'), toPem('CERTIFICATE', signed));
    const hooked = exportCertifiedFiles(assessBundle(bundle, { atMs: AT }).included, (r) => `hook ${r.auths.join()}\n`);
    assert.equal(hooked.get('known_servers/beta-api.yaml'), 'hook P=Signing Certificate,CN=Beta Person\n');
  });
});
