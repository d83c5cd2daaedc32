// The update controller with a fake worker: prompt on waiting, reload only after the user chose it
// and only when nothing is busy or dirty; the prompt element is a labelled live region.
import { assert } from 'chai';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BusyRegistry } from '../../src/ui/update/busy-registry.ts';
import { UpdateController } from '../../src/ui/update/update-controller.ts';
import type { SwUpdater } from '../../src/ui/update/sw-updater.ts';
import '../../src/ui/update/ct-update-prompt.ts';

function fakeUpdater() {
  let waiting = () => {};
  let ready = () => {};
  const calls = { activate: 0 };
  const updater: SwUpdater = {
    onWaiting: (l) => { waiting = l; },
    onOfflineReady: (l) => { ready = l; },
    activateWaiting: async () => { calls.activate++; },
    checkForUpdate: async () => {},
  };
  return { updater, calls, fireWaiting: () => waiting(), fireReady: () => ready() };
}

function host(): ReactiveControllerHost & { controllers: ReactiveController[]; updates: number } {
  const h = {
    controllers: [] as ReactiveController[],
    updates: 0,
    addController(c: ReactiveController) { h.controllers.push(c); },
    removeController() {},
    requestUpdate() { h.updates++; },
    updateComplete: Promise.resolve(true),
  };
  return h;
}

const tick = () => new Promise((ok) => setTimeout(ok, 0));

describe('update controller', () => {
  it('shows the prompt on a waiting worker and reloads only after the user chooses to', async () => {
    const f = fakeUpdater();
    let reloads = 0;
    const h = host();
    const c = new UpdateController(h, { updater: f.updater, registry: new BusyRegistry(), reload: () => reloads++ });
    h.controllers.forEach((x) => x.hostConnected?.());
    assert.equal(c.state, 'none');
    f.fireWaiting();
    assert.equal(c.state, 'available');
    await tick();
    assert.equal(reloads, 0, 'never reloads by itself');
    await c.reloadNow();
    assert.equal(f.calls.activate, 1);
    assert.equal(reloads, 1);
    h.controllers.forEach((x) => x.hostDisconnected?.());
  });

  it('holds the reload while a signing operation runs or a form is dirty, then proceeds', async () => {
    const f = fakeUpdater();
    const registry = new BusyRegistry();
    let reloads = 0;
    const h = host();
    const c = new UpdateController(h, { updater: f.updater, registry, reload: () => reloads++ });
    h.controllers.forEach((x) => x.hostConnected?.());
    f.fireWaiting();
    const releaseSign = registry.hold('busy', 'signing a certificate');
    const releaseForm = registry.hold('dirty', 'identity form');
    await c.reloadNow();
    assert.equal(c.state, 'held');
    assert.deepEqual(c.holds.map((x) => x.label), ['signing a certificate', 'identity form']);
    releaseSign();
    await tick();
    assert.equal(reloads, 0, 'form still dirty');
    releaseForm();
    releaseForm(); // releasing twice is harmless
    await tick();
    assert.equal(f.calls.activate, 1);
    assert.equal(reloads, 1);
    h.controllers.forEach((x) => x.hostDisconnected?.());
  });

  it('does nothing without a waiting worker; announces offline-ready once', async () => {
    const f = fakeUpdater();
    let reloads = 0;
    const h = host();
    const c = new UpdateController(h, { updater: f.updater, registry: new BusyRegistry(), reload: () => reloads++ });
    await c.reloadNow();
    assert.equal(reloads, 0);
    f.fireReady();
    assert.equal(c.state, 'offline-ready');
    c.dismiss();
    assert.equal(c.state, 'none');
  });

  it('ct-update-prompt renders the prompt inside a role=status live region with a named button', async () => {
    const f = fakeUpdater();
    const el = document.createElement('ct-update-prompt');
    el.updater = f.updater;
    el.registry = new BusyRegistry();
    let reloads = 0;
    el.reload = () => reloads++;
    document.body.append(el);
    try {
      await el.updateComplete;
      const region = el.shadowRoot!.querySelector('[role=status]');
      assert.isNotNull(region);
      assert.equal(region!.getAttribute('aria-live'), 'polite');
      f.fireWaiting();
      await el.updateComplete;
      const button = region!.querySelector('button');
      assert.equal(button?.textContent?.trim(), 'Reload to update');
      const w = window as unknown as { axe?: { run(e: Element): Promise<{ violations: Array<{ id: string }> }> } };
      if (!w.axe) {
        await new Promise<void>((ok, fail) => {
          const s = document.createElement('script');
          s.src = '/node_modules/axe-core/axe.min.js';
          s.onload = () => ok();
          s.onerror = () => fail(new Error('axe-core did not load'));
          document.head.append(s);
        });
      }
      assert.deepEqual((await w.axe!.run(el)).violations.map((v) => v.id), []);
      button!.click();
      await tick();
      assert.equal(reloads, 1);
    } finally {
      el.remove();
    }
  });
});
