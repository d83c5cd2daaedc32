// Drives the scoped-PKI view: loads environments from the store, runs one core step per user action
// and saves its write set in one transaction, issues and renews leaves, imports and exports the store
// file. Holds busyRegistry while anything signs. No crypto here beyond calling the core.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  abortOperation,
  advanceOperation,
  checkEnvironment,
  createEnvironment,
  describeEnvironment,
  fingerprintOf,
  finalizeRootRotation,
  generateServiceKey,
  isPkiError,
  issueLeaf,
  parseAgeIdentities,
  parsePem,
  PkiError,
  pruneRetired,
  readStoreFile,
  recoverIntermediate,
  renewExpiring,
  scopesOf,
  startIntermediateRotation,
  startRootRotation,
  validateEnvironment,
  writeStoreFile,
  type EnvironmentOverview,
  type Fingerprint,
  type EnvironmentDoc,
  type HierarchyState,
  type KeyType,
  type MergeResult,
  type Topology,
  type ValidationReport,
  type WriteSet,
} from '../../pki/index.ts';
import {
  StoreError,
  applyEnvironmentWrites,
  getSetting,
  importEnvironment,
  listEnvironments,
  loadEnvironment,
  putSetting,
  runEnvironmentStep,
  type Db,
} from '../../store/index.ts';
import { busyRegistry, type BusyRegistry } from '../update/busy-registry.ts';
import { messageFor } from '../messages.ts';

export type RootCustodyChoice = 'recoverable' | 'browser-only';

export interface CreateEnvironmentInput {
  readonly name: string;
  readonly trustDomain: string;
  readonly topology: Topology;
  /** Comma or space separated region names. */
  readonly regions: string;
  readonly keyType?: KeyType;
  readonly rootRecipient: string;
  readonly ciRecipient: string;
  /** Optional offline backup recipient for every intermediate key ('' for none). */
  readonly backupRecipient: string;
  /** Per scope, comma or space separated DNS subtrees ('' for no DNS constraint). */
  readonly dnsSubtrees: Readonly<Record<string, string>>;
  /** Must be chosen: there is no default, because browser-only loses the root with the browser's storage. */
  readonly rootCustody: RootCustodyChoice | '';
}

export interface IssueInput {
  readonly scope: string;
  readonly service: string;
  /** Comma or space separated DNS names. */
  readonly dnsNames: string;
  /** The service's PKCS#10 request (PEM text or DER bytes), or 'generate' for a key made here and handed over once. */
  readonly csr: string | Uint8Array | 'generate';
}

/** A certificate chain just issued or renewed, to hand to the service. */
export interface IssuedOutput {
  readonly spiffeId: string;
  readonly scope: string;
  readonly service: string;
  readonly notAfterMs: number;
  /** Leaf then intermediate (what a TLS server presents). */
  readonly chainPem: string;
  readonly fingerprint: Fingerprint;
  /** Only for a key generated here: its PKCS#8 PEM, kept in memory until dismissed and never stored. */
  readonly keyPem?: string;
}

export type HierarchyAction =
  | { readonly kind: 'rotate-root' }
  | { readonly kind: 'rotate-intermediate'; readonly scope: string }
  | { readonly kind: 'recover-intermediate'; readonly scope: string }
  | { readonly kind: 'next-step' }
  | { readonly kind: 'finalize' }
  | { readonly kind: 'abort' }
  | { readonly kind: 'prune' };

export interface LastImport {
  readonly atMs: number;
  readonly fileRevision: number;
}

export interface HierarchyControllerOptions {
  /** Opens a database when none comes from the app (tests); the controller closes what it opened. */
  readonly openDb?: () => Promise<Db>;
  readonly nowMs?: () => number;
  readonly registry?: BusyRegistry;
}

const splitList = (s: string): string[] => s.split(/[\s,]+/).filter((x) => x !== '');
const lastImportKey = (env: string): string => `hierarchy:last-import:${env}`;
const ACTION_LABELS: Readonly<Record<HierarchyAction['kind'], string>> = {
  'rotate-root': 'Minting a new root (pending)',
  'rotate-intermediate': 'Minting a new intermediate and escrowing its key to CI',
  'recover-intermediate': 'Re-certifying the intermediate under the active root',
  'next-step': 'Running the next rotation step',
  finalize: 'Finalizing the root rotation',
  abort: 'Rolling back the rotation',
  prune: 'Dropping retired intermediates',
};

