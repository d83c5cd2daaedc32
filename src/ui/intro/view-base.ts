// What every issue-4 route view shares: the store, clock and announcer from the app shell's contexts,
// and the route parameter (an identity id to preselect, e.g. #/introduce/<id>).
import { LitElement } from 'lit';
import { ContextConsumer } from '@lit/context';
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

  /** The sentence for an error; unexpected ones also go to the console for developers. */
  protected sentence(e: unknown): string {
    const s = messageFor(e);
    if (s.startsWith('Something unexpected')) console.error(e);
    return s;
  }
}
