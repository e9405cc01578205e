// Overhead of @bio/core-http's client over raw fetch, on a loopback server answering a small
// JSON GET. Both variants run N sequential requests after a warm-up, interleaved in rounds
// (alternating which goes first) so that drift affects both equally. Prints a markdown table:
// median/p90 per-request time of each, the ratio (goal ≤ 1.15) and peak RSS.
//
// Run from /work/main: node --expose-gc --import tsx bench/src/suites/core-http-overhead.ts
// (needs a built @bio/core-http: `pnpm --filter @bio/core-http build`).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient } from '@bio/core-http';

const N = Number(process.env.BENCH_N ?? 2000);
const ROUNDS = 40; // short interleaved rounds: both variants see the same machine load
const WARMUP = 300;
const BODY = JSON.stringify({ _id: '1017', symbol: 'CDK2', name: 'cyclin dependent kinase 2', taxid: 9606, entrezgene: 1017 });

let peakRss = process.memoryUsage().rss;
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}

export async function run(): Promise<void> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) });
    res.end(BODY);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${origin}/v3/gene/1017`;
  const client = createHttpClient({ baseUrl: `${origin}/v3/`, service: 'bench' });

  const raw = async (): Promise<unknown> => {
    const res = await fetch(url);
    return res.json();
  };
  const ours = (): Promise<unknown> => client.get('gene/1017').json();

  for (let i = 0; i < WARMUP; i++) {
    await raw();
    await ours();
  }

  const samples: Record<'raw' | 'client', number[]> = { raw: [], client: [] };
  const cpu: Record<'raw' | 'client', number> = { raw: 0, client: 0 };
  const perRound = Math.ceil(N / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const order: ('raw' | 'client')[] = round % 2 === 0 ? ['raw', 'client'] : ['client', 'raw'];
    for (const variant of order) {
      const fn = variant === 'raw' ? raw : ours;
      if (round % 10 === 0) (globalThis as { gc?: () => void }).gc?.();
      const c0 = process.cpuUsage();
      for (let i = 0; i < perRound; i++) {
        const t0 = performance.now();
        const body = (await fn()) as { symbol?: string };
        samples[variant].push(performance.now() - t0);
        if (body.symbol !== 'CDK2') throw new Error('unexpected body');
      }
      const used = process.cpuUsage(c0);
      cpu[variant] += used.user + used.system;
      sampleRss();
    }
  }
  server.closeAllConnections();
  server.close();

  const rawMedian = median(samples.raw);
  const clientMedian = median(samples.client);
  const ratio = clientMedian / rawMedian;
  const us = (ms: number): string => (ms * 1000).toFixed(1);
  // CPU time of the whole process (client and server side) per request: less sensitive to other load.
  const cpuRaw = cpu.raw / samples.raw.length;
  const cpuClient = cpu.client / samples.client.length;
  console.log(`Sequential small JSON GETs over loopback, ${samples.raw.length} per variant (${ROUNDS} interleaved rounds, ${WARMUP} warm-up).\n`);
  console.log('| variant | median µs/req | p90 µs/req | ratio (median) | CPU µs/req | CPU ratio |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  console.log(`| raw \`fetch\` + \`res.json()\` | ${us(rawMedian)} | ${us(percentile(samples.raw, 90))} | 1.00 | ${cpuRaw.toFixed(1)} | 1.00 |`);
  console.log(
    `| \`createHttpClient().get().json()\` | ${us(clientMedian)} | ${us(percentile(samples.client, 90))} | ${ratio.toFixed(2)} | ${cpuClient.toFixed(1)} | ${(cpuClient / cpuRaw).toFixed(2)} |`,
  );
  console.log(`\nGoal: ratio ≤ 1.15 — ${ratio <= 1.15 ? 'met' : 'NOT met'}. Peak RSS: ${(peakRss / 1024 / 1024).toFixed(1)} MiB (maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB).`);
}

await run();
