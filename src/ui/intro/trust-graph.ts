// <ct-trust-graph>: the trust graph as an SVG picture read left to right (their services → who
// introduced us → our identities → whom we vouch for), with a legend and the same relations in words.
// Nodes are keyboard buttons; the chosen node's certificate shows below, with a download. Expired and
// revoked relations are drawn in the danger colour with their own line pattern AND say so in words
// (second line, button name, details, legend): never colour alone.
import { LitElement, html, svg, css, nothing } from 'lit';
import { toPem, type GraphEdge, type GraphNode, type GraphNodeKind, type TrustGraph } from '../../pki/index.ts';
import { download, fileStem } from '../../exchange/index.ts';
import { sharedStyles } from '../shared-styles.ts';

const KIND_WORDS: Readonly<Record<GraphNodeKind, string>> = {
  identity: 'our identity',
  introducer: 'introduced us',
  introduced: 'we introduced',
  'cross-certified': 'we cross-certified',
  service: 'service',
};

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** 'revoked', 'expired' or '' — the class and the word for a node or edge (revoked wins: it is the stronger fact). */
const stateOf = (x: { readonly expired: boolean; readonly revoked?: unknown }): 'revoked' | 'expired' | '' => (x.revoked ? 'revoked' : x.expired ? 'expired' : '');

/**
 * @fires ct-node-select - detail: { id } when a node is chosen.
 */
export class CtTrustGraph extends LitElement {
  static override properties = { graph: { attribute: false }, selected: { state: true } };
  static override styles = [
    sharedStyles,
    css`
      .frame { background: var(--ct-surface); border: 1px solid var(--ct-border); border-radius: var(--ct-radius); padding: 0.5rem; overflow-x: auto; }
      svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
      .legend svg { display: inline; }
      .col-title { fill: var(--ct-muted); font: 600 12px var(--ct-sans); letter-spacing: 0.06em; text-transform: uppercase; }
      .node { cursor: pointer; }
      .node rect.box { fill: var(--ct-bg); stroke: var(--ct-border); stroke-width: 1.5; }
      .node rect.stripe { fill: var(--ct-muted); }
      .node.identity rect.box { fill: color-mix(in srgb, var(--ct-accent) 12%, var(--ct-bg)); stroke: var(--ct-accent); }
      .node.identity rect.stripe, .node.introducer rect.stripe { fill: var(--ct-accent); }
      .node.introduced rect.stripe { fill: var(--ct-ok); }
      .node.cross-certified rect.stripe { fill: var(--ct-warn); }
      .node.expired rect.box { stroke: var(--ct-danger); stroke-dasharray: 5 3; }
      .node.expired rect.stripe { fill: var(--ct-danger); }
      .node.revoked rect.box { fill: color-mix(in srgb, var(--ct-danger) 10%, var(--ct-bg)); stroke: var(--ct-danger); stroke-width: 2.5; stroke-dasharray: 2 3; }
      .node.revoked rect.stripe { fill: var(--ct-danger); }
      .sub.revoked, .sub.expired { fill: var(--ct-danger); }
      .node:hover rect.box { stroke: var(--ct-accent); }
      .node[aria-pressed='true'] rect.box { stroke: var(--ct-focus); stroke-width: 3; }
      .node:focus { outline: none; }
      .node:focus-visible rect.box { stroke: var(--ct-focus); stroke-width: 3.5; }
      .node-text { pointer-events: none; }
      .label { fill: var(--ct-text); font: 600 13px var(--ct-sans); }
      .sub { fill: var(--ct-muted); font: 11.5px var(--ct-sans); }
      .edge { fill: none; stroke-width: 2; }
      .edge.introduced-us { stroke: var(--ct-accent); }
      .edge.serves { stroke: var(--ct-muted); stroke-dasharray: 2 4; stroke-linecap: round; }
      .edge.we-introduced { stroke: var(--ct-ok); }
      .edge.cross-certified { stroke: var(--ct-warn); stroke-dasharray: 7 4; }
      .edge.expired { stroke: var(--ct-danger); opacity: 0.6; }
      .edge.revoked { stroke: var(--ct-danger); stroke-width: 2.5; stroke-dasharray: 1 5; stroke-linecap: round; opacity: 1; }
      .arrow { fill: var(--ct-muted); }
      .legend { display: flex; flex-wrap: wrap; gap: 0.4rem 1.25rem; list-style: none; padding: 0; margin: 0.6rem 0 0; font-size: 0.9rem; color: var(--ct-muted); }
      .legend li { display: flex; align-items: center; gap: 0.4rem; }
      .legend svg { width: 2.2rem; height: 0.8rem; }
      .details { margin-top: 1rem; }
      .details h3 { margin-top: 0; }
      .details ul { margin: 0.25rem 0 0.5rem; padding-left: 1.2rem; font-family: var(--ct-mono); font-size: 0.82rem; overflow-wrap: anywhere; }
      .words li + li { margin-top: 0.15rem; }
    `,
  ];
  declare graph: TrustGraph | undefined;
  declare selected: string | undefined;

  constructor() {
    super();
    this.graph = undefined;
    this.selected = undefined;
  }

