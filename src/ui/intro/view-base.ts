// What every issue-4 route view shares: the store, clock and announcer from the app shell's contexts,
// and the route parameter (an identity id to preselect, e.g. #/introduce/<id>).
import { LitElement, html, type TemplateResult } from 'lit';
import { ContextConsumer } from '@lit/context';
import { TaskStatus, type Task } from '@lit/task';
import { announcerContext, clockContext, storeContext } from '../contexts.ts';
import { messageFor } from '../messages.ts';

export class IntroViewBase extends LitElement {
  static override properties = { param: { type: String } };
  declare param: string;
  protected readonly store = new ContextConsumer(this, { context: storeContext, subscribe: true });
  protected readonly clock = new ContextConsumer(this, { context: clockContext });
  protected readonly announcer = new ContextConsumer(this, { context: announcerContext });

  constructor() {
    super();
    this.param = '';
  }

  protected now(): number {
    return (this.clock.value ?? Date.now)();
  }

  protected say(message: string): void {
    this.announcer.value?.announce(message);
  }

  /**
   * Renders a task, keeping the last result on screen while it runs again (after an action), so
   * forms and their input are not torn down and rebuilt; the first load shows `loading`.
   */
  protected renderKept<T>(task: Task<readonly unknown[], T | undefined>, loading: string, complete: (value: T) => unknown): unknown {
    if (task.status === TaskStatus.ERROR) return html`<p class="error" role="alert">${this.sentence(task.error)}</p>`;
    const v = task.value;
    if (v !== undefined) return complete(v);
    if (task.status === TaskStatus.COMPLETE) return html`<p class="muted">Opening storage…</p>`;
    return html`<p class="muted" role="status">${loading}</p>` as TemplateResult;
  }

  /** The sentence for an error; unexpected ones also go to the console for developers. */
  protected sentence(e: unknown): string {
    const s = messageFor(e);
    if (s.startsWith('Something unexpected')) console.error(e);
    return s;
  }
}
