// The hierarchy controller against real IndexedDB and the real core (no DOM needed), and the view's
// accessible structure in Chromium.
import { assert } from 'chai';
import { HierarchyController } from '../../src/ui/hierarchy/hierarchy-controller.ts';
import '../../src/ui/hierarchy/hierarchy-view.ts';
import { openStore } from '../../src/store/db.ts';
import { readStoreFile } from '../../src/pki/index.ts';
import { makeCustody } from '../support/hierarchy-fixture.ts';

describe('ui: hierarchy', () => {
  it('the controller creates an environment and walks a root rotation step by step', async () => {
    const name = `ui-${crypto.randomUUID()}`;
    const host = { updates: 0, addController() {}, removeController() {}, requestUpdate() { this.updates++; }, updateComplete: Promise.resolve(true) };
    const ctl = new HierarchyController(host, { openDb: () => openStore({ name }) });
    try {
      const c = await makeCustody();
      await ctl.create({ name: 'prod', trustDomain: 'example.org', topology: 'two-tier', regions: 'eu, us', rootRecipient: c.rootRecipient, ciRecipient: c.ciRecipient, escrowRoot: true });
      assert.isUndefined(ctl.errorCode, ctl.message);
      assert.deepEqual(ctl.environments, ['prod']);
      assert.match(ctl.report, /result: OK/);
      await ctl.run({ kind: 'rotate-root' });
      await ctl.run({ kind: 'next-step' });
      await ctl.run({ kind: 'next-step' });
      assert.equal(ctl.selected?.doc.operation?.step, 'finalize');
      await ctl.run({ kind: 'abort' });
      assert.equal(ctl.errorCode, 'HIER_STEP_INVALID', 'cannot roll back a published root');
      await ctl.run({ kind: 'finalize' });
      assert.isUndefined(ctl.errorCode, ctl.message);
      assert.isUndefined(ctl.selected?.doc.operation);
      assert.equal(readStoreFile(ctl.storeFile()).authorities.find((a) => a.role === 'root')?.id, 'root-r2');
      await ctl.create({ name: 'Bad!', trustDomain: 'example.org', topology: 'two-tier', regions: '', rootRecipient: c.rootRecipient, ciRecipient: c.ciRecipient, escrowRoot: false });
      assert.equal(ctl.errorCode, 'HIER_ENV_INVALID');
      assert.isAbove(host.updates, 0);
    } finally {
      ctl.hostDisconnected();
      await new Promise((r) => { const q = indexedDB.deleteDatabase(name); q.onsuccess = q.onerror = q.onblocked = r; });
    }
  });

  it('the view renders a labelled form and a status region', async () => {
    const el = document.createElement('ct-hierarchy-view');
    document.body.append(el);
    try {
      await el.updateComplete;
      const root = el.shadowRoot!;
      assert.ok(root.querySelector('[role="status"]'));
      const form = root.querySelector('form')!;
      assert.equal(form.getAttribute('aria-label'), 'New environment');
      for (const input of Array.from(form.querySelectorAll('input, select'))) assert.ok(input.closest('label'), `${(input as HTMLInputElement).name} is labelled`);
      assert.equal(root.querySelector('button[type="submit"]')?.textContent?.trim(), 'Create environment');
    } finally {
      el.remove();
    }
  });
});
