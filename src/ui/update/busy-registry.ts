// Who must not be interrupted: views mark signing operations (busy) and forms with unsaved input
// (dirty) here; the update prompt reloads only when nothing is marked. No DOM, no crypto.

/** Why a reload must wait. */
export type HoldKind = 'busy' | 'dirty';

export interface Hold {
  readonly kind: HoldKind;
  /** Shown to the user, e.g. "signing a cross-certificate", "identity form". */
  readonly label: string;
}

type Listener = (holds: ReadonlyArray<Hold>) => void;

/**
 * A small registry of holds. Use the shared `busyRegistry`:
 *   const release = busyRegistry.hold('busy', 'signing a certificate');
 *   try { await sign(); } finally { release(); }
 * or `busyRegistry.run('signing…', () => sign())`. Forms call `hold('dirty', name)` on first input
 * and release on save or reset. Releasing twice is harmless.
 */
export class BusyRegistry {
  readonly #holds = new Map<symbol, Hold>();
  readonly #listeners = new Set<Listener>();

  /** Adds a hold; returns its release function. */
  hold(kind: HoldKind, label: string): () => void {
    const id = Symbol(label);
    this.#holds.set(id, { kind, label });
    this.#notify();
    return () => {
      if (this.#holds.delete(id)) this.#notify();
    };
  }

  /** Runs `work` while holding a 'busy' hold. */
  async run<T>(label: string, work: () => Promise<T>): Promise<T> {
    const release = this.hold('busy', label);
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Current holds, oldest first. */
  get holds(): ReadonlyArray<Hold> {
    return [...this.#holds.values()];
  }

  get idle(): boolean {
    return this.#holds.size === 0;
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    const holds = this.holds;
    for (const listener of this.#listeners) listener(holds);
  }
}

/** The app's one registry. */
export const busyRegistry = new BusyRegistry();
