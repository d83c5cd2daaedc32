// <ct-test-root>: provides the app's contexts (store, clock, announcer) to components under test,
// like ct-app does, with a real IndexedDB store and a recording announcer.
import { LitElement, html } from 'lit';
import { ContextProvider } from '@lit/context';
import { storeContext, clockContext, announcerContext } from '../../../src/ui/contexts.ts';
import type { Db } from '../../../src/store/index.ts';

export class CtTestRoot extends LitElement {
  readonly said: string[] = [];
  readonly #store = new ContextProvider(this, { context: storeContext, initialValue: undefined });
  readonly #clock = new ContextProvider(this, { context: clockContext, initialValue: () => Date.now() });

  constructor() {
    super();
    new ContextProvider(this, { context: announcerContext, initialValue: { announce: (m: string) => void this.said.push(m) } });
  }

  set db(db: Db | undefined) {
    this.#store.setValue(db);
  }

  set clock(fn: () => number) {
    this.#clock.setValue(fn);
  }

  override render() {
    return html`<slot></slot>`;
  }
}
if (!customElements.get('ct-test-root')) customElements.define('ct-test-root', CtTestRoot);

/** Mounts `child` under a provider root in the document. */
export async function mountWithContexts<T extends HTMLElement>(child: T, db?: Db, clock?: () => number): Promise<{ root: CtTestRoot; el: T }> {
  const root = document.createElement('ct-test-root') as CtTestRoot;
  if (db) root.db = db;
  if (clock) root.clock = clock;
  root.append(child);
  document.body.append(root);
  await root.updateComplete;
  await (child as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  return { root, el: child };
}
