#!/usr/bin/env node
// `pnpm size [--check]`: min+gzip size of each package's entries, bundled for the browser with
// esbuild (dependencies such as ky included, as an application would ship them), and of the
// umbrella import `import { MyGene } from '@bio/sdk'` next to `import { MyGene } from '@bio/mygene'`.
// `--check` (in `pnpm test:all`) fails when a bundle passes its budget or the umbrella import
// costs more than 1 % over the direct one.
//
// The budgets are today's sizes plus a few percent, so growth is a decision, not an accident.
// The issue's goal for `{ MyGene }` is 14 KiB; it is 21.3 KiB (measured 2026-12-07). The floor, in
// the same bundling: ky 1.14 alone is 4.9 KiB, and `{ createHttpClient }` (ky + the client core:
// retries, errors, redirects, auth, size guard) is 13.6 KiB before any MyGene code; the rest is
// MyGene's own code plus batch/paging/concurrency from core-http, all reachable from the class's
// methods. 14 KiB is not reachable without dropping features or ky, so the budget holds the line
// (measured value + ~1.5 %) while the goal stays open.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const check = process.argv.includes('--check');
const KiB = 1024;

async function bundleSize(contents) {
  const result = await build({
    stdin: { contents, resolveDir: new URL('../examples/', import.meta.url).pathname, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    treeShaking: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code).length };
}

/** Budgets in KiB, min+gzip. */
const budgets = {
  '@bio/core-http': 23,
  '@bio/rsql': 6.5,
  // Sixth session: 23.5 → 24 and { MyGene } 21.6 → 22.2 for pass-through params that cannot replace what a call sets
  // (alias groups, text values converted for JSON bodies) and MultipleGenesError: 23.9 and 22.1 KiB.
  '@bio/mygene': 24,
  // Sixth session: 45 → 45.5 for query XML the server reads (control characters and blank values refused, colon views, op+type
  // refused) and the client fixes of the audits: 45.1 KiB.
  '@bio/intermine': 45.5,
  // Sixth session: 33.5 → 34 for errors that name their request (method, url, status) at about thirty call sites, and
  // searchContainers({ study }) through submitquery/containers/: 33.8 KiB.
  '@bio/idr': 34,
  // Sixth session: 39 → 39.5 for q written for rsql-parser 2.0.0, the EMX2 like check and errors that name their request: 39.2 KiB.
  '@bio/molgenis': 39.5,
  // 2026-12-07: 32 → 35 for exportCsv().records() (typed CSV read, the pyclient get's route): 34.3 KiB.
  // Fifth session: 35 → 35.6 for format errors that name their request (one helper, about twenty call sites): 35.4 KiB.
  '@bio/molgenis/emx2': 35.6,
  '@bio/sdk': 110,
  // 2026-12-07, second session: 21.2 → 21.4 for core-http's per-request fast paths (a plain path
  // parsed once, the base origin computed once, one promise per body method): 21.3 KiB.
  // Fifth session: 21.4 → 21.6 for the missing-parameter message (mygene) and redaction before any
  // cut (core-http: error bodies redacted before a service-message reader sees them): 21.5 KiB.
  "{ MyGene } from '@bio/mygene'": 22.2,
  "{ MyGene } from '@bio/sdk'": 22.2,
};

const rows = [];
for (const entry of ['@bio/core-http', '@bio/rsql', '@bio/mygene', '@bio/intermine', '@bio/idr', '@bio/molgenis', '@bio/molgenis/emx2', '@bio/sdk']) {
  rows.push([entry, await bundleSize(`export * from '${entry}';`)]);
}
const direct = await bundleSize(`export { MyGene } from '@bio/mygene';`);
const umbrella = await bundleSize(`export { MyGene } from '@bio/sdk';`);
rows.push([`{ MyGene } from '@bio/mygene'`, direct], [`{ MyGene } from '@bio/sdk'`, umbrella]);

const kb = (n) => `${(n / KiB).toFixed(1)} KiB`;
const over = [];
console.log('| bundle | min | min+gzip | budget |\n| --- | ---: | ---: | ---: |');
for (const [label, size] of rows) {
  const budget = budgets[label];
  const fails = budget !== undefined && size.gzip > budget * KiB;
  if (fails) over.push(`${label}: ${kb(size.gzip)} > ${budget} KiB`);
  console.log(
    `| ${label}${label.startsWith('{') ? '' : ' (everything)'} | ${kb(size.min)} | ${kb(size.gzip)} | ${budget === undefined ? '—' : `${budget} KiB${fails ? ' ✗' : ''}`} |`,
  );
}
const ratio = umbrella.gzip / direct.gzip;
console.log(`\numbrella / direct (min+gzip): ${ratio.toFixed(3)} (goal ≤ 1.01)`);
if (ratio > 1.01) over.push(`the umbrella import of MyGene is ${ratio.toFixed(3)}× the direct import (goal ≤ 1.01)`);
if (check && over.length > 0) {
  console.error(`✗ size budgets:\n  ${over.join('\n  ')}`);
  process.exit(1);
}
if (check) console.log('✓ size budgets');
