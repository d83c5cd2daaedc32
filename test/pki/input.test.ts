import { assert } from 'chai';
import { before, describe, it } from '../harness.ts';
import { readSharedBytes, readSharedText } from '../support/fixtures.ts';
import {
  parseInput,
  parsePem,
  toPem,
  toBase64,
  toBase64Url,
  isPkiError,
  type InputItem,
  type PkiErrorCode,
  type ParseInputOptions,
} from '../../src/pki/index.ts';
import { CRL_PEM, ED25519_CSR_PEM, P256_CSR_PEM, RSA_CERT_PEM, CONSTRAINED_CA_PEM } from './fixtures/openssl-inputs.ts';

const F = 'fixtures/certified';
let alphaCaPem = '';
let alphaIdPem = '';
let alphaIdentB64 = '';
let alphaIdDer: Uint8Array = new Uint8Array();
let alphaCaDer: Uint8Array = new Uint8Array();
let introJson = '';
let introServicesJson = '';
let signerJson = '';

before(async () => {
  alphaCaPem = await readSharedText(`${F}/orgs/alpha/CA.crt`);
  alphaIdPem = await readSharedText(`${F}/orgs/alpha/id.crt`);
  alphaIdentB64 = await readSharedText(`${F}/exchanges/alpha.ident.b64`);
  introJson = await readSharedText(`${F}/exchanges/intro.alpha-signs-beta.json`);
  introServicesJson = await readSharedText(`${F}/exchanges/intro.alpha-signs-beta.services.json`);
  signerJson = await readSharedText(`${F}/exchanges/alpha.signer.json`);
  alphaIdDer = parsePem(alphaIdPem)[0]!.der;
  alphaCaDer = parsePem(alphaCaPem)[0]!.der;
  assert.isAbove((await readSharedBytes(`${F}/orgs/alpha/id.crt`)).length, 100);
});

type Want = ReadonlyArray<Pick<InputItem, 'kind' | 'encoding'>> | PkiErrorCode;
interface Case {
  readonly name: string;
  readonly input: () => string | Uint8Array;
  readonly options?: ParseInputOptions;
  readonly want: Want;
}

const cert = (encoding: InputItem['encoding']) => ({ kind: 'certificate', encoding }) as const;
const der = (pem: string): Uint8Array => parsePem(pem)[0]!.der;
const swapLabel = (pem: string, from: string, to: string): string => pem.replaceAll(` ${from}-----`, ` ${to}-----`);

