// Benchmark: @bio/intermine `mine.rows(q)` against `JSON.parse` of the same body and against a plain
// line-by-line parse, on N-row, 5-column `/query/results` bodies (100k and 1M rows) streamed on
// loopback by the package's own simulator (`@bio/intermine/testing`, `listen()`), seeded with the
// genes the answer needs; it generates each answer as it is read (chunked, with backpressure).
// Each measurement runs in its own child process (this file compiled to plain JS and run on bare
// `node`, see measure-child.ts), so its peak RSS is the client's alone: the simulator, with its
// million genes, lives in this parent process.
//
//   node --expose-gc --import tsx bench/src/suites/intermine.ts
//
// Goals: peak RSS of mine.rows(q) ≤ 150 MB at any row count; throughput ≥ 0.5 × JSON.parse and
// ≥ 1.0 × the fetch + line-split reader; rows by name (`mine.namedRows(q)`) ≥ 0.8 × `mine.rows(q)`.
import { median, runMeasuredChild } from '../measure-child.js';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { InterMine, Query } from '@bio/intermine';
import type { GeneSeed } from '@bio/intermine/testing';

/** The five columns of every row. */
const VIEWS = ['Gene.primaryIdentifier', 'Gene.symbol', 'Gene.name', 'Gene.length', 'Gene.id'];

/** A simulator whose answer to `Gene` with {@link VIEWS} has exactly `rows` rows (its built-in genes count). */
async function startSimulator(rows: number): Promise<{ root: string; seedSeconds: number; close(): Promise<void> }> {
  // Imported here, not at the top: the measuring children must not load the simulator (or msw) at all.
  const { createSimulator } = await import('@bio/intermine/testing');
  const builtIn = createSimulator().state.store.all('Gene').length;
  const genes: GeneSeed[] = Array.from({ length: rows - builtIn }, (_, i) => ({
    primaryIdentifier: `FBgn9${String(i).padStart(7, '0')}`,
    symbol: `sym${i}`,
    name: `synthetic gene ${i}`,
    length: 1000 + (i % 9000),
  }));
  const t0 = performance.now();
  const sim = createSimulator({ seed: { genes } });
  const seedSeconds = (performance.now() - t0) / 1000;
  const server = await sim.listen();
  return { root: server.baseUrl.replace(/\/service$/, ''), seedSeconds, close: () => server.close() };
}

const SIZES = [100_000, 1_000_000];
const REPEATS = 2;
const MODES = ['rows', 'named', 'rows-paged', 'parse', 'lines', 'read'] as const;
type Mode = (typeof MODES)[number];
type Row = [string, string, string, number, number];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

interface Measurement {
  mode: Mode;
  rows: number;
  ms: number;
  peakRssMb: number;
  sampledPeakRssMb: number;
}

async function post(root: string): Promise<Response> {
  const query = new Query('Gene').select(VIEWS).toXML();
  const res = await fetch(`${root}/service/query/results`, { method: 'POST', body: new URLSearchParams({ query, format: 'json', start: '0' }) });
  if (!res.ok || !res.body) throw new Error(`simulator answered ${res.status}`);
  return res;
}

async function measure(mode: Mode, root: string, expected: number): Promise<Measurement> {
  let sampled = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage().rss);
  }, 20);
  let rows = 0;
  let checksum = 0;
  const t0 = performance.now();
  if (mode === 'rows' || mode === 'rows-paged') {
    const mine = new InterMine({ baseUrl: root, retry: 0, timeout: 120_000 });
    const q = mine.query('Gene').select(VIEWS);
    for await (const r of mine.rows<Row>(q, mode === 'rows-paged' ? { pageSize: 250_000 } : {})) {
      rows++;
      checksum += r[3];
    }
  } else if (mode === 'named') {
    // Rows by column name (issue 15 item 8): one Row object per row, a cell read by its short name.
    const mine = new InterMine({ baseUrl: root, retry: 0, timeout: 120_000 });
    for await (const r of mine.namedRows<Row>(mine.query('Gene').select(VIEWS))) {
      rows++;
      checksum += r.get('length') as number;
    }
  } else if (mode === 'parse') {
    const res = await post(root);
    const body = JSON.parse(await res.text()) as { results: Row[]; wasSuccessful: boolean };
    if (body.wasSuccessful !== true) throw new Error('server error');
    for (const r of body.results) {
      rows++;
      checksum += r[3];
    }
  } else if (mode === 'read') {
    // Reference point: read the body and throw it away (what fetch alone costs in time and RSS).
    const res = await post(root);
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) checksum += chunk.length;
    rows = expected;
  } else {
    // The python client's approach: one row per line, trailing comma, a line starting with `]` ends the rows.
    const res = await post(root);
    const input = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
    let inRows = false;
    let trailer = '';
    for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
      if (!inRows) {
        inRows = line.endsWith('"results":[');
        continue;
      }
      if (line.startsWith(']')) {
        trailer = line;
        continue;
      }
      if (trailer) {
        trailer += line;
        continue;
      }
      const r = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as Row;
      rows++;
      checksum += r[3];
    }
    if (!trailer.includes('"wasSuccessful":true')) throw new Error('server error');
  }
  const ms = performance.now() - t0;
  clearInterval(sampler);
  if (rows !== expected || !Number.isFinite(checksum)) throw new Error(`${mode}: expected ${expected} rows, got ${rows}`);
  return { mode, rows, ms, peakRssMb: process.resourceUsage().maxRSS / 1024, sampledPeakRssMb: sampled / 2 ** 20 };
}

