// One test vocabulary for every runtime: node:test in Node, Mocha's globals under web-test-runner.
// Core tests (test/pki) import describe/it from here so the same file runs in both.
type Fn = () => void | Promise<void>;
interface Suite {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: Fn): void;
  before(fn: Fn): void;
  after(fn: Fn): void;
  beforeEach(fn: Fn): void;
  afterEach(fn: Fn): void;
}

const g = globalThis as unknown as Partial<Suite> & { process?: { versions?: { node?: string } } };
const inNode = typeof g.process?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
// A variable specifier keeps browser bundlers from trying to resolve node:test.
const nodeTestSpecifier = 'node:test';
const suite: Suite = inNode ? ((await import(/* @vite-ignore */ nodeTestSpecifier)) as Suite) : (g as Suite);

export const describe = suite.describe.bind(suite);
export const it = suite.it.bind(suite);
export const before = suite.before.bind(suite);
export const after = suite.after.bind(suite);
export const beforeEach = suite.beforeEach.bind(suite);
export const afterEach = suite.afterEach.bind(suite);
/** True when running under Node (for the few tests that need a runtime-specific fixture loader). */
export const isNode = inNode;
