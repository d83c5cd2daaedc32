// One hand-built chain per reason code (RFC 5280 §6.1 rule by rule); every failure asserts its code.
import { assert } from 'chai';
import { describe, it } from '../../harness.ts';
import {
  OID_EKU,
  PATH_REASON_CODES,
  PATH_REASON_SENTENCES,
  certificatePoliciesExtension,
  issueCrl,
  nameConstraintsExtension,
  parseCertificate,
  policyConstraintsExtension,
  validatePath,
  type PathReasonCode,
  type PathValidationHooks,
  type PathValidationOptions,
} from '../../../src/pki/index.ts';
import { derSequence, encodeOid } from '../../../src/pki/der.ts';
import { AT, DAY, T, makeCert, makeChain } from './chain-kit.ts';

interface Case {
  readonly name: string;
  readonly build: () => Promise<PathValidationOptions & { hooks?: PathValidationHooks }>;
  readonly want: 'ok' | PathReasonCode;
  /** Position of the failing certificate (0 = leaf), when the code names one. */
  readonly index?: number;
}

const base = async (over: Parameters<typeof makeChain>[0] = {}, extra: Partial<PathValidationOptions> = {}): Promise<PathValidationOptions> => {
  const c = await makeChain(over);
  return { leaf: c.leaf.der, intermediates: [c.inter.der], roots: [c.root.der], time: AT, ...extra };
};