function runChild(mode: Mode, root: string, rows: number): Promise<Measurement> {
  return runMeasuredChild<Measurement>(import.meta.url, ['--mode', mode, '--root', root, '--rows', String(rows)]);
}

const LABEL: Record<Mode, string> = {
  rows: '`mine.rows(q)` (@bio/intermine)',
  named: "`mine.namedRows(q)`, reading `row.get('length')`",
  'rows-paged': '`mine.rows(q, { pageSize: 250_000 })`',
  parse: '`JSON.parse(await res.text())` (baseline)',
  lines: 'plain line-by-line parse (readline + JSON.parse per row)',
  read: 'reading `res.body` without parsing (reference: fetch alone)',
};

async function main(): Promise<void> {
  const mode = arg('mode') as Mode | undefined;
  if (mode) {
    const m = await measure(mode, arg('root')!, Number(arg('rows')));
    process.stdout.write(`${JSON.stringify(m)}\n`);
    return;
  }
  const watchdog = setTimeout(() => {
    console.error('benchmark took longer than 7 minutes; giving up');
    process.exit(1);
  }, 420_000);
  const summary: string[] = [];
  const seeding: string[] = [];
  try {
    console.log(
      `InterMine \`/query/results\` bodies, 5 columns, real line layout, streamed by the loopback simulator (\`@bio/intermine/testing\`); median of ${REPEATS} runs, each in a fresh process.\n`,
    );
    console.log('| rows | mode | time (s) | rows/s | × JSON.parse | peak RSS (MB) |');
    console.log('| ---: | --- | ---: | ---: | ---: | ---: |');
    for (const size of SIZES) {
      const sim = await startSimulator(size);
      seeding.push(
        `${size.toLocaleString('en')} rows: seeded in ${sim.seedSeconds.toFixed(1)} s, simulator process RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
      );
      try {
        // Warm the simulator (it runs in this process) so the first measured mode does not pay for its JIT.
        await runChild('read', sim.root, size);
        const results = new Map<Mode, Measurement[]>(MODES.map((m) => [m, []]));
        for (let r = 0; r < REPEATS; r++) for (const m of MODES) results.get(m)!.push(await runChild(m, sim.root, size));
        const rate = (m: Mode): number => size / (median(results.get(m)!.map((x) => x.ms)) / 1000);
        const rss = (m: Mode): number => median(results.get(m)!.map((x) => Math.max(x.peakRssMb, x.sampledPeakRssMb)));
        for (const m of MODES) {
          console.log(
            `| ${size.toLocaleString('en')} | ${LABEL[m]} | ${(median(results.get(m)!.map((x) => x.ms)) / 1000).toFixed(2)} | ${Math.round(rate(m)).toLocaleString('en')} | ${(rate(m) / rate('parse')).toFixed(2)} | ${rss(m).toFixed(0)} |`,
          );
        }
        const ratio = rate('rows') / rate('parse');
        const vsLines = rate('rows') / rate('lines');
        const named = rate('named') / rate('rows');
        summary.push(
          `| ${size.toLocaleString('en')} | ${ratio.toFixed(2)} (goal ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'}) | ${vsLines.toFixed(2)} (goal ≥ 1.0: ${vsLines >= 1 ? 'met' : 'NOT met'}) | ${named.toFixed(2)} (goal ≥ 0.8: ${named >= 0.8 ? 'met' : 'NOT met'}) | ${rss('rows').toFixed(0)} MB (goal ≤ 150 MB: ${rss('rows') <= 150 ? 'met' : 'NOT met'}) | ${rss('named').toFixed(0)} MB | ${rss('read').toFixed(0)} MB | ${rss('parse').toFixed(0)} MB |`,
        );
      } finally {
        await sim.close();
      }
    }
    console.log(
      '\n| rows | mine.rows(q) / JSON.parse | mine.rows(q) / fetch + line-split reader | namedRows / rows | mine.rows(q) peak RSS | namedRows peak RSS | fetch alone (no parsing) peak RSS | JSON.parse peak RSS |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const line of summary) console.log(line);
    console.log(`\nSimulator (parent process, not measured above): ${seeding.join('; ')}.`);
  } finally {
    clearTimeout(watchdog);
  }
}

await main();
