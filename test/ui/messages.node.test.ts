// Every error code declared in the core, store and exchange layers has a sentence in src/ui/messages.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PKI_MESSAGES, STORE_MESSAGES, EXCHANGE_MESSAGES, messageFor } from '../../src/ui/messages.ts';
import { PkiError } from '../../src/pki/index.ts';

function declaredCodes(file: string, typeName: string): string[] {
  const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
  const start = text.indexOf(`export type ${typeName} =`);
  assert.ok(start >= 0, `${typeName} not found in ${file}`);
  const body = text.slice(start, text.indexOf(';', start));
  return [...body.matchAll(/'([A-Z0-9_]+)'/g)].map((m) => m[1]!);
}

for (const [file, type, table] of [
  ['src/pki/errors.ts', 'PkiErrorCode', PKI_MESSAGES],
  ['src/store/errors.ts', 'StoreErrorCode', STORE_MESSAGES],
  ['src/exchange/errors.ts', 'ExchangeErrorCode', EXCHANGE_MESSAGES],
] as const) {
  test(`every ${type} has a user sentence`, () => {
    const codes = declaredCodes(file, type);
    assert.ok(codes.length > 3);
    for (const code of codes) {
      const sentence = (table as Record<string, string>)[code];
      assert.ok(sentence && /^\S.{10,}[.!]$/.test(sentence), `${code} needs a sentence, has ${JSON.stringify(sentence)}`);
    }
    assert.deepEqual(Object.keys(table).sort(), [...codes].sort(), 'no sentences for codes that do not exist');
  });
}

test('messageFor maps a PkiError by code and hides unexpected errors', () => {
  assert.equal(messageFor(new PkiError('INPUT_TRUNCATED', 'x')), PKI_MESSAGES.INPUT_TRUNCATED);
  assert.match(messageFor(new TypeError('boom')), /unexpected/);
});
