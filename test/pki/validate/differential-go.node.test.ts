// Differential test against Go's crypto/x509 (Debian's golang-go; skipped when `go` is absent). Same
// generator as the openssl test, without what Go does not do: certificate policies (Go 1.19 does not
// process them and rejects the critical PolicyConstraints) and email peer names (no such check in Go).
// Every disagreement must fall under a documented difference (docs/validation.md, "Differences from Go").
import { assert } from 'chai';
import { spawnSync } from 'node:child_process';
import { describe, it, before } from 'node:test';
import fc from 'fast-check';
import { toPem } from '../../../src/pki/index.ts';
import { tempFiles } from '../../support/openssl.ts';
import { T } from './chain-kit.ts';
import { build, caseArb, ourVerdict, type Built, type Case } from './differential-cases.ts';

const hasGo = spawnSync('sh', ['-c', 'command -v go'], { stdio: 'ignore' }).status === 0;
const noPolicies = (c: Case): Case => ({
  ...c,
  root: { ...c.root, policy: 'none', requireExplicit: false },
  inters: c.inters.map((x) => ({ ...x, policy: 'none', requireExplicit: false })),
  leaf: { ...c.leaf, policy: 'none' },
  peer: c.peer?.startsWith('email:') ? undefined : c.peer,
});

/** Go is more lenient in these ways; each names the rule that makes us reject. */
function documentedDifference(c: Case, ours: string): string | undefined {
  const certs = [c.root, ...c.inters];
  if (ours === 'PATH_KEY_USAGE' && (certs.some((x) => !x.keyCertSign) || (c.purpose && c.leaf.keyUsage?.includes('keyEncipherment')))) {
    return 'RFC 5280 §6.1.4 (n) / §4.2.1.3: Go ignores keyUsage (no keyCertSign check, no leaf usage check for TLS)';
  }
  if (ours === 'PATH_EKU' && [...certs.map((x) => x.eku), c.leaf.eku].some((e) => e?.includes('2.5.29.37.0'))) {
    return 'RFC 5280 §4.2.1.12: Go accepts anyExtendedKeyUsage for any purpose; we follow OpenSSL';
  }
  if (ours === 'PATH_NAME_CONSTRAINTS' && certs.some((x) => x.nc === 'exclude-bad.example.com') && c.leaf.san.includes('dns:*.example.com')) {
    return 'RFC 6125 §6.4.3: a wildcard that can present an excluded name is rejected';
  }
  return undefined;
}

function runGo(bin: string, c: Case, chain: Built): { ok: boolean; out: string } {
  const files = tempFiles({
    'root.pem': toPem('CERTIFICATE', chain.root.der),
    'inter.pem': chain.inters.map((x) => toPem('CERTIFICATE', x.der)).join(''),
    'leaf.pem': toPem('CERTIFICATE', chain.leaf.der),
  });
  try {
    const args = ['-roots', files.path('root.pem'), '-inters', files.path('inter.pem'), '-leaf', files.path('leaf.pem'), '-at', String(Math.floor(T / 1000))];
    if (c.purpose) args.push('-purpose', c.purpose);
    if (c.peer) args.push('-dns', c.peer.slice(c.peer.indexOf(':') + 1));
    const r = spawnSync(bin, args, { encoding: 'utf8' });
    return { ok: r.status === 0 && r.stdout.trim() === 'OK', out: (r.stdout + r.stderr).trim() };
  } finally {
    files.cleanup();
  }
}

describe('differential: validatePath vs Go crypto/x509', { skip: hasGo ? false : 'go is not installed (apt-get install golang-go)' }, () => {
  let bin = '';
  let work: ReturnType<typeof tempFiles>;
  before(() => {
    work = tempFiles({});
    bin = work.path('go-verify');
    const src = new URL('../../support/go-verify/main.go', import.meta.url).pathname;
    const r = spawnSync('go', ['build', '-o', bin, src], { encoding: 'utf8', env: { ...process.env, GOCACHE: work.path('gocache'), GOPATH: work.path('gopath'), GOFLAGS: '' } });
    assert.equal(r.status, 0, r.stderr);
  });

  it('agrees on accept/reject for generated chains, or the difference is documented', async () => {
    const seed = Number(process.env.FC_SEED ?? 20261125);
    const numRuns = Number(process.env.FC_RUNS ?? 60);
    const disagreements: string[] = [];
    const tally = { accepted: 0, rejected: 0, documented: 0 };
    try {
      await fc.assert(
        fc.asyncProperty(caseArb.map(noPolicies), async (c) => {
          const chain = await build(c);
          const ours = await ourVerdict(c, chain);
          const theirs = runGo(bin, c, chain);
          if (ours.ok === theirs.ok) {
            tally[ours.ok ? 'accepted' : 'rejected']++;
            return true;
          }
          if (!ours.ok && documentedDifference(c, ours.code!)) {
            tally.documented++;
            return true;
          }
          disagreements.push(`ours=${ours.ok ? 'ok' : ours.code} go=${theirs.out}\n${JSON.stringify(c)}`);
          return false;
        }),
        { seed, numRuns, endOnFailure: true },
      );
    } catch (e) {
      throw new Error(`seed ${seed}: ${disagreements.join('\n\n')}\n${String(e).slice(0, 1500)}`);
    } finally {
      work.cleanup();
    }
    console.log(`differential vs Go (seed ${seed}): ${JSON.stringify(tally)}`);
    assert.isAtLeast(tally.accepted, numRuns / 10);
  });
});
