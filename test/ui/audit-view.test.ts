// The audit log in real Chromium with a fresh IndexedDB and the real core: rows, filters, key words
// and JSON lines without a DOM; then the #/audit view (newest first, filters by area, operation and
// identity/environment, signatures only, keyboard, download of what is shown, copy), the identity
// page's own entries with its link into the log, and axe in light and dark.
import { assert } from 'chai';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/ui/app.ts';
import { checkEnvironment, createEnvironment, createIdentity, fingerprintOf, generateServiceKey, introduce, issueLeaf, type CreatedIdentity } from '../../src/pki/index.ts';
import {
  applyEnvironmentWrites, issueRevocationList, loadEnvironment, openStore, recordIssued, revokeIssued, saveIdentity, type Db, type IdentityRecord,
} from '../../src/store/index.ts';
import {
  areasIn, auditFileName, auditJsonLines, auditRows, describeKey, filterRows, loadAuditLog, opsIn, subjectFromParam,
} from '../../src/ui/audit/audit-log.ts';
import { T0, makeCustody } from '../support/hierarchy-fixture.ts';
import { axeViolations, byText, deepActiveElement, find, findAll, waitFor } from './support/dom.ts';

const link = document.createElement('link');
link.rel = 'stylesheet';
link.href = '/src/ui/global.css';
document.head.append(link);
document.documentElement.lang = 'en';

let n = 0;

interface Seeded { readonly db: Db; readonly dbName: string; readonly alpha: IdentityRecord; readonly beta: CreatedIdentity }

/** Alpha (3 entries), an introduction it signed (1), the prod environment (4) and a leaf (1), a revocation (1) and a CRL (1). */
async function seed(): Promise<Seeded> {
  const dbName = `ct-audit-ui-${Date.now()}-${n++}`;
  const db = await openStore({ name: dbName });
  const at = T0;
  const alpha = await saveIdentity(db, { label: 'Alpha main', created: await createIdentity({ name: { org: 'Alpha', unit: 'Ops' }, san: { hosts: ['alpha.example'] }, atMs: at }), atMs: at });
  const beta = await createIdentity({ name: { org: 'Beta', unit: 'Ops' }, san: { hosts: ['beta.example'] }, atMs: at });
  const intro = await introduce({ peerDer: beta.idCertDer, ca: { certDer: alpha.caCertDer, key: (await db.get('keys', alpha.caKeyId))!.key }, atMs: at + 1000, confirmedFingerprint: (await fingerprintOf(beta.idCertDer)).grouped });
  await recordIssued(db, { identityId: alpha.id, kind: 'introduction', certDer: intro.signedCertDer, atMs: at + 1000, summary: 'Introduced OU=Ops,O=Beta' });
  const c = await makeCustody();
  const environment = checkEnvironment({ name: 'prod', trustDomain: 'example.org', topology: 'two-tier', regions: ['eu'], custodians: { rootRecipient: c.rootRecipient, ciRecipient: c.ciRecipient } });
  await applyEnvironmentWrites(db, await createEnvironment({ environment, escrowRoot: false, atMs: at + 2000 }), null, at + 2000);
  const s = (await loadEnvironment(db, 'prod'))!;
  const leaf = await issueLeaf(s, { scope: 'eu', service: 'shop', spki: (await generateServiceKey('p256')).spki }, at + 3000);
  await applyEnvironmentWrites(db, leaf.writes, s.doc.revision, at + 3000);
  await revokeIssued(db, { identityId: alpha.id, certDer: intro.signedCertDer, reason: 'superseded', atMs: at + 4000 });
  await issueRevocationList(db, { identityId: alpha.id, atMs: at + 5000, nextUpdateDays: 7 });
  return { db, dbName, alpha, beta };
}

async function drop(dbName: string): Promise<void> {
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(dbName);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
}

