// The store file: deterministic YAML that round-trips, holds no plaintext key, and a strict reader
// that refuses hostile or inconsistent files with specific codes.
import { assert } from 'chai';
import { before, describe, it } from '../../harness.ts';
import { isPkiError, readStoreFile, writeStoreFile, type HierarchyState } from '../../../src/pki/index.ts';
import { emitYaml, parseYaml, type YamlValue } from '../../../src/pki/hierarchy/yaml-subset.ts';
import fc from 'fast-check';
import { addService, makeCustody, makeEnvironment } from '../../support/hierarchy-fixture.ts';

describe('store file', () => {
  let state: HierarchyState;
  let text: string;
  before(async () => {
    state = await makeEnvironment(await makeCustody());
    state = (await addService(state, 'eu', 'shop')).state;
    text = writeStoreFile(state.doc);
  });

  it('round-trips deterministically; certificates are PEM, keys only age ciphertext', () => {
    const doc = readStoreFile(text);
    assert.deepEqual(doc, state.doc);
    assert.equal(writeStoreFile(doc), text);
    assert.notMatch(text, /PRIVATE KEY/);
    assert.equal(text.match(/-----BEGIN AGE ENCRYPTED FILE-----/g)?.length, 4);
    assert.equal(text.match(/-----BEGIN CERTIFICATE-----/g)?.length, 5);
    assert.match(text, /^ {2}- id: "root-r1"\n {4}role: "root"$/m);
  });

  it('the YAML subset round-trips nested values', () => {
    const v = { a: [{ b: '1', c: [] }, 'x', [1, 2]], d: {}, e: 'multi\nline\n', f: true };
    assert.deepEqual(parseYaml(emitYaml(v)), v);
  });

  const replaceOnce = (from: string | RegExp, to: string) => (t: string): string => {
    const out = t.replace(from, to);
    if (out === t) throw new Error(`mutation ${String(from)} did not apply`);
    return out;
  };
  const CASES: ReadonlyArray<{ name: string; input: (t: string) => string; want: string }> = [
    { name: 'empty', input: () => '', want: 'HIER_STORE_SYNTAX' },
    { name: 'only comments', input: () => '# nothing\n', want: 'HIER_STORE_SYNTAX' },
    { name: 'a tab', input: replaceOnce('revision:', 'revision:\t'), want: 'HIER_STORE_SYNTAX' },
    { name: 'an anchor', input: replaceOnce('environment:\n', 'environment: &env\n'), want: 'HIER_STORE_SYNTAX' },
    { name: 'an alias', input: replaceOnce(/keyId: "[^"]+"/, 'keyId: *env'), want: 'HIER_STORE_SYNTAX' },
    { name: 'a tag', input: replaceOnce('revision: ', 'revision: !!str '), want: 'HIER_STORE_SYNTAX' },
    { name: 'a flow mapping', input: replaceOnce('  dnsSubtrees:\n', '  dnsSubtrees: {eu: [a]}\n  x:\n'), want: 'HIER_STORE_SYNTAX' },
    { name: 'a plain string', input: replaceOnce('name: "prod"', 'name: prod'), want: 'HIER_STORE_SYNTAX' },
    { name: 'a duplicate key', input: replaceOnce('  name: "prod"\n', '  name: "prod"\n  name: "dev"\n'), want: 'HIER_STORE_SYNTAX' },
    { name: 'bad indentation', input: replaceOnce('  name: "prod"', '   name: "prod"'), want: 'HIER_STORE_SYNTAX' },
    { name: 'non-ASCII', input: replaceOnce('name: "prod"', 'name: "pröd"'), want: 'HIER_STORE_SYNTAX' },
    { name: 'a broken quoted string', input: replaceOnce('name: "prod"', 'name: "prod'), want: 'HIER_STORE_SYNTAX' },
    { name: 'version 2', input: replaceOnce('version: 1', 'version: 2'), want: 'HIER_STORE_VERSION' },
    { name: 'an unknown top-level field', input: (t) => t + 'extra: "x"\n', want: 'HIER_STORE_SCHEMA' },
    { name: 'a missing field', input: replaceOnce(/^revision: \d+\n/m, ''), want: 'HIER_STORE_SCHEMA' },
    { name: 'a proto key', input: (t) => t + '__proto__: "x"\n', want: 'HIER_STORE_SYNTAX' },
    { name: 'a bad recipient', input: replaceOnce(/recipients:\n {6}- "age1[^"]+"/, 'recipients:\n      - "age1nope"'), want: 'HIER_STORE_SCHEMA' },
    { name: 'a wrong status', input: replaceOnce('status: "active"', 'status: "trusted"'), want: 'HIER_STORE_SCHEMA' },
    { name: 'an invalid instant', input: replaceOnce(/notAfter: "\d{4}/, 'notAfter: "9999-99'), want: 'HIER_STORE_SCHEMA' },
    { name: 'an invalid environment name', input: replaceOnce('name: "prod"', 'name: "Prod!"'), want: 'HIER_ENV_INVALID' },
    { name: 'a dangling key id', input: replaceOnce('keyId: "key-int-eu-i1"', 'keyId: "key-nope"'), want: 'HIER_STORE_INCONSISTENT' },
    { name: 'a dangling leaf issuer', input: replaceOnce('issuerId: "int-eu-i1"', 'issuerId: "int-mars-i1"'), want: 'HIER_STORE_INCONSISTENT' },
    { name: 'a key swapped under a certificate', input: replaceOnce('keyId: "key-int-eu-i1"', 'keyId: "key-int-us-i1"'), want: 'HIER_STORE_INCONSISTENT' },
    { name: 'a garbled certificate', input: replaceOnce(/(cert: \|\n {6}-----BEGIN CERTIFICATE-----\n {6})MII/, '$1MIX'), want: 'HIER_STORE_INCONSISTENT' },
    { name: 'too large', input: () => '#'.repeat(5 * 1024 * 1024), want: 'HIER_STORE_TOO_LARGE' },
    { name: 'nested too deeply', input: () => Array.from({ length: 40 }, (_, i) => `${' '.repeat(2 * i)}a:`).join('\n') + ' 1\n', want: 'HIER_STORE_SYNTAX' },
  ];
  for (const c of CASES) {
    it(`refuses ${c.name} with ${c.want}`, () => {
      const input = c.input(text);
      try {
        readStoreFile(input);
      } catch (e) {
        assert.isTrue(isPkiError(e), String(e));
        assert.equal((e as { code: string }).code, c.want, (e as Error).message);
        return;
      }
      assert.fail('accepted');
    });
  }

  it('fuzz: the reader throws only our own errors, on random text and on mutated store files', () => {
    const onlyOurs = (input: string): void => {
      try {
        readStoreFile(input);
      } catch (e) {
        if (!isPkiError(e)) throw e;
      }
    };
    fc.assert(fc.property(fc.string({ maxLength: 300 }), onlyOurs), { numRuns: 300 });
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.string({ maxLength: 8 }), (at, insert) => onlyOurs(text.slice(0, at) + insert + text.slice(at + 1))),
      { numRuns: 150 },
    );
  });

  it('property: emitYaml/parseYaml round-trip', () => {
    const key = fc.stringMatching(/^[a-z][a-zA-Z0-9_-]{0,8}$/);
    const { value } = fc.letrec<{ value: YamlValue }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string({ maxLength: 20, unit: 'binary' }),
        fc.integer(),
        fc.boolean(),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(key, tie('value'), { maxKeys: 3 }),
      ),
    }));
    fc.assert(fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 }), (v) => assert.deepEqual(parseYaml(emitYaml(v)), v)), { numRuns: 300 });
  });
});
