// Import/inspect as data: one source (pasted text or a file) → what the core found, described for
// display, or the refusal's code and sentence. Reads only; nothing stored changes.
import {
  parseBundleInput,
  parseInput,
  describeCertificate,
  describeCsr,
  describeCrl,
  type CertificateSummary,
  type CsrSummary,
  type CrlSummary,
  type BundleFormat,
  type InputItem,
} from '../../pki/index.ts';
import { errorCode, messageFor } from '../messages.ts';

/** How the bytes were read: the boundary parser's encodings, plus a zip of certified files. */
export type ItemEncoding = InputItem['encoding'] | 'zip';

export type DescribedItem =
  | { readonly kind: 'certificate'; readonly encoding: ItemEncoding; readonly cert: CertificateSummary }
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
  | {
      readonly ok: true;
      readonly source: string;
      readonly items: ReadonlyArray<DescribedItem>;
      /** Set when the input was a trust bundle (step-ca JSON, SPIFFE, JWS, certified files) read by the federation core. */
      readonly bundleFormat?: BundleFormat;
    }
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

const BUNDLE_ENCODING: Readonly<Record<BundleFormat, ItemEncoding>> = { pem: 'pem', der: 'der', 'step-json': 'json', spiffe: 'json', jws: 'json', certified: 'zip' };

/**
 * Trust bundles the boundary parser does not read (step-ca JSON, SPIFFE, JWS, certified files): their
 * certificates, read by the federation core as a partner's bundle would be. Undefined when it is none.
 */
async function asBundle(input: string | Uint8Array, source: string, atMs: number): Promise<InspectResult | undefined> {
  try {
    const b = await parseBundleInput(input, { atMs, allowFlagged: true, fileName: source });
    if (b.format === 'pem' || b.format === 'der') return undefined; // the boundary parser's refusal says more
    const items = await Promise.all(b.roots.map(async (r): Promise<DescribedItem> => ({ kind: 'certificate', encoding: BUNDLE_ENCODING[b.format], cert: await describeCertificate(r.der, atMs) })));
    return { ok: true, source, items, bundleFormat: b.format };
  } catch (e) {
    if (errorCode(e) === undefined) throw e;
    return undefined;
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
    const bundle = await asBundle(input, source, atMs);
    if (bundle) return bundle;
    return { ok: false, source, code, sentence: messageFor(e), detail: (e as Error).message };
  }
}
