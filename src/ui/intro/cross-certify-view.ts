// Route #/cross-certify[/<identity id>]: choose which identity's CA signs, set the limits (in words before
// signing), issue; the certificate is saved with its issued-register entry. Lists what was issued.
import { html, nothing } from 'lit';
import { Task } from '@lit/task';
import { toPem, type CrossCertificate } from '../../pki/index.ts';
import { download, fileStem } from '../../exchange/index.ts';
import { sharedStyles } from '../shared-styles.ts';
import { formatDate } from '../format.ts';
import { introStyles } from './intro.styles.ts';
import { IntroViewBase } from './view-base.ts';
import { canCrossCertify, loadSigners, pickSigner, type Signer } from './signers.ts';
import { issueCrossCertificate, loadCrossCertificates } from './cross-certify-controller.ts';
import type { CrossCertifyDetail } from './cross-certify-form.ts';
import './signer-picker.ts';
import './cross-certify-form.ts';

const unusable = (s: Signer): string | undefined =>
  canCrossCertify(s) ? undefined : 'This identity’s CA was made with certified’s profile (no CA allowed below it), so it cannot cross-certify. Create an identity with “may cross-certify partner CAs” ticked.';

export class CtCrossCertifyView extends IntroViewBase {
  static override properties = { ...IntroViewBase.properties, chosen: { state: true }, busy: { state: true }, result: { state: true }, error: { state: true } };
  static override styles = [sharedStyles, introStyles];
  declare chosen: string | undefined;
  declare busy: boolean;
  declare result: CrossCertificate | undefined;
  declare error: string;
  private readonly data = new Task(this, {
    task: async ([db]) => (db ? { signers: await loadSigners(db, this.now()), issued: await loadCrossCertificates(db) } : undefined),
    args: () => [this.store.value] as const,
  });

  constructor() {
    super();
    this.chosen = undefined;
    this.busy = false;
    this.result = undefined;
    this.error = '';
  }

  private async issue(d: CrossCertifyDetail, identityId: string): Promise<void> {
    const db = this.store.value;
    if (!db || this.busy) return;
    this.busy = true;
    this.error = '';
    this.say('Signing the cross-certificate…');
    try {
      this.result = await issueCrossCertificate(db, { identityId, peerCaDer: d.peerCaDer, limits: d.limits, atMs: this.now() });
      this.say('Cross-certificate issued and saved.');
      await this.data.run();
    } catch (e) {
      this.error = this.sentence(e);
      this.say(`Not issued. ${this.error}`);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <h1>Cross-certify a partner CA</h1>
      <p class="lede">Trust a partner organisation’s whole CA, but only as far as you say: your CA signs a certificate for theirs that carries your limits. Anything they issue outside them is rejected by every validator that checks RFC 5280.</p>
      ${this.renderKept(this.data, 'Loading your identities…', (d) => {
          const id = pickSigner(d.signers, this.chosen ?? this.param, (s) => canCrossCertify(s));
          const signer = d.signers.find((s) => s.id === id);
          return html`
            <ct-signer-picker .signers=${d.signers} .selected=${id} label="Signed by" why="A cross-certificate is signed by your identity’s CA." .unusable=${unusable}
              @ct-signer-change=${(e: CustomEvent<{ id: string }>) => { this.chosen = e.detail.id; this.result = undefined; this.error = ''; }}></ct-signer-picker>
            ${signer
              ? html`<ct-cross-certify-form ?signerReady=${signer.status === 'valid'} .signerPathLength=${signer.caPathLength} .now=${this.now()} ?busy=${this.busy} .result=${this.result} .error=${this.error}
                  @ct-cross-certify-reset=${() => { this.result = undefined; this.error = ''; }}
                  @ct-cross-certify=${(e: CustomEvent<CrossCertifyDetail>) => { if (id) void this.issue(e.detail, id); }}></ct-cross-certify-form>`
              : nothing}
            ${d.issued.length
              ? html`<section class="card" aria-labelledby="issued-h">
                  <h2 id="issued-h">Cross-certificates you issued</h2>
                  <table>
                    <thead><tr><th scope="col">Partner CA</th><th scope="col">Signed by</th><th scope="col">Valid until</th><th scope="col">Limits</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
                    <tbody>${d.issued.map((x) => html`<tr>
                      <td class="mono">${x.peerCa}</td>
                      <td>${d.signers.find((s) => s.id === x.identityId)?.label ?? html`<span class="muted">an identity no longer here</span>`}</td>
                      <td>${formatDate(x.notAfterMs)}</td>
                      <td><details><summary>In words</summary><ul>${x.description.map((w) => html`<li>${w}</li>`)}</ul></details></td>
                      <td><button type="button" aria-label=${`Download the cross-certificate for ${x.peerCa}`} @click=${() => download(toPem('CERTIFICATE', x.certDer), `${fileStem(x.peerCa.replace(/^.*?=/, ''))}.cross.pem`, 'application/x-pem-file')}>Download</button></td>
                    </tr>`)}</tbody>
                  </table>
                </section>`
              : nothing}`;
        })}
    `;
  }
}
customElements.define('ct-cross-certify-view', CtCrossCertifyView);
declare global {
  interface HTMLElementTagNameMap { 'ct-cross-certify-view': CtCrossCertifyView; }
}
