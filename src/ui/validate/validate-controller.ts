// Controller of the "Would this be accepted?" view: turns pasted text or file bytes into a
// validatePath request and its verdict into display data. All parsing and crypto stay in src/pki.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  CRL_REASON_LABELS,
  PATH_REASON_SENTENCES,
  readCrlList,
  fingerprintOf,
  isPkiError,
  parseCertificate,
  readCertificateList,
  renderRfc4514,
  validatePath,
  type PathReasonCode,
  type PathValidationOptions,
  type RevocationMode,
} from '../../pki/index.ts';

/** A field's content: pasted text, or the bytes of a chosen file. Empty text means "nothing given". */
export type CertificateSource = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'file'; readonly name: string; readonly bytes: Uint8Array };

export interface ValidateRequest {
  readonly leaf: CertificateSource;
  readonly intermediates: CertificateSource;
  readonly roots: CertificateSource;
  readonly purpose?: 'serverAuth' | 'clientAuth';
  readonly peerName?: { readonly type: 'dns' | 'ip' | 'email'; readonly value: string };
  /** Validation time; absent: now. */
  readonly atMs?: number;
  /** CRLs given with the request (optional). */
  readonly crls?: CertificateSource;
  /** CRLs held in this browser (partners' and ours), when the user asked to use them. */
  readonly heldCrls?: ReadonlyArray<Uint8Array>;
  /** Absent: 'if-present' when any CRL is given, else 'off'. */
  readonly revocation?: RevocationMode;
}

/** How a certificate of an accepted chain stands against the CRLs (when revocation was checked). */
export interface ChainRevocation {
  readonly status: 'good' | 'stale-crl' | 'no-crl';
  readonly words: string;
}

export interface ChainEntry {
  readonly role: 'leaf' | 'intermediate' | 'anchor';
  readonly subject: string;
  readonly fingerprint: string;
  /** Absent for the trust anchor and when revocation was not checked. */
  readonly revocation?: ChainRevocation;
}

export type ValidateState =
  | { readonly status: 'idle' }
  | { readonly status: 'pending' }
  | { readonly status: 'accepted'; readonly chain: ReadonlyArray<ChainEntry> }
  | {
      readonly status: 'rejected';
      readonly code: string;
      readonly sentence: string;
      readonly detail: string;
      readonly field?: 'leaf' | 'intermediates' | 'roots' | 'crls';
      /** For PATH_REVOKED: what was revoked, when, why and by whose CRL, in words. */
      readonly revoked?: string;
    };

const isEmpty = (s: CertificateSource): boolean => (s.kind === 'text' ? s.text.trim() === '' : s.bytes.length === 0);

export class ValidateController implements ReactiveController {
  state: ValidateState = { status: 'idle' };
  private readonly host: Pick<ReactiveControllerHost, 'requestUpdate'>;
  private run = 0;

  constructor(host: Pick<ReactiveControllerHost, 'requestUpdate'> & Partial<Pick<ReactiveControllerHost, 'addController'>>) {
    this.host = host;
    host.addController?.(this);
  }

  hostConnected(): void {}

  private set(state: ValidateState): void {
    this.state = state;
    this.host.requestUpdate();
  }

  /** Validates; a newer call supersedes an older one still running. Resolves when the state is final. */
  async validate(req: ValidateRequest): Promise<ValidateState> {
    const mine = ++this.run;
    this.set({ status: 'pending' });
    const state = await this.compute(req);
    if (mine === this.run) this.set(state);
    return state;
  }

