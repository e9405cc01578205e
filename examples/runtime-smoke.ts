// The smoke suite of the support matrix (`pnpm test:runtimes` runs it on Bun and Deno): every
// client against its simulator on a real loopback socket — a MyGene gene and a paged query, an
// InterMine query streamed as rows, an OMERO.web session login and an IDR listing, a MOLGENIS
// login, write and read-back. It prints one line per check and exits 1 on the first failure.
import { Idr, sessionAuth } from '@bio/idr';
import { createSimulator as idrSimulator } from '@bio/idr/testing';
import { InterMine } from '@bio/intermine';
import { createSimulator as intermineSimulator } from '@bio/intermine/testing';
import { Molgenis } from '@bio/molgenis';
import { createSimulator as molgenisSimulator } from '@bio/molgenis/testing';
import { MyGene } from '@bio/mygene';
import { createSimulator as mygeneSimulator } from '@bio/mygene/testing';

const runtime = 'Bun' in globalThis ? 'bun' : 'Deno' in globalThis ? 'deno' : `node ${process.version}`;

function check(what: string, ok: boolean, detail: unknown): void {
  if (!ok) throw new Error(`${what}: unexpected ${JSON.stringify(detail)}`);
  console.log(`ok  ${what}`);
}

const servers = await Promise.all([mygeneSimulator().listen(), intermineSimulator().listen(), idrSimulator().listen(), molgenisSimulator().listen()]);
const [mygeneAt, intermineAt, idrAt, molgenisAt] = servers;
try {
  const mg = new MyGene({ baseUrl: mygeneAt.baseUrl });
  const cdk2 = await mg.gene('1017');
  check('mygene gene 1017', cdk2?.symbol === 'CDK2', cdk2?.symbol);
  const hits = await mg.fetchAll('symbol:CDK2', { species: ['human', 'mouse'] }).toArray();
  check('mygene fetchAll, paged', hits.length >= 2, hits.length);

  const mine = new InterMine({ baseUrl: intermineAt.baseUrl });
  const rows = [];
  for await (const row of mine.rows(mine.query('Gene').select('symbol', 'length').where('symbol', '=', 'eve'))) rows.push(row);
  check('intermine rows, streamed', rows.length === 1 && rows[0]?.[0] === 'eve', rows);

  const idr = new Idr({ baseUrl: idrAt.baseUrl, auth: sessionAuth() });
  const session = await idr.login({ username: 'alice', password: 'wonderland' });
  check('omero.web session login', session.userName === 'alice', session.userName);
  const screens = await idr.screens({}, { max: 3 }).toArray();
  check('idr screens', screens.length === 3, screens.length);

  const molgenis = new Molgenis({ baseUrl: molgenisAt.baseUrl });
  await molgenis.login('admin', 'admin');
  const id = await molgenis.add('demo_sightings', { id: 'runtime-smoke', type: `seen on ${runtime}`, year: 2026 });
  const back = await molgenis.getById('demo_sightings', id);
  check('molgenis write and read back', back?.type === `seen on ${runtime}`, back);
  console.log(`runtime smoke passed on ${runtime}`);
} finally {
  await Promise.all(servers.map((s) => s.close()));
}
// Deno 2.9 keeps the process alive for a while after the simulators' servers have closed (a
// handle in its node:http compatibility layer; seen only on Deno, and not on every run). The
// clients are done here, so the smoke exits instead of waiting for it.
if (runtime === 'deno') process.exit(0);
