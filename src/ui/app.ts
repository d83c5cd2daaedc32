// Root element: app shell with navigation. Views are registered in routes.ts.
import { LitElement, html, css } from 'lit';

export class CtApp extends LitElement {
  static override styles = css`:host { display: block; padding: 1rem; }`;
  override render() {
    return html`<h1>crosstrust</h1>`;
  }
}
customElements.define('ct-app', CtApp);
declare global {
  interface HTMLElementTagNameMap { 'ct-app': CtApp; }
}
