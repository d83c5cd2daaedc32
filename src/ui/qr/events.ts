// The event the scanner emits when a transfer is complete: the same shape the file/paste import
// flow takes.
import type { QrPayloadKind } from '../../exchange/qr/index.ts';

export interface QrPayloadDetail {
  readonly kind: QrPayloadKind;
  readonly bytes: Uint8Array;
  readonly text?: string;
}

export type QrPayloadEvent = CustomEvent<QrPayloadDetail>;

declare global {
  interface HTMLElementEventMap {
    'ct-qr-payload': QrPayloadEvent;
  }
}
