// Benchmark: batch() scheduling overhead. 100 requests against a loopback node:http server
// that answers each after 200 ms; batch size 1, concurrency 4. The ideal wall time is
// 100 × 200 ms / 4 = 5 s. Baseline in the same run: a plain worker pool of 4 (no ordering,
// no bookkeeping) over the same server.
//
//   node --expose-gc --import tsx bench/src/suites/core-http-batch.ts
//
// Goal: batch() within 10% of the ideal.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { batch } from '@bio/core-http';

const REQUESTS = 100;
const LATENCY_MS = 200;
const CONCURRENCY = 4;
const IDEAL_MS = (REQUESTS * LATENCY_MS) / CONCURRENCY;

function startServer(): Promise<{ server: Server; url: string; stats: { active: number; peak: number } }> {
  const stats = { active: 0, peak: 0 };
  const server = createServer((req, res) => {
    stats.active++;
    stats.peak = Math.max(stats.peak, stats.active);
    const id = new URL(req.url ?? '/', 'http://x').searchParams.get('id');
    setTimeout(() => {
      stats.active--;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ _id: id, symbol: `GENE${id}` }));
    }, LATENCY_MS);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/gene`, stats }));
  });
}

async function getGene(url: string, id: number, signal?: AbortSignal): Promise<{ _id: string }> {
  const res = await fetch(`${url}?id=${id}`, signal ? { signal } : {});
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as { _id: string };
}

async function runBatch(url: string): Promise<number> {
  const ids = Array.from({ length: REQUESTS }, (_, i) => i);
  const t0 = performance.now();
  let n = 0;
  for await (const out of batch(ids, { size: 1, concurrency: CONCURRENCY }, ([id], { signal }) => getGene(url, id!, signal))) {
    if (!out.ok || out.result._id !== String(out.index)) throw new Error(`bad outcome ${out.index}`);
    n++;
  }
  if (n !== REQUESTS) throw new Error(`expected ${REQUESTS} outcomes, got ${n}`);
  return performance.now() - t0;
}

async function runPool(url: string): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  const results: unknown[] = new Array(REQUESTS);
  const worker = async (): Promise<void> => {
    while (next < REQUESTS) {
      const id = next++;
      results[id] = await getGene(url, id);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const { server, url, stats } = await startServer();
  const watchdog = setTimeout(() => {
    console.error('benchmark took longer than 2 minutes; giving up');
    process.exit(1);
  }, 120_000);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  try {
    await getGene(url, -1); // warm up the connection pool
    const pool = await runPool(url);
    const poolPeak = stats.peak;
    stats.peak = 0;
    const batched = await runBatch(url);
    const batchPeak = stats.peak;
    console.log(`${REQUESTS} requests, ${LATENCY_MS} ms server latency each, batch size 1, concurrency ${CONCURRENCY}; ideal ${IDEAL_MS / 1000} s.\n`);
    console.log('| runner | wall time (s) | ratio to ideal | peak concurrent requests at the server |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(`| \`batch(ids, { size: 1, concurrency: 4 }, …)\` | ${(batched / 1000).toFixed(2)} | ${(batched / IDEAL_MS).toFixed(3)} | ${batchPeak} |`);
    console.log(`| worker pool of 4 (baseline) | ${(pool / 1000).toFixed(2)} | ${(pool / IDEAL_MS).toFixed(3)} | ${poolPeak} |`);
    console.log('');
    const within = Math.abs(batched / IDEAL_MS - 1) <= 0.1;
    console.log('| metric | value | goal | met |');
    console.log('| --- | ---: | ---: | :---: |');
    console.log(`| batch wall time / ideal | ${(batched / IDEAL_MS).toFixed(3)} | within 10% of 1 | ${within ? 'yes' : 'no'} |`);
    console.log(`| batch wall time / worker pool | ${(batched / pool).toFixed(3)} | — | — |`);
    console.log(`| peak RSS | ${(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20).toFixed(0)} MB | — | — |`);
  } finally {
    clearInterval(sampler);
    clearTimeout(watchdog);
    server.closeAllConnections();
    server.close();
  }
}

await main();
