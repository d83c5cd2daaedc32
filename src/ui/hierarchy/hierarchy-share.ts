// How the scoped-PKI view's artefacts leave and arrive (issue 8): share items for the store file, the
// scope bundles, the authorities' certificates and issued leaves, and the reading of a received
// request or store file. DOM-free; the view drops them into <ct-share-panel> / <ct-receive-panel>.
import { describeCsr, parsePem, PkiError, type CsrSummary } from '../../pki/index.ts';
import type { QrPayloadKind } from '../../exchange/qr/index.ts';
import type { ReceivedInput } from '../components/receive-panel.ts';
import type { ShareItem } from '../components/share-panel.ts';
import { errorCode, messageFor } from '../messages.ts';
import type { IssuedOutput } from './hierarchy-controller.ts';

/** QR kinds each receive panel takes: a request as DER (kind csr) or PEM; the store file as its own kind. */
export const CSR_QR_KINDS: ReadonlyArray<QrPayloadKind> = ['csr', 'pem-bundle'];
export const STORE_QR_KINDS: ReadonlyArray<QrPayloadKind> = ['pki-store'];
/** The store-file reader's own cap (src/pki/hierarchy/store-file.ts). */
export const MAX_STORE_FILE_BYTES = 4 * 1024 * 1024;

const PEM = 'application/x-pem-file';

export function storeFileShareItem(file: { readonly text: string; readonly name: string }): ShareItem {
  return {
    label: 'Store file', filename: file.name, mime: 'application/yaml', data: file.text, qrKind: 'pki-store',
    downloadLabel: `Download ${file.name}`, copyLabel: 'Copy store file', qrLabel: 'Show store file as QR code',
    hint: 'Certificates in PEM, keys as age ciphertext. The QR code carries the same file to a machine without a network.',
  };
}

export function bundleShareItem(env: string, scope: string, b: { readonly direction: string; readonly pem: string; readonly trustedScopes: ReadonlyArray<string>; readonly authorityIds: ReadonlyArray<string> }): ShareItem {
  const what = `${scope} ${b.direction} bundle`;
  return {
    label: what, filename: `${env}-${scope}-${b.direction}.pem`, mime: PEM, data: b.pem, qrKind: 'pem-bundle',
    downloadLabel: `Download ${what}`, copyLabel: `Copy ${what}`, qrLabel: `Show ${what} as QR code`,
    hint: `Trusts scopes ${b.trustedScopes.join(', ')} · anchors ${b.authorityIds.join(', ')}`,
  };
}

export function authorityShareItem(env: string, a: { readonly id: string; readonly subject: string; readonly certPem: string }): ShareItem {
  return {
    label: `${a.id} certificate`, filename: `${env}-${a.id}.pem`, mime: PEM, data: a.certPem, qrKind: 'pem-bundle',
    downloadLabel: `Download ${a.id} certificate`, copyLabel: `Copy ${a.id} PEM`, qrLabel: `Show ${a.id} certificate as QR code`, hint: a.subject,
  };
}

/** The issued chain (download, copy, QR) and, for a key generated here, the key: download only, never copied or shown as a code. */
export function issuedShareItems(x: IssuedOutput): ShareItem[] {
  const base = `${x.scope}-${x.service}`;
  const items: ShareItem[] = [
    { label: `${base} certificate chain`, filename: `${base}.crt`, mime: PEM, data: x.chainPem, qrKind: 'pem-bundle',
      downloadLabel: `Download ${base}.crt`, copyLabel: `Copy ${base} chain`, qrLabel: `Show ${base} chain as QR code`, hint: 'Leaf, then its intermediate: what the service presents.' },
  ];
  if (x.keyPem) {
    // Bytes, not text: the share panel offers no Copy for bytes, so the key never reaches the clipboard.
    items.push({ label: `${base} private key`, filename: `${base}.key`, mime: PEM, data: new TextEncoder().encode(x.keyPem),
      downloadLabel: `Download ${base}.key`, hint: 'Shown this once and not stored. Move it to the service.' });
  }
  return items;
}

export type RequestReading =
  | { readonly ok: true; readonly source: string; readonly der: Uint8Array; readonly summary: CsrSummary }
  | { readonly ok: false; readonly source: string; readonly sentence: string; readonly code: string };

/** A service's certificate request from a received file, paste or QR code (DER, or PEM text or bytes). */
export async function readLeafRequest(input: ReceivedInput): Promise<RequestReading> {
  try {
    const der = requestDer(input.data);
    return { ok: true, source: input.name, der, summary: await describeCsr(der) };
  } catch (e) {
    const code = errorCode(e);
    if (code === undefined) throw e;
    return { ok: false, source: input.name, sentence: messageFor(e), code };
  }
}

function requestDer(data: string | Uint8Array): Uint8Array {
  if (typeof data !== 'string' && data[0] === 0x30) return data;
  const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
  if (!text.includes('-----BEGIN')) throw new PkiError('CSR_MALFORMED', 'paste the request as PEM (-----BEGIN CERTIFICATE REQUEST-----) or choose its file');
  const b = parsePem(text).find((x) => x.label === 'CERTIFICATE REQUEST' || x.label === 'NEW CERTIFICATE REQUEST');
  if (!b) throw new PkiError('CSR_MALFORMED', 'the text holds no CERTIFICATE REQUEST block');
  return b.der;
}

/** A received store file as text (strict UTF-8). Throws PkiError HIER_STORE_SYNTAX for bytes that are not text. */
export function storeFileText(input: ReceivedInput): string {
  if (typeof input.data === 'string') return input.data;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input.data);
  } catch (e) {
    throw new PkiError('HIER_STORE_SYNTAX', `${input.name} is not a text file`, { cause: e });
  }
}
