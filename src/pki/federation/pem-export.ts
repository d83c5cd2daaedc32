// Plain exports of the included roots: the PEM bundle as `step ca federation` writes it (Go's
// pem.Encode of each certificate, one after another, no blank lines) and step-ca's JSON for the
// `/roots` and `/federation` endpoints (`{"crts": [PEM, …]}`, as its RootsResponse/FederationResponse).
import { toPem } from '../pem.ts';
import { PkiError } from '../errors.ts';
import type { RootInfo } from './model.ts';

function nonEmpty(roots: ReadonlyArray<RootInfo>): ReadonlyArray<RootInfo> {
  if (roots.length === 0) throw new PkiError('BUNDLE_NOTHING_TO_EXPORT', 'the bundle has no root to export (all are flagged, or it is empty)');
  return roots;
}

/** The PEM bundle: `-----BEGIN CERTIFICATE-----` blocks with 64-column lines, `\n` ends. Throws BUNDLE_NOTHING_TO_EXPORT. */
export function exportPemBundle(roots: ReadonlyArray<RootInfo>): string {
  return nonEmpty(roots)
    .map((r) => toPem('CERTIFICATE', r.der))
    .join('');
}

/** step-ca's `{"crts": [...]}` (Go's json.Encoder: compact, trailing newline). Throws BUNDLE_NOTHING_TO_EXPORT. */
export function exportStepJson(roots: ReadonlyArray<RootInfo>): string {
  return JSON.stringify({ crts: nonEmpty(roots).map((r) => toPem('CERTIFICATE', r.der)) }) + '\n';
}
