// Differential test: our YAML writer against the real PyYAML (what certified uses) on generated
// records. Needs python3 with PyYAML (Debian: python3-yaml); skipped with a note otherwise.
import { assert } from 'chai';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { writeKnownServerYaml } from '../../../src/pki/index.ts';

const probe = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
const havePyYaml = !probe.error && probe.status === 0;

function pyDump(records: ReadonlyArray<unknown>): string[] {
  const script = 'import sys, json, yaml\nfor r in json.load(sys.stdin):\n    sys.stdout.write(json.dumps(yaml.dump(r)) + "\\n")\n';
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(records), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as string);
}

describe('YAML writer against PyYAML', { skip: havePyYaml ? false : 'python3 with PyYAML not installed (apt-get install python3-yaml)' }, () => {
  it('writes exactly what yaml.dump writes for 600 generated records', () => {
    const piece = fc.oneof(
      fc.constantFrom(' ', '  ', ':', ': ', ' #', '#', "'", '"', '\\', '-', '- ', '?', ',', '[', '{', '\n', '\t', 'é', 'ö', '€', '😀', '\u2028', 'yes', '1', '.', '=', '~', 'null', '\x01', '\x7f', '\xa0'),
      fc.stringMatching(/^[A-Za-z0-9=,.+ ]{1,30}$/),
    );
    const str = fc.array(piece, { maxLength: 14 }).map((a) => a.join(''));
    const records = fc.sample(fc.record({ auths: fc.array(str, { maxLength: 3 }), cert: fc.oneof(fc.constant(null), str), url: str }), { numRuns: 600, seed: 4 });
    const want = pyDump(records);
    records.forEach((r, i) => assert.equal(writeKnownServerYaml(r), want[i], JSON.stringify(r)));
  });
});
