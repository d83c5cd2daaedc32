// Root element: app shell with navigation. Views are registered in routes.ts.
import { LitElement, html, css } from 'lit';
import './update/index.ts';

export class CtApp extends LitElement {
  static override styles = css`:host { display: block; padding: 1rem; }`;
  override render() {
    return html`<ct-update-prompt></ct-update-prompt>
      <h1>crosstrust</h1>
      <footer><ct-build-badge></ct-build-badge></footer>`;
  }
}
customElements.define('ct-app', CtApp);
declare global {
  interface HTMLElementTagNameMap { 'ct-app': CtApp; }
}
