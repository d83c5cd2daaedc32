// A display model of an environment for the UI: the tree root → scopes → intermediates → leaves with
// fingerprints, custody, each scope's two bundles and the steps of a pending rotation. Pure data.
import { fingerprintOf, type Fingerprint } from '../fingerprint.ts';
import { parsePem } from '../pem.ts';
import { renderRfc4514 } from '../names.ts';
import { DAY_MS } from '../profile.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { trustBundle } from './bundles.ts';
import { scopesOf, type AuthorityStatus, type EnvironmentConfig, type EnvironmentDoc, type Operation } from './model.ts';

/** Who can bring a key back: `browser-only` (never escrowed), the offline root recipient, CI (+ backup). */
export type Custody = 'browser-only' | 'offline-root' | 'ci';
export type Health = 'ok' | 'expiring' | 'expired';

export interface AuthorityView {
  readonly id: string;
  readonly role: 'root' | 'intermediate';
  readonly scope: string | undefined;
  readonly generation: number;
  readonly status: AuthorityStatus;
  readonly parentId: string;
  readonly subject: string;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  readonly retireAfterMs: number | undefined;
  readonly health: Health;
  readonly fingerprint: Fingerprint;
  readonly custody: Custody;
  readonly recipients: ReadonlyArray<string>;
  /** The private key is in this runtime (it can sign with it). */
  readonly held: boolean;
  readonly certPem: string;
  /** Leaves recorded under it. */
  readonly leafCount: number;
  /** In at least one scope bundle at `atMs` (a `previous` one leaves them once its last leaf expires). */
  readonly inBundles: boolean;
}

export interface LeafView {
  readonly scope: string;
  readonly service: string;
  readonly spiffeId: string;
  readonly dnsNames: ReadonlyArray<string>;
  readonly issuerId: string;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  readonly health: Health;
  readonly fingerprint: Fingerprint;
  readonly certPem: string;
  /** Issued by an authority that is no longer active: renew moves it to the active one. */
  readonly underRetiredIssuer: boolean;
}

export interface BundleView {
  readonly direction: 'servers' | 'clients';
  readonly trustedScopes: ReadonlyArray<string>;
  readonly authorityIds: ReadonlyArray<string>;
  readonly pem: string;
}

export interface ScopeView {
  readonly scope: string;
  readonly dnsSubtrees: ReadonlyArray<string>;
  readonly intermediates: ReadonlyArray<AuthorityView>;
  readonly leaves: ReadonlyArray<LeafView>;
  readonly servers: BundleView;
  readonly clients: BundleView;
}

export interface RotationStepView {
  readonly label: string;
  readonly state: 'done' | 'current' | 'todo';
}

export interface RotationView {
  readonly kind: Operation['kind'];
  readonly title: string;
  readonly steps: ReadonlyArray<RotationStepView>;
  /** What the next step does, for the confirmation and the progress line. */
  readonly next: string;
}

export interface EnvironmentOverview {
  readonly environment: EnvironmentConfig;
  readonly revision: number;
  readonly roots: ReadonlyArray<AuthorityView>;
  readonly scopes: ReadonlyArray<ScopeView>;
  readonly rotation: RotationView | undefined;
  /** The active root's key is escrowed to the offline root recipient (recoverable from the store file). */
  readonly rootRecoverable: boolean;
  /** The active root's key is held here (rotations and recover-intermediate can run). */
  readonly rootHeld: boolean;
}

const health = (notAfterMs: number, atMs: number, warnDays: number): Health => (notAfterMs <= atMs ? 'expired' : notAfterMs <= atMs + warnDays * DAY_MS ? 'expiring' : 'ok');

