// Grouped, readable form of a hex SHA-256 fingerprint, through the core's formatter.
import { formatFingerprint, fromHex } from '../../pki/index.ts';

export function groupedFingerprint(hex: string): string {
  return formatFingerprint(fromHex(hex)).grouped;
}
