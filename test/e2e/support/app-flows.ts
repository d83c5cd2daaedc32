// End-to-end support: user flows through the built app's UI (create an identity, export it) and
// direct IndexedDB reads for assertions, shared by the PWA, single-file and backup tests.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createHash, X509Certificate } from 'node:crypto';
import type { Page } from 'playwright-core';

export interface CreatedInUi {
  readonly id: string;
  readonly label: string;
  /** Grouped SHA-256 fingerprint as the identity page shows it. */
  readonly fingerprint: string;
  /** The recovery key's secret when the identity was made recoverable through the form. */
  readonly recoverySecret?: string;
}

/**
 * Creates an identity through the New identity form (from wherever the page is) and waits for its
 * page. With `recoverable`, makes a recovery key in the form, downloads it and ticks "saved".
 */
export async function createIdentityInUi(page: Page, options: { org: string; unit: string; hosts: string; recoverable?: boolean }): Promise<CreatedInUi> {
  const main = page.getByRole('main');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New identity' }).click();
  await main.getByLabel('Organisation', { exact: true }).fill(options.org);
  await main.getByLabel('Unit', { exact: true }).fill(options.unit);
  await main.getByLabel('Hosts').fill(options.hosts);
  let recoverySecret: string | undefined;
  if (options.recoverable) {
    await main.getByLabel(/Also keep an encrypted copy for recovery/).check();
    await main.getByRole('button', { name: 'Make a new recovery key' }).click();
    recoverySecret = (await main.locator('#recovery-secret').inputValue()).trim();
    const [dl] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: 'Download recovery key' }).click()]);
    const file = await readFile((await dl.path())!, 'utf8');
    assert.ok(file.includes(recoverySecret), 'the downloaded recovery key file holds the secret shown');
    await main.getByLabel('I have saved the recovery key somewhere safe').check();
  }
  await main.getByRole('button', { name: 'Create identity' }).click();
  await page.waitForURL(/#\/identity\/.+/);
  const label = `${options.org} / ${options.unit}`;
  await main.getByRole('heading', { level: 1, name: label }).waitFor();
  const id = decodeURIComponent(new URL(page.url()).hash.replace(/^#\/identity\//, ''));
  const fingerprint = (await main.locator('[data-testid=fingerprint] code').innerText()).replace(/\s+/g, ' ').trim();
  return { id, label, fingerprint, ...(recoverySecret ? { recoverySecret } : {}) };
}

/** Downloads the identity's certified get-ident file from its page and checks it against the fingerprint shown. */
export async function downloadIdentAndCheck(page: Page, shown: CreatedInUi): Promise<X509Certificate> {
  const main = page.getByRole('main');
  const [dl] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: 'Download .b64' }).click()]);
  const text = await readFile((await dl.path())!, 'utf8');
  assert.match(text, /^[A-Za-z0-9_-]+=*\n$/, 'one URL-safe base64 line, as certified get-ident');
  const der = Buffer.from(text.trim(), 'base64url');
  const hex = createHash('sha256').update(der).digest('hex').toUpperCase();
  assert.equal(hex.match(/.{4}/g)!.join(' '), shown.fingerprint, 'the file is the identity shown on screen');
  return new X509Certificate(der);
}

/** Every record of the app's IndexedDB stores (keys summarised: CryptoKeys do not leave the page). */
export async function dumpStore(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('crosstrust');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const out: Record<string, unknown[]> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      out[name] = await new Promise<unknown[]>((ok, fail) => {
        const r = db.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => ok(r.result as unknown[]);
        r.onerror = () => fail(r.error);
      });
    }
    db.close();
    const keys = out.keys as Array<{ id: string; key: CryptoKey }> | undefined;
    if (keys) out.keys = keys.map((k) => ({ id: k.id, type: k.key.type, extractable: k.key.extractable }));
    // Bytes as hex so deepEqual in Node compares content.
    return JSON.parse(JSON.stringify(out, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v))) as Record<string, unknown[]>;
  });
}
