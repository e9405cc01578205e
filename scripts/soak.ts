// `pnpm soak [requests] [concurrency]` — the soak run (not part of the default tests).
//
// One MyGene client sends `requests` calls (default 1,000,000; 16 in flight) to the MyGene
// simulator served on loopback. Every 50th request the simulator injects a fault, cycling every
// 10,000 requests through a 503 (`Retry-After: 0`, retried by the client), a connection reset
// (retried) and a body cut in half (a typed error to the caller). Every answer is accounted for:
// each call ends exactly once, as the right gene or a typed @bio/core-http error, and the
// simulator's request count equals calls + retries. Heap (after gc) and open handles are sampled
// every `requests / 20` calls; after the warm-up (the first 10 %) both must stay flat. Exit 1 on
// any unaccounted answer, heap growth over 16 MiB or a handle left behind.
// The built packages (run `pnpm build` first): the root workspace does not depend on @bio/*.
import { isBioError } from '../packages/core-http/dist/index.js';
import { MyGene } from '../packages/mygene/dist/index.js';
import { createSimulator } from '../packages/mygene/dist/testing/index.js';

const total = Number(process.argv[2] ?? 1_000_000);
const inFlight = Number(process.argv[3] ?? 16);
if (!Number.isInteger(total) || total < 1000 || !Number.isInteger(inFlight) || inFlight < 1) {
  console.error('usage: pnpm soak [requests ≥ 1000] [concurrency ≥ 1]');
  process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('soak: run with node --expose-gc (pnpm soak does)');
  process.exit(2);
}

const FAULT_EVERY = 50;
// Fault kinds change every PHASE requests (10,000; shorter runs still see each kind twice).
const PHASE = Math.max(FAULT_EVERY, Math.min(10_000, Math.floor(total / 6)));
const faults = [{ status: 503, retryAfter: 0 }, { reset: true }, { truncate: true }] as const;

const sim = createSimulator();
const served = await sim.listen();
const handlesBefore = process.getActiveResourcesInfo().length;
const mg = new MyGene({ baseUrl: served.baseUrl, retry: { limit: 2, delay: 0, maxRetryAfter: 0 }, timeout: 10_000 });

/** Server-side requests seen; the simulator's log is emptied as it is counted (it would grow without bound). */
let serverRequests = 0;
const drainLog = () => {
  const log = sim.requests as unknown[];
  serverRequests += log.length;
  log.length = 0;
};

const handles = () => {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
};
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

let started = 0;
let ok = 0;
let typedErrors = 0;
let wrong = 0;
let untyped = 0;
const errorCodes = new Map<string, number>();
const samples: { done: number; heap: number; rss: number; handles: string; ms: number }[] = [];
const t0 = performance.now();
const sampleEvery = Math.max(1, Math.floor(total / 20));

async function one(): Promise<void> {
  try {
    const gene = await mg.gene('1017', { fields: ['symbol'] });
    if ((gene as { symbol?: string } | null)?.symbol === 'CDK2') ok++;
    else wrong++;
  } catch (e) {
    if (isBioError(e)) {
      typedErrors++;
      const code = (e as { code?: string }).code ?? 'unknown';
      errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
    } else untyped++;
  }
}

async function worker(): Promise<void> {
  while (started < total) {
    const n = started++;
    if (n % PHASE === 0) {
      drainLog();
      sim.faults.set({ every: FAULT_EVERY, ...faults[(n / PHASE) % faults.length] });
    }
    await one();
    const done = ok + typedErrors + wrong + untyped;
    if (done % sampleEvery === 0) {
      drainLog();
      gc?.();
      const h = handles();
      samples.push({ done, heap: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss, handles: JSON.stringify(h), ms: performance.now() - t0 });
      const last = samples.at(-1)!;
      console.log(
        `${String(done).padStart(9)} calls  ${(last.ms / 1000).toFixed(1).padStart(7)} s  heap ${mib(last.heap).padStart(6)} MiB  rss ${mib(last.rss).padStart(6)} MiB  handles ${last.handles}`,
      );
    }
  }
}

await Promise.all(Array.from({ length: inFlight }, () => worker()));
drainLog();
const ms = performance.now() - t0;
// After the last answer: no timer left, and no more sockets than before plus the idle keep-alive pool.
await new Promise((resolve) => setTimeout(resolve, 200));
const handlesAfter = handles();
const leftOver = process.getActiveResourcesInfo().length - handlesBefore;
await served.close();

const answered = ok + typedErrors + wrong + untyped;
// Samples after warm-up, leaving out the last (taken while the workers wind down).
const warm = samples.filter((s) => s.done >= total / 10 && s.done < total);
const heapGrowth = warm.length >= 2 ? warm.at(-1)!.heap - warm[0]!.heap : 0;
/** The most handles of each type seen while running at full concurrency: bounded, not growing. */
const peak = (list: typeof samples) => {
  const out: Record<string, number> = {};
  for (const s of list) for (const [type, n] of Object.entries(JSON.parse(s.handles) as Record<string, number>)) out[type] = Math.max(out[type] ?? 0, n);
  return out;
};
const half = Math.floor(warm.length / 2);
const peakEarly = peak(warm.slice(0, half));
const peakLate = peak(warm.slice(half));
const retries = serverRequests - total;
const faultsInjected = Math.floor(serverRequests / FAULT_EVERY);

const report = {
  requests: total,
  concurrency: inFlight,
  seconds: Number((ms / 1000).toFixed(1)),
  callsPerSecond: Math.round(total / (ms / 1000)),
  projectedSecondsFor1M: Math.round((ms / 1000) * (1_000_000 / total)),
  answered,
  ok,
  typedErrors,
  errorCodes: Object.fromEntries(errorCodes),
  wrongAnswers: wrong,
  untypedErrors: untyped,
  serverRequests,
  retries,
  faultsInjected,
  heapAfterWarmupMiB: warm[0] ? Number(mib(warm[0].heap)) : undefined,
  heapEndMiB: warm.at(-1) ? Number(mib(warm.at(-1)!.heap)) : undefined,
  heapGrowthMiB: Number(mib(heapGrowth)),
  handlesPeakFirstHalf: peakEarly,
  handlesPeakSecondHalf: peakLate,
  handlesAfterLastAnswer: handlesAfter,
  extraHandlesAtEnd: leftOver,
};
console.log(JSON.stringify(report, null, 2));

const problems: string[] = [];
if (answered !== total) problems.push(`${total - answered} calls never answered`);
if (wrong > 0) problems.push(`${wrong} wrong answers`);
if (untyped > 0) problems.push(`${untyped} errors that are not BioErrors`);
// Each call reached the server once, plus once per retry; a retry only follows a fault.
if (retries < 0 || retries > faultsInjected + typedErrors * 2) problems.push(`server saw ${serverRequests} requests for ${total} calls`);
if (heapGrowth > 16 * 2 ** 20) problems.push(`heap grew ${mib(heapGrowth)} MiB after warm-up`);
for (const [type, n] of Object.entries(peakLate)) {
  if (n > (peakEarly[type] ?? 0) + 2) problems.push(`${type} handles grew after warm-up: ${peakEarly[type] ?? 0} → ${n}`);
}
if ((handlesAfter.Timeout ?? 0) > 1) problems.push(`${handlesAfter.Timeout} timers left after the last answer`);
if (leftOver > inFlight) problems.push(`${leftOver} handles left after the last answer`);
if (problems.length > 0) {
  console.error(`soak FAILED: ${problems.join('; ')}`);
  process.exit(1);
}
console.log('soak passed');
