// Plain-DOM helpers for component tests: find through open shadow roots, wait for conditions, run axe.

/** All elements matching `selector` in `root` and every open shadow root below it. */
export function findAll(selector: string, root: ParentNode = document): Element[] {
  const out: Element[] = [...root.querySelectorAll(selector)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...findAll(selector, el.shadowRoot));
  return out;
}

export function find<T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T | undefined {
  return findAll(selector, root)[0] as T | undefined;
}

/** Element whose trimmed text equals (or matches) `text`. */
export function byText<T extends Element = HTMLElement>(selector: string, text: string | RegExp, root: ParentNode = document): T | undefined {
  return findAll(selector, root).find((e) => (typeof text === 'string' ? e.textContent?.trim() === text : text.test(e.textContent ?? ''))) as T | undefined;
}

/** Waits until `fn` returns a truthy value (polling each frame), or fails after `ms`. */
export async function waitFor<T>(fn: () => T | undefined | null | false, what: string, ms = 10000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/** The element focused, looking through shadow roots. */
export function deepActiveElement(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

interface AxeResult { violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }
declare global {
  interface Window { axe?: { run(ctx: unknown, opts: unknown): Promise<AxeResult> } }
}

/** Runs axe-core (WCAG 2 A/AA rules) on the page and returns readable violations. */
export async function axeViolations(): Promise<string[]> {
  if (!window.axe) {
    await new Promise<void>((resolve, reject) => {
      const s = document.createElement('script');
      s.src = '/node_modules/axe-core/axe.min.js';
      s.onload = () => resolve();
      s.onerror = () => reject(new Error('axe-core did not load'));
      document.head.append(s);
    });
  }
  const r = await window.axe!.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
  return r.violations.map((v) => `${v.id}: ${v.help} (${JSON.stringify(v.nodes.map((n) => n.target))})`);
}

/** Fills a form control and fires input/change as a user would. */
export function fill(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  el.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}
