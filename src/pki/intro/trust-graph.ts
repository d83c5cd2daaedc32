// The trust graph as plain data with a layout, read left to right: the services introducers offer us,
// the CAs that introduced us, our identities, and whom we vouch for (peers we introduced, CAs we
// cross-certified). Columns without nodes are left out. Revoked relations are marked: what our CAs
// revoked (their ledgers) and introductions of us that the introducer's CRL revokes. No DOM; the UI
// only draws what this returns.
import { displayName, renderRfc4514 } from '../names.ts';
import { parseCertificate, serialHex } from '../x509/certificate.ts';
import { fingerprintOf } from '../fingerprint.ts';
import { sha256, toHex } from '../bytes.ts';
import { caIdentityOf } from '../crl/partner.ts';
import { findRevocation, parseCrl, type Crl } from '../crl/parse.ts';
import { CRL_REASON_LABELS, type CrlReason } from '../crl/reasons.ts';

export interface TrustGraphInput {
  /** Our identities; `label` is what the user called it (defaults to the certificate's name). */
  readonly identities: ReadonlyArray<{ readonly ref: string; readonly idCertDer: Uint8Array; readonly label?: string }>;
  /** Installed introductions: their CA signed our identity `identityRef`. */
  readonly introductions: ReadonlyArray<{
    readonly signedCertDer: Uint8Array;
    readonly caCertDer: Uint8Array;
    readonly identityRef?: string;
    readonly services: ReadonlyArray<{ readonly alias: string; readonly url: string }>;
  }>;
  /** Identities our CA (of `identityRef`) re-issued: the peers we introduced (from the issued register). */
  readonly introduced?: ReadonlyArray<{ readonly certDer: Uint8Array; readonly identityRef?: string }>;
  /** Cross-certificates our CA (of `identityRef`) issued for partner CAs. */
  readonly crossCertificates?: ReadonlyArray<{ readonly certDer: Uint8Array; readonly identityRef?: string; readonly description?: ReadonlyArray<string> }>;
  /** What our CAs revoked (entries of their ledgers): marks peers we introduced and CAs we cross-certified. */
  readonly ourRevocations?: ReadonlyArray<{ readonly certSha256: string; readonly revokedAtMs: number; readonly reason: CrlReason }>;
  /**
   * Partners' CRLs we hold, each with the identity (caIdentityOf: subject and key) of the CA it was
   * checked against when it was imported: marks installed introductions their introducer revoked.
   */
  readonly partnerCrls?: ReadonlyArray<{ readonly caId: string; readonly crlDer: Uint8Array }>;
  readonly atMs: number;
}

/** A relation withdrawn before it expired: by our CA (its ledger) or by the introducer (its CRL). */
export interface GraphRevocation {
  readonly by: 'us' | 'introducer';
  readonly revokedAtMs: number;
  readonly reason?: CrlReason;
}

export type GraphNodeKind = 'identity' | 'introducer' | 'introduced' | 'cross-certified' | 'service';
export type GraphEdgeKind = 'introduced-us' | 'serves' | 'we-introduced' | 'cross-certified';

export interface GraphNode {
  readonly id: string;
  readonly kind: GraphNodeKind;
  readonly label: string;
  /** Second line: validity or URL. */
  readonly sublabel: string;
  /** Centre of the node box. */
  readonly x: number;
  readonly y: number;
  /** Lines describing the node's certificate (or URL), for a details panel. */
  readonly details: ReadonlyArray<string>;
  /** The certificate the node stands for (services: the introducer's CA), DER. */
  readonly certDer?: Uint8Array;
  readonly expired: boolean;
  readonly revoked?: GraphRevocation;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: GraphEdgeKind;
  /** The relation in words ("Beta introduced Alpha"), for lists and screen readers. */
  readonly label: string;
  readonly expired: boolean;
  readonly revoked?: GraphRevocation;
}

export interface GraphColumn {
  readonly title: string;
  readonly x: number;
}

export interface TrustGraph {
  readonly nodes: ReadonlyArray<GraphNode>;
  readonly edges: ReadonlyArray<GraphEdge>;
  readonly columns: ReadonlyArray<GraphColumn>;
  readonly width: number;
  readonly height: number;
  /** Box size the layout assumes (the UI draws nodes this size). */
  readonly nodeWidth: number;
  readonly nodeHeight: number;
}

export const GRAPH_NODE_WIDTH = 220;
export const GRAPH_NODE_HEIGHT = 52;
const MARGIN = 24;
const GAP = 64;
const TOP = 64; // below the column titles
const ROW = 72;

const COLUMN_TITLES = ['Their services', 'Introduced us', 'Our identities', 'We vouch for'] as const;
type Column = 0 | 1 | 2 | 3;

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

interface CertView {
  readonly subject: string;
  readonly label: string;
  readonly expired: boolean;
  readonly notAfterMs: number;
  readonly lines: string[];
}