const CASES: ReadonlyArray<Case> = [
  // ---- accepted ----
  { name: 'PEM certificate', input: () => alphaIdPem, want: [cert('pem')] },
  { name: 'PEM with CRLF line ends and surrounding whitespace', input: () => `\r\n  ${alphaIdPem.replaceAll('\n', '\r\n')}\n\n`, want: [cert('pem')] },
  { name: 'PEM bundle of two certificates', input: () => alphaIdPem + alphaCaPem, want: [cert('pem'), cert('pem')] },
  { name: 'PEM as bytes (a dropped .crt file)', input: () => new TextEncoder().encode(alphaIdPem), want: [cert('pem')] },
  { name: 'PEM CSR (CERTIFICATE REQUEST)', input: () => ED25519_CSR_PEM, want: [{ kind: 'csr', encoding: 'pem' }] },
  { name: 'PEM CSR (NEW CERTIFICATE REQUEST)', input: () => swapLabel(P256_CSR_PEM, 'CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'), want: [{ kind: 'csr', encoding: 'pem' }] },
  { name: 'PEM CRL (X509 CRL)', input: () => CRL_PEM, want: [{ kind: 'crl', encoding: 'pem' }] },
  { name: 'DER certificate bytes', input: () => alphaIdDer, want: [cert('der')] },
  { name: 'DER CSR bytes', input: () => der(ED25519_CSR_PEM), want: [{ kind: 'csr', encoding: 'der' }] },
  { name: 'DER CRL bytes', input: () => der(CRL_PEM), want: [{ kind: 'crl', encoding: 'der' }] },
  { name: 'DER RSA certificate', input: () => der(RSA_CERT_PEM), want: [cert('der')] },
  { name: 'certified get-ident output (base64url, padded)', input: () => alphaIdentB64, want: [cert('base64url')] },
  { name: 'base64url without padding', input: () => toBase64Url(alphaIdDer, { pad: false }), want: [cert('base64url')] },
  { name: 'standard base64', input: () => toBase64(der(CONSTRAINED_CA_PEM)), want: [cert('base64')] },
  { name: 'line-wrapped standard base64', input: () => toBase64(alphaCaDer).replace(/(.{76})/g, '$1\n'), want: [cert('base64')] },
  { name: 'base64 of a CSR', input: () => toBase64(der(P256_CSR_PEM)), want: [{ kind: 'csr', encoding: 'base64' }] },
  { name: 'certified introduction JSON', input: () => introJson, want: [{ kind: 'introduction', encoding: 'json' }] },
  { name: 'introduction JSON with services', input: () => introServicesJson, want: [{ kind: 'introduction', encoding: 'json' }] },
  { name: 'certified get-signer JSON', input: () => signerJson, want: [cert('json')] },
  { name: 'accept filter lets a certificate through', input: () => alphaIdPem, options: { accept: ['certificate'] }, want: [cert('pem')] },
  // ---- rejected ----
  { name: 'empty text', input: () => '', want: 'INPUT_EMPTY' },
  { name: 'only whitespace', input: () => ' \n\t\r\n', want: 'INPUT_EMPTY' },
  { name: 'empty bytes', input: () => new Uint8Array(), want: 'INPUT_EMPTY' },
  { name: 'too large text, refused before decoding', input: () => 'A'.repeat(101), options: { maxBytes: 100 }, want: 'INPUT_TOO_LARGE' },
  { name: 'too large bytes', input: () => alphaIdDer, options: { maxBytes: 10 }, want: 'INPUT_TOO_LARGE' },
  { name: 'DER cut short', input: () => alphaIdDer.subarray(0, alphaIdDer.length - 7), want: 'INPUT_TRUNCATED' },
  { name: 'base64 of a truncated certificate', input: () => toBase64(alphaIdDer.subarray(0, 300)), want: 'INPUT_TRUNCATED' },
  { name: 'PEM without END line', input: () => alphaIdPem.split('-----END')[0]!, want: 'INPUT_TRUNCATED' },
  { name: 'DER with trailing garbage', input: () => new Uint8Array([...alphaIdDer, 0, 1, 2]), want: 'INPUT_TRAILING_DATA' },
  { name: 'base64 with trailing garbage bytes', input: () => toBase64(new Uint8Array([...alphaIdDer, 0x30, 0])), want: 'INPUT_TRAILING_DATA' },
  { name: 'base64 with a stray character', input: () => alphaIdentB64.trim().slice(0, 40) + '*' + alphaIdentB64.trim().slice(41), want: 'INPUT_BAD_BASE64' },
  { name: 'base64 mixing both alphabets', input: () => mixAlphabets(toBase64(alphaIdDer).replace(/=+$/, '')), want: 'INPUT_MIXED_BASE64' },
  { name: 'base64 of a length no bytes can have', input: () => oneCharTooMany(toBase64(alphaIdDer).replace(/=+$/, '')), want: 'INPUT_BAD_BASE64' },
  { name: 'hex is not guessed', input: () => Array.from(alphaIdDer, (b) => b.toString(16).padStart(2, '0')).join(''), want: 'INPUT_UNRECOGNISED' },
  { name: 'text before a PEM block', input: () => `Certificate:\n  Data: ...\n${alphaIdPem}`, want: 'INPUT_STRAY_TEXT' },
  { name: 'text after a PEM block', input: () => `${alphaIdPem}trailing words\n`, want: 'INPUT_STRAY_TEXT' },
  { name: 'PEM label of a private key', input: () => toPem('PRIVATE KEY', new Uint8Array([0x30, 0])), want: 'INPUT_WRONG_TYPE' },
  { name: 'unknown PEM label', input: () => toPem('FOO BAR', alphaIdDer), want: 'INPUT_UNKNOWN_PEM_LABEL' },
  { name: 'CERTIFICATE label around a CSR', input: () => toPem('CERTIFICATE', der(ED25519_CSR_PEM)), want: 'INPUT_WRONG_TYPE' },
  { name: 'X509 CRL label around a certificate', input: () => toPem('X509 CRL', alphaIdDer), want: 'INPUT_WRONG_TYPE' },
  { name: 'accept filter refuses a CSR', input: () => ED25519_CSR_PEM, options: { accept: ['certificate'] }, want: 'INPUT_WRONG_TYPE' },
  { name: 'mismatched END label', input: () => alphaIdPem.replace('END CERTIFICATE', 'END X509 CRL'), want: 'INPUT_BAD_PEM' },
  { name: 'PEM body not base64', input: () => alphaIdPem.replace(/\n(.)/, '\n*'), want: 'INPUT_BAD_BASE64' },
  { name: 'broken JSON', input: () => '{"signed_cert": ', want: 'INPUT_BAD_JSON' },
  { name: 'JSON array', input: () => '[1, 2]', want: 'INPUT_BAD_JSON' },
  { name: 'JSON without certificates', input: () => '{"hello": "world"}', want: 'INPUT_BAD_JSON' },
  { name: 'intro JSON with a number for ca_cert', input: () => JSON.stringify({ signed_cert: alphaIdentB64.trim(), ca_cert: 5 }), want: 'INPUT_BAD_JSON' },
  { name: 'intro JSON with unpadded base64 (certified refuses it)', input: () => JSON.stringify({ signed_cert: toBase64Url(alphaIdDer, { pad: false }), ca_cert: alphaIdentB64.trim() }), want: 'INPUT_BAD_PADDING' },
  { name: 'intro JSON with a newline inside the base64', input: () => JSON.stringify({ signed_cert: alphaIdentB64.trim().replace(/(.{40})/, '$1\n'), ca_cert: alphaIdentB64.trim() }), want: 'INPUT_BAD_BASE64' },
  { name: 'intro JSON whose services is a list', input: () => JSON.stringify({ signed_cert: alphaIdentB64.trim(), ca_cert: alphaIdentB64.trim(), services: ['x'] }), want: 'INPUT_BAD_JSON' },
  { name: 'intro JSON holding a CSR', input: () => JSON.stringify({ signed_cert: toBase64Url(der(P256_CSR_PEM), { pad: true }), ca_cert: alphaIdentB64.trim() }), want: 'INPUT_WRONG_TYPE' },
  { name: 'prose', input: () => 'Hello, this is not a certificate.', want: 'INPUT_UNRECOGNISED' },
  { name: 'binary that is neither DER nor UTF-8', input: () => new Uint8Array([0xff, 0xfe, 0x80, 0x00]), want: 'INPUT_UNRECOGNISED' },
  { name: 'DER of another type (INTEGER)', input: () => new Uint8Array([0x02, 0x01, 0x05]), want: 'INPUT_UNRECOGNISED' },
  { name: 'DER SEQUENCE that is not signed', input: () => new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]), want: 'INPUT_UNRECOGNISED' },
  { name: 'DER with indefinite length', input: () => new Uint8Array([0x30, 0x80, 0, 0]), want: 'INPUT_BAD_DER' },
  { name: 'certificate with a broken inner field', input: () => corruptValidity(alphaIdDer), want: 'CERT_MALFORMED' },
];

