// Import/inspect as data: one source (pasted text or a file) → what the core found, described for
// display, or the refusal's code and sentence. Reads only; nothing stored changes.
import {
  parseInput,
  describeCertificate,
  describeCsr,
  describeCrl,
  type CertificateSummary,
  type CsrSummary,
  type CrlSummary,
  type InputItem,
} from '../../pki/index.ts';
import { errorCode, messageFor } from '../messages.ts';

export type DescribedItem =
  | { readonly kind: 'certificate'; readonly encoding: InputItem['encoding']; readonly cert: CertificateSummary }
  | { readonly kind: 'csr'; readonly encoding: InputItem['encoding']; readonly csr: CsrSummary }
  | { readonly kind: 'crl'; readonly encoding: InputItem['encoding']; readonly crl: CrlSummary }
  | {
      readonly kind: 'introduction';
      readonly encoding: InputItem['encoding'];
      readonly signed: CertificateSummary;
      readonly ca: CertificateSummary;
      readonly services: ReadonlyArray<{ readonly alias: string; readonly url: string }>;
    };

export type InspectResult =
  | { readonly ok: true; readonly source: string; readonly items: ReadonlyArray<DescribedItem> }
  | { readonly ok: false; readonly source: string; readonly code: string; readonly sentence: string; readonly detail: string };

async function describeItem(item: InputItem, atMs: number): Promise<DescribedItem> {
  switch (item.kind) {
    case 'certificate':
      return { kind: 'certificate', encoding: item.encoding, cert: await describeCertificate(item.der, atMs) };
    case 'csr':
      return { kind: 'csr', encoding: item.encoding, csr: await describeCsr(item.der) };
    case 'crl':
      return { kind: 'crl', encoding: item.encoding, crl: await describeCrl(item.der) };
    case 'introduction':
      return {
        kind: 'introduction',
        encoding: item.encoding,
        signed: await describeCertificate(item.signedCertDer, atMs),
        ca: await describeCertificate(item.caCertDer, atMs),
        services: item.services,
      };
  }
}

/** Parses and describes `input`; never throws for bad input (it becomes `ok: false`). */
export async function inspectInput(source: string, input: string | Uint8Array, atMs: number): Promise<InspectResult> {
  try {
    const items = parseInput(input);
    return { ok: true, source, items: await Promise.all(items.map((i) => describeItem(i, atMs))) };
  } catch (e) {
    const code = errorCode(e);
    if (code === undefined) throw e;
    return { ok: false, source, code, sentence: messageFor(e), detail: (e as Error).message };
  }
}
