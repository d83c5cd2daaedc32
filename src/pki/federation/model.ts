// The federated trust bundle: a named set of CA certificates, each with where it came from.
// Plain read-only data (structured-clone safe); changes make new objects. No imports but types.

/** Where an entry came from. */
export type BundleSourceKind = 'own-root' | 'introduction' | 'cross-certification' | 'import';
export const BUNDLE_SOURCE_KINDS: ReadonlyArray<BundleSourceKind> = ['own-root', 'introduction', 'cross-certification', 'import'];

/** certified introduction details, needed to write `known_servers/<alias>.yaml` and `id/<signer>.crt`. */
export interface BundleIntroductionDetail {
  /** RFC 4514 name of the signer's CA as certified renders it (the `id/` file name and YAML `auths`). */
  readonly signerName: string;
  /** alias → URL from the introduction's `services` map, in its order. */
  readonly services: ReadonlyArray<{ readonly alias: string; readonly url: string }>;
  /** The re-issued certificate (`signed_cert`), DER; written to `id/<signerName>.crt` when present. */
  readonly signedCertDer?: Uint8Array;
}

export interface BundleProvenance {
  readonly kind: BundleSourceKind;
  /** Free text: the identity, partner, file or URL it came from. */
  readonly detail: string;
  readonly addedMs: number;
  /** Who compared the fingerprint out of band (a person or organisation), when someone did. */
  readonly confirmedBy?: string;
  readonly fingerprintConfirmed: boolean;
  readonly introduction?: BundleIntroductionDetail;
}

/** What a flag means: the entry is left out of exports unless the user keeps it on purpose. */
export type BundleEntryFlag = 'not-ca' | 'expired' | 'not-yet-valid' | 'expiring' | 'duplicate-key';

/** Facts about one certificate, computed once from its DER. */
export interface RootInfo {
  readonly der: Uint8Array;
  /** SubjectPublicKeyInfo DER (a view into `der`). */
  readonly spki: Uint8Array;
  /** SHA-256 of the DER, lower-case hex. */
  readonly fingerprint: string;
  /** SHA-256 of the SubjectPublicKeyInfo, lower-case hex (same key ⇔ same keyId). */
  readonly keyId: string;
  /** RFC 4514 rendering (certified's). */
  readonly subject: string;
  readonly displayName: string;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  /** BasicConstraints CA:TRUE. */
  readonly isCa: boolean;
  readonly selfIssued: boolean;
}

export interface BundleEntry extends RootInfo {
  readonly provenance: ReadonlyArray<BundleProvenance>;
  /** SPIFFE trust domain this root belongs to; the bundle's own when absent. */
  readonly trustDomain?: string;
  /** The user keeps this entry although it is flagged. */
  readonly keep: boolean;
  /** Fingerprints of other certificates with the same subject and key that were merged into this one. */
  readonly mergedFingerprints: ReadonlyArray<string>;
}

export interface TrustBundle {
  readonly name: string;
  /** Default SPIFFE trust domain (e.g. `example.org`) for entries without their own. */
  readonly trustDomain: string;
  readonly entries: ReadonlyArray<BundleEntry>;
  /** spiffe_sequence per trust domain; bumped whenever that domain's exported set changes. */
  readonly sequences: Readonly<Record<string, number>>;
  /** spiffe_refresh_hint in seconds. */
  readonly refreshHintS: number;
  readonly updatedMs: number;
}

/** The largest bundle input we read (checked before any decoding). */
export const MAX_BUNDLE_INPUT_BYTES = 10 * 1024 * 1024;
export const DEFAULT_REFRESH_HINT_S = 3600;
export const DEFAULT_EXPIRING_WITHIN_MS = 30 * 86_400_000;
