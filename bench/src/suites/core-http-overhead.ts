// Overhead of @bio/core-http's client over a bare ky call with the same retry and timeout
// options (and raw fetch, for reference), on a loopback server answering a small JSON GET.
// The variants run N sequential requests after a warm-up, interleaved in short rounds (rotating
// which goes first) so that drift affects all equally. Prints a markdown table: median/p90
// per-request time of each, the ratios and peak RSS. The goal (client ≤ 1.05 × bare ky) is judged
// on the median over rounds of each round's ratio (client's median / ky's median in that round):
// the two run back to back in a round, so load that comes and goes (a shared machine) cancels out
// instead of landing on one variant; the spread of the round ratios (p25–p75) is printed with it.
//
// Run from the repository root: node --expose-gc --import tsx bench/src/suites/core-http-overhead.ts
// (needs a built @bio/core-http: `pnpm --filter @bio/core-http build`).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient } from '@bio/core-http';

type Variant = 'raw' | 'ky' | 'client';
const VARIANTS: Variant[] = ['raw', 'ky', 'client'];
const N = Number(process.env.BENCH_N ?? 6000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60); // short interleaved rounds: every variant sees the same machine load
const WARMUP = 500;
const GOAL = 1.05;
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

/** The part of ky's API this suite calls (bench does not depend on ky; its types stay in core-http). */
type Ky = (url: string, options: Record<string, unknown>) => { json(): Promise<unknown> };

/** ky as core-http ships it (bench depends on core-http only, so ky is loaded from there). */
async function loadKy(): Promise<Ky> {
  const coreHttp = import.meta.resolve('@bio/core-http');
  const mod = (await import(new URL('../node_modules/ky/distribution/index.js', coreHttp).href)) as { default: Ky };
  return mod.default;
}

export async function run(): Promise<void> {
  const ky = await loadKy();
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) });
    res.end(BODY);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${origin}/v3/gene/1017`;
  const client = createHttpClient({ baseUrl: `${origin}/v3/`, service: 'bench' });
  // core-http's defaults, spelled out for ky: 2 retries of GET/HEAD/OPTIONS on 408/429/5xx with
  // Retry-After capped at 60 s, full-jitter backoff from 300 ms up to 10 s; 30 s per attempt.
  const statusCodes = [408, 429, 500, 502, 503, 504];
  const kyOptions = {
    timeout: 30_000,
    retry: {
      limit: 2,
      methods: ['get' as const, 'head' as const, 'options' as const],
      statusCodes,
      afterStatusCodes: statusCodes,
      maxRetryAfter: 60_000,
      backoffLimit: 10_000,
      delay: (n: number) => Math.min(10_000, 300 * 2 ** (n - 1)),
      jitter: true,
    },
  };

  const calls: Record<Variant, () => Promise<unknown>> = {
    raw: async () => (await fetch(url)).json(),
    ky: () => ky(url, kyOptions).json(),
    client: () => client.get('gene/1017').json(),
  };

  for (let i = 0; i < WARMUP; i++) for (const v of VARIANTS) await calls[v]();

  const samples: Record<Variant, number[]> = { raw: [], ky: [], client: [] };
  const roundRatios: Record<Variant, number[]> = { raw: [], ky: [], client: [] };
  const cpu: Record<Variant, number> = { raw: 0, ky: 0, client: 0 };
  const perRound = Math.ceil(N / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length] as Variant);
    if (round % 10 === 0) (globalThis as { gc?: () => void }).gc?.();
    const roundMedian = {} as Record<Variant, number>;
    for (const variant of order) {
      const fn = calls[variant];
      const times: number[] = [];
      const c0 = process.cpuUsage();
      for (let i = 0; i < perRound; i++) {
        const t0 = performance.now();
        const body = (await fn()) as { symbol?: string };
        times.push(performance.now() - t0);
        if (body.symbol !== 'CDK2') throw new Error('unexpected body');
      }
      const used = process.cpuUsage(c0);
      cpu[variant] += used.user + used.system;
      samples[variant].push(...times);
      roundMedian[variant] = median(times);
      sampleRss();
    }
    for (const v of VARIANTS) roundRatios[v].push(roundMedian[v] / roundMedian.ky);
  }
  server.closeAllConnections();
  server.close();

  const med = (v: Variant): number => median(samples[v]);
  const cpuPer = (v: Variant): number => cpu[v] / samples[v].length;
  const us = (ms: number): string => (ms * 1000).toFixed(1);
  const label: Record<Variant, string> = {
    raw: 'raw `fetch` + `res.json()` (reference)',
    ky: 'bare `ky(url, { retry, timeout }).json()`',
    client: '`createHttpClient().get().json()`',
  };
  console.log(`Sequential small JSON GETs over loopback, ${samples.raw.length} per variant (${ROUNDS} interleaved rounds, ${WARMUP} warm-up each).\n`);
  const spread = (v: Variant): string =>
    `${median(roundRatios[v]).toFixed(3)} (${percentile(roundRatios[v], 25).toFixed(3)}–${percentile(roundRatios[v], 75).toFixed(3)})`;
  console.log(
    '| variant | median µs/req | p90 µs/req | vs ky, median of round ratios (p25–p75) | vs ky (pooled median) | vs raw (pooled median) | CPU µs/req | CPU vs ky |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const v of VARIANTS) {
    console.log(
      `| ${label[v]} | ${us(med(v))} | ${us(percentile(samples[v], 90))} | ${spread(v)} | ${(med(v) / med('ky')).toFixed(3)} | ${(med(v) / med('raw')).toFixed(2)} | ${cpuPer(v).toFixed(1)} | ${(cpuPer(v) / cpuPer('ky')).toFixed(3)} |`,
    );
  }
  const ratio = median(roundRatios.client);
  console.log(`\nGoal: client ≤ ${GOAL} × bare ky (median of round ratios) — ${ratio <= GOAL ? 'met' : 'NOT met'} (${spread('client')}).`);
  console.log(`Peak RSS: ${(peakRss / 1024 / 1024).toFixed(1)} MiB (maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB).`);
}

await run();
