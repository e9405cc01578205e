// `bio mygene map` over 1,000,000 ids from a file, against the `@bio/mygene/testing` simulator on
// loopback (in its own child process, so its CPU and memory stay out of the measurement): time
// to the first data row on stdout versus the total time, when the last batch was requested, and
// the CLI's peak RSS (goal < 150 MB; the first row must come before the last batch is requested).
// The built binary runs as a user would run it (build @bio/cli first). Prints a markdown table.
// Run: node --expose-gc --import tsx bench/src/run-all.ts cli
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSimulator } from '@bio/mygene/testing';

const TERMS = 1_000_000;
const BATCH = 1000;
const BATCHES = TERMS / BATCH;
const CONCURRENCY = 2;
const BIN = fileURLToPath(new URL('../../../packages/cli/dist/bin.js', import.meta.url));
// Built-in symbols of the simulator, and misses: every term's row is known.
const SYMBOLS = ['CDK2', 'TP53', 'BRCA1', 'NEFL', 'BASP1', 'missing-1', 'missing-2', 'BDNF'];

/** The simulator child: serves, then reports the time the last expected batch arrived. */
async function serve(): Promise<void> {
  const sim = createSimulator();
  const served = await sim.listen();
  process.send?.({ baseUrl: served.baseUrl });
  const timer = setInterval(() => {
    if (sim.requests.length >= BATCHES) {
      clearInterval(timer);
      process.send?.({ lastRequestAt: Date.now() });
    }
  }, 2);
  process.once('SIGTERM', () => void served.close().then(() => process.exit(0)));
}

function spawnSimulator(): Promise<{ child: ChildProcess; baseUrl: string; lastRequestAt: Promise<number> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let resolveLast: (at: number) => void = () => {};
  const lastRequestAt = new Promise<number>((resolve) => {
    resolveLast = resolve;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (m: { baseUrl?: string; lastRequestAt?: number }) => {
      if (m.baseUrl) resolve({ child, baseUrl: m.baseUrl, lastRequestAt });
      if (m.lastRequestAt) resolveLast(m.lastRequestAt);
    });
  });
}

async function writeTerms(file: string): Promise<void> {
  const out = createWriteStream(file);
  const chunk: string[] = [];
  for (let i = 0; i < TERMS; i++) {
    chunk.push(SYMBOLS[i % SYMBOLS.length]!);
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk.length = 0;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

interface Result {
  firstRowMs: number;
  totalMs: number;
  lastRequestMs: number;
  rows: number;
  peakRssMb: number;
  stderr: string;
}

// Peak RSS of the CLI process itself, printed by a preload at exit (no sampling gaps).
const MAXRSS = 'data:text/javascript,process.on("exit",()=>process.stderr.write("maxRSS "+process.resourceUsage().maxRSS+"\\n"))';

async function measure(file: string, baseUrl: string, lastRequestAt: Promise<number>): Promise<Result> {
  const start = Date.now();
  const cli = spawn(
    process.execPath,
    [
      '--import',
      MAXRSS,
      BIN,
      'mygene',
      'map',
      file,
      '--scopes',
      'symbol',
      '--fields',
      'symbol',
      '--species',
      'human',
      '--concurrency',
      String(CONCURRENCY),
      '--base-url',
      baseUrl,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let firstRowAt = 0;
  let newlines = 0;
  let stderr = '';
  cli.stdout.on('data', (chunk: Buffer) => {
    for (const byte of chunk) if (byte === 10) newlines++;
    if (firstRowAt === 0 && newlines >= 2) firstRowAt = Date.now();
  });
  cli.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((resolve) => cli.on('close', resolve));
  const end = Date.now();
  if (code !== 0) throw new Error(`bio exited with ${code}: ${stderr}`);
  const kb = Number(/maxRSS (\d+)/.exec(stderr)?.[1]);
  return {
    firstRowMs: firstRowAt - start,
    totalMs: end - start,
    lastRequestMs: (await lastRequestAt) - start,
    rows: newlines - 1,
    peakRssMb: kb / 1024,
    stderr,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bio-bench-cli-'));
  const file = join(dir, 'ids.txt');
  const server = await spawnSimulator();
  try {
    await writeTerms(file);
    const r = await measure(file, server.baseUrl, server.lastRequestAt);
    if (r.rows !== TERMS) throw new Error(`expected ${TERMS} rows, got ${r.rows}`);
    const summary = r.stderr.split('\n').find((l) => l.startsWith(`${TERMS} terms:`));
    if (!summary) throw new Error(`no summary line in: ${r.stderr}`);
    const firstBeforeLast = r.firstRowMs < r.lastRequestMs;
    console.log(`bio mygene map: ${TERMS.toLocaleString('en')} ids from a file, ${BATCHES} batches, --concurrency ${CONCURRENCY}, simulator on loopback\n`);
    console.log('| time to first row | last batch requested | total | rows/s | peak RSS | goal |');
    console.log('| ---: | ---: | ---: | ---: | ---: | --- |');
    console.log(
      `| ${(r.firstRowMs / 1000).toFixed(2)} s | ${(r.lastRequestMs / 1000).toFixed(1)} s | ${(r.totalMs / 1000).toFixed(1)} s | ${Math.round(TERMS / (r.totalMs / 1000)).toLocaleString('en')} | ${r.peakRssMb.toFixed(0)} MB | RSS < 150 MB: ${r.peakRssMb < 150 ? 'met' : 'NOT met'}; first row before last request: ${firstBeforeLast ? 'yes' : 'NO'} |`,
    );
    console.log(`\n${summary}`);
    if (!firstBeforeLast || r.peakRssMb >= 150) process.exitCode = 1;
  } finally {
    server.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--serve')) await serve();
else await main();
