#!/usr/bin/env node
// `pnpm mutation [pkg…]`: Stryker 9 with the vitest runner, one package at a time (default: the
// four packages with a mutation goal). Not part of `pnpm test`. Results: reports/mutation/<pkg>.json
// and the score table printed by Stryker; docs/quality.md records the latest scores.
//
// Environment: BIO_MUTATE_FILES=a,b (mutate only src/a.ts, src/b.ts), BIO_MUTATE_CONCURRENCY (2),
// BIO_PROPERTY_RUNS (100: fast-check runs per property while mutating; the default suite runs 2,500).
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const known = ['core-http', 'rsql', 'mygene', 'intermine'];
const asked = process.argv.slice(2).map((p) => p.replace(/^@bio\//, ''));
const packages = asked.length > 0 ? asked : known;
for (const pkg of packages) {
  if (!known.includes(pkg)) {
    console.error(`mutation: unknown package "${pkg}" (known: ${known.join(', ')})`);
    process.exit(2);
  }
}
let failed = false;
for (const pkg of packages) {
  const started = Date.now();
  console.log(`\n=== mutation: @bio/${pkg} ===`);
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.package.config.mjs'], {
    cwd: root,
    stdio: 'inherit',
    env: { BIO_PROPERTY_RUNS: '100', ...process.env, BIO_MUTATE_PKG: pkg, BIO_KY_DIR: realpathSync(`${root}packages/core-http/node_modules/ky`) },
  });
  console.log(`=== @bio/${pkg}: exit ${run.status}, ${((Date.now() - started) / 60_000).toFixed(1)} min ===`);
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