  private async compute(req: ValidateRequest): Promise<ValidateState> {
    const read = (field: 'leaf' | 'intermediates' | 'roots'): Uint8Array[] | ValidateState => {
      const src = req[field];
      if (isEmpty(src)) return [];
      try {
        return readCertificateList(src.kind === 'text' ? src.text : src.bytes);
      } catch (e) {
        if (!isPkiError(e)) throw e;
        return { status: 'rejected', code: e.code, sentence: `The ${field === 'leaf' ? 'peer certificate' : field} could not be read.`, detail: e.message, field };
      }
    };
    const leaf = read('leaf');
    if (!Array.isArray(leaf)) return leaf;
    const intermediates = read('intermediates');
    if (!Array.isArray(intermediates)) return intermediates;
    const roots = read('roots');
    if (!Array.isArray(roots)) return roots;
    let crls: Uint8Array[] = [];
    if (req.crls && !isEmpty(req.crls)) {
      try {
        crls = readCrlList(req.crls.kind === 'text' ? req.crls.text : req.crls.bytes);
      } catch (e) {
        if (!isPkiError(e)) throw e;
        return { status: 'rejected', code: e.code, sentence: 'The revocation lists could not be read.', detail: e.message, field: 'crls' };
      }
    }
    crls.push(...(req.heldCrls ?? []));
    if (leaf.length === 0) return { status: 'rejected', code: 'INPUT_EMPTY', sentence: 'Give the peer certificate to check.', detail: '', field: 'leaf' };
    if (roots.length === 0) return { status: 'rejected', code: 'INPUT_EMPTY', sentence: 'Give at least one trusted root.', detail: '', field: 'roots' };
    const opts: PathValidationOptions = {
      leaf: leaf[0]!,
      intermediates: [...leaf.slice(1), ...intermediates],
      roots,
      ...(req.purpose ? { purpose: req.purpose } : {}),
      ...(req.peerName && req.peerName.value.trim() ? { peerName: { type: req.peerName.type, value: req.peerName.value.trim() } } : {}),
      ...(req.atMs !== undefined ? { time: new Date(req.atMs) } : {}),
      ...(crls.length ? { crls } : {}),
      ...(req.revocation ? { revocation: req.revocation } : {}),
    };
    const r = await validatePath(opts);
    if (!r.ok) {
      const code = r.code ?? 'PATH_NO_ISSUER';
      const sentence = PATH_REASON_SENTENCES[code as PathReasonCode] ?? 'Rejected.';
      const message = r.message ?? '';
      const rv = r.revoked;
      const revoked = rv
        ? `${rv.subject} was revoked on ${utc(rv.revokedAtMs)}. Reason: ${CRL_REASON_LABELS[rv.reason]}. Source: ${rv.crlNumber !== undefined ? `CRL number ${rv.crlNumber}` : 'the CRL'} of ${rv.crlIssuer}.`
        : undefined;
      return { status: 'rejected', code, sentence, detail: message.startsWith(sentence) ? message.slice(sentence.length).trim() : message, ...(revoked ? { revoked } : {}) };
    }
    const checks = new Map((r.revocationChecks ?? []).map((c) => [c.index, c]));
    const chain: ChainEntry[] = [];
    for (const [i, der] of r.chain!.entries()) {
      chain.push({
        role: i === 0 ? 'leaf' : i === r.chain!.length - 1 ? 'anchor' : 'intermediate',
        subject: renderRfc4514(parseCertificate(der).subject) || '(empty subject)',
        fingerprint: (await fingerprintOf(der)).grouped,
        ...(checks.has(i) ? { revocation: revocationWords(checks.get(i)!) } : {}),
      });
    }
    return { status: 'accepted', chain };
  }
}

const utc = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function revocationWords(c: { status: ChainRevocation['status']; crlNumber?: string; nextUpdateMs?: number }): ChainRevocation {
  const crl = c.crlNumber !== undefined ? `CRL number ${c.crlNumber}` : 'its issuer’s CRL';
  if (c.status === 'good') return { status: 'good', words: `Not revoked (${crl}, current until ${c.nextUpdateMs !== undefined ? utc(c.nextUpdateMs) : 'unknown'})` };
  if (c.status === 'stale-crl') return { status: 'stale-crl', words: `Not listed, but ${crl} is out of date${c.nextUpdateMs !== undefined ? ` since ${utc(c.nextUpdateMs)}` : ''}` };
  return { status: 'no-crl', words: 'Revocation not checked: no CRL from its issuer' };
}
