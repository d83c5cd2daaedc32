// Shared services handed down from ct-app through @lit/context: the store handle, the clock and the
// announcer (role=status live region). Keyed by Symbols so nothing else can collide with them.
import { createContext } from '@lit/context';
import type { Db } from '../store/index.ts';

export interface Announcer {
  /** Says `message` politely in the live region (and shows it). */
  announce(message: string): void;
}

/** The open database, or undefined while it opens or when it could not be opened. */
export const storeContext = createContext<Db | undefined>(Symbol('ct-store'));
/** Epoch ms now; injectable so tests and judgements use one clock. */
export const clockContext = createContext<() => number>(Symbol('ct-clock'));
export const announcerContext = createContext<Announcer>(Symbol('ct-announcer'));
