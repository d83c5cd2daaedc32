// Test helper: builds certificates and chains with any extensions, for validator tests in Node and Chromium.
import {
  OID_ATTR,
  OID_EKU,
  authorityKeyIdExtension,
  basicConstraintsExtension,
  buildCertificate,
  encodeName,
  exportSpki,
  extKeyUsageExtension,
  generateKeyPair,
  keyIdentifier,
  keyUsageExtension,
  subjectAltNameExtension,
  subjectKeyIdExtension,
  type ExtensionSpec,
  type GeneralNameSpec,
  type KeyType,
  type KeyUsageName,
} from '../../../src/pki/index.ts';

export const DAY = 86_400_000;
/** The validation time of every test: certificates are valid from T - 1 day to T + 365 days. */
export const T = Date.UTC(2026, 0, 15, 12, 0, 0);
export const AT = new Date(T);

export interface Issued {
  readonly der: Uint8Array;
  readonly keys: CryptoKeyPair;
  readonly name: Uint8Array;
  readonly spki: Uint8Array;
}

export const nameDer = (cn: string, extra: Array<[string, string]> = []): Uint8Array =>
  encodeName([...extra.map(([t, v]) => [{ type: t, value: v, tag: 0x0c }]), [{ type: OID_ATTR.CN, value: cn, tag: 0x0c }]]).der;

const keyCache = new Map<string, CryptoKeyPair>();
/** Key pairs are cached by label so a test can re-certify the same key (cross-certificates). */
export async function keyFor(label: string, type: KeyType = 'ed25519'): Promise<CryptoKeyPair> {
  const k = `${type}:${label}`;
  let p = keyCache.get(k);
  if (!p) {
    p = await generateKeyPair(type);
    keyCache.set(k, p);
  }
  return p;
}

export interface CertOptions {
  readonly cn: string;
  /** Subject name DER (overrides cn). */
  readonly subject?: Uint8Array;
  /** Absent: self-signed. */
  readonly issuer?: Issued;
  /** Key label (default: cn). */
  readonly key?: string;
  readonly keyType?: KeyType;
  readonly ca?: boolean;
  readonly pathLength?: number;
  /** null: no BasicConstraints at all. */
  readonly basicConstraints?: null;
  /** null: no KeyUsage. */
  readonly keyUsage?: ReadonlyArray<KeyUsageName> | null;
  /** null: no EKU. Default for leaves: serverAuth + clientAuth. */
  readonly eku?: ReadonlyArray<string> | null;
  readonly san?: ReadonlyArray<GeneralNameSpec> | null;
  readonly extra?: ReadonlyArray<ExtensionSpec>;
  readonly notBeforeMs?: number;
  readonly notAfterMs?: number;
  /** Leave out SKI/AKI (to exercise name-only chaining). */
  readonly noKeyIds?: boolean;
  readonly signer?: { readonly algorithm: Uint8Array; readonly sign: (tbs: Uint8Array) => Promise<Uint8Array> };
  readonly spki?: Uint8Array;
}

let serial = 1;

export async function makeCert(o: CertOptions): Promise<Issued> {
  const keys = await keyFor(o.key ?? o.cn, o.keyType);
  const spki = o.spki ?? (await exportSpki(keys.publicKey));
  const name = o.subject ?? nameDer(o.cn);
  const ca = o.ca ?? false;
  const exts: ExtensionSpec[] = [];
  if (!o.noKeyIds) exts.push(subjectKeyIdExtension(await keyIdentifier(spki)));
  if (o.basicConstraints !== null) exts.push(basicConstraintsExtension(ca, o.pathLength));
  const ku = o.keyUsage === undefined ? (ca ? (['keyCertSign', 'cRLSign'] as const) : (['digitalSignature'] as const)) : o.keyUsage;
  if (ku) exts.push(keyUsageExtension(ku));
  const eku = o.eku === undefined ? (ca ? null : [OID_EKU.serverAuth, OID_EKU.clientAuth]) : o.eku;
  if (eku) exts.push(extKeyUsageExtension(eku));
  if (o.issuer && !o.noKeyIds) exts.push(authorityKeyIdExtension(await keyIdentifier(o.issuer.spki)));
  const san = o.san === undefined ? (ca ? null : [{ type: 'dns' as const, value: `${o.cn.toLowerCase().replace(/[^a-z0-9]/g, '')}.example.com` }]) : o.san;
  if (san) exts.push(subjectAltNameExtension(san));
  exts.push(...(o.extra ?? []));
  const issuerKeys = o.issuer?.keys ?? keys;
  const s = serial++;
  const der = await buildCertificate({
    subject: name,
    issuer: o.issuer?.name ?? name,
    subjectPublicKeyInfo: spki,
    issuerKey: issuerKeys.privateKey,
    serial: new Uint8Array([(s >> 16) & 0x7f, (s >> 8) & 0xff, s & 0xff]),
    notBeforeMs: o.notBeforeMs ?? T - DAY,
    notAfterMs: o.notAfterMs ?? T + 365 * DAY,
    extensions: exts,
    ...(o.signer ? { signer: o.signer } : {}),
  });
  return { der, keys, name, spki };
}

/** root → intermediate → leaf with defaults; `over` tweaks each. */
export async function makeChain(over: { root?: Partial<CertOptions>; inter?: Partial<CertOptions>; leaf?: Partial<CertOptions> } = {}): Promise<{
  root: Issued;
  inter: Issued;
  leaf: Issued;
}> {
  const root = await makeCert({ cn: 'Root CA', ca: true, ...over.root });
  const inter = await makeCert({ cn: 'Inter CA', ca: true, issuer: root, ...over.inter });
  const leaf = await makeCert({ cn: 'Leaf', issuer: inter, ...over.leaf });
  return { root, inter, leaf };
}
