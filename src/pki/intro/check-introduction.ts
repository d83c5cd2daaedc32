// add-intro, judged: every check certified makes plus the ones it skips (our key, validity, CA-ness,
// https URLs, safe aliases). Returns reasons with codes, or a plan that the caller stores all at once.
import type { PkiErrorCode } from '../errors.ts';
import { isPkiError } from '../errors.ts';
import { bytesEqual } from '../bytes.ts';
import { renderRfc4514 } from '../names.ts';
import { basicConstraintsOf, parseCertificate, type Certificate } from '../x509/certificate.ts';
import { validatePath } from '../validate/validate-path.ts';
import type { RevocationMode } from '../validate/revocation.ts';
import { idFilePath, knownServerPath } from '../certified-layout/file-names.ts';
import { writeKnownServerYaml } from '../certified-layout/yaml-writer.ts';
import { toCertifiedB64 } from '../certified-format.ts';
import { parseIntroJson, readIntroDocument, type IntroDocument } from './intro-json.ts';
import { servicesProblems } from './services.ts';

export interface OurIdentity {
  readonly idCertDer: Uint8Array;
  /** Any caller label (store id, directory) handed back in the plan. */
  readonly ref?: string;
}

export interface IntroProblem {
  readonly code: PkiErrorCode;
  readonly message: string;
}

export interface PlannedService {
  readonly alias: string;
  readonly url: string;
  readonly path: string; // known_servers/<alias>.yaml
  readonly yaml: string;
}

/** Everything add-intro will write, computed before anything is written. */
export interface IntroPlan {
  readonly signedCertDer: Uint8Array;
  readonly caCertDer: Uint8Array;
  /** RFC 4514 of the introducer's CA subject, as certified renders it (YAML `auths`). */
  readonly introducer: string;
  readonly idPath: string; // id/<name>.crt
  readonly identityRef?: string;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  readonly services: ReadonlyArray<PlannedService>;
  /** Paths that exist and will be replaced (only with overwrite). */
  readonly replaces: ReadonlyArray<string>;
}

export type IntroCheck =
  | { readonly ok: true; readonly plan: IntroPlan }
  | { readonly ok: false; readonly problems: ReadonlyArray<IntroProblem> };

export interface CheckIntroductionRequest {
  /** intro.json text, or already-parsed JSON. */
  readonly json: string | unknown;
  readonly ourIdentities: ReadonlyArray<OurIdentity>;
  readonly atMs: number;
  /** Paths already present (id/…crt, known_servers/…yaml), to refuse replacing them unless `overwrite`. */
  readonly existingPaths?: ReadonlySet<string>;
  readonly overwrite?: boolean;
  /** CRLs we hold (DER): an introduction its introducer already revoked is refused (PATH_REVOKED). */
  readonly crls?: ReadonlyArray<Uint8Array>;
  /** Default: 'if-present' when CRLs are given. */
  readonly revocation?: RevocationMode;
}

/**
 * The validator's verdicts that have an introduction-specific code (kept so certified users and the UI
 * see the same refusal as before); any other PATH_* code is reported as it is.
 */
const INTRO_CODE_FOR_PATH: Partial<Record<string, PkiErrorCode>> = {
  PATH_NO_ISSUER: 'INTRO_ISSUER_MISMATCH',
  PATH_BAD_SIGNATURE: 'INTRO_BAD_SIGNATURE',
  PATH_EXPIRED: 'INTRO_EXPIRED',
  PATH_NOT_YET_VALID: 'INTRO_NOT_YET_VALID',
  PATH_NOT_CA: 'INTRO_CA_NOT_CA',
};

/**
 * Judges an introduction. Malformed input (not JSON, bad base64, not certificates) is reported as a
 * problem too, so callers have one path; nothing is ever written here.
 */
