// @bio/molgenis/emx2 against the EMX2 simulator (`@bio/molgenis/testing`, served on loopback by
// `listen()` in a worker thread, so the server's work does not run on the client's thread) with
// 50 ms latency per request (`faults.set({ latency })`), median of 5 runs, interleaved:
// - read the 25,000 rows of synthetic.Sample: the client (pages of 1,000, 4 in flight after the
//   first) against raw fetch loops sending the same GraphQL pages — one after the other, and with
//   the same concurrency — and against what the Python client's `get` does (one CSV download of
//   the whole table, parsed; measured here as a raw fetch + our CSV parser, no Python involved);
// - the same 25,000 rows typed through the CSV endpoint, `exportCsv().records()` (the values
//   rows() gives), warm (metadata cached) and cold (a new client: `_schema`, then the CSV), against
//   a Python stand-in of the pyclient's `get` (bench/python/pyclient_get.py: the requests `get`
//   sends, over a requests.Session, then pandas.read_csv + to_dict('records'); timed inside
//   Python, one process per round, interleaved with our read) when a python3 with pandas and
//   requests is found (BENCH_PYTHON=<path>|none to choose) — it is a stand-in that replays the
//   pyclient's requests and parse, not the pyclient package;
// - save 2,500 rows in chunks of 1,000 (ceil(2500/1000) = 3 mutations) against a raw loop
//   sending the same 3 mutations.
// Prints a markdown table. Run: node --expose-gc --import tsx bench/src/suites/molgenis-emx2.ts
import { Emx2 } from '@bio/molgenis/emx2';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const ROWS = 25_000;
const LATENCY_MS = 50;
const PAGE = 1000;
const BIG_PAGE = Number(process.env.BENCH_BIG_PAGE ?? 5000);
const CONCURRENCY = 4;
const WRITE_ROWS = 2500;
const CHUNK = 1000;
const RUNS = 5;
const GOAL = 1.1;
const PY_WARMUP = 1; // runs per Python process before the timed one (each round starts a new process), on the small Site table
const PY_ROUNDS = 9; // rounds of the group that compares with Python: more than RUNS, its spread is the machine's
const PY_SCRIPT = fileURLToPath(new URL('../../python/pyclient_get.py', import.meta.url));

const FIELDS = '{ id site { name } index count value flag day measuredAt labels note }';
const PAGE_QUERY = (agg: boolean) =>
  `query($limit: Int, $offset: Int, $orderby: [Sampleorderby]) { Sample(limit: $limit, offset: $offset, orderby: $orderby) ${FIELDS}${agg ? ' Sample_agg { count }' : ''} }`;

interface Measured {
  seconds: number;
  fastest: number;
  requests: number;
  note: string;
}

// Runs the works round-robin (run 1 of each, then run 2 …), so table growth, GC, JIT warm-up and
// the load of the machine fall on all of them alike, each after a GC here and in the simulator's
// worker; the median and the fastest run of each.
// A work may report the time it measured itself (the Python stand-in times its runs inside Python).
async function measureAll(works: ((run: number) => Promise<string | { note: string; seconds: number }>)[], runs = RUNS): Promise<Measured[]> {
  const times: number[][] = works.map(() => []);
  const out: Measured[] = works.map(() => ({ seconds: 0, fastest: 0, requests: 0, note: '' }));
  for (let run = 0; run < runs; run++) {
    for (const [i, work] of works.entries()) {
      (globalThis as { gc?: () => void }).gc?.();
      await serverGc();
      const before = sent;
      const t0 = performance.now();
      const done = await work(run);
      const note = typeof done === 'string' ? done : done.note;
      (times[i] as number[]).push(typeof done === 'string' ? (performance.now() - t0) / 1000 : done.seconds);
      out[i] = { ...(out[i] as Measured), requests: sent - before, note };
    }
  }
  return out.map((m, i) => {
    const sorted = [...(times[i] as number[])].sort((a, b) => a - b);
    return { ...m, seconds: sorted[Math.floor(sorted.length / 2)] as number, fastest: sorted[0] as number };
  });
}

