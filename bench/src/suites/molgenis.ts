// addAll of 100,000 rows and get (iterated) over 100,000 rows against the MOLGENIS simulator
// (`@bio/molgenis/testing`, served on loopback by `listen()`) with 50 ms latency per request
// (`faults.set({ latency })`). Compares @bio/molgenis with the ideal (100 write batches of 1000,
// 10 read pages of 10,000, each costing one latency) and with a hand-written raw-fetch loop doing
// exactly those requests against the same simulator (the baseline, measured in the same run).
// Also sends what the Python client's add_all sends (one unchunked POST) to show the simulator
// refuses it like the server. The writers log in as admin first (writes need a login), untimed;
// reads are anonymous, as before.
// Prints a markdown table. Run: node --expose-gc --import tsx bench/src/suites/molgenis.ts
import { Molgenis } from '@bio/molgenis';
import { createSimulator, type MolgenisSimulator, type SeedEntity } from '@bio/molgenis/testing';

const ROWS = 100_000;
const LATENCY_MS = 50;
const WRITE_BATCH = 1000;
const READ_PAGE = 10_000;

interface Run {
  label: string;
  requests: number;
  idealRequests: number;
  seconds: number;
  idealSeconds: number;
  baselineSeconds?: number;
  peakRssMb: number;
  note: string;
  /** The server refused the request: no time ratio makes sense. */
  refused?: boolean;
}

function rows(prefix: string): Record<string, unknown>[] {
  return Array.from({ length: ROWS }, (_, i) => ({ id: `${prefix}${String(i).padStart(6, '0')}`, type: i % 2 ? 'gnome' : 'fairy', year: 1990 + (i % 30) }));
}

/** The benchmark's entity types, empty: the id, a type and a year, as the rows written. */
const ENTITY: SeedEntity = {
  meta: { idAttribute: 'id', attributes: { id: { fieldType: 'STRING' }, type: { fieldType: 'STRING' }, year: { fieldType: 'INT' } } },
  rows: [],
};

/** Rows the simulator holds for an entity type. */
function size(sim: MolgenisSimulator, entity: string): number {
  return sim.state.entities.get(entity)?.rows.size ?? 0;
}

/** A token for the raw-fetch callers (the client logs in with `login()`). */
async function rawLogin(root: string, password: string): Promise<string> {
  const res = await fetch(`${root}api/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (!res.ok) throw new Error(`raw login: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

async function measure(sim: MolgenisSimulator, work: () => Promise<string>): Promise<{ seconds: number; requests: number; peakRssMb: number; note: string }> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = sim.requests.length;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const t0 = performance.now();
    const note = await work();
    const seconds = (performance.now() - t0) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { seconds, requests: sim.requests.length - before, peakRssMb: peak / 2 ** 20, note };
  } finally {
    clearInterval(sampler);
  }
}