async function view(der: Uint8Array, atMs: number, extra: ReadonlyArray<string> = []): Promise<CertView> {
  const c = parseCertificate(der);
  const fp = await fingerprintOf(der);
  return {
    subject: renderRfc4514(c.subject),
    label: displayName(c.subject),
    expired: atMs > c.notAfterMs || atMs < c.notBeforeMs,
    notAfterMs: c.notAfterMs,
    lines: [
      `Subject: ${renderRfc4514(c.subject)}`,
      `Issuer: ${renderRfc4514(c.issuer)}`,
      `Valid: ${day(c.notBeforeMs)} to ${day(c.notAfterMs)}`,
      `SHA-256: ${fp.grouped}`,
      ...extra,
    ],
  };
}

const validityWord = (v: CertView, r?: GraphRevocation): string =>
  r ? `revoked ${day(r.revokedAtMs)}` : v.expired ? `expired ${day(v.notAfterMs)}` : `until ${day(v.notAfterMs)}`;

/** "revoked 2026-01-02 by us, key compromised" — for detail lines and the relations in words. */
function revocationWords(r: GraphRevocation): string {
  const reason = r.reason && r.reason !== 'unspecified' ? `, ${CRL_REASON_LABELS[r.reason]}` : '';
  return `revoked ${day(r.revokedAtMs)} ${r.by === 'us' ? 'by us' : 'by the introducer’s CRL'}${reason}`;
}

/** " (revoked …)" or " (expired)" after a relation in words. */
const stateSuffix = (expired: boolean, r?: GraphRevocation): string => (r ? ` (${revocationWords(r)})` : expired ? ' (expired)' : '');
const detailLine = (r: GraphRevocation | undefined): string[] =>
  r ? [`Revoked: ${day(r.revokedAtMs)} ${r.by === 'us' ? '(by us)' : '(the introducer’s CRL)'}${r.reason && r.reason !== 'unspecified' ? `, ${CRL_REASON_LABELS[r.reason]}` : ''}`] : [];

