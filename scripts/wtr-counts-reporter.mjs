// Writes pass/fail counts of a web-test-runner run to .test-out/browser-counts.json for scripts/test.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';

function tally(suite, acc) {
  for (const t of suite.tests ?? []) {
    if (t.skipped) acc.skipped++;
    else if (t.passed) acc.passed++;
    else acc.failed++;
  }
  for (const s of suite.suites ?? []) tally(s, acc);
  return acc;
}

export function countsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const acc = { passed: 0, failed: 0, skipped: 0, fileErrors: 0 };
      for (const s of sessions) {
        if (s.testResults) tally(s.testResults, acc);
        if (!s.passed && (s.errors?.length ?? 0) > 0) acc.fileErrors++;
      }
      mkdirSync('.test-out', { recursive: true });
      writeFileSync('.test-out/browser-counts.json', JSON.stringify(acc));
    },
  };
}
