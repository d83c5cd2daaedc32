// Exchange layer in Chromium: file reading with the size cap, drop data, and the download anchor.
import { assert } from 'chai';
import { readFile, filesFrom, textFrom, download, fileStem, ExchangeError, MAX_FILE_BYTES } from '../../src/exchange/index.ts';
import { expectCode as expectCodeOf } from '../support/expect-code.ts';

const expectCode = (p: Promise<unknown> | (() => unknown), code: string): Promise<void> => expectCodeOf(p, code, (e) => e instanceof ExchangeError);

describe('exchange', () => {
  it('reads a picked or dropped file as bytes', async () => {
    const f = new File([new Uint8Array([0x30, 0x03, 1, 2, 3])], 'a.der');
    const r = await readFile(f);
    assert.deepEqual(Array.from(r.bytes), [0x30, 0x03, 1, 2, 3]);
    assert.equal(r.name, 'a.der');
  });

  it('refuses a file over the cap before reading it', async () => {
    await expectCode(readFile(new File([new Uint8Array(MAX_FILE_BYTES + 1)], 'big.bin')), 'EXCHANGE_FILE_TOO_LARGE');
  });

  it('takes files and text from a DataTransfer', () => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x'], 'x.pem'));
    assert.deepEqual(filesFrom(dt).map((f) => f.name), ['x.pem']);
    const text = new DataTransfer();
    text.setData('text/plain', 'hello');
    assert.equal(textFrom(text), 'hello');
    return expectCode(() => filesFrom(text), 'EXCHANGE_NO_FILE');
  });

  it('downloads through a blob: URL with the given name and exact bytes', async () => {
    let seen: { href: string; name: string } | undefined;
    const grab = (e: MouseEvent): void => {
      const a = e.target as HTMLAnchorElement;
      if (a.tagName === 'A' && a.download) {
        e.preventDefault();
        seen = { href: a.href, name: a.download };
      }
    };
    document.addEventListener('click', grab, true);
    try {
      download('line\n', 'id.ident.b64', 'text/plain');
    } finally {
      document.removeEventListener('click', grab, true);
    }
    assert.equal(seen?.name, 'id.ident.b64');
    assert.match(seen!.href, /^blob:/);
    assert.equal(await (await fetch(seen!.href)).text(), 'line\n');
  });

  it('makes safe file names from labels', () => {
    assert.equal(fileStem('Alpha Labs, Inc. / Research'), 'Alpha-Labs-Inc.-Research');
    assert.equal(fileStem('../../etc/passwd'), 'etc-passwd');
    assert.equal(fileStem('   '), 'identity');
  });
});
