// Counters that bound the work of one validation, so hostile inputs cannot make it spin. The fuzz
// test reads the counters (counts, not wall-clock) to show that work grows at most linearly.

export interface WorkLimits {
  /** Complete candidate paths validated. */
  readonly paths: number;
  /** Signature verifications (each a WebCrypto verify). */
  readonly signatures: number;
  /** Issuer-candidate lookups during path building. */
  readonly edges: number;
  /** Name-constraint comparisons. */
  readonly nameComparisons: number;
  /** Policy-tree nodes created. */
  readonly policyNodes: number;
}

export const DEFAULT_WORK_LIMITS: WorkLimits = {
  paths: 32,
  signatures: 64,
  edges: 1024,
  nameComparisons: 65_536,
  policyNodes: 2048,
};

export type WorkCounts = { -readonly [K in keyof WorkLimits]: number };

/** Thrown inside the validator when a limit is hit; caught by validatePath (PATH_LIMIT_EXCEEDED). */
export class WorkLimitExceeded extends Error {
  readonly counter: keyof WorkLimits;
  constructor(counter: keyof WorkLimits) {
    super(`work limit reached: ${counter}`);
    this.counter = counter;
  }
}

export class WorkBudget {
  readonly limits: WorkLimits;
  readonly counts: WorkCounts = { paths: 0, signatures: 0, edges: 0, nameComparisons: 0, policyNodes: 0 };
  constructor(limits: WorkLimits = DEFAULT_WORK_LIMITS) {
    this.limits = limits;
  }
  /** Counts `n` units of `counter`; throws WorkLimitExceeded past the limit. */
  spend(counter: keyof WorkLimits, n = 1): void {
    if (this.counts[counter] + n > this.limits[counter]) {
      this.counts[counter] = this.limits[counter] + 1; // record "over the limit", not how far a batch would have gone
      throw new WorkLimitExceeded(counter);
    }
    this.counts[counter] += n;
  }
  /** True when one more unit would still be within the limit. */
  canSpend(counter: keyof WorkLimits): boolean {
    return this.counts[counter] < this.limits[counter];
  }
}
