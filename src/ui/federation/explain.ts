// A refusal for the federation views: the user sentence from THE message table plus its stable code,
// so what people read and what they report to an administrator name the same thing.
import { errorCode, messageFor } from '../messages.ts';

export function explain(e: unknown): string {
  const code = errorCode(e);
  return code ? `${messageFor(e)} (${code})` : messageFor(e);
}
