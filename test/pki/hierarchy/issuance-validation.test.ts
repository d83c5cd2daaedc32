// The hierarchy refuses to issue what our validator would reject, and its report judges chains with
// validatePath (not only signatures): an environment whose records drifted from its certificates.
import { assert } from 'chai';
import { before, describe, it } from '../../harness.ts';
import {
  generateServiceKey,
  issueLeaf,
  issueLeafCertificate,
  isPkiError,
  keyRecordById,
  parseCertificate,
  parsePem,
  privateKeyFor,
  spiffeIdOf,
  startIntermediateRotation,
  toPem,
  validateEnvironment,
  fromBase64,
  DAY_MS,
  type HierarchyState,
} from '../../../src/pki/index.ts';
import { T0, makeCustody, makeEnvironment } from '../../support/hierarchy-fixture.ts';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.isTrue(isPkiError(e), String(e));
    return (e as { code: string }).code;
  }
  return 'accepted';
}

describe('hierarchy issuance and report use the path validator', () => {
  let state: HierarchyState;
  let other: HierarchyState;
  before(async () => {
    const custody = await makeCustody();
    state = await makeEnvironment(custody);
    other = await makeEnvironment(custody);
  });

  it('issueLeaf refuses a leaf its intermediate may not certify (scope DNS subtrees edited after the intermediate was made)', async () => {
    const env = { ...state.doc.environment, dnsSubtrees: { ...state.doc.environment.dnsSubtrees, eu: ['elsewhere.example'] } };
    const drifted: HierarchyState = { ...state, doc: { ...state.doc, environment: env } };
    const key = await generateServiceKey(env.keyType);
    assert.equal(await codeOf(issueLeaf(drifted, { scope: 'eu', service: 'shop', dnsNames: ['shop.elsewhere.example'], spki: key.spki }, T0)), 'PATH_NAME_CONSTRAINTS');
    // The same request within the intermediate's constraints is issued.
    const ok = await issueLeaf(state, { scope: 'eu', service: 'shop', dnsNames: ['shop.eu.example.org'], spki: key.spki }, T0);
    assert.equal(ok.leaf.dnsNames[0], 'shop.eu.example.org');
  });

  it('minting an intermediate is refused when the root record holds another certificate than the key that signs', async () => {
    const foreignRoot = other.doc.authorities.find((a) => a.role === 'root')!;
    const tampered: HierarchyState = {
      ...state,
      doc: { ...state.doc, authorities: state.doc.authorities.map((a) => (a.role === 'root' ? { ...a, certPem: foreignRoot.certPem } : a)) },
    };
    assert.match(await codeOf(startIntermediateRotation(tampered, 'eu', T0)), /^PATH_(NO_ISSUER|BAD_SIGNATURE)$/);
    assert.equal(await codeOf(startIntermediateRotation(state, 'eu', T0)), 'accepted');
  });

  it('validateEnvironment reports a leaf outside its intermediate\'s name constraints as BAD_CHAIN with the validator\'s code', async () => {
    const doc = state.doc;
    const issuer = doc.authorities.find((a) => a.role === 'intermediate' && a.scope === 'us' && a.status === 'active')!;
    const key = await generateServiceKey(doc.environment.keyType);
    // Built directly (issueLeaf would refuse it): a record that could come from an edited store file.
    const der = await issueLeafCertificate({
      env: doc.environment, scope: 'us', service: 'rogue', spiffeId: spiffeIdOf(doc.environment, 'us', 'rogue'), dnsNames: ['rogue.eu.example.org'], spki: key.spki,
      issuerName: parseCertificate(parsePem(issuer.certPem)[0]!.der).subject.der, issuerSpki: fromBase64(keyRecordById(doc, issuer.keyId).spkiB64),
      issuerKey: privateKeyFor(state.keys, issuer.keyId), validity: { notBeforeMs: T0, notAfterMs: T0 + 30 * DAY_MS },
    });
    const leaf = { scope: 'us', service: 'rogue', spiffeId: spiffeIdOf(doc.environment, 'us', 'rogue'), dnsNames: ['rogue.eu.example.org'], issuerId: issuer.id, certPem: toPem('CERTIFICATE', der), notAfterMs: T0 + 30 * DAY_MS };
    const report = await validateEnvironment({ ...doc, leaves: [...doc.leaves, leaf] }, T0 + 1000);
    assert.isFalse(report.ok);
    const f = report.findings.find((x) => x.subject === leaf.spiffeId && x.code === 'BAD_CHAIN');
    assert.equal(f?.code, 'BAD_CHAIN');
    assert.equal(f?.pathCode, 'PATH_NAME_CONSTRAINTS');
    assert.isTrue((await validateEnvironment(doc, T0 + 1000)).ok);
  });
});
