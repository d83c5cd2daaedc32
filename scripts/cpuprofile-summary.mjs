// Summarises a V8 .cpuprofile (from `node --cpu-prof` or Chromium's CDP Profiler): self and inclusive
// milliseconds per function, top N. Usage: node scripts/cpuprofile-summary.mjs FILE.cpuprofile [N] [--filter SUBSTR]
import { readFileSync } from 'node:fs';

/** { totalMs, self: [[name, ms]], inclusive: [[name, ms]] } for a parsed profile. */
export function summariseProfile(profile, topN = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const sampleMs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    sampleMs.set(profile.samples[i], (sampleMs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const nameOf = (n) => {
    const f = n.callFrame;
    const file = f.url.replace(/^.*\/(src|bench|node_modules)\//, '$1/').replace(/^https?:\/\/[^/]+\//, '');
    return `${f.functionName || '(anonymous)'}${file ? ` ${file}` : ''}`;
  };
  const self = new Map();
  const incl = new Map();
  let totalMs = 0;
  for (const n of profile.nodes) {
    const ms = sampleMs.get(n.id) ?? 0;
    if (!ms) continue;
    totalMs += ms;
    const k = nameOf(n);
    self.set(k, (self.get(k) ?? 0) + ms);
    const seen = new Set();
    for (let id = n.id; id !== undefined; id = parent.get(id)) {
      const name = nameOf(byId.get(id));
      if (seen.has(name)) continue;
      seen.add(name);
      incl.set(name, (incl.get(name) ?? 0) + ms);
    }
  }
  const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, topN);
  return { totalMs, self: top(self), inclusive: top(incl) };
}

export function formatSummary(s) {
  const line = ([k, v]) => `${v.toFixed(0).padStart(7)} ms ${((100 * v) / s.totalMs).toFixed(1).padStart(5)}%  ${k}`;
  return `total ${s.totalMs.toFixed(0)} ms sampled\n-- self --\n${s.self.map(line).join('\n')}\n-- inclusive --\n${s.inclusive.map(line).join('\n')}`;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const [file, n] = process.argv.slice(2);
  console.log(formatSummary(summariseProfile(JSON.parse(readFileSync(file, 'utf8')), Number(n ?? 30))));
}