export class HierarchyController implements ReactiveController {
  environments: string[] = [];
  selected: HierarchyState | null = null;
  overview: EnvironmentOverview | null = null;
  report: ValidationReport | null = null;
  /** What is running now, for the progress line (undefined when idle). */
  busy: string | undefined;
  /** Outcome sentence for the status region; `errorCode` is set when it failed. */
  message = '';
  errorCode: string | undefined;
  /** The failed step's own account (names the field, line, DNS name or leaves); no secrets are in core messages. */
  detail = '';
  /** Chains issued or renewed by the last action, with a generated key if any. */
  issued: IssuedOutput[] = [];
  /** Whether `issued` came from issuing or from renewal (for its heading). */
  issuedKind: 'issued' | 'renewed' = 'issued';
  /** The last import's merge, shown until the next action. */
  lastMerge: MergeResult | null = null;
  lastImport: LastImport | null = null;
  private db: Db | undefined;
  private ownDb = false;
  /** The first load after `attach`, so concurrent callers wait for the same one. */
  private attached: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: HierarchyControllerOptions = {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.options.openDb && !this.db) {
      void this.options.openDb().then((db) => {
        this.ownDb = true;
        return this.attach(db);
      });
    }
  }

  hostDisconnected(): void {
    if (this.ownDb) this.db?.close();
    this.db = undefined;
    this.ownDb = false;
  }

  /** Uses the app's database (from storeContext); refreshes when it changes. */
  async attach(db: Db | undefined): Promise<void> {
    if (db === this.db) return this.attached;
    this.db = db;
    this.attached = db ? this.refresh() : Promise.resolve();
    return this.attached;
  }

  /** Resolves once a database is attached (tests and callers that act right after connecting). */
  async ready(): Promise<void> {
    while (!this.db) await new Promise((r) => setTimeout(r, 10));
  }

  private now(): number {
    return (this.options.nowMs ?? Date.now)();
  }

  private database(): Db {
    if (!this.db) throw new StoreError('STORE_UNAVAILABLE', 'the store is not open yet');
    return this.db;
  }

  private update(): void {
    this.host.requestUpdate();
  }

  /** Runs one user action: progress shown, busyRegistry held (an app update waits), outcome announced. */
  private async guard(progress: string, work: () => Promise<string>): Promise<boolean> {
    this.busy = progress;
    this.errorCode = undefined;
    this.message = '';
    this.detail = '';
    this.lastMerge = null;
    this.update();
    try {
      this.message = await (this.options.registry ?? busyRegistry).run(progress, work);
      return true;
    } catch (e) {
      if (!isPkiError(e) && !(e instanceof StoreError)) throw e;
      this.errorCode = e.code;
      this.message = messageFor(e);
      this.detail = e.message;
      return false;
    } finally {
      this.busy = undefined;
      this.update();
    }
  }

  async refresh(select?: string): Promise<void> {
    const db = this.database();
    this.environments = await listEnvironments(db);
    const name = select ?? this.selected?.doc.environment.name ?? this.environments[0];
    this.selected = name && this.environments.includes(name) ? await loadEnvironment(db, name) : null;
    const at = this.now();
    if (this.selected) {
      this.overview = await describeEnvironment(this.selected.doc, new Set(this.selected.keys.keys()), at);
      this.report = await validateEnvironment(this.selected.doc, at);
      this.lastImport = await getSetting<LastImport | null>(db, lastImportKey(this.selected.doc.environment.name), null);
    } else {
      this.overview = null;
      this.report = null;
      this.lastImport = null;
    }
    this.update();
  }

  async select(name: string): Promise<void> {
    this.issued = [];
    this.lastMerge = null;
    this.message = '';
    this.errorCode = undefined;
    await this.refresh(name);
  }

  /** Scopes for a topology and region text, `global` first (for the DNS subtree fields). */
  static scopesFor(topology: Topology, regions: string): string[] {
    return topology === 'root-only' ? ['global'] : ['global', ...splitList(regions).filter((r) => r !== 'global')];
  }

  async create(input: CreateEnvironmentInput): Promise<boolean> {
    const scopeCount = HierarchyController.scopesFor(input.topology, input.regions).length;
    const progress = input.topology === 'two-tier'
      ? `Creating the root and ${scopeCount} intermediates; each intermediate key is encrypted to CI with age`
      : 'Creating the root-only issuer and encrypting its key to CI with age';
    return this.guard(progress, async () => {
      if (input.rootCustody !== 'recoverable' && input.rootCustody !== 'browser-only') {
        throw new PkiError('HIER_ENV_INVALID', 'choose whether the root is recoverable');
      }
      const scopes = HierarchyController.scopesFor(input.topology, input.regions);
      const dnsSubtrees: Record<string, string[]> = {};
      for (const [scope, text] of Object.entries(input.dnsSubtrees)) {
        const list = splitList(text);
        if (list.length && scopes.includes(scope)) dnsSubtrees[scope] = list;
      }
      const environment = checkEnvironment({
        name: input.name.trim(),
        trustDomain: input.trustDomain.trim(),
        topology: input.topology,
        regions: input.topology === 'root-only' ? [] : splitList(input.regions),
        ...(input.keyType ? { keyType: input.keyType } : {}),
        custodians: {
          rootRecipient: input.rootRecipient.trim(),
          ciRecipient: input.ciRecipient.trim(),
          ...(input.backupRecipient.trim() ? { backupRecipient: input.backupRecipient.trim() } : {}),
        },
        dnsSubtrees,
      });
      if (this.environments.includes(environment.name)) throw new StoreError('STORE_CONFLICT', `environment ${environment.name} exists`);
      const at = this.now();
      const ws = await createEnvironment({ environment, escrowRoot: input.rootCustody === 'recoverable', atMs: at });
      await applyEnvironmentWrites(this.database(), ws, null, at);
      this.issued = [];
      await this.refresh(environment.name);
      return `Environment ${environment.name} created.`;
    });
  }

  private async step(progress: string, step: (s: HierarchyState, at: number) => Promise<WriteSet> | WriteSet, done: string | ((before: EnvironmentDoc, after: EnvironmentDoc) => string)): Promise<boolean> {
    const name = this.selected?.doc.environment.name;
    if (!name) return false;
    return this.guard(progress, async () => {
      const at = this.now();
      let before: EnvironmentDoc | undefined;
      let after: EnvironmentDoc | undefined;
      try {
        after = (await runEnvironmentStep(this.database(), name, (s) => { before = s.doc; return step(s, at); }, at)).doc;
      } finally {
        await this.refresh(name);
      }
      return typeof done === 'string' ? done : done(before!, after);
    });
  }

  async run(action: HierarchyAction): Promise<boolean> {
    this.issued = [];
    if (action.kind === 'prune') {
      // Same rule as pruneRetired: previous and out of every bundle. Nothing to drop: no write at all.
      const gone = this.overview ? [...this.overview.roots, ...this.overview.scopes.flatMap((s) => s.intermediates)].filter((a) => a.status === 'previous' && !a.inBundles) : [];
      if (!gone.length) {
        this.errorCode = undefined;
        this.detail = '';
        this.message = 'Nothing to drop: every previous intermediate still backs a valid leaf.';
        this.update();
        return true;
      }
      return this.step(ACTION_LABELS.prune, (s, at) => pruneRetired(s, at), (b, a) => {
        const dropped = b.authorities.filter((x) => !a.authorities.some((y) => y.id === x.id)).map((x) => x.id);
        return dropped.length ? `Dropped ${dropped.join(', ')} and ${dropped.length === 1 ? 'its key' : 'their keys'}.` : 'Nothing was dropped.';
      });
    }
    const done: Record<HierarchyAction['kind'], string> = {
      'rotate-root': 'New root minted. Run the next step to mint its intermediates.',
      'rotate-intermediate': 'New intermediate minted. Publish it with the next step.',
      'recover-intermediate': 'Intermediate re-certified; its key and existing leaves are unchanged.',
      'next-step': 'Rotation step done.',
      finalize: 'Root rotation finished: the old root and its intermediates are gone from every bundle.',
      abort: 'Rotation rolled back: the pending authorities and their keys were dropped.',
      prune: 'Retired intermediates whose leaves have all expired were dropped.',
    };
    return this.step(ACTION_LABELS[action.kind], (s, at) => {
      switch (action.kind) {
        case 'rotate-root':
          // The new root is kept the way the current one is: recoverable stays recoverable.
          return startRootRotation(s, { escrow: s.doc.keys.some((k) => k.recipients.includes(s.doc.environment.custodians.rootRecipient)) }, at);
        case 'rotate-intermediate':
          return startIntermediateRotation(s, action.scope, at);
        case 'recover-intermediate':
          return recoverIntermediate(s, action.scope, at);
        case 'next-step':
          return advanceOperation(s, at);
        case 'finalize':
          return finalizeRootRotation(s, { force: false }, at);
        case 'abort':
          return abortOperation(s);
      }
    }, done[action.kind]);
  }

  /** Issues a leaf for a service from its CSR, or from a key generated here (returned once in `issued`). */
  async issue(input: IssueInput): Promise<boolean> {
    const name = this.selected?.doc.environment.name;
    if (!name) return false;
    this.issued = [];
    return this.guard(`Issuing a leaf for ${input.scope}/${input.service.trim()}`, async () => {
      const at = this.now();
      let out: IssuedOutput | undefined;
      await runEnvironmentStep(this.database(), name, async (s) => {
        const generated = input.csr === 'generate' ? await generateServiceKey(s.doc.environment.keyType) : undefined;
        const csrDer = input.csr === 'generate' ? undefined : csrBytes(input.csr);
        const r = await issueLeaf(s, { scope: input.scope, service: input.service.trim(), dnsNames: splitList(input.dnsNames), ...(csrDer ? { csrDer } : { spki: generated!.spki }) }, at);
        out = await this.output(r.leaf.spiffeId, r.leaf.scope, r.leaf.service, r.leaf.notAfterMs, r.chainPem, r.leaf.certPem, generated?.pkcs8Pem);
        return r.writes;
      }, at);
      this.issued = out ? [out] : [];
      this.issuedKind = 'issued';
      await this.refresh(name);
      return `Leaf issued for ${out?.spiffeId ?? input.service}.`;
    });
  }

  /** Renews leaves expiring within `withinDays` (or under a retired issuer), or one service; keeps the services' keys. */
  async renew(p: { readonly withinDays: number } | { readonly scope: string; readonly service: string }): Promise<boolean> {
    const name = this.selected?.doc.environment.name;
    if (!name) return false;
    this.issued = [];
    const one = 'service' in p ? { scope: p.scope, service: p.service } : undefined;
    const within = 'withinDays' in p ? p.withinDays : undefined;
    return this.guard(one ? `Renewing ${one.scope}/${one.service}` : `Renewing leaves expiring within ${within} days`, async () => {
      if (within !== undefined && !(Number.isInteger(within) && within >= 0 && within <= 3650)) throw new PkiError('VALIDITY_INVALID', 'renew within 0 to 3650 days');
      const at = this.now();
      const outs: IssuedOutput[] = [];
      await runEnvironmentStep(this.database(), name, async (s) => {
        // One service: whatever its expiry (a window longer than any leaf), under its scope's active issuer.
        const r = await renewExpiring(s, one ? { withinDays: 36500, only: one } : { withinDays: within! }, at);
        for (const x of r.renewed) outs.push(await this.output(x.leaf.spiffeId, x.leaf.scope, x.leaf.service, x.leaf.notAfterMs, x.chainPem, x.leaf.certPem));
        return r.writes;
      }, at);
      this.issued = outs;
      this.issuedKind = 'renewed';
      await this.refresh(name);
      return outs.length ? `Renewed ${outs.length} ${outs.length === 1 ? 'leaf' : 'leaves'}.` : 'Nothing to renew.';
    });
  }

  private async output(spiffeId: string, scope: string, service: string, notAfterMs: number, chainPem: string, leafPem: string, keyPem?: string): Promise<IssuedOutput> {
    return { spiffeId, scope, service, notAfterMs, chainPem, fingerprint: await fingerprintOf(parsePem(leafPem)[0]!.der), ...(keyPem ? { keyPem } : {}) };
  }

  /** Forgets a generated service key shown once (after it was saved). */
  dismissIssued(): void {
    this.issued = [];
    this.update();
  }

  /**
   * Imports a store file (e.g. the one CI committed): creates the environment when it is not here,
   * else merges CI's leaves into it (see mergeEnvironments). `identities` (age identity file text,
   * optional) loads keys not held here, e.g. the escrowed root after this browser lost its storage.
   */
  async importFile(text: string, identities: string): Promise<boolean> {
    return this.guard(identities.trim() ? 'Reading the store file and decrypting the keys your identity opens' : 'Reading and merging the store file', async () => {
      const file = readStoreFile(text);
      const ids = identities.trim() ? parseAgeIdentities(identities) : undefined;
      const at = this.now();
      const db = this.database();
      const out = await importEnvironment(db, file, { ...(ids ? { identities: ids } : {}), nowMs: at });
      this.lastMerge = out.merge;
      if (!out.applied) {
        await this.refresh(file.environment.name);
        this.lastMerge = out.merge;
        throw new PkiError('HIER_IMPORT_CONFLICT', out.merge.conflicts.map((c) => c.message).join('; '));
      }
      await putSetting(db, lastImportKey(file.environment.name), { atMs: at, fileRevision: file.revision } satisfies LastImport);
      this.issued = [];
      await this.refresh(file.environment.name);
      this.lastMerge = out.merge;
      const m = out.merge;
      const keys = out.keysLoaded.length ? ` ${out.keysLoaded.length} key${out.keysLoaded.length === 1 ? '' : 's'} loaded (${out.keysLoaded.join(', ')}).` : '';
      const leaves = (n: number): string => `${n} ${n === 1 ? 'leaf' : 'leaves'}`;
      // A tie is neither newer here nor in the file: say so rather than "kept newer".
      const tie = m.sameAge.length ? ` ${m.sameAge.length === 1 ? '1 service has' : `${m.sameAge.length} services have`} another certificate of the same age in the file; this browser’s was kept.` : '';
      if (out.created) return `Environment ${file.environment.name} imported with ${leaves(file.leaves.length)}.${keys}`;
      if (!m.changed) return tie ? `Nothing taken from revision ${m.fileRevision}:${tie}${keys}` : `Already up to date with that file (revision ${m.fileRevision}).${keys}`;
      return `Merged revision ${m.fileRevision}: ${leaves(m.added.length)} added, ${m.updated.length} renewed.${tie}${keys}`;
    });
  }

  /** Loads escrowed keys of the selected environment that this browser does not hold (recover the root). */
  async loadKeys(identities: string): Promise<boolean> {
    const s = this.selected;
    if (!s) return false;
    return this.guard('Decrypting the keys your identity opens', async () => {
      const ids = parseAgeIdentities(identities);
      const out = await importEnvironment(this.database(), s.doc, { identities: ids, nowMs: this.now() });
      await this.refresh(s.doc.environment.name);
      if (!out.keysLoaded.length) throw new PkiError('HIER_KEY_UNAVAILABLE', 'that identity opens no key this browser is missing');
      return `${out.keysLoaded.length} key${out.keysLoaded.length === 1 ? '' : 's'} loaded: ${out.keysLoaded.join(', ')}. They are non-extractable here.`;
    });
  }

  /** The selected environment as a store file (YAML) and its file name. */
  storeFile(): { readonly text: string; readonly name: string } | null {
    const s = this.selected;
    return s ? { text: writeStoreFile(s.doc), name: `${s.doc.environment.name}.pki.yaml` } : null;
  }

  /** Scopes of the selected environment. */
  scopes(): ReadonlyArray<string> {
    return this.selected ? scopesOf(this.selected.doc.environment) : [];
  }
}

/** A CSR as DER from PEM text or bytes (DER, or PEM in bytes). Throws HIER_CSR_MALFORMED. */
function csrBytes(input: string | Uint8Array): Uint8Array {
  if (typeof input !== 'string' && input[0] === 0x30) return input;
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  if (!text.includes('-----BEGIN')) throw new PkiError('HIER_CSR_MALFORMED', 'paste the request as PEM (-----BEGIN CERTIFICATE REQUEST-----) or choose its file');
  const b = parsePem(text).find((x) => x.label === 'CERTIFICATE REQUEST' || x.label === 'NEW CERTIFICATE REQUEST');
  if (!b) throw new PkiError('HIER_CSR_MALFORMED', 'the text holds no CERTIFICATE REQUEST block');
  return b.der;
}
