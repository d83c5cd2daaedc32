// What an identity exports: certified's get-ident line, PEM, file names. All formatting is the core's.
import { getIdentOutput, toPem } from '../../pki/index.ts';
import { fileStem } from '../../exchange/index.ts';
import type { IdentityRecord } from '../../store/index.ts';

export interface IdentityExports {
  /** `certified get-ident` output: one URL-safe base64 line with padding, plus '\n'. */
  readonly b64: string;
  readonly pem: string;
  readonly caPem: string;
  readonly b64Name: string;
  readonly pemName: string;
  readonly caPemName: string;
}

export function identityExports(record: IdentityRecord): IdentityExports {
  const stem = fileStem(record.label);
  return {
    b64: getIdentOutput(record.idCertDer),
    pem: toPem('CERTIFICATE', record.idCertDer),
    caPem: toPem('CERTIFICATE', record.caCertDer),
    b64Name: `${stem}.ident.b64`,
    pemName: `${stem}.id.pem`,
    caPemName: `${stem}.CA.pem`,
  };
}
