// One way for every test to say "this is refused with CODE": awaits the promise (or calls the
// function), and fails unless it threw an error carrying that `code` — and, with `is`, of that kind.
import { assert } from 'chai';

export async function expectCode(run: Promise<unknown> | (() => unknown), code: string, is?: (e: unknown) => boolean): Promise<void> {
  try {
    await (typeof run === 'function' ? run() : run);
  } catch (e) {
    if (is) assert.isTrue(is(e), `expected ${code}, got ${String(e)}`);
    assert.equal((e as { code?: unknown } | null)?.code, code, String(e));
    return;
  }
  assert.fail(`expected ${code}, but it succeeded`);
}
