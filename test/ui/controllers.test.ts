// Controllers without a DOM: the create-identity form and the identity exports.
import { assert } from 'chai';
import { EMPTY_FORM, readIdentityForm, splitList } from '../../src/ui/controllers/identity-form.ts';
import { identityExports } from '../../src/ui/controllers/identity-export.ts';
import { inspectInput } from '../../src/ui/controllers/inspect.ts';
import { ED25519_CSR_PEM } from '../pki/fixtures/openssl-inputs.ts';
import { createIdentity, fromCertifiedB64, parsePem, bytesEqual } from '../../src/pki/index.ts';

const at = Date.UTC(2026, 10, 25);

describe('identity form controller', () => {
  const cases: ReadonlyArray<{ name: string; values: Partial<typeof EMPTY_FORM>; want: { label?: string; errors?: string[] } }> = [
    { name: 'valid organisation', values: { org: 'Alpha', unit: 'R&D', hosts: 'a.example, 10.0.0.1' }, want: { label: 'Alpha / R&D' } },
    { name: 'valid person with label', values: { nameKind: 'person', commonName: 'Ada', emails: 'ada@example.org', label: 'Mine' }, want: { label: 'Mine' } },
    { name: 'missing unit', values: { org: 'Alpha', hosts: 'a.example' }, want: { errors: ['unit'] } },
    { name: 'bad host', values: { org: 'A', unit: 'B', hosts: 'not a host!' }, want: { errors: ['hosts'] } },
    { name: 'bad URI', values: { org: 'A', unit: 'B', uris: 'no-scheme' }, want: { errors: ['uris'] } },
    { name: 'nothing where it is used', values: { org: 'A', unit: 'B' }, want: { errors: ['hosts'] } },
    { name: 'bad country and validity', values: { org: 'A', unit: 'B', hosts: 'h.example', country: 'DEU', validityDays: '0' }, want: { errors: ['country', 'validityDays'] } },
    { name: 'bad domain', values: { org: 'A', unit: 'B', hosts: 'h.example', domain: 'ex ample.org' }, want: { errors: ['domain'] } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = readIdentityForm({ ...EMPTY_FORM, ...c.values }, at);
      if (c.want.errors) {
        assert.ok('errors' in r);
        if ('errors' in r) assert.deepEqual(Object.keys(r.errors).sort(), [...c.want.errors].sort());
      } else {
        assert.ok('request' in r, JSON.stringify(r));
        if ('request' in r) {
          assert.equal(r.label, c.want.label);
          assert.equal(r.request.validityDays, 365);
          assert.equal(r.request.keyType, 'ed25519');
        }
      }
    });
  }

  it('splits lists on lines and commas', () => {
    assert.deepEqual(splitList(' a.example,\n\nb.example , c '), ['a.example', 'b.example', 'c']);
  });
});

describe('identity exports', () => {
  it('gives certified get-ident text and PEM of the same certificate', async () => {
    const c = await createIdentity({ name: { org: 'A', unit: 'B' }, san: { hosts: ['a.example'] }, atMs: at });
    const ex = identityExports({ id: 'x', label: 'A / B', keyType: 'ed25519', caCertDer: c.caCertDer, idCertDer: c.idCertDer, caKeyId: 'x/ca', idKeyId: 'x/id', createdMs: at });
    assert.match(ex.b64, /^[A-Za-z0-9_-]+=*\n$/);
    assert.isTrue(bytesEqual(fromCertifiedB64(ex.b64.trim()), c.idCertDer));
    assert.isTrue(bytesEqual(parsePem(ex.pem)[0]!.der, c.idCertDer));
    assert.isTrue(bytesEqual(parsePem(ex.caPem)[0]!.der, c.caCertDer));
    assert.equal(ex.b64Name, 'A-B.ident.b64');
  });
});

describe('inspect controller', () => {
  it('describes a pasted CSR, checking its signature', async () => {
    const r = await inspectInput('Pasted text', ED25519_CSR_PEM, at);
    assert.isTrue(r.ok);
    if (r.ok) {
      const [item] = r.items;
      assert.equal(item?.kind, 'csr');
      if (item?.kind === 'csr') assert.isTrue(item.csr.signatureValid);
    }
  });

  it('turns refusals into code + sentence instead of throwing', async () => {
    const r = await inspectInput('Pasted text', 'MIIB', at);
    assert.isFalse(r.ok);
    if (!r.ok) {
      assert.equal(r.code, 'INPUT_TRUNCATED');
      assert.match(r.sentence, /ends too early/);
    }
  });
});
