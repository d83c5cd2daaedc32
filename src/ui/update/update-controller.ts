// Update flow in prompt mode: a new version waits until the user chooses to reload, and even then the
// reload waits while the busy registry holds a signing operation or a form with unsaved input.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BusyRegistry, Hold } from './busy-registry.ts';
import type { SwUpdater } from './sw-updater.ts';

/** none: nothing to say; offline-ready: first install done; available: new version waits;
 *  held: user chose reload but something is running; reloading: activating the new version. */
export type UpdateState = 'none' | 'offline-ready' | 'available' | 'held' | 'reloading';

export interface UpdateControllerOptions {
  readonly updater: SwUpdater | null;
  readonly registry: BusyRegistry;
  /** Reloads the page (tests pass a spy). */
  readonly reload: () => void;
  /** How often to ask the server for a new version while the page stays open. */
  readonly checkEveryMs?: number;
}

export class UpdateController implements ReactiveController {
  state: UpdateState = 'none';
  holds: ReadonlyArray<Hold> = [];
  readonly #host: ReactiveControllerHost;
  readonly #options: UpdateControllerOptions;
  #unsubscribe: (() => void) | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #activated = false;

  constructor(host: ReactiveControllerHost, options: UpdateControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
    options.updater?.onWaiting(() => this.#set(this.state === 'held' || this.state === 'reloading' ? this.state : 'available'));
    options.updater?.onOfflineReady(() => {
      if (this.state === 'none') this.#set('offline-ready');
    });
  }

  hostConnected(): void {
    this.holds = this.#options.registry.holds;
    this.#unsubscribe = this.#options.registry.subscribe((holds) => {
      this.holds = holds;
      if (this.state === 'held' && holds.length === 0) void this.#activate();
      this.#host.requestUpdate();
    });
    const every = this.#options.checkEveryMs ?? 60 * 60 * 1000;
    if (this.#options.updater) this.#timer = setInterval(() => void this.#options.updater?.checkForUpdate(), every);
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    if (this.#timer !== undefined) clearInterval(this.#timer);
  }

  /** The user chose "reload": activate now if nothing is held, else as soon as nothing is. */
  async reloadNow(): Promise<void> {
    if (this.state !== 'available' && this.state !== 'held') return;
    if (!this.#options.registry.idle) {
      this.#set('held');
      return;
    }
    await this.#activate();
  }

  /** Hides the offline-ready note. */
  dismiss(): void {
    if (this.state === 'offline-ready') this.#set('none');
  }

  async #activate(): Promise<void> {
    if (!this.#options.updater || this.state === 'reloading') return;
    this.#set('reloading');
    if (!this.#activated) {
      await this.#options.updater.activateWaiting();
      this.#activated = true;
    }
    // Re-check: a hold may have started while the new worker activated.
    if (this.#options.registry.idle) this.#options.reload();
    else this.#set('held');
  }

  #set(state: UpdateState): void {
    this.state = state;
    this.#host.requestUpdate();
  }
}
