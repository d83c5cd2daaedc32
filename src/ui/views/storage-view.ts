// Storage panel: whether the browser keeps our data (persist()), and how much space it uses.
import { LitElement, html, css } from 'lit';
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { announcerContext } from '../contexts.ts';
import { storageInfo, requestPersistence, formatBytes, type PersistState } from '../controllers/storage.ts';
import { messageFor } from '../messages.ts';
import { sharedStyles } from '../shared-styles.ts';

const PERSIST_WORDS: Readonly<Record<PersistState, { icon: string; word: string; cls: string; text: string }>> = {
  persistent: { icon: '✓', word: 'Persistent', cls: 'ok', text: 'The browser will not clear crosstrust’s data on its own, even when space runs low.' },
  'best-effort': { icon: '⚠', word: 'Not persistent', cls: 'warn', text: 'The browser may clear this site’s data when space runs low, which would destroy your private keys. Ask it to keep the data.' },
  unsupported: { icon: '?', word: 'Unknown', cls: 'muted', text: 'This browser does not say whether it keeps the data.' },
};

export class CtStorageView extends LitElement {
  static override properties = { param: { type: String } };
  static override styles = [sharedStyles, css`.card-title { margin-top: 0; }`];
  declare param: string;
  private readonly announcer = new ContextConsumer(this, { context: announcerContext });
  private readonly info = new Task(this, { task: () => storageInfo(), args: () => [] as const });

  constructor() {
    super();
    this.param = '';
  }

  private async ask(): Promise<void> {
    try {
      const state = await requestPersistence();
      this.announcer.value?.announce(state === 'persistent' ? 'The browser will keep crosstrust’s data.' : 'The browser did not grant persistent storage.');
    } catch (e) {
      this.announcer.value?.announce(messageFor(e));
    }
    void this.info.run();
  }

  override render() {
    return html`
      <h1>Storage</h1>
      <p class="lede">Your identities and their private keys live only in this browser’s storage for this site. If that storage is cleared, they are gone.</p>
      ${this.info.render({
        pending: () => html`<p class="muted" role="status">Checking storage…</p>`,
        error: (e) => html`<p class="error" role="alert">${messageFor(e)}</p>`,
        complete: (info) => {
          const p = PERSIST_WORDS[info.persist];
          return html`<section class="card">
            <dl class="facts">
              <dt>Persistence</dt><dd class=${p.cls} data-testid="persist"><span aria-hidden="true">${p.icon}</span> ${p.word}</dd>
              <dt>Used</dt><dd data-testid="usage">${info.usageBytes === undefined ? 'unknown' : formatBytes(info.usageBytes)}</dd>
              <dt>Available to this site</dt><dd>${info.quotaBytes === undefined ? 'unknown' : formatBytes(info.quotaBytes)}</dd>
            </dl>
            <p>${p.text}</p>
            ${info.persist === 'best-effort' ? html`<div class="actions"><button class="primary" type="button" @click=${() => void this.ask()}>Ask the browser to keep the data</button></div>` : ''}
          </section>
          <section class="card">
            <h2 class="card-title">Even persistent storage can be lost</h2>
            <p>Clearing site data, resetting the browser or losing the device deletes the keys. An encrypted backup brings back
              certificates, introductions and settings, and keys that were made recoverable (“backup at birth”).</p>
            <p><a class="button" href="#/backup">Make a backup</a></p>
          </section>`;
        },
      })}
    `;
  }
}
customElements.define('ct-storage-view', CtStorageView);
declare global {
  interface HTMLElementTagNameMap { 'ct-storage-view': CtStorageView; }
}