/** Puts '-' and '_' into standard base64 that already has '+' or '/'. */
function mixAlphabets(b64: string): string {
  const s = /[+/]/.test(b64) ? b64 : `${b64.slice(0, 10)}+${b64.slice(11)}`;
  return `${s.slice(0, 20)}-_${s.slice(22)}`;
}

/** Cuts unpadded base64 to a length of 4n+1, which no byte string encodes to. */
function oneCharTooMany(b64: string): string {
  return b64.slice(0, b64.length - (b64.length % 4) - 3);
}

/** Replaces the 'Z' of notBefore with 'X' so the DER stays well-formed but the time is not. */
function corruptValidity(d: Uint8Array): Uint8Array {
  const out = d.slice();
  const i = out.findIndex((b, k) => b === 0x17 && out[k + 1] === 13);
  out[i + 2 + 12] = 0x58;
  return out;
}

describe('parseInput', () => {
  for (const c of CASES) {
    it(`${typeof c.want === 'string' ? 'rejects' : 'reads'}: ${c.name}`, () => {
      if (typeof c.want === 'string') {
        try {
          parseInput(c.input(), c.options);
        } catch (e) {
          assert.isTrue(isPkiError(e), `expected PkiError, got ${String(e)}`);
          assert.equal((e as { code: string }).code, c.want, (e as Error).message);
          return;
        }
        assert.fail(`expected ${c.want}`);
      } else {
        const items = parseInput(c.input(), c.options);
        assert.deepEqual(
          items.map((i) => ({ kind: i.kind, encoding: i.encoding })),
          c.want.map((w) => ({ kind: w.kind, encoding: w.encoding })),
        );
      }
    });
  }

  it('returns the exact DER of each bundle member, in order', () => {
    const items = parseInput(alphaIdPem + alphaCaPem);
    assert.deepEqual(items.map((i) => (i.kind === 'certificate' ? Array.from(i.der) : [])), [Array.from(alphaIdDer), Array.from(alphaCaDer)]);
    assert.deepEqual(items.map((i) => i.index), [1, 2]);
  });

  it('reads an introduction into its two certificates and services in file order', () => {
    const [item] = parseInput(introServicesJson);
    assert.equal(item?.kind, 'introduction');
    if (item?.kind !== 'introduction') return;
    assert.isAbove(item.signedCertDer.length, 100);
    assert.isAbove(item.caCertDer.length, 100);
    const raw = JSON.parse(introServicesJson) as { services: Record<string, string> };
    assert.deepEqual(item.services, Object.entries(raw.services).map(([alias, url]) => ({ alias, url })));
  });

  it('names the assumed format and where it broke, without echoing the input', () => {
    try {
      parseInput(alphaIdPem + alphaCaPem.replace(/\n(.)/, '\n*'));
      assert.fail('expected an error');
    } catch (e) {
      assert.isTrue(isPkiError(e, 'INPUT_BAD_BASE64'));
      const msg = (e as Error).message;
      assert.match(msg, /assumed PEM; block 2 \(CERTIFICATE\)|line/);
      assert.notInclude(msg, alphaCaPem.slice(30, 90));
    }
  });

  it('refuses oversized input before looking at it', () => {
    const big = new Uint8Array(2 * 1024 * 1024).fill(0x30);
    try {
      parseInput(big);
      assert.fail('expected INPUT_TOO_LARGE');
    } catch (e) {
      assert.isTrue(isPkiError(e, 'INPUT_TOO_LARGE'));
      assert.deepEqual((e as { details?: unknown }).details, { size: big.length, max: 1024 * 1024 });
    }
  });
});
