// Drives the hierarchy view: loads environments from the store, runs one core step per action and
// saves its write set in one transaction. No crypto here beyond calling the core.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  abortOperation,
  advanceOperation,
  checkEnvironment,
  createEnvironment,
  finalizeRootRotation,
  isPkiError,
  pruneRetired,
  recoverIntermediate,
  startIntermediateRotation,
  startRootRotation,
  validateEnvironment,
  writeStoreFile,
  type HierarchyState,
  type Topology,
  type WriteSet,
} from '../../pki/index.ts';
import { openStore, type Db } from '../../store/db.ts';
import { applyEnvironmentWrites, listEnvironments, loadEnvironment, runEnvironmentStep } from '../../store/hierarchy.ts';

export interface CreateEnvironmentInput {
  readonly name: string;
  readonly trustDomain: string;
  readonly topology: Topology;
  readonly regions: string;
  readonly rootRecipient: string;
  readonly ciRecipient: string;
  readonly escrowRoot: boolean;
}

export type HierarchyAction =
  | { readonly kind: 'rotate-root' }
  | { readonly kind: 'rotate-intermediate'; readonly scope: string }
  | { readonly kind: 'recover-intermediate'; readonly scope: string }
  | { readonly kind: 'next-step' }
  | { readonly kind: 'finalize' }
  | { readonly kind: 'abort' }
  | { readonly kind: 'prune' };

export class HierarchyController implements ReactiveController {
  environments: string[] = [];
  selected: HierarchyState | null = null;
  report = '';
  busy = false;
  /** Outcome sentence for the status region; `errorCode` set when it failed. */
  message = '';
  errorCode: string | undefined;
  private db: Db | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { readonly openDb?: () => Promise<Db>; readonly nowMs?: () => number } = {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.refresh();
  }

  hostDisconnected(): void {
    this.db?.close();
    this.db = undefined;
  }

  private now(): number {
    return (this.options.nowMs ?? Date.now)();
  }

  private async database(): Promise<Db> {
    this.db ??= await (this.options.openDb ?? (() => openStore()))();
    return this.db;
  }

  private async guard(label: string, work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.errorCode = undefined;
    this.host.requestUpdate();
    try {
      await work();
      this.message = label;
    } catch (e) {
      if (!isPkiError(e) && !(e instanceof Error && 'code' in e)) throw e;
      this.errorCode = (e as { code: string }).code;
      this.message = `${label} failed: ${(e as Error).message}`;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  async refresh(select?: string): Promise<void> {
    const db = await this.database();
    this.environments = await listEnvironments(db);
    const name = select ?? this.selected?.doc.environment.name ?? this.environments[0];
    this.selected = name ? await loadEnvironment(db, name) : null;
    this.report = this.selected ? (await validateEnvironment(this.selected.doc, this.now())).text : '';
    this.host.requestUpdate();
  }

  async create(input: CreateEnvironmentInput): Promise<void> {
    await this.guard(`Environment ${input.name} created`, async () => {
      const environment = checkEnvironment({
        name: input.name.trim(),
        trustDomain: input.trustDomain.trim(),
        topology: input.topology,
        regions: input.regions.split(/[\s,]+/).filter((r) => r !== ''),
        custodians: { rootRecipient: input.rootRecipient.trim(), ciRecipient: input.ciRecipient.trim() },
      });
      const ws = await createEnvironment({ environment, escrowRoot: input.escrowRoot, atMs: this.now() });
      await applyEnvironmentWrites(await this.database(), ws, null, this.now());
      await this.refresh(environment.name);
    });
  }

  async run(action: HierarchyAction): Promise<void> {
    const name = this.selected?.doc.environment.name;
    if (!name) return;
    const at = this.now();
    const step = (s: HierarchyState): Promise<WriteSet> | WriteSet => {
      switch (action.kind) {
        case 'rotate-root':
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
        case 'prune':
          return pruneRetired(s, at);
      }
    };
    await this.guard(`${action.kind} done`, async () => {
      await runEnvironmentStep(await this.database(), name, step, at);
      await this.refresh(name);
    });
  }

  /** The selected environment as a store file (YAML), for export. */
  storeFile(): string {
    return this.selected ? writeStoreFile(this.selected.doc) : '';
  }
}
