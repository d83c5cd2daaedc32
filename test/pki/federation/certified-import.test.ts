// certified files come back in: the zip exportCertifiedZip writes imports to the same roots with
// their introduction details (so a re-export is byte-identical); one known_servers YAML imports
// with its alias from the file name; damaged files are refused by code. Also: compose-mode reading
// keeps leaves (to be flagged) where import refuses them.
import { assert } from 'chai';
import { describe, it, before } from '../../harness.ts';
import {
  allChanges,
  applyImport,
  assessBundle,
  composeBundle,
  diffBundle,
  exportCertifiedZip,
  parseBundleInput,
  parsePem,
  removeEntry,
  toPem,
  utf8,
  type TrustBundle,
} from '../../../src/pki/index.ts';
import { zipSync } from 'fflate';
import { readSharedText } from '../../support/fixtures.ts';
import { AT, makeCa, makeLeaf, prov } from './make-certs.ts';
import { expectCode as refusedWith } from '../../support/expect-code.ts';

describe('certified files import back into a bundle', () => {
  let bundle: TrustBundle;
  let betaCa: Uint8Array;
  let signed: Uint8Array;
  before(async () => {
    betaCa = parsePem(await readSharedText('fixtures/certified/orgs/beta/CA.crt'))[0]!.der;
    signed = parsePem(await readSharedText('fixtures/certified/orgs/alpha/id/P=Signing Certificate,CN=Beta Person.crt'))[0]!.der;
    bundle = (
      await composeBundle({
        name: 'alpha',
        trustDomain: 'alpha.example',
        atMs: AT,
        candidates: [
          {
            certDer: betaCa,
            keep: true,
            provenance: [
              {
                ...prov('intro.beta-signs-alpha.json', 'introduction'),
                introduction: {
                  signerName: 'P=Signing Certificate,CN=Beta Person',
                  services: [{ alias: 'beta-api', url: 'https://127.0.0.1:8472' }, { alias: 'beta-web', url: 'https://127.0.0.1:8473' }],
                  signedCertDer: signed,
                },
              },
            ],
          },
        ],
      })
    ).bundle;
  });

  it('zip → same roots, services and id/ certificate; re-export gives the same bytes', async () => {
    const zip = exportCertifiedZip(assessBundle(bundle, { atMs: AT }).included);
    const read = await parseBundleInput(zip, { atMs: AT });
    assert.equal(read.format, 'certified');
    assert.deepEqual(read.roots.map((r) => r.der), [betaCa]);
    const intro = read.introductions![read.roots[0]!.fingerprint]!;
    assert.equal(intro.signerName, 'P=Signing Certificate,CN=Beta Person');
    assert.deepEqual(intro.services.map((s) => s.alias), ['beta-api', 'beta-web']);
    assert.deepEqual(intro.signedCertDer, signed);

    const empty: TrustBundle = { ...bundle, entries: [], sequences: {} };
    const diff = diffBundle(empty, read);
    const next = applyImport(empty, diff, { accept: allChanges(diff), source: { detail: 'certified.zip', fingerprintConfirmed: true, confirmedBy: 'Ann' }, atMs: AT, ...(read.introductions ? { introductions: read.introductions } : {}) });
    assert.equal(next.entries[0]!.provenance[0]!.kind, 'introduction');
    const again = exportCertifiedZip(assessBundle({ ...next, entries: next.entries.map((e) => ({ ...e, keep: true })) }, { atMs: AT }).included);
    assert.deepEqual(again, zip, 'the same files, byte for byte');
  });

  it('one known_servers YAML: the CA it carries, alias from the file name', async () => {
    const yaml = await readSharedText('fixtures/certified/orgs/alpha/known_servers/beta-api.yaml');
    const read = await parseBundleInput(yaml, { atMs: AT, fileName: 'beta-api.yaml' });
    assert.equal(read.format, 'certified');
    assert.deepEqual(read.roots.map((r) => r.der), [betaCa]);
    assert.deepEqual(read.introductions![read.roots[0]!.fingerprint]!.services, [{ alias: 'beta-api', url: 'https://127.0.0.1:8472' }]);
  });

  it('refuses damaged certified files by code', async () => {
    const yaml = await readSharedText('fixtures/certified/orgs/alpha/known_servers/beta-api.yaml');
    const noAuth = yaml.replace(/auths:\n- .*\n/, 'auths:\n- CN=Someone Else\n');
    await refusedWith(parseBundleInput(noAuth, { atMs: AT }), 'BUNDLE_CERTIFIED_BAD_FILES');
    await refusedWith(parseBundleInput(yaml.replace(/^cert: (.{20})/m, 'cert: !!!!$1'), { atMs: AT }), 'BUNDLE_CERTIFIED_BAD_FILES');
    const notZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    await refusedWith(parseBundleInput(notZip, { atMs: AT }), 'BUNDLE_CERTIFIED_BAD_FILES');
    const noRecords = zipSync({ 'certified/CA.crt': utf8.encode(toPem('CERTIFICATE', betaCa)) });
    await refusedWith(parseBundleInput(noRecords, { atMs: AT }), 'BUNDLE_EMPTY');
  });

  it('compose mode keeps a leaf for flagging; import mode refuses it; removeEntry moves the sequence', async () => {
    const ca = await makeCa('Compose Root');
    const leaf = await makeLeaf(ca, 'A Leaf');
    const pem = toPem('CERTIFICATE', ca.der) + toPem('CERTIFICATE', leaf.der);
    await refusedWith(parseBundleInput(pem, { atMs: AT }), 'BUNDLE_LEAF_CERTIFICATE');
    const read = await parseBundleInput(pem, { atMs: AT, allowFlagged: true });
    assert.lengthOf(read.roots, 2);
    const { bundle: b } = await composeBundle({ name: 'c', trustDomain: 'c.example', atMs: AT, candidates: read.roots.map((r) => ({ certDer: r.der, provenance: [prov('pem')] })) });
    assert.deepEqual(assessBundle(b, { atMs: AT }).entries.map((e) => e.flags.join()), ['', 'not-ca']);
    const fewer = removeEntry(b, read.roots[1]!.fingerprint, AT + 1);
    assert.lengthOf(fewer.entries, 1);
    assert.equal(fewer.sequences['c.example'], b.sequences['c.example']! + 1);
    assert.strictEqual(removeEntry(fewer, 'ff'.repeat(32), AT + 2), fewer, 'absent: unchanged');
  });
});