/** Builds the graph. Certificates are parsed strictly (throws CERT_MALFORMED). */
export async function buildTrustGraph(input: TrustGraphInput): Promise<TrustGraph> {
  type Draft = Omit<GraphNode, 'x' | 'y'> & { column: Column };
  const drafts = new Map<string, Draft>();
  const edges: GraphEdge[] = [];
  const labels = new Map<string, string>();
  const dead = (x: { readonly expired: boolean; readonly revoked?: GraphRevocation }): boolean => x.expired || x.revoked !== undefined;
  const addNode = (d: Draft): void => {
    const had = drafts.get(d.id);
    // The same peer seen twice (re-introduced, re-cross-certified): keep the one still valid.
    if (!had || (dead(had) && !dead(d))) drafts.set(d.id, d);
  };
  const addEdge = (e: GraphEdge): void => {
    const i = edges.findIndex((x) => x.from === e.from && x.to === e.to);
    if (i < 0) edges.push(e);
    else if (dead(edges[i]!) && !dead(e)) edges[i] = e;
  };
  const ours = new Map((input.ourRevocations ?? []).map((r) => [r.certSha256.toLowerCase(), r]));
  const revokedByUs = async (der: Uint8Array): Promise<GraphRevocation | undefined> => {
    const r = ours.get(toHex(await sha256(der)));
    return r ? { by: 'us', revokedAtMs: r.revokedAtMs, reason: r.reason } : undefined;
  };
  const crlsByCa = new Map<string, Crl[]>();
  for (const c of input.partnerCrls ?? []) crlsByCa.set(c.caId, [...(crlsByCa.get(c.caId) ?? []), parseCrl(c.crlDer)]);
  const revokedByIntroducer = async (signedDer: Uint8Array, caDer: Uint8Array): Promise<GraphRevocation | undefined> => {
    const crls = crlsByCa.get(await caIdentityOf(parseCertificate(caDer)));
    if (!crls) return undefined;
    const serial = serialHex(parseCertificate(signedDer));
    for (const crl of crls) {
      const e = findRevocation(crl, serial, input.atMs);
      if (e) return { by: 'introducer', revokedAtMs: e.revokedAtMs, ...(e.reason ? { reason: e.reason } : {}) };
    }
    return undefined;
  };

  for (const id of input.identities) {
    const v = await view(id.idCertDer, input.atMs);
    const label = id.label ?? v.label;
    labels.set(id.ref, label);
    addNode({ id: `identity:${id.ref}`, kind: 'identity', column: 2, label, sublabel: validityWord(v), details: v.lines, certDer: id.idCertDer, expired: v.expired });
  }
  const firstIdentity = input.identities[0]?.ref;
  const refOf = (ref: string | undefined): string | undefined => (ref !== undefined && labels.has(ref) ? ref : firstIdentity);

  for (const intro of input.introductions) {
    const ca = await view(intro.caCertDer, input.atMs);
    const signed = await view(intro.signedCertDer, input.atMs);
    const caId = `introducer:${ca.subject}`;
    const expired = ca.expired || signed.expired;
    const revoked = await revokedByIntroducer(intro.signedCertDer, intro.caCertDer);
    const r = revoked ? { revoked } : {};
    addNode({ id: caId, kind: 'introducer', column: 1, label: ca.label, sublabel: `introduction ${validityWord(signed, revoked)}`, details: [...ca.lines, ...detailLine(revoked)], certDer: intro.caCertDer, expired, ...r });
    const ref = refOf(intro.identityRef);
    if (ref !== undefined) addEdge({ from: caId, to: `identity:${ref}`, kind: 'introduced-us', label: `${ca.label} introduced ${labels.get(ref)}${stateSuffix(expired, revoked)}`, expired, ...r });
    for (const s of intro.services) {
      const sid = `service:${s.alias}`;
      addNode({ id: sid, kind: 'service', column: 0, label: s.alias, sublabel: `${revoked ? 'revoked · ' : expired ? 'expired · ' : ''}${s.url.replace(/^https:\/\//, '')}`, details: [`Alias: ${s.alias}`, `URL: ${s.url}`, `Server certificates trusted from: ${ca.subject}`, ...detailLine(revoked)], certDer: intro.caCertDer, expired, ...r });
      addEdge({ from: sid, to: caId, kind: 'serves', label: `${s.alias} (${s.url}) is run by ${ca.label}${revoked ? ' (its introduction is revoked)' : ''}`, expired, ...r });
    }
  }

  for (const p of input.introduced ?? []) {
    const v = await view(p.certDer, input.atMs);
    const c = parseCertificate(p.certDer);
    const id = `introduced:${toHex(await sha256(c.subjectPublicKeyInfo))}`;
    const revoked = await revokedByUs(p.certDer);
    const r = revoked ? { revoked } : {};
    addNode({ id, kind: 'introduced', column: 3, label: v.label, sublabel: `we introduced · ${validityWord(v, revoked)}`, details: [...v.lines, ...detailLine(revoked)], certDer: p.certDer, expired: v.expired, ...r });
    const ref = refOf(p.identityRef);
    if (ref !== undefined) addEdge({ from: `identity:${ref}`, to: id, kind: 'we-introduced', label: `${labels.get(ref)} introduced ${v.label}${stateSuffix(v.expired, revoked)}`, expired: v.expired, ...r });
  }

  for (const x of input.crossCertificates ?? []) {
    const v = await view(x.certDer, input.atMs, x.description ? ['Limits:', ...x.description] : []);
    const id = `cross-certified:${v.subject}`;
    const revoked = await revokedByUs(x.certDer);
    const r = revoked ? { revoked } : {};
    addNode({ id, kind: 'cross-certified', column: 3, label: v.label, sublabel: `cross-certified · ${validityWord(v, revoked)}`, details: [...v.lines, ...detailLine(revoked)], certDer: x.certDer, expired: v.expired, ...r });
    const ref = refOf(x.identityRef);
    if (ref !== undefined) addEdge({ from: `identity:${ref}`, to: id, kind: 'cross-certified', label: `${labels.get(ref)} cross-certified ${v.label}${stateSuffix(v.expired, revoked)}`, expired: v.expired, ...r });
  }

  // Layout: keep non-empty columns (our identities always), centre each column vertically.
  const all = [...drafts.values()];
  const used = ([0, 1, 2, 3] as const).filter((c) => c === 2 || all.some((d) => d.column === c));
  const xOf = new Map(used.map((c, i) => [c, MARGIN + GRAPH_NODE_WIDTH / 2 + i * (GRAPH_NODE_WIDTH + GAP)]));
  const counts = used.map((c) => all.filter((d) => d.column === c).length);
  const rows = Math.max(1, ...counts);
  const nodes: GraphNode[] = [];
  for (const c of used) {
    const inColumn = all.filter((d) => d.column === c);
    const offset = ((rows - inColumn.length) * ROW) / 2;
    inColumn.forEach((d, i) => {
      const { column: _column, ...node } = d;
      nodes.push({ ...node, x: xOf.get(c)!, y: TOP + offset + i * ROW + GRAPH_NODE_HEIGHT / 2 });
    });
  }
  return {
    nodes,
    edges,
    columns: used.map((c) => ({ title: COLUMN_TITLES[c], x: xOf.get(c)! })),
    width: MARGIN * 2 + used.length * GRAPH_NODE_WIDTH + (used.length - 1) * GAP,
    height: TOP + rows * ROW + MARGIN / 2,
    nodeWidth: GRAPH_NODE_WIDTH,
    nodeHeight: GRAPH_NODE_HEIGHT,
  };
}
