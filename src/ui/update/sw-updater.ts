// Registers the service worker (./sw.js) with workbox-window and exposes the few events the update
// controller needs. The script URL passes through a Trusted Types policy that allows only our worker.
import { Workbox } from 'workbox-window';

/** What the update controller needs from a service worker registration (tests pass a fake). */
export interface SwUpdater {
  /** Called once a new version is installed and waiting (also when one was already waiting). */
  onWaiting(listener: () => void): void;
  /** Called when the first version has been installed: the app now works offline. */
  onOfflineReady(listener: () => void): void;
  /** Asks the waiting worker to activate; resolves once it controls this page. */
  activateWaiting(): Promise<void>;
  /** Checks the server for a new version (no-op offline). */
  checkForUpdate(): Promise<void>;
}

const SW_URL = './sw.js';

// Trusted Types (https://w3c.github.io/trusted-types/) — not yet in TypeScript's DOM lib.
interface TrustedScriptURL { readonly __brand: 'TrustedScriptURL' }
interface TrustedTypePolicyFactory {
  createPolicy(name: string, rules: { createScriptURL: (url: string) => string }): { createScriptURL(url: string): TrustedScriptURL };
}

function trustedWorkerUrl(): string | TrustedScriptURL {
  const tt = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes;
  if (!tt) return SW_URL;
  const policy = tt.createPolicy('crosstrust-sw', {
    createScriptURL: (url: string) => {
      if (url !== SW_URL) throw new TypeError('only the app service worker may be registered');
      return url;
    },
  });
  return policy.createScriptURL(SW_URL);
}

/**
 * Registers ./sw.js when service workers are available (not from file://, not in the single-file
 * build); returns null otherwise.
 */
export function registerServiceWorker(): SwUpdater | null {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return null;
  const wb = new Workbox(trustedWorkerUrl() as string, { scope: './' });
  const waiting: Array<() => void> = [];
  const offlineReady: Array<() => void> = [];
  wb.addEventListener('waiting', () => waiting.forEach((l) => l()));
  wb.addEventListener('installed', (event) => {
    if (!event.isUpdate) offlineReady.forEach((l) => l());
  });
  void wb.register().catch((error: unknown) => console.warn('service worker registration failed', error));
  return {
    onWaiting: (l) => void waiting.push(l),
    onOfflineReady: (l) => void offlineReady.push(l),
    activateWaiting: () =>
      new Promise<void>((resolve) => {
        wb.addEventListener('controlling', () => resolve());
        wb.messageSkipWaiting();
      }),
    checkForUpdate: async () => {
      if (navigator.onLine) await wb.update();
    },
  };
}
