// <ct-trust-graph>: SVG picture of our identities, who introduced us, and their services. Nodes are
// buttons (keyboard and click); the selected node's certificate details show below the picture.
import { LitElement, html, svg, css, nothing } from 'lit';
import type { TrustGraph, GraphNode } from '../../pki/index.ts';

/**
 * @fires ct-node-select - detail: { id } when a node is chosen.
 */
export class CtTrustGraph extends LitElement {
  static override properties = { graph: { attribute: false }, selected: { state: true } };
  declare graph: TrustGraph | undefined;
  declare selected: string | undefined;

  static override styles = css`
    :host { display: block; color: var(--ct-text); }
    svg { width: 100%; height: auto; background: var(--ct-surface); border: 1px solid var(--ct-border); border-radius: var(--ct-radius, 6px); }
    .node rect { fill: var(--ct-bg); stroke: var(--ct-border); stroke-width: 1.5; }
    .node.identity rect { stroke: var(--ct-accent); }
    .node.introducer rect, .node.cross-certified rect { stroke: var(--ct-ok); }
    .node.expired rect { stroke: var(--ct-danger); stroke-dasharray: 4 3; }
    .node[aria-pressed='true'] rect { stroke-width: 3; }
    .node:focus { outline: none; }
    .node:focus-visible rect { stroke: var(--ct-focus, var(--ct-accent)); stroke-width: 3; }
    text { fill: var(--ct-text); font: 13px var(--ct-sans, sans-serif); }
    .kind { fill: var(--ct-muted); font-size: 11px; }
    line { stroke: var(--ct-muted); stroke-width: 1.5; }
    .edge-label { fill: var(--ct-muted); font-size: 11px; }
    dl { font-family: var(--ct-mono, monospace); font-size: 0.85rem; overflow-wrap: anywhere; }
  `;

  constructor() {
    super();
    this.graph = undefined;
    this.selected = undefined;
  }

  private choose(n: GraphNode): void {
    this.selected = n.id;
    this.dispatchEvent(new CustomEvent('ct-node-select', { detail: { id: n.id }, bubbles: true, composed: true }));
  }

  override render() {
    const g = this.graph;
    if (!g || g.nodes.length === 0) return html`<p>No identities or introductions yet.</p>`;
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    const kindWord = { identity: 'our identity', introducer: 'introduced us', 'cross-certified': 'cross-certified', service: 'service' } as const;
    const sel = this.selected ? byId.get(this.selected) : undefined;
    return html`
      <svg viewBox="0 0 ${g.width} ${g.height}" role="group" aria-label="Trust graph">
        ${g.edges.map((e) => {
          const a = byId.get(e.from);
          const b = byId.get(e.to);
          if (!a || !b) return nothing;
          return svg`<line x1=${a.x} y1=${a.y} x2=${b.x} y2=${b.y}></line>
            <text class="edge-label" x=${(a.x + b.x) / 2} y=${(a.y + b.y) / 2 - 4} text-anchor="middle">${e.label}</text>`;
        })}
        ${g.nodes.map(
          (n) => svg`<g class="node ${n.kind} ${n.expired ? 'expired' : ''}" role="button" tabindex="0"
              aria-pressed=${this.selected === n.id ? 'true' : 'false'}
              aria-label=${`${kindWord[n.kind]}: ${n.label}${n.expired ? ' (expired)' : ''}`}
              @click=${() => this.choose(n)}
              @keydown=${(ev: KeyboardEvent) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); this.choose(n); } }}>
            <rect x=${n.x - 95} y=${n.y - 22} width="190" height="44" rx="6"></rect>
            <text x=${n.x} y=${n.y - 3} text-anchor="middle">${n.label.length > 26 ? `${n.label.slice(0, 25)}…` : n.label}</text>
            <text class="kind" x=${n.x} y=${n.y + 14} text-anchor="middle">${kindWord[n.kind]}${n.expired ? ' · expired' : ''}</text>
          </g>`,
        )}
      </svg>
      <div role="status">${sel ? html`<h3>${sel.label}</h3><dl>${sel.details.map((d) => html`<div>${d}</div>`)}</dl>` : nothing}</div>
    `;
  }
}
customElements.define('ct-trust-graph', CtTrustGraph);
declare global {
  interface HTMLElementTagNameMap { 'ct-trust-graph': CtTrustGraph; }
}
