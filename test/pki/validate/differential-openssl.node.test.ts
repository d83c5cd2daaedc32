// Differential test: fast-check generates chains with random constraint combinations; our verdict
// must equal `openssl verify -x509_strict -policy_check -policy anyPolicy` (RFC 5280 §6.1.1 (c) default) on each, except where docs/validation.md
// documents a deliberate difference (each predicate below names the RFC section that decides it).
// Deterministic seed; set FC_SEED to explore, FC_RUNS for more cases. A failure prints seed and case.
import { assert } from 'chai';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { toPem } from '../../../src/pki/index.ts';
import { openssl, tempFiles } from '../../support/openssl.ts';
import { T, type Issued } from './chain-kit.ts';
import { build, caseArb, ourVerdict, type Case } from './differential-cases.ts';

function runOpenssl(c: Case, chain: { root: Issued; inters: Issued[]; leaf: Issued }): { ok: boolean; out: string } {
  const files = tempFiles({
    'root.pem': toPem('CERTIFICATE', chain.root.der),
    'inter.pem': chain.inters.map((x) => toPem('CERTIFICATE', x.der)).join('') || '\n',
    'leaf.pem': toPem('CERTIFICATE', chain.leaf.der),
  });
  try {
    const args = ['verify', '-x509_strict', '-policy_check', '-policy', '2.5.29.32.0', '-attime', String(Math.floor(T / 1000)), '-CAfile', files.path('root.pem')];
    if (chain.inters.length) args.push('-untrusted', files.path('inter.pem'));
    if (c.purpose) args.push('-purpose', c.purpose === 'serverAuth' ? 'sslserver' : 'sslclient');
    if (c.peer) {
      const [type, value] = c.peer.split(/:(.*)/s) as [string, string];
      args.push(type === 'dns' ? '-verify_hostname' : type === 'ip' ? '-verify_ip' : '-verify_email', value);
    }
    args.push(files.path('leaf.pem'));
    const r = openssl(args);
    return { ok: r.status === 0 && /: OK\s*$/.test(r.stdout), out: (r.stdout + r.stderr).replace(/\/tmp\/[^ :]*\//g, '') };
  } finally {
    files.cleanup();
  }
}

/**
 * Documented differences (docs/validation.md, "Differences from OpenSSL"). Each returns a reason
 * when the case falls under it, so a disagreement there is expected rather than a failure.
 */
function documentedDifference(c: Case): string | undefined {
  const dnsSans = c.leaf.san.filter((s) => s.startsWith('dns:'));
  if (c.peer?.startsWith('dns:') && c.leaf.cnIsHost && dnsSans.length === 0) {
    return 'RFC 6125 §6.4.4: no fallback to the subject CN (OpenSSL checks the CN when there is no DNS SAN)';
  }
  if (c.peer === 'dns:b.example.com' && dnsSans.includes('dns:b*.example.com') && !dnsSans.includes('dns:*.example.com')) {
    return 'RFC 6125 §6.4.3: partial-label wildcards are not matched (OpenSSL matches them)';
  }
  const excludesBad = [c.root, ...c.inters].some((ca) => ca.nc === 'exclude-bad.example.com');
  if (excludesBad && dnsSans.includes('dns:*.example.com')) {
    return 'RFC 6125 §6.4.3 with RFC 5280 §4.2.1.10: *.example.com can present the excluded bad.example.com, so we reject (OpenSSL compares it literally)';
  }
  return undefined;
}

describe('differential: validatePath vs openssl verify', () => {
  it('agrees on accept/reject for generated chains', async () => {
    const seed = Number(process.env.FC_SEED ?? 20261125);
    const numRuns = Number(process.env.FC_RUNS ?? 80);
    const disagreements: string[] = [];
    const tally = { accepted: 0, rejected: 0, documented: 0 };
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const chain = await build(c);
        const ours = await ourVerdict(c, chain);
        const theirs = runOpenssl(c, chain);
        if (ours.ok === theirs.ok) {
          tally[ours.ok ? 'accepted' : 'rejected']++;
          return true;
        }
        if (documentedDifference(c)) {
          tally.documented++;
          return true;
        }
        disagreements.push(`ours=${ours.ok ? 'ok' : ours.code} openssl=${theirs.out.trim()}\n${JSON.stringify(c)}`);
        return false;
      }),
      { seed, numRuns, endOnFailure: true },
    ).catch((e: unknown) => {
      throw new Error(`seed ${seed}: ${disagreements.join('\n\n')}\n${String(e).slice(0, 2000)}`);
    });
    assert.isEmpty(disagreements);
    console.log(`differential (seed ${seed}): ${JSON.stringify(tally)}`);
    // Both verdicts must be well represented, or the generator tests nothing.
    assert.isAtLeast(tally.accepted, numRuns / 10);
    assert.isAtLeast(tally.rejected, numRuns / 10);
  });
});