const CASES: Case[] = [
  { name: 'a good chain', build: () => base({}, { purpose: 'serverAuth', peerName: { type: 'dns', value: 'leaf.example.com' } }), want: 'ok' },
  { name: 'bad request: negative depth', build: () => base({}, { maxChainDepth: -1 }), want: 'PATH_BAD_REQUEST' },
  { name: 'bad request: peer IP that is not an IP', build: () => base({}, { peerName: { type: 'ip', value: 'leaf.example.com' } }), want: 'PATH_BAD_REQUEST' },
  {
    name: 'malformed leaf (truncated DER)',
    build: async () => {
      const o = await base();
      return { ...o, leaf: o.leaf.subarray(0, o.leaf.length - 1) };
    },
    want: 'PATH_MALFORMED',
    index: 0,
  },
  {
    name: 'malformed intermediate (one byte flipped in the length)',
    build: async () => {
      const o = await base();
      const bad = o.intermediates![0]!.slice();
      bad[1] = bad[1]! ^ 0x01;
      return { ...o, intermediates: [bad] };
    },
    want: 'PATH_MALFORMED',
  },
  {
    name: 'no issuer: the intermediate is missing',
    build: async () => ({ ...(await base()), intermediates: [] }),
    want: 'PATH_NO_ISSUER',
    index: 0,
  },
  {
    name: 'no issuer: a different root',
    build: async () => {
      const other = await makeCert({ cn: 'Other Root', ca: true });
      return { ...(await base()), roots: [other.der] };
    },
    want: 'PATH_NO_ISSUER',
    index: 1,
  },
  { name: 'too deep: no intermediates allowed', build: () => base({}, { maxChainDepth: 0 }), want: 'PATH_TOO_DEEP', index: 0 },
  {
    name: 'limit exceeded: signature budget',
    build: async () => ({ ...(await base()), hooks: { limits: { paths: 32, signatures: 1, edges: 1024, nameComparisons: 1000, policyNodes: 100 } } }),
    want: 'PATH_LIMIT_EXCEEDED',
  },
  {
    name: 'unsupported algorithm: sha1WithRSAEncryption',
    build: () =>
      base({ leaf: { signer: { algorithm: derSequence(encodeOid('1.2.840.113549.1.1.5'), new Uint8Array([5, 0])), sign: async () => new Uint8Array(64) } } }),
    want: 'PATH_UNSUPPORTED_ALGORITHM',
    index: 0,
  },
  {
    name: 'bad signature: leaf signed by another key under the intermediate\'s name',
    build: async () => {
      const c = await makeChain();
      const forger = { ...c.inter, keys: (await makeCert({ cn: 'Forger', ca: true })).keys };
      const leaf = await makeCert({ cn: 'Leaf', issuer: forger, noKeyIds: true });
      return { leaf: leaf.der, intermediates: [c.inter.der], roots: [c.root.der], time: AT };
    },
    want: 'PATH_BAD_SIGNATURE',
    index: 0,
  },
  { name: 'expired intermediate', build: () => base({ inter: { notBeforeMs: T - 30 * DAY, notAfterMs: T - DAY } }), want: 'PATH_EXPIRED', index: 1 },
  { name: 'expired root', build: () => base({ root: { notBeforeMs: T - 30 * DAY, notAfterMs: T - 1000 } }), want: 'PATH_EXPIRED', index: 2 },
  { name: 'leaf not yet valid', build: () => base({ leaf: { notBeforeMs: T + 1000, notAfterMs: T + DAY } }), want: 'PATH_NOT_YET_VALID', index: 0 },
  { name: 'intermediate with CA:FALSE', build: () => base({ inter: { ca: false, keyUsage: ['keyCertSign'], eku: null, san: null } }), want: 'PATH_NOT_CA', index: 1 },
  { name: 'intermediate without basic constraints', build: () => base({ inter: { basicConstraints: null } }), want: 'PATH_NOT_CA', index: 1 },
  { name: 'root pathLen 0 above an intermediate', build: () => base({ root: { pathLength: 0 } }), want: 'PATH_LENGTH_EXCEEDED', index: 1 },
  { name: 'intermediate key usage without keyCertSign', build: () => base({ inter: { keyUsage: ['digitalSignature', 'cRLSign'] } }), want: 'PATH_KEY_USAGE', index: 1 },
  {
    name: 'leaf key usage keyEncipherment only, for a TLS client',
    build: () => base({ leaf: { keyUsage: ['keyEncipherment'] } }, { purpose: 'clientAuth' }),
    want: 'PATH_KEY_USAGE',
    index: 0,
  },
  {
    name: 'unknown critical extension in the leaf',
    build: () => base({ leaf: { extra: [{ oid: '1.3.6.1.4.1.99999.1', critical: true, value: new Uint8Array([5, 0]) }] } }),
    want: 'PATH_UNKNOWN_CRITICAL_EXTENSION',
    index: 0,
  },
  {
    name: 'name constraints: leaf DNS name outside the permitted subtree',
    build: () => base({ inter: { extra: [nameConstraintsExtension({ permitted: [{ type: 'dns', value: 'other.example' }] })] } }),
    want: 'PATH_NAME_CONSTRAINTS',
    index: 0,
  },
  {
    name: 'policy: explicit policy required, leaf has none',
    build: () => base({ inter: { extra: [certificatePoliciesExtension(['1.3.6.1.4.1.99999.5.1']), policyConstraintsExtension({ requireExplicitPolicy: 0 })] } }),
    want: 'PATH_POLICY',
    index: 0,
  },
  { name: 'EKU: leaf only for clients, asked for a server', build: () => base({ leaf: { eku: [OID_EKU.clientAuth] } }, { purpose: 'serverAuth' }), want: 'PATH_EKU', index: 0 },
  { name: 'EKU: intermediate restricted to clients', build: () => base({ inter: { eku: [OID_EKU.clientAuth] } }, { purpose: 'serverAuth' }), want: 'PATH_EKU', index: 1 },
  {
    name: 'revoked (through the revocation hook)',
    build: async () => ({
      ...(await base()),
      hooks: { revocation: async ({ index }) => (index === 1 ? { code: 'PATH_REVOKED' as const, message: 'on the test list' } : undefined) },
    }),
    want: 'PATH_REVOKED',
    index: 1,
  },
  { name: 'CRL missing under required revocation checking', build: () => base({}, { revocation: 'required' }), want: 'PATH_CRL_MISSING', index: 1 },
  {
    name: 'stale CRL under required revocation checking',
    build: async () => {
      const c = await makeChain();
      const crl = (issuer: typeof c.root, nextUpdateMs: number): Promise<Uint8Array> =>
        issueCrl({ issuerCertDer: issuer.der, issuerKey: issuer.keys.privateKey, crlNumber: 1n, thisUpdateMs: T - 9 * DAY, nextUpdateMs, entries: [] });
      return { leaf: c.leaf.der, intermediates: [c.inter.der], roots: [c.root.der], time: AT, crls: [await crl(c.root, T + DAY), await crl(c.inter, T - DAY)], revocation: 'required' };
    },
    want: 'PATH_CRL_STALE',
    index: 0,
  },
  { name: 'peer name mismatch', build: () => base({}, { peerName: { type: 'dns', value: 'other.example.com' } }), want: 'PATH_NAME_MISMATCH', index: 0 },
];

describe('validatePath: one chain per reason code', () => {
  for (const c of CASES) {
    it(`${c.want}: ${c.name}`, async () => {
      const { hooks, ...opts } = await c.build();
      const r = await validatePath(opts, hooks);
      if (c.want === 'ok') {
        assert.isTrue(r.ok, `${r.code}: ${r.message}`);
        assert.lengthOf(r.chain!, 3);
        assert.deepEqual(parseCertificate(r.chain![0]!).der, opts.leaf);
        return;
      }
      assert.isFalse(r.ok);
      assert.equal(r.code, c.want, r.message);
      assert.isString(r.message);
      assert.notInclude(r.message!, 'undefined');
      if (c.index !== undefined) assert.equal(r.failedIndex, c.index);
    });
  }

  it('covers every reason code, and every code has a sentence', () => {
    const tested = new Set(CASES.map((c) => c.want));
    for (const code of PATH_REASON_CODES) {
      assert.isTrue(tested.has(code), `no test for ${code}`);
      assert.isString(PATH_REASON_SENTENCES[code]);
    }
  });
});
