#!/usr/bin/env node
// `pnpm mutation [--mutate a,b] [pkg…]`: Stryker 9 with the vitest runner, one package at a time
// (default: the six packages with a mutation goal). Not part of `pnpm test`. Results:
// reports/mutation/<pkg>[-<files>].json and the score table printed by Stryker; docs/quality.md
// records the latest scores.
//
// `--mutate a,b` (or `--mutate=a,b`, or BIO_MUTATE_FILES=a,b) mutates only src/a.ts and src/b.ts of
// each package named (`internal/batching`, `src/scroll.ts` and `scroll` all work; `scroll:240-312`
// mutates those lines only).
// Environment: BIO_MUTATE_CONCURRENCY (2), BIO_MUTATE_IGNORE_STATIC=1 (skip static mutants: each
// re-runs the whole suite), BIO_MUTATE_COVERAGE (perTest; off or all run every test per mutant),
// BIO_MUTATE_TESTS=a,b (only these test globs, relative to the package; default test/**/*.test.ts),
// BIO_PROPERTY_RUNS (100: fast-check runs per property while mutating; the default suite runs 2,500).
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const known = ['core-http', 'rsql', 'mygene', 'intermine', 'idr', 'molgenis'];
const args = process.argv.slice(2);
let files = process.env.BIO_MUTATE_FILES;
const asked = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--mutate' || arg.startsWith('--mutate=')) {
    files = arg === '--mutate' ? args[++i] : arg.slice('--mutate='.length);
    if (!files) {
      console.error('mutation: --mutate needs a comma-separated list of files under src/ (e.g. --mutate scroll,internal/batching)');
      process.exit(2);
    }
  } else asked.push(arg.replace(/^@bio\//, ''));
}
// `src/x.ts`, `x.ts` and `x` all name packages/<pkg>/src/x.ts; `x:40-90` mutates lines 40–90 only.
if (files) {
  files = files
    .split(',')
    .map((f) => {
      const [file = '', lines] = f.trim().split(':');
      return `${file.replace(/^src\//, '').replace(/\.ts$/, '')}${lines ? `:${lines}` : ''}`;
    })
    .filter((f) => f !== '' && !f.startsWith(':'))
    .join(',');
}
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
    env: {
      BIO_PROPERTY_RUNS: '100',
      ...process.env,
      BIO_MUTATE_PKG: pkg,
      ...(files ? { BIO_MUTATE_FILES: files } : {}),
      // Dependencies pnpm links only under packages/<pkg>/node_modules (not copied to the sandbox).
      BIO_KY_DIR: realpathSync(`${root}packages/core-http/node_modules/ky`),
      BIO_FFLATE_DIR: realpathSync(`${root}packages/molgenis/node_modules/fflate`),
    },
  });
  console.log(`=== @bio/${pkg}: exit ${run.status}, ${((Date.now() - started) / 60_000).toFixed(1)} min ===`);
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
