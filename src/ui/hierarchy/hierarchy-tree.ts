// The environment as a picture: roots on top, one dashed box per scope (the trust boundary) holding
// its intermediates and their leaves, and under each scope which scopes its two bundles trust.
import { LitElement, html, css, nothing } from 'lit';
import type { AuthorityView, EnvironmentOverview, LeafView, ScopeView } from '../../pki/index.ts';
import { sharedStyles } from '../shared-styles.ts';
import { formatDate } from '../format.ts';

/** Icon + word per status, never colour alone. */
export const AUTHORITY_STATUS: Readonly<Record<AuthorityView['status'], { icon: string; word: string; cls: string }>> = {
  active: { icon: '●', word: 'active', cls: 'ok' },
  pending: { icon: '◌', word: 'pending', cls: 'warn' },
  previous: { icon: '◑', word: 'previous', cls: 'muted' },
};
export const HEALTH: Readonly<Record<LeafView['health'], { icon: string; word: string; cls: string }>> = {
  ok: { icon: '✓', word: 'valid', cls: 'ok' },
  expiring: { icon: '⚠', word: 'expiring', cls: 'warn' },
  expired: { icon: '✕', word: 'expired', cls: 'bad' },
};
export const CUSTODY_WORDS: Readonly<Record<AuthorityView['custody'], string>> = {
  'browser-only': 'key in this browser only (not recoverable)',
  'offline-root': 'key escrowed to the offline root holder',
  ci: 'key escrowed to CI',
};

/** The first half of a grouped fingerprint, for the picture (the full one is in the details below it). */
const shortFp = (grouped: string): string => grouped.split(' ').slice(0, 4).join(' ') + ' …';

/**
 * @prop overview - the environment to draw (from describeEnvironment)
 */
