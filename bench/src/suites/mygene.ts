// queryMany of 100,000 terms against a loopback MyGene replica with 200 ms latency per request:
// @bio/mygene at concurrency 1 and 4 versus the ideal (batches × latency / concurrency) and the
// mygene.py default model (serial, 1 s sleep after every batch: batches × (latency + 1 s), computed,
// not run). The replica runs in a child process (a real server is elsewhere too). Checks that every run returns identical hits/missing/duplicates (and what the replica
// says is true). The replica, not the `@bio/mygene/testing` simulator: the simulator scans every
// gene per term, far too slow for 100k terms × ~105k genes (see ../replicas/mygene.ts). Prints a markdown table. Run: node --expose-gc --import tsx bench/src/suites/mygene.ts
import { availableParallelism, loadavg } from 'node:os';
import { MyGene, type QueryManyResult } from '@bio/mygene';
import { replicaHits, spawnMyGeneReplica } from '../replicas/mygene.js';

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

async function measure(label: string, latencyMs: number, concurrency: number, input: string[]): Promise<Run> {
  const replica = await spawnMyGeneReplica({ latencyMs });
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const mg = new MyGene({ baseUrl: replica.url, concurrency });
    const t0 = performance.now();
    const result = await mg.queryMany(input, { scopes: 'symbol', species: ['human', 'rat'] });
    const seconds = (performance.now() - t0) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    const batches = Math.ceil(input.length / BATCH);
    const stats = await replica.stats();
    if (stats.rejected > 0) throw new Error(`${label}: the replica rejected ${stats.rejected} over-limit requests`);
    if (stats.peakInFlight > concurrency) throw new Error(`${label}: ${stats.peakInFlight} requests in flight, limit ${concurrency}`);
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
    await replica.close();
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
  const hits: QueryManyResult['hits'] = [];
  const missing: string[] = [];
  const duplicates: QueryManyResult['duplicates'] = [];
  for (const term of input) {
    const found = replicaHits(term);
    if (found.length === 0) missing.push(term);
    if (found.length > 1) duplicates.push({ query: term, count: found.length });
    for (const hit of found) hits.push({ query: term, ...(hit as { _id: string }) });
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
    if (fp !== truth) problems.push(`${r.label}: hits/missing/duplicates ${fp} differ from the replica's truth ${truth}`);
    if (r.requests !== batches) problems.push(`${r.label}: ${r.requests} requests, expected ${batches}`);
  }
  const pySeconds = (batches * (LATENCY_MS + PY_SLEEP_MS)) / 1000;
  const c1 = runs[1]!;
  const c4 = runs[2]!;

  const fmt = (n: number, d = 2) => n.toFixed(d);
  console.log(`queryMany of ${TERMS.toLocaleString('en-US')} terms (${batches} batches of ${BATCH}), replica latency ${LATENCY_MS} ms per request.`);
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
  // Timing depends on the machine (a loaded CI box delays the replica's timers too), so a missed
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

await run();
