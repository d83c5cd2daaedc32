// Display formatting shared by views (dates, validity words). No crypto here.
import type { ValidityStatus } from '../pki/index.ts';

const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const dayFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const timeFmt = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium', timeZone: 'UTC' });

export const formatDateTime = (ms: number): string => `${dateFmt.format(ms)} UTC`;
export const formatDate = (ms: number): string => dayFmt.format(ms);
/** Time of day with seconds, in UTC (the audit log orders entries seconds apart). */
export const formatTime = (ms: number): string => `${timeFmt.format(ms)} UTC`;

/** Icon plus word, never colour alone. */
export const STATUS_WORDS: Readonly<Record<ValidityStatus, { icon: string; word: string; cls: string }>> = {
  valid: { icon: '✓', word: 'Valid', cls: 'ok' },
  expired: { icon: '✕', word: 'Expired', cls: 'bad' },
  'not-yet-valid': { icon: '◷', word: 'Not yet valid', cls: 'warn' },
};
