// @bio/idr benchmark: fetch 2,000 thumbnails and walk 10,000 wells against the IDR simulator
// (`@bio/idr/testing`, served on loopback by `listen()`) with a fixed response latency
// (`faults.set({ latency })`). The benchmark plate is seeded: 10,000 wells, two in three imaged.
// For each scenario: wall time of @bio/idr, of a plain `fetch` baseline doing the same requests
// at the same concurrency against the same simulator, and the ideal (rounds of requests ×
// latency); peak RSS sampled during the scenario.
//
// Run: node --expose-gc --import tsx bench/src/suites/idr.ts   (build core-http and idr first)
import { fileURLToPath } from 'node:url';
import { Idr } from '@bio/idr';
import { createSimulator, type IdrSeed } from '@bio/idr/testing';

const THUMBNAILS = 2_000;
const WELLS = 10_000;
/** The seeded plate (not one of IDR's ids: the simulator serves only the seed, `builtin: false`). */
const PLATE = 8_000_001;
const COLUMNS = 100;
const FIRST_IMAGE = 11_000_000;

interface Row {
  scenario: string;
  requests: number;
  concurrency: number;
  latencyMs: number;
  idealMs: number;
  clientMs: number;
  baselineMs: number;
  peakRssMb: number;
  /** Most requests in flight at once, counted around the client's `fetch`. */
  peakInFlight: number;
}

/** The benchmark plate: `wells` wells on a 100-column grid; every third well was never imaged. */
function seed(wells: number): IdrSeed {
  return {
    screens: [
      {
        id: 9_000_001,
        name: 'idr9001-bench/screenA',
        plates: [
          {
            id: PLATE,
            name: 'bench plate',
            rows: Math.ceil(wells / COLUMNS),
            columns: COLUMNS,
            wells: Array.from({ length: wells }, (_, i) => ({
              id: 3_000_000 + i,
              row: Math.floor(i / COLUMNS),
              column: i % COLUMNS,
              images: i % 3 === 2 ? [] : [{ id: FIRST_IMAGE + i, name: `well ${i}` }],
            })),
          },
        ],
      },
    ],
  };
}

/** A simulator serving the benchmark plate on loopback with `latencyMs` per answer. */
async function startSimulator(latencyMs: number, wells: number): Promise<{ url: string; requests(): number; close(): Promise<void> }> {
  const sim = createSimulator({ builtin: false, seed: seed(wells) });
  const server = await sim.listen();
  sim.faults.set({ latency: latencyMs });
  return { url: server.baseUrl, requests: () => sim.requests.length, close: () => server.close() };
}

/** `fetch` with a count of the requests in flight (the simulator does not report it). */
function countingFetch(): { fetch: typeof fetch; peak(): number } {
  let active = 0;
  let peak = 0;
  return {
    fetch: async (input, init) => {
      active++;
      peak = Math.max(peak, active);
      try {
        // Finished once the head has arrived: the simulator sends head and body together.
        return await fetch(input, init);
      } finally {
        active--;
      }
    },
    peak: () => peak,
  };
}

/** A baseline limiter for plain fetch (same bound as the client). */
async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

async function measure(fn: () => Promise<void>): Promise<{ ms: number; peakRssMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  const ms = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, peakRssMb: peak / 2 ** 20 };
}

async function scenario(
  name: string,
  latencyMs: number,
  concurrency: number,
  idealRounds: (requests: number) => number,
  client: (idr: Idr) => Promise<number>,
  baseline: (base: string) => Promise<number>,
): Promise<Row> {
  const sim = await startSimulator(latencyMs, WELLS);
  try {
    const counted = countingFetch();
    const idr = new Idr({ baseUrl: sim.url, concurrency, fetch: counted.fetch });
    let count = 0;
    const c = await measure(async () => {
      count = await client(idr);
    });
    const requests = sim.requests();
    const peakInFlight = counted.peak();
    let baseCount = 0;
    const b = await measure(async () => {
      baseCount = await baseline(sim.url);
    });
    if (count !== baseCount) throw new Error(`${name}: client got ${count} items, baseline ${baseCount}`);
    return {
      scenario: name,
      requests,
      concurrency,
      latencyMs,
      idealMs: idealRounds(requests) * latencyMs,
      clientMs: c.ms,
      baselineMs: b.ms,
      peakRssMb: c.peakRssMb,
      peakInFlight,
    };
  } finally {
    await sim.close();
  }
}

/** Run the walkthrough against a simulator of the public IDR and count what reached the server. */
async function walkthroughRequests(): Promise<{ requests: number; own: number; calls: number; probes: number }> {
  const { setupServer } = await import('msw/node');
  const { runWalkthrough } = await import('../../../examples/idr-walkthrough.js');
  const sim = createSimulator();
  const server = setupServer(...sim.handlers());
  server.listen({ onUnhandledRequest: 'error' });
  try {
    await runWalkthrough(new Idr(), { log: () => {} });
    const paths = sim.requests.map((r) => r.url.pathname);
    const probes = paths.filter((p) => p === '/api/' || p === '/mapr/api/config/' || p === '/searchengine/api/v1/resources/' || p.endsWith('/count/')).length;
    // 10 calls, one request each, plus findByAttribute's container search and one page of hits.
    return { requests: sim.requests.length, own: 11, calls: 10, probes };
  } finally {
    server.close();
  }
}

