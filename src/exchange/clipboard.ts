// Clipboard: copy text (async Clipboard API, which needs a secure context and a user gesture).
import { ExchangeError } from './errors.ts';

/** Copies `text`. Throws ExchangeError EXCHANGE_CLIPBOARD_DENIED when the browser refuses. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch (cause) {
    throw new ExchangeError('EXCHANGE_CLIPBOARD_DENIED', 'the browser did not allow copying to the clipboard', { cause });
  }
}