function rotationView(op: Operation | undefined): RotationView | undefined {
  if (!op) return undefined;
  const mark = (labels: ReadonlyArray<string>, current: number): RotationStepView[] =>
    labels.map((label, i) => ({ label, state: i < current ? 'done' : i === current ? 'current' : 'todo' }));
  if (op.kind === 'rotate-intermediate') {
    return {
      kind: op.kind,
      title: `Rotating the ${op.scope} intermediate`,
      steps: mark(['New intermediate minted (pending)', 'Publish: new one issues, old one stays in bundles until its leaves expire'], 1),
      next: `publish ${op.newId} as the ${op.scope} intermediate`,
    };
  }
  const labels = ['New root minted (pending)', 'Mint a new intermediate for every scope', 'Publish: dual-root overlap begins', 'Renew leaves under the new root, then finalize (drops the old root)'];
  if (op.step === 'finalize') {
    return { kind: op.kind, title: 'Rotating the root', steps: mark(labels, 3), next: `finalize: drop ${op.oldRootId}, its intermediates and their keys` };
  }
  const mint = op.step === 'mint-intermediates';
  return { kind: op.kind, title: 'Rotating the root', steps: mark(labels, mint ? 1 : 2), next: mint ? `mint new intermediates under ${op.newRootId}` : `publish ${op.newRootId} and its intermediates` };
}

/** The overview at `atMs`; `held` are the key ids this runtime holds; `warnDays` marks expiring items. */
export async function describeEnvironment(doc: EnvironmentDoc, held: ReadonlySet<string>, atMs: number, warnDays = 30): Promise<EnvironmentOverview> {
  const env = doc.environment;
  const bundled = new Set(scopesOf(env).flatMap((s) => (['servers', 'clients'] as const).flatMap((d) => trustBundle(doc, s, d, atMs).authorities.map((x) => x.id))));
  const authorities: AuthorityView[] = [];
  for (const a of doc.authorities) {
    const der = parsePem(a.certPem)[0]!.der;
    const cert = parseCertificate(der);
    const key = doc.keys.find((k) => k.id === a.keyId);
    const recipients = key?.recipients ?? [];
    const custody: Custody = !key?.ciphertext ? 'browser-only' : recipients.includes(env.custodians.ciRecipient) ? 'ci' : 'offline-root';
    authorities.push({
      id: a.id, role: a.role, scope: a.scope, generation: a.generation, status: a.status, parentId: a.parentId,
      subject: renderRfc4514(cert.subject), notBeforeMs: cert.notBeforeMs, notAfterMs: a.notAfterMs, retireAfterMs: a.retireAfterMs,
      health: health(a.notAfterMs, atMs, warnDays), fingerprint: await fingerprintOf(der), custody, recipients, held: held.has(a.keyId),
      certPem: a.certPem, leafCount: doc.leaves.filter((l) => l.issuerId === a.id).length,
      // Roots anchor no scope bundle (intermediates do); a root counts as trusted unless pending.
      inBundles: a.role === 'root' ? a.status !== 'pending' : bundled.has(a.id),
    });
  }
  const active = new Set(doc.authorities.filter((a) => a.status === 'active').map((a) => a.id));
  const leaves: LeafView[] = [];
  for (const l of doc.leaves) {
    const der = parsePem(l.certPem)[0]!.der;
    leaves.push({
      scope: l.scope, service: l.service, spiffeId: l.spiffeId, dnsNames: l.dnsNames, issuerId: l.issuerId,
      notBeforeMs: parseCertificate(der).notBeforeMs, notAfterMs: l.notAfterMs, health: health(l.notAfterMs, atMs, warnDays),
      fingerprint: await fingerprintOf(der), certPem: l.certPem, underRetiredIssuer: !active.has(l.issuerId),
    });
  }
  const bundle = (scope: string, direction: 'servers' | 'clients'): BundleView => {
    const b = trustBundle(doc, scope, direction, atMs);
    return { direction, trustedScopes: b.trustedScopes, authorityIds: b.authorities.map((x) => x.id), pem: b.pem };
  };
  const scopes = scopesOf(env).map((scope) => ({
    scope,
    dnsSubtrees: env.dnsSubtrees[scope] ?? [],
    intermediates: authorities.filter((a) => a.role === 'intermediate' && a.scope === scope),
    leaves: leaves.filter((l) => l.scope === scope),
    servers: bundle(scope, 'servers'),
    clients: bundle(scope, 'clients'),
  }));
  const roots = authorities.filter((a) => a.role === 'root');
  const activeRoot = roots.find((r) => r.status === 'active');
  return {
    environment: env,
    revision: doc.revision,
    roots,
    scopes,
    rotation: rotationView(doc.operation),
    rootRecoverable: activeRoot?.custody === 'offline-root' || activeRoot?.custody === 'ci',
    rootHeld: activeRoot?.held ?? false,
  };
}

