// End-to-end support: records every request a page (and its service worker) makes, every CSP
// violation and console error, so tests can assert "no other origin", "nothing while offline".
import type { BrowserContext, Page, Request } from 'playwright-core';

export interface SeenRequest {
  readonly url: string;
  readonly atMs: number;
  /** Made by the service worker itself (its precache fetches), not by the page. */
  readonly fromWorker: boolean;
  /** Answered by the service worker (from cache) rather than the network. */
  servedByWorker: boolean | undefined;
  failed: boolean;
}

export interface PageWatch {
  readonly requests: ReadonlyArray<SeenRequest>;
  readonly cspViolations: ReadonlyArray<string>;
  readonly consoleErrors: ReadonlyArray<string>;
  /** Requests whose origin differs from `origin` (file:// pages: any non-file URL). */
  foreign(origin: string): SeenRequest[];
  /** Requests seen since `sinceMs` (Date.now() value). */
  since(sinceMs: number): SeenRequest[];
}

/** Starts watching a context; call before the first navigation. */
export function watchContext(context: BrowserContext): PageWatch {
  const requests: SeenRequest[] = [];
  const cspViolations: string[] = [];
  const consoleErrors: string[] = [];
  const byRequest = new WeakMap<Request, SeenRequest>();
  context.on('request', (r) => {
    const seen: SeenRequest = { url: r.url(), atMs: Date.now(), fromWorker: r.serviceWorker() !== null, servedByWorker: undefined, failed: false };
    byRequest.set(r, seen);
    requests.push(seen);
  });
  context.on('requestfinished', (r) => {
    const seen = byRequest.get(r);
    if (seen) void r.response().then((res) => { seen.servedByWorker = res?.fromServiceWorker() ?? false; });
  });
  context.on('requestfailed', (r) => { const seen = byRequest.get(r); if (seen) seen.failed = true; });
  const attach = (page: Page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
      if (/Content.Security.Policy|Trusted Type/i.test(m.text())) cspViolations.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  };
  context.on('page', attach);
  context.pages().forEach(attach);
  // securitypolicyviolation events from every document, before any script of the app runs.
  void context.exposeBinding('__ctCspViolation', (_source, text: string) => void cspViolations.push(text));
  void context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (globalThis as unknown as { __ctCspViolation(t: string): void }).__ctCspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  return {
    requests, cspViolations, consoleErrors,
    foreign: (origin) => requests.filter((r) => {
      if (r.url.startsWith('data:') || r.url.startsWith('blob:')) return false;
      return origin === 'file://' ? !r.url.startsWith('file://') : new URL(r.url).origin !== origin;
    }),
    since: (sinceMs) => requests.filter((r) => r.atMs >= sinceMs),
  };
}

/**
 * Collects what should never happen on a page of the app: uncaught errors, console errors, requests to
 * anything but `appUrl` (blob: and data: URLs are the page's own), and with `httpErrors` any HTTP
 * status of 400 or more. Returns the list it fills (`into`, when given).
 */
export function watchPageErrors(page: Page, appUrl: string, options: { httpErrors?: boolean; into?: string[] } = {}): string[] {
  const errors = options.into ?? [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  if (options.httpErrors) page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()} for ${r.url()}`); });
  page.on('request', (r) => { if (!r.url().startsWith(appUrl) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) errors.push(`request to another origin: ${r.url()}`); });
  return errors;
}
