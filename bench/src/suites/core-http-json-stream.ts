// Benchmark: jsonArrayItems over fetch().body vs JSON.parse(await res.text()) on an
// InterMine-style body of 1,000,000 five-column rows (~60 MB), generated on the fly by a
// loopback node:http server. Each measurement runs in its own child process, so its peak RSS
// (process.resourceUsage().maxRSS) is its own.
//
//   node --expose-gc --import tsx bench/src/suites/core-http-json-stream.ts
//
// Goals: throughput of the stream ≥ 0.5 × the buffered parse; stream peak RSS < 150 MB.
// A third mode reads the body without parsing it, to show what fetch itself costs in RSS.
import { median, runMeasuredChild } from '../measure-child.js';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jsonArrayItems } from '@bio/core-http';

const ROWS = 1_000_000;
const ROWS_PER_WRITE = 2000;
const REPEATS = 3;
type Row = [string, string, number, string, boolean];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

// ---- the replica: InterMine's streaming JSON layout (one row per line, trailer after `]`)

function row(i: number): string {
  const id = String(i).padStart(7, '0');
  return `["FBgn${id}","CG${id}",${(i * 7919) % 100_000},"D. melanogaster",${i % 3 === 0}]`;
}

function startServer(): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
    const header =
      '{"rootClass":"Gene","modelName":"genomic","start":0,"views":["Gene.primaryIdentifier","Gene.secondaryIdentifier","Gene.length","Gene.organism.shortName","Gene.isObsolete"],"results":[\n';
    res.write(header);
    for (let start = 0; start < ROWS; start += ROWS_PER_WRITE) {
      const parts: string[] = [];
      for (let i = start; i < Math.min(ROWS, start + ROWS_PER_WRITE); i++) parts.push(i === ROWS - 1 ? row(i) : `${row(i)},`);
      if (!res.write(`${parts.join('\n')}\n`)) await once(res, 'drain');
      if (req.destroyed) return;
    }
    res.end('],"executionTime":"2026.12.01 00:00::00","wasSuccessful":true,"error":null,"statusCode":200}');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/service/query/results` }));
  });
}

// ---- one measurement (child process)

interface Measurement {
  mode: string;
  rows: number;
  ms: number;
  bytes: number;
  peakRssMb: number;
  startRssMb: number;
}

async function measure(mode: string, url: string): Promise<Measurement> {
  const startRssMb = process.memoryUsage().rss / 2 ** 20;
  let rows = 0;
  let checksum = 0;
  const t0 = performance.now();
  const res = await fetch(url);
  const bytes = Number(res.headers.get('content-length') ?? 0);
  if (mode === 'stream') {
    const stream = jsonArrayItems<Row>(res, 'results', {
      onTrailer: (t) => {
        if (t.wasSuccessful !== true) throw new Error(`server error: ${String(t.error)}`);
      },
    });
    for await (const r of stream) {
      rows++;
      checksum += r[2];
    }
  } else if (mode === 'read') {
    // Reference point: read the body and throw it away (what fetch alone costs).
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) checksum += chunk.length;
    rows = ROWS;
  } else {
    const body = JSON.parse(await res.text()) as { results: Row[]; wasSuccessful: boolean };
    if (body.wasSuccessful !== true) throw new Error('server error');
    for (const r of body.results) {
      rows++;
      checksum += r[2];
    }
  }
  const ms = performance.now() - t0;
  if (rows !== ROWS || !Number.isFinite(checksum)) throw new Error(`expected ${ROWS} rows, got ${rows}`);
  return { mode, rows, ms, bytes, peakRssMb: process.resourceUsage().maxRSS / 1024, startRssMb };
}

function runChild(mode: string, url: string): Promise<Measurement> {
  return runMeasuredChild<Measurement>(import.meta.url, ['--mode', mode, '--url', url]);
}

async function main(): Promise<void> {
  const mode = arg('mode');
  if (mode) {
    const m = await measure(mode, arg('url')!);
    process.stdout.write(`${JSON.stringify(m)}\n`);
    return;
  }
  const { server, url } = await startServer();
  const watchdog = setTimeout(() => {
    console.error('benchmark took longer than 2 minutes; giving up');
    process.exit(1);
  }, 120_000);
  try {
    const modes = ['stream', 'parse', 'read'];
    const results: Record<string, Measurement[]> = { stream: [], parse: [], read: [] };
    for (let r = 0; r < REPEATS; r++) {
      for (const m of modes) results[m]!.push(await runChild(m, url));
    }
    const rowsPerSec = (m: Measurement[]): number => ROWS / (median(m.map((x) => x.ms)) / 1000);
    const bodyMb = ((row(123456).length + 2) * ROWS) / 1e6;
    console.log(
      `Body: ${ROWS.toLocaleString('en')} rows × 5 columns, ~${bodyMb.toFixed(0)} MB, InterMine JSON layout; median of ${REPEATS} runs, each in a fresh process.\n`,
    );
    console.log('| mode | time (s) | rows/s | peak RSS (MB) | RSS at start (MB) |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    const label: Record<string, string> = {
      stream: '`jsonArrayItems(res, "results")`',
      parse: '`JSON.parse(await res.text())` (baseline)',
      read: 'reading `res.body` without parsing (reference: fetch alone)',
    };
    for (const m of modes) {
      const list = results[m]!;
      console.log(
        `| ${label[m]} | ${(median(list.map((x) => x.ms)) / 1000).toFixed(2)} | ${Math.round(rowsPerSec(list)).toLocaleString('en')} | ${median(list.map((x) => x.peakRssMb)).toFixed(0)} | ${median(list.map((x) => x.startRssMb)).toFixed(0)} |`,
      );
    }
    const ratio = rowsPerSec(results.stream!) / rowsPerSec(results.parse!);
    const streamRss = median(results.stream!.map((x) => x.peakRssMb));
    const parseRss = median(results.parse!.map((x) => x.peakRssMb));
    console.log('');
    console.log('| metric | value | goal | met |');
    console.log('| --- | ---: | ---: | :---: |');
    console.log(`| throughput ratio stream / parse | ${ratio.toFixed(2)} | ≥ 0.5 | ${ratio >= 0.5 ? 'yes' : 'no'} |`);
    console.log(`| stream peak RSS | ${streamRss.toFixed(0)} MB | < 150 MB | ${streamRss < 150 ? 'yes' : 'no'} |`);
    console.log(`| RSS ratio stream / parse | ${(streamRss / parseRss).toFixed(2)} | — | — |`);
    const readRss = median(results.read!.map((x) => x.peakRssMb));
    console.log(`| stream peak RSS above reading the body alone | ${(streamRss - readRss).toFixed(0)} MB | — | — |`);
  } finally {
    clearTimeout(watchdog);
    server.closeAllConnections();
    server.close();
  }
}

await main();