export async function checkIntroduction(req: CheckIntroductionRequest): Promise<IntroCheck> {
  const problems: IntroProblem[] = [];
  const add = (code: PkiErrorCode, message: string): void => void problems.push({ code, message });
  let doc: IntroDocument;
  let signed: Certificate;
  let ca: Certificate;
  try {
    doc = typeof req.json === 'string' ? parseIntroJson(req.json) : readIntroDocument(req.json);
    signed = parseCertificate(doc.signedCertDer);
    ca = parseCertificate(doc.caCertDer);
  } catch (e) {
    if (!isPkiError(e)) throw e;
    return { ok: false, problems: [{ code: e.code, message: e.message }] };
  }
  if (basicConstraintsOf(signed)?.ca) add('INTRO_SIGNED_IS_CA', 'signed_cert is a CA certificate and cannot be used as a client identity');
  // Trust is decided by the path validator (RFC 5280 §6) with ca_cert as the only anchor, exactly as the
  // peer's relying parties will judge it; its verdict keeps the introduction codes where they exist.
  const verdict = await validatePath({
    leaf: doc.signedCertDer,
    roots: [doc.caCertDer],
    time: new Date(req.atMs),
    maxChainDepth: 0,
    ...(req.crls ? { crls: [...req.crls] } : {}),
    ...(req.revocation ? { revocation: req.revocation } : {}),
  });
  if (!verdict.ok) {
    const code = (INTRO_CODE_FOR_PATH[verdict.code ?? ''] ?? verdict.code ?? 'INTRO_BAD_SIGNATURE') as PkiErrorCode;
    const which = verdict.failedIndex === 1 ? 'ca_cert' : 'signed_cert';
    const what: Partial<Record<PkiErrorCode, string>> = {
      INTRO_ISSUER_MISMATCH: 'signed_cert was not issued by ca_cert (issuer name or key identifier differs from ca_cert)',
      INTRO_BAD_SIGNATURE: 'signed_cert does not verify under ca_cert',
      INTRO_CA_NOT_CA: 'ca_cert is not a CA certificate (BasicConstraints CA:TRUE)',
      INTRO_EXPIRED: `${which} expired on ${new Date(which === 'ca_cert' ? ca.notAfterMs : signed.notAfterMs).toISOString()}`,
      INTRO_NOT_YET_VALID: `${which} is not valid before ${new Date(which === 'ca_cert' ? ca.notBeforeMs : signed.notBeforeMs).toISOString()}`,
    };
    add(code, what[code] ?? verdict.message ?? code);
  }
  // certified requires CA:TRUE on ca_cert; the validator accepts a version 1 anchor without it.
  if (basicConstraintsOf(ca)?.ca !== true && !problems.some((p) => p.code === 'INTRO_CA_NOT_CA')) {
    add('INTRO_CA_NOT_CA', 'ca_cert is not a CA certificate (BasicConstraints CA:TRUE)');
  }
  let identityRef: string | undefined;
  let ours = false;
  for (const id of req.ourIdentities) {
    let spki: Uint8Array;
    try {
      spki = parseCertificate(id.idCertDer).subjectPublicKeyInfo;
    } catch (e) {
      if (!isPkiError(e)) throw e;
      continue;
    }
    if (bytesEqual(spki, signed.subjectPublicKeyInfo)) {
      ours = true;
      identityRef = id.ref;
      break;
    }
  }
  if (!ours) add('INTRO_NOT_OUR_KEY', 'signed_cert certifies a public key that is not one of our identities (this introduction is for someone else)');
  const services = doc.services ?? [];
  for (const p of servicesProblems(services)) add(p.code, p.message);
  if (problems.length) return { ok: false, problems };

  const introducer = renderRfc4514(ca.subject);
  const idPath = await idFilePath(ca.subject);
  const cert = toCertifiedB64(doc.caCertDer);
  const planned = services.map((s) => ({
    alias: s.alias,
    url: s.url,
    path: knownServerPath(s.alias),
    yaml: writeKnownServerYaml({ auths: [introducer], cert, url: s.url }),
  }));
  const existing = req.existingPaths ?? new Set<string>();
  const replaces = [idPath, ...planned.map((s) => s.path)].filter((p) => existing.has(p));
  if (replaces.length && !req.overwrite) {
    const problemsExist = replaces.map((p): IntroProblem => ({
      code: p === idPath ? 'INTRO_EXISTS' : 'INTRO_SERVICE_EXISTS',
      message: p === idPath ? `an introduction from ${introducer} is already installed (${p}); confirm to replace it` : `${p} already exists; confirm to replace it`,
    }));
    return { ok: false, problems: problemsExist };
  }
  return {
    ok: true,
    plan: {
      signedCertDer: doc.signedCertDer,
      caCertDer: doc.caCertDer,
      introducer,
      idPath,
      ...(identityRef !== undefined ? { identityRef } : {}),
      notBeforeMs: signed.notBeforeMs,
      notAfterMs: signed.notAfterMs,
      services: planned,
      replaces,
    },
  };
}