export class CtHierarchyTree extends LitElement {
  static override properties = { overview: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      figure { margin: 0; }
      figcaption { color: var(--ct-muted); font-size: 0.9rem; margin-bottom: 0.75rem; }
      .roots { display: flex; flex-wrap: wrap; gap: 1rem; justify-content: center; position: relative; }
      .node { border: 1px solid var(--ct-border); border-radius: 6px; background: var(--ct-bg); padding: 0.45rem 0.7rem; font-size: 0.9rem; min-width: 12rem; }
      .node.root { border-width: 2px; }
      .node.pending { border-style: dashed; }
      .node.previous { opacity: 0.85; }
      .node .id { font-weight: 700; font-family: var(--ct-mono); }
      .node .meta { color: var(--ct-muted); font-size: 0.82rem; display: block; }
      .fp { font-family: var(--ct-mono); font-size: 0.78rem; color: var(--ct-muted); display: block; }
      .stem { width: 2px; height: 1rem; background: var(--ct-border); margin: 0 auto; }
      .scopes { display: flex; flex-wrap: wrap; gap: 1rem; border-top: 2px solid var(--ct-border); padding-top: 1rem; justify-content: center; }
      .scope { flex: 1 1 15rem; max-width: 24rem; border: 2px dashed var(--ct-accent); border-radius: var(--ct-radius); padding: 0.6rem 0.75rem 0.75rem; position: relative; }
      .scope::before { content: ''; position: absolute; top: calc(-1rem - 2px); left: 50%; width: 2px; height: 1rem; background: var(--ct-border); }
      .scope h3 { margin: 0 0 0.2rem; font-size: 0.95rem; display: flex; gap: 0.4rem; align-items: baseline; flex-wrap: wrap; }
      .scope h3 .muted { font-weight: 400; font-size: 0.82rem; }
      .dns { font-size: 0.82rem; margin: 0 0 0.5rem; }
      ul { list-style: none; margin: 0; padding: 0; }
      .ints > li { margin: 0 0 0.5rem; }
      .leaves { margin: 0.3rem 0 0 0.9rem; border-left: 2px solid var(--ct-border); padding-left: 0.6rem; }
      .leaves li { font-size: 0.85rem; padding: 0.1rem 0; overflow-wrap: anywhere; }
      .bundles { border-top: 1px solid var(--ct-border); margin-top: 0.5rem; padding-top: 0.4rem; font-size: 0.82rem; }
      .bundles p { margin: 0.15rem 0; }
      .chip { display: inline-block; border: 1px solid var(--ct-border); border-radius: 999px; padding: 0 0.45rem; margin: 0 0.15rem; font-family: var(--ct-mono); font-size: 0.78rem; }
      .legend { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; font-size: 0.82rem; color: var(--ct-muted); margin-top: 0.75rem; }
      .legend .swatch { display: inline-block; width: 1.2rem; height: 0.8rem; border: 2px dashed var(--ct-accent); border-radius: 3px; vertical-align: middle; }
    `,
  ];
  declare overview: EnvironmentOverview | null;

  constructor() {
    super();
    this.overview = null;
  }

  private status(a: AuthorityView) {
    const s = AUTHORITY_STATUS[a.status];
    return html`<span class=${s.cls}><span aria-hidden="true">${s.icon}</span> ${s.word}</span>`;
  }

  private authority(a: AuthorityView) {
    const h = HEALTH[a.health];
    return html`<div class="node ${a.role} ${a.status}" data-authority=${a.id}>
      <span class="id">${a.id}</span> · ${this.status(a)}
      <span class="meta">${a.role === 'intermediate' ? `signed by ${a.parentId} · ` : ''}until ${formatDate(a.notAfterMs)}${a.health !== 'ok' ? html` · <span class=${h.cls}><span aria-hidden="true">${h.icon}</span> ${h.word}</span>` : nothing}</span>
      ${a.status === 'previous' ? html`<span class="meta">${a.inBundles && a.retireAfterMs ? `in bundles until ${formatDate(a.retireAfterMs)}` : 'no longer in any bundle'}</span>` : nothing}
      <span class="meta">${CUSTODY_WORDS[a.custody]}${a.held ? '' : ' · not held here'}</span>
      <span class="fp" aria-label="SHA-256 fingerprint starts ${a.fingerprint.grouped.split(' ').slice(0, 4).join(' ')}">${shortFp(a.fingerprint.grouped)}</span>
    </div>`;
  }

  private leaves(list: ReadonlyArray<LeafView>) {
    if (!list.length) return nothing;
    return html`<ul class="leaves" aria-label="leaves">
      ${list.map((l) => {
        const h = HEALTH[l.health];
        return html`<li><strong>${l.service}</strong> <span class=${h.cls}><span aria-hidden="true">${h.icon}</span> ${h.word}</span> <span class="muted">until ${formatDate(l.notAfterMs)}</span></li>`;
      })}
    </ul>`;
  }

  private scope(s: ScopeView, rootOnly: boolean, roots: ReadonlyArray<AuthorityView>) {
    return html`<section class="scope" aria-label="Scope ${s.scope}" data-scope=${s.scope}>
      <h3>${s.scope} <span class="muted">${s.scope === 'global' ? 'global scope' : 'region'}</span></h3>
      <p class="dns muted">${s.dnsSubtrees.length ? html`DNS limited to ${s.dnsSubtrees.join(', ')}` : 'no DNS name constraint'}</p>
      ${rootOnly
        ? html`<p class="muted">The root issues this scope's leaves directly.</p>${this.leaves(s.leaves.filter((l) => roots.some((r) => r.id === l.issuerId)))}`
        : html`<ul class="ints">
            ${s.intermediates.map((a) => html`<li>${this.authority(a)}${this.leaves(s.leaves.filter((l) => l.issuerId === a.id))}</li>`)}
          </ul>`}
      <div class="bundles">
        <p>Calls servers in ${s.servers.trustedScopes.map((x) => html`<span class="chip">${x}</span> `)}</p>
        <p>Accepts clients from ${s.clients.trustedScopes.map((x) => html`<span class="chip">${x}</span> `)}</p>
      </div>
    </section>`;
  }

  override render() {
    const o = this.overview;
    if (!o) return nothing;
    const rootOnly = o.environment.topology === 'root-only';
    return html`<figure aria-labelledby="cap">
      <figcaption id="cap">spiffe://${o.environment.trustDomain}/${o.environment.name}: ${o.roots.length} root${o.roots.length === 1 ? '' : 's'}, ${o.scopes.length} scope${o.scopes.length === 1 ? '' : 's'}. Each dashed box is a trust boundary.</figcaption>
      <div class="roots">${o.roots.map((r) => this.authority(r))}</div>
      <div class="stem" aria-hidden="true"></div>
      <div class="scopes">${o.scopes.map((s) => this.scope(s, rootOnly, o.roots))}</div>
      <p class="legend" aria-hidden="true">
        <span><span class="swatch"></span> scope boundary</span>
        <span>● active: issues and is trusted</span>
        <span>◌ pending: minted, not trusted yet</span>
        <span>◑ previous: trusted until its leaves expire</span>
      </p>
    </figure>`;
  }
}

customElements.define('ct-hierarchy-tree', CtHierarchyTree);
declare global {
  interface HTMLElementTagNameMap {
    'ct-hierarchy-tree': CtHierarchyTree;
  }
}
