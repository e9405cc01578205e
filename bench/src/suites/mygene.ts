// queryMany of 100,000 terms against the `@bio/mygene/testing` simulator (seeded with ~104,000
// genes, loopback server, 200 ms latency per request): @bio/mygene at concurrency 1 and 4 versus the
// ideal (batches × latency / concurrency) and the mygene.py default model (serial, 1 s sleep after
// every batch: batches × (latency + 1 s), computed, not run). The simulator runs in a child process
// (this file with `--serve`), so its CPU and memory stay out of the measured process, as a real
// server's would. Checks that every run returns the hits/missing/duplicates the seed implies.
// Prints a markdown table. Run: node --expose-gc --import tsx bench/src/run-all.ts mygene
import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MyGene, type QueryManyResult } from '@bio/mygene';
import { createSimulator, type SimGene } from '@bio/mygene/testing';

const TERMS = 100_000;
const BATCH = 1000;
const LATENCY_MS = 200;
const PY_SLEEP_MS = 1000;

interface Run {
  label: string;
  concurrency: number;
  latencyMs: number;
  seconds: number;
  idealSeconds: number;
  peakRssMb: number;
  requests: number;
  /** Order-sensitive digest of hits/missing/duplicates (the result itself is dropped, so the next run's RSS is its own). */
  fingerprint: string;
  counts: { hits: number; missing: number; duplicates: number };
}

function terms(): string[] {
  return Array.from({ length: TERMS }, (_, i) => `gene${String(i).padStart(6, '0')}`);
}

/** FNV-1a, so which terms miss or hit twice depends only on the term. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The seed, and the genes each term finds by symbol (human and rat): ~1% of terms find none, ~5%
 * a human gene (symbol upper-cased) and a rat one (symbol as is), the rest one human gene. Ids
 * come from the hash; a taken id moves to the next free one, since `_id`s are unique.
 */
function dataset(input: readonly string[]): { genes: SimGene[]; expected: Map<string, string[]> } {
  const genes: SimGene[] = [];
  const expected = new Map<string, string[]>();
  const taken = new Set<string>();
  const add = (start: number, term: string, symbol: string, taxid: number): string => {
    let n = start;
    while (taken.has(String(n))) n++;
    const id = String(n);
    taken.add(id);
    genes.push({ _id: id, entrezgene: id, name: `gene ${term}`, symbol, taxid });
    return id;
  };
  for (const term of input) {
    const h = hash(term);
    const bucket = h % 100;
    const ids: string[] = [];
    if (bucket > 0) ids.push(add(100_000 + (h % 9_000_000), term, term.toUpperCase(), 9606));
    if (bucket > 0 && bucket <= 5) ids.push(add(200_000_000 + (h % 9_000_000), term, term, 10116));
    expected.set(term, ids);
  }
  return { genes, expected };
}

/** What the simulator child reports: requests served (besides its warm-up) and the largest batch. */
interface ServerStats {
  requests: number;
  largestBatch: number;
}

/** Serve the seeded simulator (the child side of {@link spawnSimulator}). */
async function serve(latencyMs: number): Promise<void> {
  const sim = createSimulator({ seed: { genes: dataset(terms()).genes }, builtIn: false });
  const served = await sim.listen();
  // One batch before the latency is set, so the symbol index is built before the clock starts.
  const warm = await fetch(`${served.baseUrl}/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ q: ['gene000000'], scopes: 'symbol' }),
  });
  if (!warm.ok) throw new Error(`warm-up batch: HTTP ${warm.status}`);
  const warmUps = sim.requests.length;
  sim.faults.set({ latency: latencyMs });
  process.on('message', () => {
    const batches = sim.requests.slice(warmUps).map((r) => {
      const q = r.headers.get('content-type')?.startsWith('application/json') ? (r.json() as { q?: unknown }).q : r.form().get('q');
      return Array.isArray(q) ? q.length : String(q ?? '').split(',').length;
    });
    process.send?.({ requests: batches.length, largestBatch: Math.max(0, ...batches) } satisfies ServerStats);
  });
  process.send?.({ baseUrl: served.baseUrl });
  process.once('SIGTERM', () => void served.close().then(() => process.exit(0)));
}

/** The simulator in a child process, answering at `baseUrl`; `stats()` asks it over IPC. */
async function spawnSimulator(latencyMs: number): Promise<{ baseUrl: string; stats(): Promise<ServerStats>; close(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', String(latencyMs)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`simulator exited with code ${code}`));
      child.once('exit', exited);
      child.once('message', (message) => {
        child.off('exit', exited);
        resolve(message as T);
      });
    });
  const { baseUrl } = await next<{ baseUrl: string }>();
  return {
    baseUrl,
    stats: () => {
      const answer = next<ServerStats>();
      child.send('stats');
      return answer;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A fetch that counts the requests in flight at once (the client's concurrency, measured). */
function countingFetch(): { fetch: typeof fetch; peak(): number } {
  let inFlight = 0;
  let peak = 0;
  return {
    fetch: async (input, init) => {
      peak = Math.max(peak, ++inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    },
    peak: () => peak,
  };
}

async function measure(label: string, latencyMs: number, concurrency: number, input: string[]): Promise<Run> {
  const server = await spawnSimulator(latencyMs);
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const counting = countingFetch();
    const mg = new MyGene({ baseUrl: server.baseUrl, concurrency, fetch: counting.fetch });
    const t0 = performance.now();
    const result = await mg.queryMany(input, { scopes: 'symbol', species: ['human', 'rat'] });
    const seconds = (performance.now() - t0) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    const batches = Math.ceil(input.length / BATCH);
    const stats = await server.stats();
    if (stats.largestBatch > BATCH) throw new Error(`${label}: a batch of ${stats.largestBatch} terms, the server's limit is ${BATCH}`);
    if (counting.peak() > concurrency) throw new Error(`${label}: ${counting.peak()} requests in flight, limit ${concurrency}`);
    return {
      label,
      concurrency,
      latencyMs,
      seconds,
      idealSeconds: (batches * latencyMs) / 1000 / concurrency,
      peakRssMb: peak / 2 ** 20,
      requests: stats.requests,
      fingerprint: fingerprint(result),
      counts: { hits: result.hits.length, missing: result.missing.length, duplicates: result.duplicates.length },
    };
  } finally {
    clearInterval(sampler);
    await server.close();
  }
}

