// The trust graph as plain data with a layout: our identities (left), the CAs that introduced us or
// that we cross-certified (middle), and the services each introduction carries (right). No DOM.
import { displayName, renderRfc4514 } from '../names.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { fingerprintOf } from '../fingerprint.ts';

export interface TrustGraphInput {
  readonly identities: ReadonlyArray<{ readonly ref: string; readonly idCertDer: Uint8Array }>;
  readonly introductions: ReadonlyArray<{
    readonly signedCertDer: Uint8Array;
    readonly caCertDer: Uint8Array;
    readonly identityRef?: string;
    readonly services: ReadonlyArray<{ readonly alias: string; readonly url: string }>;
  }>;
  readonly crossCertificates?: ReadonlyArray<{ readonly certDer: Uint8Array; readonly identityRef?: string }>;
  readonly atMs: number;
}

export interface GraphNode {
  readonly id: string;
  readonly kind: 'identity' | 'introducer' | 'cross-certified' | 'service';
  readonly label: string;
  readonly x: number;
  readonly y: number;
  /** Lines describing the node's certificate (or URL), for a details panel. */
  readonly details: ReadonlyArray<string>;
  readonly expired: boolean;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

export interface TrustGraph {
  readonly nodes: ReadonlyArray<GraphNode>;
  readonly edges: ReadonlyArray<GraphEdge>;
  readonly width: number;
  readonly height: number;
}

const COL = [110, 390, 650];
const ROW = 70;

async function certDetails(der: Uint8Array, atMs: number): Promise<{ lines: string[]; expired: boolean; subject: string; label: string }> {
  const c = parseCertificate(der);
  const fp = await fingerprintOf(der);
  return {
    subject: renderRfc4514(c.subject),
    label: displayName(c.subject),
    expired: atMs > c.notAfterMs || atMs < c.notBeforeMs,
    lines: [
      `Subject: ${renderRfc4514(c.subject)}`,
      `Issuer: ${renderRfc4514(c.issuer)}`,
      `Valid: ${new Date(c.notBeforeMs).toISOString().slice(0, 10)} to ${new Date(c.notAfterMs).toISOString().slice(0, 10)}`,
      `SHA-256: ${fp.grouped}`,
    ],
  };
}

/** Builds the graph. Certificates are parsed strictly (throws CERT_MALFORMED). */
export async function buildTrustGraph(input: TrustGraphInput): Promise<TrustGraph> {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const rows = [0, 0, 0];
  const place = (col: 0 | 1 | 2): { x: number; y: number } => ({ x: COL[col]!, y: 50 + ROW * rows[col]!++ });
  for (const id of input.identities) {
    const d = await certDetails(id.idCertDer, input.atMs);
    nodes.push({ id: `identity:${id.ref}`, kind: 'identity', label: d.label, ...place(0), details: d.lines, expired: d.expired });
  }
  const firstIdentity = input.identities[0]?.ref;
  for (const intro of input.introductions) {
    const ca = await certDetails(intro.caCertDer, input.atMs);
    const signed = await certDetails(intro.signedCertDer, input.atMs);
    const caId = `ca:${ca.subject}`;
    if (!nodes.some((n) => n.id === caId)) nodes.push({ id: caId, kind: 'introducer', label: ca.label, ...place(1), details: ca.lines, expired: ca.expired });
    const ref = intro.identityRef ?? firstIdentity;
    if (ref !== undefined) edges.push({ from: caId, to: `identity:${ref}`, label: signed.expired ? 'introduced us (expired)' : 'introduced us' });
    for (const s of intro.services) {
      const sid = `service:${s.alias}`;
      nodes.push({ id: sid, kind: 'service', label: s.alias, ...place(2), details: [`Alias: ${s.alias}`, `URL: ${s.url}`, `Trusted server CA: ${ca.subject}`], expired: signed.expired });
      edges.push({ from: caId, to: sid, label: 'serves' });
    }
  }
  for (const x of input.crossCertificates ?? []) {
    const d = await certDetails(x.certDer, input.atMs);
    const id = `xcert:${d.subject}`;
    if (!nodes.some((n) => n.id === id)) nodes.push({ id, kind: 'cross-certified', label: d.label, ...place(1), details: d.lines, expired: d.expired });
    const ref = x.identityRef ?? firstIdentity;
    if (ref !== undefined) edges.push({ from: `identity:${ref}`, to: id, label: 'we cross-certified' });
  }
  return { nodes, edges, width: 760, height: Math.max(120, 50 + ROW * Math.max(...rows)) };
}
