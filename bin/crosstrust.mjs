#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (installed by `npm ci`), so `npx crosstrust` works from a checkout.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
process.exitCode = code;