describe('audit log (DOM-free)', () => {
  let s: Seeded;
  before(async () => (s = await seed()));
  after(async () => {
    s.db.close();
    await drop(s.dbName);
  });

  it('rows newest first, each with its area, operation label, subject and key in words', async () => {
    const log = await loadAuditLog(s.db);
    assert.deepEqual(log.rows.map((r) => r.entry.op), [
      'crl.issue', 'crl.revoke', 'hierarchy.leaf.issue', 'hierarchy.intermediate.sign', 'hierarchy.intermediate.sign', 'hierarchy.root.sign', 'hierarchy.create',
      'intro.sign', 'cert.sign', 'cert.sign', 'identity.create',
    ]);
    const crl = log.rows[0]!;
    assert.deepEqual([crl.areaLabel, crl.opLabel, crl.subject?.label, crl.key?.label, crl.signature], ['Revocation', 'CRL signed', 'Alpha main', 'CA key of “Alpha main”', true]);
    assert.match(crl.fingerprint!, /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    const leaf = log.rows[2]!;
    assert.deepEqual([leaf.areaLabel, leaf.opLabel, leaf.subject?.label, leaf.key?.label], ['Scoped PKI', 'Leaf issued', 'Environment prod', 'Intermediate key int-eu-i1 of prod']);
    assert.deepEqual([log.rows[1]!.signature, log.rows[1]!.key, log.rows[1]!.fingerprint], [false, undefined, undefined], 'a revocation signs nothing');
    assert.deepEqual(log.subjects.map((x) => x.label), ['Alpha main', 'Environment prod']);
    assert.deepEqual(areasIn(log.rows).map((a) => [a.label, a.count]), [['Identities', 3], ['Partners & introductions', 1], ['Revocation', 2], ['Scoped PKI', 5]]);
    assert.deepEqual(opsIn(log.rows, 'pki').map((o) => [o.label, o.count]), [['Environment created', 1], ['Intermediate certificate signed', 2], ['Leaf issued', 1], ['Root certificate signed', 1]]);
  });

  it('filters by area, operation, identity or environment, and signatures only', async () => {
    const { rows } = await loadAuditLog(s.db);
    const cases: ReadonlyArray<{ name: string; f: Parameters<typeof filterRows>[1]; want: number }> = [
      { name: 'none', f: {}, want: 11 },
      { name: 'area', f: { area: 'pki' }, want: 5 },
      { name: 'operation', f: { op: 'hierarchy.intermediate.sign' }, want: 2 },
      { name: 'environment', f: { subject: 'environment:prod' }, want: 5 },
      { name: 'identity', f: { subject: `identity:${s.alpha.id}` }, want: 6 },
      { name: 'signatures', f: { signaturesOnly: true }, want: 8 },
      { name: 'identity signatures in revocation', f: { subject: `identity:${s.alpha.id}`, area: 'revocation', signaturesOnly: true }, want: 1 },
      { name: 'nothing', f: { area: 'bundles' }, want: 0 },
    ];
    for (const c of cases) assert.lengthOf(filterRows(rows, c.f), c.want, c.name);
    assert.equal(subjectFromParam('environment:prod'), 'environment:prod');
    assert.equal(subjectFromParam('prod'), '');
  });

  it('names keys in words, also of identities deleted since and of unknown areas', () => {
    const ids = new Map([[s.alpha.id, s.alpha]]);
    assert.equal(describeKey(`${s.alpha.id}/id`, ids), 'Identity key of “Alpha main”');
    assert.equal(describeKey('gone/ca', ids), 'CA key of an identity no longer here');
    assert.equal(describeKey('hierarchy:lab:key-root-r2', ids), 'Root key root-r2 of lab');
    assert.equal(describeKey('something-else', ids), 'something-else');
    const [other] = auditRows([{ seq: 1, timeMs: 0, op: 'future.thing', summary: 'Something new happened', details: { identityId: 'gone' } }], []);
    assert.deepEqual([other!.areaLabel, other!.opLabel, other!.subject?.label], ['Other', 'future.thing', 'An identity no longer here']);
  });

  it('writes JSON lines: one object per entry, newest first, absent fields left out', async () => {
    const { rows } = await loadAuditLog(s.db);
    const text = auditJsonLines(rows);
    assert.isTrue(text.endsWith('\n'));
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.lengthOf(lines, 11);
    assert.deepEqual(lines.map((l) => l['seq']), rows.map((r) => r.entry.seq));
    assert.equal(lines[0]!['time'], new Date(T0 + 5000).toISOString());
    assert.deepEqual(Object.keys(lines[0]!), ['seq', 'time', 'timeMs', 'op', 'summary', 'keyId', 'outputSha256', 'details']);
    assert.deepEqual(Object.keys(lines[1]!), ['seq', 'time', 'timeMs', 'op', 'summary', 'details'], 'no key, no output');
    assert.equal(auditFileName(Date.UTC(2026, 4, 1)), 'crosstrust-audit-2026-05-01.jsonl');
    assert.equal(auditFileName(Date.UTC(2026, 4, 1), 'Environment prod'), 'crosstrust-audit-Environment-prod-2026-05-01.jsonl');
  });
});

describe('ct-audit-view and the identity page', () => {
  let app: HTMLElement | undefined;
  let s: Seeded;
  afterEach(async () => {
    app?.remove();
    app = undefined;
    location.hash = '';
    await emulateMedia({ colorScheme: 'light' });
    s.db.close();
    await drop(s.dbName);
  });

  async function mount(hash: string): Promise<void> {
    s = await seed();
    location.hash = hash;
    app = document.createElement('ct-app');
    app.setAttribute('db-name', s.dbName);
    document.body.append(app);
  }
  const rows = (): Element[] => findAll('ct-audit-table').flatMap((t) => [...t.shadowRoot!.querySelectorAll('tbody tr')]);
  const ops = (): string[] => rows().map((r) => r.getAttribute('data-op')!);
  const select = (id: string, value: string): void => {
    const el = find<HTMLSelectElement>(`select#${id}`)!;
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  };

  it('lists every entry newest first with key, fingerprint and copy; filters by area and operation; clears by keyboard; axe light and dark', async () => {
    await mount('#/audit');
    await waitFor(() => rows().length === 11, 'eleven rows');
    assert.equal(ops()[0], 'crl.issue');
    assert.equal(ops()[10], 'identity.create');
    const first = rows()[0]!;
    assert.match(first.textContent!, /Issued CRL number 1/);
    assert.match(first.textContent!, /CA key of “Alpha main”/);
    assert.match(first.querySelector('code.fp')!.textContent!, /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    assert.ok(first.querySelector('button[aria-label^="Copy the SHA-256 of: Issued CRL number 1"]'));
    assert.match(rows()[1]!.textContent!, /No key[\s\S]*Nothing produced/, 'the revocation row says it produced nothing');
    assert.equal(find('[data-testid=audit-count]')!.textContent!.trim(), '11 entries.');

    select('area', 'pki');
    await waitFor(() => rows().length === 5, 'only the scoped PKI');
    assert.equal(find('[data-testid=audit-count]')!.textContent!.trim(), '5 of 11 entries match.');
    assert.deepEqual([...find<HTMLSelectElement>('select#op')!.options].map((o) => o.value), ['', 'hierarchy.create', 'hierarchy.intermediate.sign', 'hierarchy.leaf.issue', 'hierarchy.root.sign'], 'operations of that area');
    select('op', 'hierarchy.intermediate.sign');
    await waitFor(() => rows().length === 2, 'the two intermediates');
    assert.isTrue(rows().every((r) => /Root key root-r1 of prod/.test(r.textContent!)), 'both signed by the root key');
    assert.deepEqual(await axeViolations(), []);

    const clear = byText<HTMLButtonElement>('button', 'Clear filters')!;
    clear.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => rows().length === 11, 'all again');
    assert.equal(deepActiveElement()?.id, 'area', 'focus back on the first filter');
    const only = find<HTMLInputElement>('input[name=signatures]')!;
    only.focus();
    await sendKeys({ press: 'Space' });
    await waitFor(() => rows().length === 8, 'signatures only');
    assert.notInclude(ops(), 'crl.revoke');

    await emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await axeViolations(), [], 'dark');
  });

  it('downloads what is shown as JSON lines; copies a fingerprint and says so', async () => {
    await mount('#/audit/environment:prod');
    await waitFor(() => rows().length === 5, 'prod only, from the route');
    assert.equal(find<HTMLSelectElement>('select#subject')!.value, 'environment:prod');
    let saved: { name: string; href: string } | undefined;
    const catchDownload = (e: Event): void => {
      const a = e.target;
      if (a instanceof HTMLAnchorElement && a.download) {
        e.preventDefault();
        saved = { name: a.download, href: a.href };
      }
    };
    document.addEventListener('click', catchDownload, true);
    try {
      byText<HTMLButtonElement>('button', /Download these 5 as JSON lines/)!.click();
      await waitFor(() => saved, 'the download');
    } finally {
      document.removeEventListener('click', catchDownload, true);
    }
    assert.match(saved!.name, /^crosstrust-audit-Environment-prod-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const lines = (await (await fetch(saved!.href)).text()).trimEnd().split('\n').map((l) => JSON.parse(l) as { op: string; details: { environment: string } });
    assert.deepEqual(lines.map((l) => l.op), ops());
    assert.isTrue(lines.every((l) => l.details.environment === 'prod'));
    await waitFor(() => byText('[role=status]', 'Downloaded 5 entries as JSON lines.'), 'announced');

    const copy = rows()[0]!.querySelector<HTMLButtonElement>('button')!;
    copy.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => byText('[role=status]', 'SHA-256 copied.'), 'copied, and said so');
    // What landed on the clipboard is read back in the end-to-end test (reading needs a permission granted there).
  });

  it("the identity page shows the identity's own entries and links to the log filtered to it", async () => {
    await mount('#/identities');
    location.hash = `#/identity/${encodeURIComponent(s.alpha.id)}`;
    await waitFor(() => rows().length === 6, "Alpha's six entries");
    assert.deepEqual(ops(), ['crl.issue', 'crl.revoke', 'intro.sign', 'cert.sign', 'cert.sign', 'identity.create']);
    assert.isFalse(ops().some((o) => o.startsWith('hierarchy.')), 'no scoped PKI entry');
    assert.deepEqual(await axeViolations(), []);
    byText<HTMLAnchorElement>('a', 'Open in the whole audit log')!.click();
    await waitFor(() => find('ct-audit-view') && rows().length === 6, 'the log, filtered to Alpha');
    assert.equal(find<HTMLSelectElement>('select#subject')!.value, `identity:${s.alpha.id}`);
    assert.equal(find('[data-testid=audit-count]')!.textContent!.trim(), '6 of 11 entries match.');
  });

  it('with nothing recorded, says so and links to the first step', async () => {
    const dbName = `ct-audit-empty-${Date.now()}`;
    s = { db: await openStore({ name: dbName }), dbName, alpha: undefined as never, beta: undefined as never };
    location.hash = '#/audit';
    app = document.createElement('ct-app');
    app.setAttribute('db-name', dbName);
    document.body.append(app);
    await waitFor(() => byText('h2', 'Nothing recorded yet'), 'the empty state');
    assert.ok(byText('a', 'create an identity'));
    assert.deepEqual(await axeViolations(), []);
  });
});
