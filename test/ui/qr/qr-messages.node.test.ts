// Every QR_ error code in the core's union has a user sentence (the table cannot fall behind).
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { assert } from 'chai';
import { QR_MESSAGES, qrMessage } from '../../../src/ui/qr/qr-messages.ts';

describe('QR messages', () => {
  it('cover every QR_ code in src/pki/errors.ts', () => {
    const source = readFileSync(new URL('../../../src/pki/errors.ts', import.meta.url), 'utf8');
    const codes = [...new Set((source.match(/'QR_[A-Z0-9_]+'/g) ?? []).map((s) => s.slice(1, -1)))].filter((c) => c !== 'QR_RESERVED_8');
    assert.isAtLeast(codes.length, 10);
    assert.sameMembers(Object.keys(QR_MESSAGES), codes);
    assert.equal(qrMessage(new Error('x')).code, 'UNKNOWN');
    assert.equal(qrMessage({ code: 'QR_NOT_UR' }).text, QR_MESSAGES.QR_NOT_UR);
  });
});
