// CRL entry reason codes (RFC 5280 §5.3.1). Value 7 is unused by the RFC.
export const CRL_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;

export type CrlReason = keyof typeof CRL_REASONS;

export function crlReasonFromCode(code: number): CrlReason | undefined {
  return (Object.keys(CRL_REASONS) as CrlReason[]).find((k) => CRL_REASONS[k] === code);
}

/** Words for people, e.g. in the UI and CLI output. */
export const CRL_REASON_LABELS: Readonly<Record<CrlReason, string>> = {
  unspecified: 'unspecified',
  keyCompromise: 'key compromised',
  cACompromise: 'CA compromised',
  affiliationChanged: 'affiliation changed',
  superseded: 'superseded',
  cessationOfOperation: 'no longer operated',
  certificateHold: 'on hold',
  removeFromCRL: 'removed from CRL',
  privilegeWithdrawn: 'privilege withdrawn',
  aACompromise: 'attribute authority compromised',
};
