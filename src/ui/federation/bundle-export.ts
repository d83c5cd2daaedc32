// A bundle's exports as share items (DOM-free): PEM (as `step ca federation`), step-ca JSON, one
// SPIFFE JWKS per trust domain, certified files (zip); and signing one of them with an identity's key
// from the store (a detached signature file, or a JWS over a SPIFFE document), audited.
import {
  assessBundle,
  exportCertifiedZip,
  exportPemBundle,
  exportSpiffeBundles,
  exportStepJson,
  sha256,
  signDetached,
  signJws,
  toHex,
  utf8,
  type TrustBundle,
} from '../../pki/index.ts';
import { fileStem } from '../../exchange/index.ts';
import { loadBundleSigner, recordBundleSignature, type Db } from '../../store/index.ts';
import { busyRegistry, type BusyRegistry } from '../update/busy-registry.ts'; // the module, not the index: no elements defined here
import type { ShareItem } from '../components/share-panel.ts';

export type ExportFormat = 'pem' | 'step-json' | 'spiffe' | 'certified';

export const EXPORT_FORMATS: ReadonlyArray<{ readonly id: ExportFormat; readonly label: string; readonly hint: string }> = [
  { id: 'pem', label: 'PEM bundle', hint: 'What step ca federation writes; openssl -CAfile, Node tls ca:, nginx and most TLS servers read it.' },
  { id: 'step-json', label: 'step-ca JSON', hint: 'The {"crts": […]} shape of step-ca’s /roots and /federation responses.' },
  { id: 'spiffe', label: 'SPIFFE trust bundle', hint: 'A JWK Set per trust domain with spiffe_sequence, for SPIRE and other SPIFFE consumers.' },
  { id: 'certified', label: 'certified files', hint: 'known_servers/*.yaml and id/*.crt for the roots that came from introductions, as a zip.' },
];

/** One exported file with what signing it needs. */
export interface ExportArtefact extends ShareItem {
  readonly data: string | Uint8Array;
  /** SPIFFE documents can be signed as JWS; the others get a detached signature. */
  readonly spiffeTrustDomain?: string;
}

const bytesOf = (data: string | Uint8Array): Uint8Array => (typeof data === 'string' ? utf8.encode(data) : data);

/** The files of `format` for what the bundle exports at `atMs`. Throws BUNDLE_NOTHING_TO_EXPORT, BUNDLE_NAME_INVALID. */
export function exportArtefacts(bundle: TrustBundle, format: ExportFormat, atMs: number): ExportArtefact[] {
  const included = assessBundle(bundle, { atMs }).included;
  const stem = fileStem(bundle.name);
  switch (format) {
    case 'pem':
      return [{ label: 'PEM bundle', filename: `${stem}.federated.pem`, mime: 'application/x-pem-file', data: exportPemBundle(included), qrKind: 'pem-bundle' }];
    case 'step-json':
      return [{ label: 'step-ca JSON', filename: `${stem}.federation.json`, mime: 'application/json', data: exportStepJson(included), qrKind: 'step-json' }];
    case 'spiffe':
      return exportSpiffeBundles(bundle, included).map((d) => ({
        label: `SPIFFE bundle for ${d.trustDomain}`,
        filename: `${fileStem(d.trustDomain)}.spiffe.json`,
        mime: 'application/json',
        data: d.json,
        qrKind: 'spiffe' as const,
        hint: `spiffe_sequence ${d.sequence}, refresh hint ${bundle.refreshHintS} s`,
        spiffeTrustDomain: d.trustDomain,
      }));
    case 'certified':
      return [{ label: 'certified files', filename: `${stem}.certified.zip`, mime: 'application/zip', data: exportCertifiedZip(included), qrKind: 'certified-files', hint: 'Unzip into certified’s config directory.' }];
  }
}

/**
 * Signs `artefact` with identity `identityId`'s key (its identity certificate names the signer, so
 * partners who trust our CA trust it): a JWS (compact) for SPIFFE documents when `jws`, else a
 * detached signature file. Holds busyRegistry while signing and audits the signature. Throws
 * StoreError STORE_NOT_FOUND, PkiError KEY_UNSUPPORTED / KEY_MISMATCH.
 */
export async function signArtefact(db: Db, identityId: string, artefact: ExportArtefact, opts: { readonly jws: boolean; readonly atMs: number }, busy: BusyRegistry = busyRegistry): Promise<ShareItem> {
  return busy.run('signing a trust bundle', async () => {
    const signer = await loadBundleSigner(db, identityId);
    const data = bytesOf(artefact.data);
    const asJws = opts.jws && artefact.spiffeTrustDomain !== undefined;
    const out = asJws ? (await signJws(signer, data, 'compact')) + '\n' : await signDetached(signer, data);
    await recordBundleSignature(db, {
      identityId,
      keyId: signer.keyId,
      signedSha256: toHex(await sha256(data)),
      summary: `Signed ${artefact.filename} (${asJws ? 'JWS' : 'detached signature'}) as “${signer.label}”`,
      atMs: opts.atMs,
    });
    const base = artefact.filename.replace(/\.json$/, '');
    return asJws
      ? { label: `Signed ${artefact.label} (JWS)`, filename: `${base}.jws`, mime: 'application/jose', data: out, qrKind: 'jws', hint: `Signed by ${signer.label}. Replaces the JSON: the receiver checks it and reads the bundle inside.` }
      : { label: `Signature for ${artefact.label}`, filename: `${artefact.filename}.sig.json`, mime: 'application/json', data: out, qrKind: 'bundle-signature', hint: `Signed by ${signer.label}. Send it with the file; the receiver checks both together.` };
  });
}