  private choose(n: GraphNode): void {
    this.selected = n.id;
    this.dispatchEvent(new CustomEvent('ct-node-select', { detail: { id: n.id }, bubbles: true, composed: true }));
  }

  private edgePath(g: TrustGraph, e: GraphEdge, byId: Map<string, GraphNode>) {
    let a = byId.get(e.from);
    let b = byId.get(e.to);
    if (!a || !b) return nothing;
    const forward = a.x <= b.x;
    if (!forward) [a, b] = [b, a];
    const x1 = a.x + g.nodeWidth / 2;
    const x2 = b.x - g.nodeWidth / 2;
    const mid = (x1 + x2) / 2;
    const d = `M ${x1} ${a.y} C ${mid} ${a.y}, ${mid} ${b.y}, ${x2 - 6} ${b.y}`;
    return svg`<path class="edge ${e.kind} ${stateOf(e)}" d=${d} marker-end="url(#arrow)"><title>${e.label}</title></path>`;
  }

  private node(g: TrustGraph, n: GraphNode) {
    const w = g.nodeWidth;
    const h = g.nodeHeight;
    const x = n.x - w / 2;
    const y = n.y - h / 2;
    // The button's name carries the full label and kind; the drawn (possibly clipped) text is a sibling
    // hidden from assistive technology, so the name is never compared with a clipped copy of itself.
    const state = stateOf(n);
    return svg`<g class="node ${n.kind} ${state}" role="button" tabindex="0" data-id=${n.id}
        aria-pressed=${this.selected === n.id ? 'true' : 'false'}
        aria-label=${`${KIND_WORDS[n.kind]}: ${n.label}${state ? ` (${state})` : ''}`}
        @click=${() => this.choose(n)}
        @keydown=${(ev: KeyboardEvent) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); this.choose(n); } }}>
      <title>${n.label}</title>
      <rect class="box" x=${x} y=${y} width=${w} height=${h} rx="8"></rect>
      <rect class="stripe" x=${x} y=${y + 8} width="4" height=${h - 16} rx="2"></rect>
    </g>
    <g class="node-text" aria-hidden="true">
      <text class="label" x=${x + 14} y=${y + 21}>${clip(n.label, 27)}</text>
      <text class="sub ${state}" x=${x + 14} y=${y + 38}>${clip(n.sublabel, 34)}</text>
    </g>`;
  }

  private legendLine(kind: string) {
    return html`<svg viewBox="0 0 36 10" aria-hidden="true"><path class="edge ${kind}" d="M 2 5 L 34 5"></path></svg>`;
  }

  override render() {
    const g = this.graph;
    if (!g || g.nodes.length === 0) {
      return html`<p class="muted" data-testid="empty-graph">Nothing to draw yet. <a href="#/new">Create an identity</a>, then introduce a peer or install an introduction.</p>`;
    }
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    const sel = this.selected ? byId.get(this.selected) : undefined;
    return html`
      <div class="frame">
        <svg viewBox="0 0 ${g.width} ${g.height}" width=${g.width} height=${g.height} role="group" aria-label="Trust graph">
          <defs><marker id="arrow" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow" d="M 0 0 L 10 5 L 0 10 z"></path></marker></defs>
          ${g.columns.map((c) => svg`<text class="col-title" x=${c.x} y="30" text-anchor="middle">${c.title}</text>`)}
          ${g.edges.map((e) => this.edgePath(g, e, byId))}
          ${g.nodes.map((n) => this.node(g, n))}
        </svg>
      </div>
      <ul class="legend" aria-label="Legend">
        <li>${this.legendLine('introduced-us')} introduced us</li>
        <li>${this.legendLine('we-introduced')} we introduced</li>
        <li>${this.legendLine('cross-certified')} we cross-certified (with limits)</li>
        <li>${this.legendLine('serves')} service of an introducer</li>
        <li>${this.legendLine('expired')} expired</li>
        <li>${this.legendLine('revoked')} revoked</li>
      </ul>
      <div class="details card" role="status" aria-live="polite" data-testid="node-details">
        ${sel
          ? html`<h3>${sel.label} <span class="muted">· ${KIND_WORDS[sel.kind]}</span>${stateOf(sel) ? html` <span class="bad">· <span aria-hidden="true">✕</span> ${stateOf(sel)}</span>` : nothing}</h3>
              <ul>${sel.details.map((d) => html`<li>${d}</li>`)}</ul>
              ${sel.certDer
                ? html`<div class="actions"><button type="button" @click=${() => download(toPem('CERTIFICATE', sel.certDer!), `${fileStem(sel.label)}.pem`, 'application/x-pem-file')}>Download ${sel.kind === 'service' ? 'its CA certificate' : 'certificate'}</button></div>`
                : nothing}`
          : html`<p class="muted">Choose a box (click, or Tab and Enter) to see its certificate.</p>`}
      </div>
      <details class="words">
        <summary>The graph in words</summary>
        <ul>${g.edges.map((e) => html`<li>${e.label}</li>`)}</ul>
      </details>
    `;
  }
}
customElements.define('ct-trust-graph', CtTrustGraph);
declare global {
  interface HTMLElementTagNameMap { 'ct-trust-graph': CtTrustGraph; }
}
