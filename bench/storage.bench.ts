// Issue 10 §6: open the store and list 10,000 certificates (openStore + listIssued, the register of
// what our CAs signed), as a ratio to a raw IndexedDB cursor over the same records (indexedDB.open +
// a cursor on the same index), the two timed interleaved. Chromium only: it needs IndexedDB.
import { ISSUED_KIND, listIssued, openStore, type IssuedDoc } from '../src/store/index.ts';
import { parseCertificate, renderRfc4514, serialHex, sha256, toHex } from '../src/pki/index.ts';
import { compareTimes, type Benchmark, type BenchResult } from './harness.ts';
import { AT, rootCertificates } from './cert-kit.ts';

export const runtimes = ['chromium'] as const;

const COUNT = 10_000;
const DB = 'crosstrust-bench-storage';

function deleteDb(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
    // 'blocked' only means a connection we closed has not finished closing yet: keep waiting.
  });
}

/** 10,000 `issued` documents as recordIssued writes them, in one transaction (setup, not timed). */
async function fill(): Promise<void> {
  const certs = await rootCertificates(COUNT);
  const docs: IssuedDoc[] = await Promise.all(
    certs.map(async (der, i) => {
      const cert = parseCertificate(der);
      return {
        identityId: `bench-${i % 4}`,
        kind: i % 2 ? 'introduction' : 'cross-cert',
        certDer: der,
        serialHex: serialHex(cert),
        subject: renderRfc4514(cert.subject),
        sha256: toHex(await sha256(der)),
        notBeforeMs: cert.notBeforeMs,
        notAfterMs: cert.notAfterMs,
        issuedMs: AT + i,
      };
    }),
  );
  const db = await openStore({ name: DB });
  const tx = db.transaction('documents', 'readwrite');
  await Promise.all([...docs.map((d) => tx.store.put({ id: `issued:${d.sha256}`, kind: ISSUED_KIND, updatedMs: d.issuedMs, data: d })), tx.done]);
  db.close();
}

function rawList(): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const out: unknown[] = [];
      const req = db.transaction('documents').objectStore('documents').index('byKind').openCursor(IDBKeyRange.only(ISSUED_KIND));
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const cursor = req.result;
        if (cursor) {
          out.push((cursor.value as { data: unknown }).data);
          cursor.continue();
        } else {
          db.close();
          resolve(out);
        }
      };
    };
  });
}

async function measure(): Promise<BenchResult> {
  await deleteDb(DB);
  await fill();
  const ours = async (): Promise<void> => {
    const db = await openStore({ name: DB });
    const list = await listIssued(db);
    db.close();
    if (list.length !== COUNT) throw new Error(`listIssued returned ${list.length} of ${COUNT}`);
  };
  const raw = async (): Promise<void> => {
    const list = await rawList();
    if (list.length !== COUNT) throw new Error(`the cursor returned ${list.length} of ${COUNT}`);
  };
  const r = await compareTimes(ours, raw);
  await deleteDb(DB);
  return {
    id: 'storage.list',
    title: `Store: open and list ${COUNT} certificates`,
    ratio: r.ratio,
    lowerIsBetter: true,
    baseline: 'indexedDB.open + a raw cursor over the same index',
    detail: { storeMs: r.subjectMs, rawCursorMs: r.baselineMs },
  };
}

export const benchmarks: Benchmark[] = [{ id: 'storage', title: 'Store: open + list certificates', run: async () => [await measure()] }];
