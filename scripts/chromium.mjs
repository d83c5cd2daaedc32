// Finds the Chromium that browser tests, end-to-end tests and benchmarks drive.
// Order: $CHROME_PATH, then the usual Debian/Ubuntu paths. Never downloads a browser.
import { existsSync } from 'node:fs';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** @returns {string | undefined} */
export function locateChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return candidates.find((p) => existsSync(p));
}

/** @returns {string} */
export function findChromium() {
  const found = locateChromium();
  if (!found) {
    throw new Error('No Chromium found. Set CHROME_PATH, or on Debian run: apt-get install -y chromium');
  }
  return found;
}

/** Flags for headless Chromium on a closed, root-run machine. */
export function chromiumArgs(extra = []) {
  return [
    '--no-sandbox',
    '--headless=new',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--disable-dev-shm-usage',
    ...extra,
  ];
}
