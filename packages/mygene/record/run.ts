// Re-record @bio/mygene's fixtures from the live service (network!). Guarded by BIO_RECORD=1.
//
//   BIO_RECORD=1 pnpm --filter @bio/mygene record [names…] [--out <dir>] [--base-url <url>]
//
// Read every changed file before committing it (docs/fixtures.md, "Review before committing").
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { recordScenarios } from '@bio/core-http/testing';
import { DEFAULT_BASE_URL } from '../src/index.js';
import { scenarios, unrecordable } from './scenarios.js';

const USAGE = 'usage: BIO_RECORD=1 tsx record/run.ts [scenario…] [--out <dir>] [--base-url <url>]';

if (process.env.BIO_RECORD !== '1') {
  console.error('Refusing to run: re-recording calls the live MyGene.info service over the network. Set BIO_RECORD=1 to proceed.');
  console.error(USAGE);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { out: { type: 'string' }, 'base-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    console.error((error as Error).message);
    console.error(USAGE);
    return process.exit(2);
  }
}
const args = parse();
if (args.values.help) {
  console.log(USAGE);
  console.log(`scenarios: ${Object.keys(scenarios(DEFAULT_BASE_URL)).join(', ')}`);
  process.exit(0);
}

const baseUrl = args.values['base-url'] ?? DEFAULT_BASE_URL;
const dir = args.values.out === undefined ? fileURLToPath(new URL('../fixtures/', import.meta.url)) : resolve(args.values.out);
const all = scenarios(baseUrl);
const names = args.positionals;

let refused = false;
for (const name of names) {
  if (name in all) continue;
  refused = true;
  const reason = unrecordable[name];
  console.error(
    reason === undefined ? `unknown scenario "${name}" (known: ${Object.keys(all).join(', ')})` : `"${name}" cannot be re-recorded live: ${reason}`,
  );
}
if (refused) process.exit(2);

console.log(`recording ${names.length > 0 ? names.length : Object.keys(all).length} scenario(s) from ${baseUrl} into ${dir}`);
// `origin` given explicitly: recordScenarios would otherwise sniff it with `new Request(input)`,
// which uses up the body of a Request input (a scenario starting with a POST would fail).
const origin = new URL(baseUrl).origin;
const results = await recordScenarios({ dir, scenarios: all, origin, ...(names.length > 0 ? { only: names } : {}) });

const width = Math.max(8, ...results.map((r) => r.name.length));
console.log(`${'scenario'.padEnd(width)}  exchanges      bytes  result`);
for (const r of results) {
  console.log(
    `${r.name.padEnd(width)}  ${String(r.exchanges).padStart(9)}  ${String(r.bytes).padStart(9)}  ${r.error === undefined ? 'ok' : `error: ${r.error}`}`,
  );
}
const failed = results.filter((r) => r.error !== undefined).length;
console.log(
  `${results.length - failed} written, ${failed} failed (failed scenarios write nothing)${names.length === 0 ? `; not recordable: ${Object.keys(unrecordable).join(', ')}` : ''}`,
);
process.exitCode = failed > 0 ? 1 : 0;