async function rawAddAll(root: string, token: string, entity: string, input: Record<string, unknown>[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < input.length; i += WRITE_BATCH) {
    const res = await fetch(`${root}api/v2/${entity}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-molgenis-token': token },
      body: JSON.stringify({ entities: input.slice(i, i + WRITE_BATCH) }),
    });
    const body = (await res.json()) as { resources: unknown[] };
    if (res.status !== 201) throw new Error(`raw addAll: ${res.status}`);
    written += body.resources.length;
  }
  return written;
}

async function rawIterate(root: string, entity: string): Promise<number> {
  let count = 0;
  let next: string | undefined = `api/v2/${entity}?sort=id:asc&start=0&num=${READ_PAGE}`;
  while (next !== undefined) {
    const res = await fetch(new URL(next, root));
    const page = (await res.json()) as { items: unknown[]; nextHref?: string };
    count += page.items.length;
    next = page.nextHref;
  }
  return count;
}

export async function run(): Promise<void> {
  const sim = createSimulator({ seed: { entities: { bench_sightings: ENTITY, bench_baseline: ENTITY, bench_py: ENTITY } } });
  const server = await sim.listen();
  // The client takes the base URL with or without the trailing slash; the raw loops want one.
  const root = `${server.baseUrl.replace(/\/$/, '')}/`;
  const password = sim.users.admin?.password ?? 'admin';
  const runs: Run[] = [];
  const idealWrites = ROWS / WRITE_BATCH;
  const idealReads = ROWS / READ_PAGE;
  try {
    const m = new Molgenis({ baseUrl: server.baseUrl });
    await m.login('admin', password);
    const token = await rawLogin(root, password);
    sim.faults.set({ latency: LATENCY_MS });
    const input = rows('m');

    const baseWrite = await measure(sim, async () => `${await rawAddAll(root, token, 'bench_baseline', rows('b'))} rows`);
    const write = await measure(sim, async () => {
      const ids = await m.addAll('bench_sightings', input);
      if (ids.length !== ROWS || size(sim, 'bench_sightings') !== ROWS)
        throw new Error(`addAll wrote ${size(sim, 'bench_sightings')} rows, returned ${ids.length} ids`);
      return `${ids.length} ids returned, ${size(sim, 'bench_sightings')} rows stored`;
    });
    runs.push({
      label: 'raw fetch loop, addAll (baseline)',
      requests: baseWrite.requests,
      idealRequests: idealWrites,
      seconds: baseWrite.seconds,
      idealSeconds: (idealWrites * LATENCY_MS) / 1000,
      peakRssMb: baseWrite.peakRssMb,
      note: baseWrite.note,
    });
    runs.push({
      label: '@bio/molgenis addAll',
      requests: write.requests,
      idealRequests: idealWrites,
      seconds: write.seconds,
      idealSeconds: (idealWrites * LATENCY_MS) / 1000,
      baselineSeconds: baseWrite.seconds,
      peakRssMb: write.peakRssMb,
      note: write.note,
    });

    const baseRead = await measure(sim, async () => `${await rawIterate(root, 'bench_sightings')} rows`);
    const read = await measure(sim, async () => {
      let count = 0;
      let previous = '';
      for await (const row of new Molgenis({ baseUrl: server.baseUrl }).get<{ id: string }>('bench_sightings')) {
        if (row.id <= previous) throw new Error(`get: ${row.id} after ${previous}`);
        previous = row.id;
        count++;
      }
      if (count !== ROWS) throw new Error(`get returned ${count} rows`);
      return `${count} rows, ascending ids, +1 metadata request for the id attribute`;
    });
    runs.push({
      label: 'raw fetch loop, paging (baseline)',
      requests: baseRead.requests,
      idealRequests: idealReads,
      seconds: baseRead.seconds,
      idealSeconds: (idealReads * LATENCY_MS) / 1000,
      peakRssMb: baseRead.peakRssMb,
      note: baseRead.note,
    });
    runs.push({
      label: '@bio/molgenis get (for await)',
      requests: read.requests,
      idealRequests: idealReads,
      seconds: read.seconds,
      idealSeconds: (idealReads * LATENCY_MS) / 1000,
      baselineSeconds: baseRead.seconds,
      peakRssMb: read.peakRssMb,
      note: read.note,
    });

    // What molgenis-py-client's add_all sends: every row in one POST.
    const py = await measure(sim, async () => {
      const res = await fetch(`${root}api/v2/bench_py`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-molgenis-token': token },
        body: JSON.stringify({ entities: rows('p') }),
      });
      const body = (await res.json()) as { errors?: { message: string }[] };
      return `HTTP ${res.status} "${body.errors?.[0]?.message}", ${size(sim, 'bench_py')} rows stored`;
    });
    runs.push({
      label: 'py-client add_all model (one unchunked POST)',
      requests: py.requests,
      idealRequests: idealWrites,
      seconds: py.seconds,
      idealSeconds: (idealWrites * LATENCY_MS) / 1000,
      peakRssMb: py.peakRssMb,
      note: py.note,
      refused: true,
    });
  } finally {
    await server.close();
  }

  console.log(
    `${ROWS.toLocaleString('en')} rows, ${LATENCY_MS} ms latency per request; ideal = requests × latency (writes in batches of ${WRITE_BATCH}, reads in pages of ${READ_PAGE}).\n`,
  );
  console.log('| run | requests | ideal requests | time (s) | ideal (s) | time / ideal | time / baseline | peak RSS (MB) | result |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of runs) {
    const vsBase = r.baselineSeconds === undefined ? '—' : (r.seconds / r.baselineSeconds).toFixed(2);
    const vsIdeal = r.refused ? 'refused' : (r.seconds / r.idealSeconds).toFixed(2);
    console.log(
      `| ${r.label} | ${r.requests} | ${r.idealRequests} | ${r.seconds.toFixed(2)} | ${r.idealSeconds.toFixed(2)} | ${vsIdeal} | ${vsBase} | ${r.peakRssMb.toFixed(0)} | ${r.note} |`,
    );
  }
  console.log(`\nProcess max RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB.`);
}

await run();
