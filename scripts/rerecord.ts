// Re-record a client's fixtures from the live service (network!): each fixture's requests are sent
// again, in order, and the answers written with `recorded` provenance (core-http's
// `fixtureScenarios` + `recordScenarios`, which scrub tokens, cookies and passwords). For the
// clients without hand-written scenarios (InterMine, IDR, MOLGENIS); MyGene has its own
// (`pnpm --filter @bio/mygene record`). Guarded by BIO_RECORD=1; review every diff before committing.
//
//   BIO_RECORD=1 pnpm rerecord <intermine|idr|molgenis|mygene> [names…] [--base-url <url>]
//       [--out <dir>] [--service-version <v>] [--secret <value>]…
//
// `--secret` fills the fixtures' `[REDACTED]` request values (passwords, tokens) in order; a fixture
// that needs one that was not given is listed and skipped. MOLGENIS has no public server: give
// `--base-url` (the recorded fixtures' paths are absolute, so only the origin is used).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// The built kit (the root has no @bio/* dependency): run after `pnpm build`.
import { fixtureScenarios, loadFixtures, recordScenarios } from '../packages/core-http/dist/testing/index.js';

const DEFAULTS: Record<string, string | undefined> = {
  intermine: 'https://www.flymine.org/flymine/service',
  idr: 'https://idr.openmicroscopy.org',
  mygene: 'https://mygene.info/v3',
  molgenis: undefined,
};
const USAGE =
  'usage: BIO_RECORD=1 pnpm rerecord <intermine|idr|molgenis|mygene> [names…] [--base-url <url>] [--out <dir>] [--service-version <v>] [--secret <value>]…';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'base-url': { type: 'string' }, out: { type: 'string' }, 'service-version': { type: 'string' }, secret: { type: 'string', multiple: true } },
});
const [pkg, ...names] = positionals;
if (process.env.BIO_RECORD !== '1') {
  console.error(`Refusing to run: re-recording calls a live service over the network. Set BIO_RECORD=1 to proceed.\n${USAGE}`);
  process.exit(2);
}
if (pkg === undefined || !(pkg in DEFAULTS)) {
  console.error(USAGE);
  process.exit(2);
}
const baseUrl = values['base-url'] ?? DEFAULTS[pkg];
if (baseUrl === undefined) {
  console.error(`${pkg} has no public server: give --base-url.\n${USAGE}`);
  process.exit(2);
}
const fixturesDir = fileURLToPath(new URL(`../packages/${pkg}/fixtures/`, import.meta.url));
const { scenarios, needsSecrets } = fixtureScenarios(loadFixtures(fixturesDir), { baseUrl, secrets: values.secret ?? [] });
const results = await recordScenarios({
  dir: resolve(values.out ?? fixturesDir),
  scenarios,
  origin: new URL(baseUrl).origin,
  ...(values['service-version'] === undefined ? {} : { serviceVersion: values['service-version'] }),
  ...(names.length > 0 ? { only: names } : {}),
});
for (const r of results) console.log(`${r.error ? '✗' : '✓'} ${r.name}: ${r.exchanges} exchanges${r.error ? ` — ${r.error}` : ''}`);
if (needsSecrets.length > 0) console.log(`skipped (give --secret for their [REDACTED] values): ${needsSecrets.join(', ')}`);
process.exitCode = results.some((r) => r.error) ? 1 : 0;
