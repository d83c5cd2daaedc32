// App-shell service worker (Workbox precaching): serves the build offline, index.html for navigations,
// and activates a new version only when the page posts SKIP_WAITING. Never opens IndexedDB, never sees
// keys, never calls another origin; every URL it knows is relative to its own scope.
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

// The build's file list with revisions (injected by vite-plugin-pwa's injectManifest).
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Any navigation inside our scope gets the precached shell; views are chosen by the hash.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

// The first version takes control of open pages at once, so the first visit already works offline.
// Later versions reach pages only through SKIP_WAITING below (a waiting worker never claims early).
clientsClaim();

// Prompt mode: a new worker waits until the user chose "reload" in the page (src/ui/update/).
// No skipWaiting() on install — that would be auto-update, swapping code under a running operation.
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING') {
    void self.skipWaiting();
  }
});
