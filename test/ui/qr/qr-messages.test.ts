// Every QR_ error code in the core's union has a user sentence (the table cannot fall behind).
import { assert } from 'chai';
import { QR_MESSAGES, qrMessage } from '../../../src/ui/qr/qr-messages.ts';

describe('QR messages', () => {
  it('cover every QR_ code in src/pki/errors.ts', async () => {
    const source = await (await fetch('/src/pki/errors.ts')).text();
    const codes = [...new Set(source.match(/'QR_[A-Z0-9_]+'/g)!.map((s) => s.slice(1, -1)))].filter((c) => c !== 'QR_RESERVED_8');
    assert.isAtLeast(codes.length, 10);
    for (const c of codes) assert.isString((QR_MESSAGES as Record<string, string>)[c], c);
    assert.sameMembers(Object.keys(QR_MESSAGES), codes);
    assert.equal(qrMessage(new Error('x')).code, 'UNKNOWN');
  });
});