/** The first THUMBNAILS imaged wells' image ids (wells 0, 1, 3, 4, 6, …). */
const ids = Array.from({ length: THUMBNAILS }, (_, i) => FIRST_IMAGE + Math.floor(i / 2) * 3 + (i % 2));

async function fetchJpeg(url: string): Promise<number> {
  const response = await fetch(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG');
  return 1;
}

/** Warm both code paths (module loading, JIT, connection pools) on a zero-latency simulator. */
async function warmUp(): Promise<void> {
  const sim = await startSimulator(0, 1200);
  try {
    const idr = new Idr({ baseUrl: sim.url });
    await idr.thumbnails(ids.slice(0, 200));
    await Promise.all(ids.slice(0, 50).map((id) => idr.thumbnail(id)));
    for await (const _ of idr.wells({ plate: PLATE })) void _;
    await Promise.all(ids.slice(0, 50).map((id) => fetchJpeg(`${sim.url}/webgateway/render_thumbnail/${id}/`)));
  } finally {
    await sim.close();
  }
}

export async function run(): Promise<Row[]> {
  await warmUp();
  const rows: Row[] = [];
  const rounds = (c: number) => (requests: number) => Math.ceil(requests / c);

  rows.push(
    await scenario(
      `${THUMBNAILS} thumbnails, get_thumbnails ×50`,
      100,
      4,
      rounds(4),
      async (idr) => (await idr.thumbnails(ids)).size,
      async (base) => {
        let n = 0;
        const chunks = Array.from({ length: Math.ceil(ids.length / 50) }, (_, i) => ids.slice(i * 50, i * 50 + 50));
        await pool(chunks, 4, async (chunk) => {
          const r = await fetch(`${base}/webgateway/get_thumbnails/?${chunk.map((id) => `id=${id}`).join('&')}`);
          const body = (await r.json()) as Record<string, string>;
          for (const uri of Object.values(body)) if (Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64')[0] === 0xff) n++;
        });
        return n;
      },
    ),
  );

  for (const [concurrency, latency] of [
    [16, 100],
    [4, 20],
  ] as const) {
    rows.push(
      await scenario(
        `${THUMBNAILS} thumbnails, one request each`,
        latency,
        concurrency,
        rounds(concurrency),
        async (idr) => (await Promise.all(ids.map((id) => idr.thumbnail(id)))).length,
        async (base) => {
          let n = 0;
          await pool(ids, concurrency, async (id) => {
            const one = await fetchJpeg(`${base}/webgateway/render_thumbnail/${id}/`);
            n += one;
          });
          return n;
        },
      ),
    );
  }

  rows.push(
    await scenario(
      `walk ${WELLS} wells (/api/v0, offset/limit)`,
      100,
      4,
      (requests) => 1 + Math.ceil((requests - 1) / 4), // the first page tells the total, then 4 at a time
      async (idr) => {
        let n = 0;
        for await (const w of idr.wells({ plate: PLATE })) if (w.Row >= 0) n++;
        return n;
      },
      // The raw loop: the first page (limit = IDR's maxLimit), then the remaining pages 4 at a time.
      async (base) => {
        const page = async (offset: number) => {
          const q = new URLSearchParams({ plate: String(PLATE) });
          if (offset > 0) q.set('offset', String(offset));
          q.set('limit', '1000');
          return (await (await fetch(`${base}/api/v0/m/wells/?${q}`)).json()) as { data: unknown[]; meta: { totalCount: number } };
        };
        const first = await page(0);
        let n = first.data.length;
        const offsets: number[] = [];
        for (let o = first.data.length; o < first.meta.totalCount; o += 1000) offsets.push(o);
        await pool(offsets, 4, async (o) => {
          const got = await page(o);
          n += got.data.length;
        });
        return n;
      },
    ),
  );

  // The IDR walkthrough (examples/idr-walkthrough.ts) against the simulator: every request it
  // causes, next to the requests of its own calls (no capability probe may be added).
  const walk = await walkthroughRequests();

  const fmt = (ms: number) => (ms / 1000).toFixed(2);
  console.log(
    '| scenario | requests | concurrency | latency | ideal (s) | @bio/idr (s) | ×ideal | fetch baseline (s) | ×baseline | peak in-flight | peak RSS (MB) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.scenario} | ${r.requests} | ${r.concurrency} | ${r.latencyMs} ms | ${fmt(r.idealMs)} | ${fmt(r.clientMs)} | ${(r.clientMs / r.idealMs).toFixed(2)} | ${fmt(r.baselineMs)} | ${(r.clientMs / r.baselineMs).toFixed(2)} | ${r.peakInFlight} | ${r.peakRssMb.toFixed(0)} |`,
    );
  }
  console.log(
    `\nmax RSS of the process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB. Ideal = ceil(requests / concurrency) × latency (wells: the first page, then ceil(remaining pages / concurrency) rounds).`,
  );
  console.log(
    `\nIDR walkthrough: ${walk.requests} requests for its ${walk.own} own requests (${walk.calls} calls; findByAttribute = 1 container search + 1 page of hits); probes: ${walk.probes}.`,
  );
  console.log('Both code paths were warmed up first on a zero-latency simulator (not timed). Peak in-flight is counted around the client `fetch`.');
  console.log(
    'The public IDR default concurrency 4 at 100 ms would take 50 s for 2,000 single thumbnails; that case is run at concurrency 16 (100 ms) and at concurrency 4 with the latency scaled to 20 ms.',
  );
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  run().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