function fingerprint(r: QueryManyResult): string {
  // Order-sensitive digest of hits, missing and duplicates.
  let h = 0;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  };
  for (const hit of r.hits) mix(`${hit.query}>${hit._id};`);
  for (const m of r.missing) mix(`-${m};`);
  for (const d of r.duplicates) mix(`*${d.query}=${d.count};`);
  return `${r.hits.length}/${r.missing.length}/${r.duplicates.length}/${(h >>> 0).toString(16)}`;
}

function expected(input: string[]): QueryManyResult {
  const { expected: byTerm } = dataset(input);
  const hits: QueryManyResult['hits'] = [];
  const missing: string[] = [];
  const duplicates: QueryManyResult['duplicates'] = [];
  for (const term of input) {
    const ids = byTerm.get(term) ?? [];
    if (ids.length === 0) missing.push(term);
    if (ids.length > 1) duplicates.push({ query: term, count: ids.length });
    for (const _id of ids) hits.push({ query: term, _id });
  }
  return { hits, missing, duplicates, byQuery: new Map() };
}

export async function run(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
  const input = terms();
  const batches = Math.ceil(TERMS / BATCH);
  const runs: Run[] = [];
  runs.push(await measure('@bio/mygene, no latency (loopback)', 0, 1, input));
  runs.push(await measure('@bio/mygene, concurrency 1', LATENCY_MS, 1, input));
  runs.push(await measure('@bio/mygene, concurrency 4', LATENCY_MS, 4, input));

  const truth = fingerprint(expected(input));
  const problems: string[] = [];
  for (const r of runs) {
    const fp = r.fingerprint;
    if (fp !== truth) problems.push(`${r.label}: hits/missing/duplicates ${fp} differ from the seed's truth ${truth}`);
    if (r.requests !== batches) problems.push(`${r.label}: ${r.requests} requests, expected ${batches}`);
  }
  const pySeconds = (batches * (LATENCY_MS + PY_SLEEP_MS)) / 1000;
  const c1 = runs[1]!;
  const c4 = runs[2]!;

  const fmt = (n: number, d = 2) => n.toFixed(d);
  console.log(
    `queryMany of ${TERMS.toLocaleString('en-US')} terms (${batches} batches of ${BATCH}) against the simulator, latency ${LATENCY_MS} ms per request.`,
  );
  console.log(`Result (every run): ${c1.counts.hits} hits, ${c1.counts.missing} missing, ${c1.counts.duplicates} duplicated terms — fingerprint ${truth}.\n`);
  console.log('| run | latency | concurrency | time (s) | ideal (s) | time / ideal | speed-up vs mygene.py model | peak RSS (MB) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of runs) {
    const ratio = r.idealSeconds > 0 ? fmt(r.seconds / r.idealSeconds) : '—';
    const ideal = r.idealSeconds > 0 ? fmt(r.idealSeconds) : '0';
    const speedup = r.latencyMs === LATENCY_MS ? `${fmt(pySeconds / r.seconds, 1)}×` : '—';
    console.log(`| ${r.label} | ${r.latencyMs} ms | ${r.concurrency} | ${fmt(r.seconds)} | ${ideal} | ${ratio} | ${speedup} | ${fmt(r.peakRssMb, 0)} |`);
  }
  console.log(
    `| mygene.py default model (serial, ${PY_SLEEP_MS} ms sleep per batch; computed) | ${LATENCY_MS} ms | 1 | ≥ ${fmt(pySeconds, 1)} | — | — | 1.0× | — |`,
  );
  console.log(
    `\nProcess max RSS: ${fmt(process.resourceUsage().maxRSS / 1024, 0)} MB (RSS before the runs, runtime and loader only: ${fmt(baselineRssMb, 0)} MB).`,
  );

  const c4Overhead = c4.seconds / c4.idealSeconds - 1;
  const met = c4Overhead <= 0.15 && pySeconds / c4.seconds >= 20;
  console.log(
    `Goal: concurrency 4 within 15% of ideal → ${fmt(c4Overhead * 100, 1)}% over ideal; ≥ 20× faster than mygene.py → ${fmt(pySeconds / c4.seconds, 1)}×: ${met ? 'met' : 'MISSED'}.`,
  );
  // Timing depends on the machine (a loaded CI box delays the simulator's timers too), so a missed
  // timing goal is reported, not fatal; wrong results are fatal.
  console.log(
    `Load average during the run: ${loadavg()
      .map((n) => fmt(n))
      .join(
        ' / ',
      )} on ${availableParallelism()} CPUs (${c1.concurrency === 1 ? `concurrency 1 overhead ${fmt((c1.seconds / c1.idealSeconds - 1) * 100, 1)}%` : ''}).`,
  );
  if (problems.length > 0) {
    for (const p of problems) console.error(`FAIL: ${p}`);
    process.exitCode = 1;
  }
}

if (process.argv[2] === '--serve') await serve(Number(process.argv[3] ?? 0));
else await run();