// Every request of the raw loops and of the clients goes through this fetch, which counts them.
let sent = 0;
const counting: typeof fetch = (input, init) => {
  sent++;
  return fetch(input, init);
};

// Collects the simulator's garbage (its worker thread), so no work pays for the one before it.
let serverGc: () => Promise<void> = async () => undefined;

// The simulator in a worker thread: 25,000 rows, 50 ms latency; answers its base URL. The
// package is resolved here, so the suite runs from any working directory.
async function startSimulator(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const code = `
    const { parentPort } = require('node:worker_threads');
    import(${JSON.stringify(import.meta.resolve('@bio/molgenis/testing'))}).then(async ({ createEmx2Simulator }) => {
      const sim = createEmx2Simulator({ syntheticRows: ${ROWS} });
      const server = await sim.listen();
      sim.faults.set({ latency: ${LATENCY_MS} });
      parentPort.postMessage(server.baseUrl);
      parentPort.on('message', async (m) => {
        if (m === 'gc') { globalThis.gc?.(); parentPort.postMessage('gc done'); return; }
        await server.close();
        parentPort.close();
      });
    });`;
  const worker = new Worker(code, { eval: true });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  serverGc = () =>
    new Promise<void>((resolve) => {
      worker.once('message', () => resolve());
      worker.postMessage('gc');
    });
  return {
    baseUrl,
    stop: async () => {
      worker.postMessage('stop');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

async function post(root: string, path: string, query: string, variables: unknown, token?: string): Promise<Record<string, unknown>> {
  const res = await counting(`${root}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { 'x-molgenis-token': token }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (res.status !== 200 || body.data === undefined) throw new Error(`raw ${path}: ${res.status} ${body.errors?.[0]?.message}`);
  return body.data;
}

async function rawPage(root: string, offset: number): Promise<unknown[]> {
  const data = await post(root, 'synthetic/graphql', PAGE_QUERY(offset === 0), { limit: PAGE, offset, orderby: [{ id: 'ASC' }] });
  return (data.Sample as unknown[] | undefined) ?? [];
}

async function rawSequential(root: string): Promise<number> {
  let count = 0;
  for (let offset = 0; ; offset += PAGE) {
    const items = await rawPage(root, offset);
    count += items.length;
    if (items.length < PAGE) return count;
  }
}

async function rawConcurrent(root: string): Promise<number> {
  const data = await post(root, 'synthetic/graphql', PAGE_QUERY(true), { limit: PAGE, offset: 0, orderby: [{ id: 'ASC' }] });
  const total = (data.Sample_agg as { count: number }).count;
  let count = (data.Sample as unknown[]).length;
  const offsets: number[] = [];
  for (let o = PAGE; o < total; o += PAGE) offsets.push(o);
  for (let i = 0; i < offsets.length; i += CONCURRENCY) {
    const pages = await Promise.all(offsets.slice(i, i + CONCURRENCY).map((o) => rawPage(root, o)));
    for (const p of pages) count += p.length;
  }
  return count;
}

function writeRows(prefix: string) {
  return Array.from({ length: WRITE_ROWS }, (_, i) => ({
    id: `${prefix}${String(i).padStart(5, '0')}`,
    site: { name: 'Berlin' },
    index: i,
    value: i / 7,
    flag: i % 2 === 0,
  }));
}

function run1(file: string, args: string[], timeout: number): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

// A python3 that has pandas and requests: /usr/bin/python3, then python3 on the PATH
// (BENCH_PYTHON=<path> tries only that one; BENCH_PYTHON=none skips Python).
async function findPython(): Promise<string | undefined> {
  const only = process.env.BENCH_PYTHON;
  if (only === 'none') return undefined;
  for (const candidate of only === undefined || only === '' ? ['/usr/bin/python3', 'python3'] : [only]) {
    const { code } = await run1(candidate, ['-c', 'import pandas, requests'], 60_000);
    if (code === 0) return candidate;
  }
  return undefined;
}

interface PythonTimes {
  python: string;
  shape: string;
}

export async function run(): Promise<void> {
  const server = await startSimulator();
  const root = `${server.baseUrl.replace(/\/$/, '')}/`;
  const rows: { label: string; m: Measured; baseline?: number; goal: string }[] = [];
  let pythonNote = '';
  let pythonTimes: PythonTimes | undefined;
  try {
    const anonymous = new Emx2({ baseUrl: server.baseUrl, fetch: counting });
    const writer = new Emx2({ baseUrl: server.baseUrl, fetch: counting });
    await writer.signin('admin', 'admin');
    await anonymous.schema('synthetic').metadata(); // metadata once, untimed (cached by the client, as in use)
    await writer.schema('synthetic').metadata();
    const signin = await post(root, 'api/graphql', 'mutation($e: String, $p: String) { signin(email: $e, password: $p) { token } }', {
      e: 'admin',
      p: 'admin',
    });
    const token = (signin.signin as { token: string }).token;

    const [seq, conc, csv, client, big, csvRows, typed] = (await measureAll([
      async () => `${await rawSequential(root)} rows`,
      async () => `${await rawConcurrent(root)} rows`,
      async () => {
        const text = await (await counting(`${root}synthetic/api/csv/Sample`)).text();
        return `${text.split('\n').length - 2} rows (one CSV download)`;
      },
      async () => {
        let n = 0;
        let previous = '';
        for await (const r of anonymous.schema('synthetic').table<{ id: string }>('Sample').rows({ pageSize: PAGE, concurrency: CONCURRENCY })) {
          if (r.id <= previous) throw new Error(`rows: ${r.id} after ${previous}`);
          previous = r.id;
          n++;
        }
        if (n !== ROWS) throw new Error(`rows: ${n}`);
        return `${n} rows, in key order, decoded`;
      },
      async () => {
        let n = 0;
        for await (const _ of anonymous.schema('synthetic').table('Sample').rows({ pageSize: BIG_PAGE, concurrency: CONCURRENCY })) n++;
        if (n !== ROWS) throw new Error(`rows: ${n}`);
        return `${n} rows, decoded`;
      },
      async () => {
        // The pyclient get's own route (one CSV download), parsed into rows of strings.
        let n = 0;
        for await (const _ of anonymous.schema('synthetic').table('Sample').exportCsv().rows()) n++;
        if (n !== ROWS) throw new Error(`exportCsv rows: ${n}`);
        return `${n} rows (strings, as CSV has them)`;
      },
      async () => {
        // One CSV download, decoded as rows() decodes (metadata cached, as in use).
        let n = 0;
        for await (const r of anonymous.schema('synthetic').table<{ id: string; count: number | bigint }>('Sample').exportCsv().records()) {
          if (typeof r.count !== 'number' && typeof r.count !== 'bigint') throw new Error(`records: count ${String(r.count)}`);
          n++;
        }
        if (n !== ROWS) throw new Error(`records: ${n}`);
        return `${n} rows, decoded as rows() decodes`;
      },
    ])) as [Measured, Measured, Measured, Measured, Measured, Measured, Measured];
    rows.push({ label: `raw fetch loop, ${ROWS / PAGE} pages one after the other`, m: seq, goal: '—' });
    rows.push({ label: `raw fetch loop, same pages, ${CONCURRENCY} in flight after the first`, m: conc, goal: '—' });
    rows.push({ label: 'Python get model: one CSV download of the table (raw fetch)', m: csv, goal: '—' });
    rows.push({
      label: `@bio/molgenis/emx2 rows(), pageSize ${PAGE}, concurrency ${CONCURRENCY}`,
      m: client,
      baseline: conc.seconds,
      goal: `≤ ${GOAL}× raw (same pages, same concurrency): ${client.seconds / conc.seconds <= GOAL ? 'met' : 'NOT met'}; vs sequential raw ${(client.seconds / seq.seconds).toFixed(2)}×; vs CSV download ${(client.seconds / csv.seconds).toFixed(2)}×`,
    });

    rows.push({
      label: `@bio/molgenis/emx2 rows(), pageSize ${BIG_PAGE}, concurrency ${CONCURRENCY}`,
      m: big,
      baseline: csv.seconds,
      goal: `vs the one-CSV download (Python get model): ${(big.seconds / csv.seconds).toFixed(2)}×`,
    });

    rows.push({
      label: '@bio/molgenis/emx2 exportCsv().rows(): the same one CSV download, parsed',
      m: csvRows,
      baseline: csv.seconds,
      goal: `vs the bare CSV download: ${(csvRows.seconds / csv.seconds).toFixed(2)}×; vs rows() pageSize ${BIG_PAGE}: ${(csvRows.seconds / big.seconds).toFixed(2)}×`,
    });

    rows.push({
      label: '@bio/molgenis/emx2 exportCsv().records(): the same one CSV download, typed as rows() types it',
      m: typed,
      baseline: csv.seconds,
      goal: `vs the bare CSV download: ${(typed.seconds / csv.seconds).toFixed(2)}×; vs rows() pageSize ${BIG_PAGE}: ${(typed.seconds / big.seconds).toFixed(2)}×`,
    });

    // Our typed read, warm and with a new client, and the Python stand-in of the pyclient's get
    // against the same simulator (same latency), one Python process per round — interleaved, so
    // all see the same machine load.
    const python = await findPython();
    const cold: number[] = [];
    let shape = '';
    const [ours, oursCold, warm] = (await measureAll(
      [
        async () => {
          let n = 0;
          for await (const _ of anonymous.schema('synthetic').table('Sample').exportCsv().records()) n++;
          if (n !== ROWS) throw new Error(`records: ${n}`);
          return `${n} rows, decoded as rows() decodes`;
        },
        async () => {
          const fresh = new Emx2({ baseUrl: server.baseUrl, fetch: counting });
          const n = (await fresh.schema('synthetic').table('Sample').exportCsv().records().toArray()).length;
          if (n !== ROWS) throw new Error(`records (new client): ${n}`);
          return `${n} rows, decoded, collected with toArray()`;
        },
        ...(python === undefined
          ? []
          : [
              async () => {
                const { code, stdout, stderr } = await run1(
                  python,
                  [PY_SCRIPT, server.baseUrl, 'synthetic', 'Sample', '1', String(PY_WARMUP), 'Site'],
                  300_000,
                );
                if (code !== 0) throw new Error(`${python} ${PY_SCRIPT} failed (${code}): ${stderr.slice(-500)}`);
                const py = JSON.parse(stdout) as { rows: number; columns: number; bytes: number; cold: number[]; warm: number[] };
                if (py.rows !== ROWS) throw new Error(`Python stand-in read ${py.rows} rows`);
                cold.push(py.cold[0] as number);
                shape = `${py.rows} rows × ${py.columns} columns, ${py.bytes} bytes`;
                return { note: `${py.rows} rows (pandas' own types)`, seconds: py.warm[0] as number };
              },
            ]),
      ],
      PY_ROUNDS,
    )) as [Measured, Measured, Measured | undefined];
    rows.push({
      label: `@bio/molgenis/emx2 exportCsv().records(), metadata cached (second group, ${PY_ROUNDS} rounds)`,
      m: ours,
      baseline: csv.seconds,
      goal: `vs the bare CSV download: ${(ours.seconds / csv.seconds).toFixed(2)}×`,
    });
    rows.push({
      label: `@bio/molgenis/emx2 exportCsv().records(), new client each run (_schema + CSV; second group, ${PY_ROUNDS} rounds)`,
      m: oursCold,
      goal: '—',
    });
    if (python === undefined || warm === undefined) {
      pythonNote = 'Python stand-in not measured: no python3 with pandas and requests';
      console.log(pythonNote);
    } else {
      pythonTimes = { python, shape };
      const coldSorted = [...cold].sort((a, b) => a - b);
      const coldM: Measured = { seconds: coldSorted[Math.floor(coldSorted.length / 2)] as number, fastest: coldSorted[0] as number, requests: 3, note: '' };
      rows.push({
        label: 'Python stand-in of pyclient get(), warm: GET CSV + pandas.read_csv + to_dict(records)',
        m: { ...warm, requests: 1, note: `${shape}; timed in Python (perf_counter)` },
        goal: '—',
      });
      rows.push({
        label: 'Python stand-in of pyclient get(), cold: _schemas + _schema + GET CSV + parse',
        m: { ...coldM, note: 'timed in Python, same processes' },
        goal: '—',
      });
      rows.push({
        label: 'ratio: exportCsv().records() / Python stand-in, warm',
        m: ours,
        baseline: warm.seconds,
        goal: `< 1.0 (faster): ${ours.seconds / warm.seconds < 1 ? 'met' : 'NOT met'}`,
      });
      rows.push({
        label: 'ratio: exportCsv().records() with a new client (_schema + CSV) / Python stand-in, cold',
        m: oursCold,
        baseline: coldM.seconds,
        goal: `< 1.0 (faster): ${oursCold.seconds / coldM.seconds < 1 ? 'met' : 'NOT met'}`,
      });
    }

    const mutation = 'mutation($rows: [SampleInput]) { save(Sample: $rows) { status message } }';
    const [rawSave, save] = (await measureAll([
      async (run) => {
        const input = writeRows(`R${run}-`);
        for (let i = 0; i < input.length; i += CHUNK) await post(root, 'synthetic/graphql', mutation, { rows: input.slice(i, i + CHUNK) }, token);
        return `${input.length} rows in ${Math.ceil(WRITE_ROWS / CHUNK)} mutations`;
      },
      async (run) => {
        const result = await writer
          .schema('synthetic')
          .table('Sample')
          .save(writeRows(`C${run}-`), { chunkSize: CHUNK });
        if (result.count !== WRITE_ROWS || result.chunks !== Math.ceil(WRITE_ROWS / CHUNK)) throw new Error(`save: ${JSON.stringify(result)}`);
        return `${result.count} rows in ${result.chunks} mutations`;
      },
    ])) as [Measured, Measured];
    rows.push({ label: `raw fetch loop, save ${WRITE_ROWS} rows (baseline)`, m: rawSave, goal: '—' });
    rows.push({
      label: `@bio/molgenis/emx2 save, ${WRITE_ROWS} rows, chunkSize ${CHUNK}`,
      m: save,
      baseline: rawSave.seconds,
      goal: `requests = ${Math.ceil(WRITE_ROWS / CHUNK)}: ${save.requests === Math.ceil(WRITE_ROWS / CHUNK) ? 'met' : 'NOT met'}; ≤ ${GOAL}× raw: ${save.seconds / rawSave.seconds <= GOAL ? 'met' : 'NOT met'}`,
    });
  } finally {
    await server.stop();
  }
  console.log(
    `${LATENCY_MS} ms latency per request; median of ${RUNS} interleaved runs, simulator in a worker thread; ${ROWS} rows read, ${WRITE_ROWS} saved. ${
      pythonTimes === undefined
        ? `No Python stand-in (${pythonNote ? 'see above' : 'not run'}): the "Python get model" row is what its get() requests, parsed by our CSV reader.`
        : `Python stand-in (${pythonTimes.python}, bench/python/pyclient_get.py — replays the pyclient's requests and parse, it is not the pyclient package): one process per round (${PY_WARMUP} warm-up run on the 10-row Site table, then the timed warm and cold runs, timed in Python), median of ${PY_ROUNDS} rounds interleaved with our typed read (second group); ${pythonTimes.shape}.`
    }\n`,
  );
  console.log('| run | requests | median (s) | fastest (s) | median / baseline | goal | result |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.label} | ${r.m.requests} | ${r.m.seconds.toFixed(3)} | ${r.m.fastest.toFixed(3)} | ${r.baseline === undefined ? '—' : (r.m.seconds / r.baseline).toFixed(2)} | ${r.goal} | ${r.m.note} |`,
    );
  }
  console.log(`\nProcess max RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB.`);
}

await run();
