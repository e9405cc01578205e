// The one piece of a MyGene.info v3 server the mygene suite cannot get from `@bio/mygene/testing`:
// `POST /v3/query` for 100,000 terms against ~105,000 genes. The simulator (the repository's model
// of MyGene, used everywhere else) answers a batch by scanning every gene for every term: 1000 terms
// against 20,000 seeded genes took 8.9 s per request here, so the suite's 100 batches against
// ~105,000 genes would take over an hour and measure the simulator instead of the client's 200 ms
// latency. This replica answers from a hash of the term instead (node:http, no dependencies).
// - POST /v3/query with a JSON or form body; more than 1000 terms → 400 with the real server's body
//   ({"code":400,"success":false,"error":"Bad Request","keyword":"q","max":1000,"size":N}).
// - Deterministic answers: ~1% of terms are misses ({query, notfound:true}), ~5% match two genes
//   (human + rat, like tp53), the rest one gene. Hits are grouped by term in input order.
// - A configurable latency is added to every response; the replica counts requests and the peak
//   number in flight.
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Options of {@link startMyGeneReplica}. */
export interface MyGeneReplicaOptions {
  /** Added to every response, ms. Default 0. */
  latencyMs?: number;
  /** Port to listen on. Default: a free one. */
  port?: number;
  /** Largest list accepted in one POST. Default 1000 (the real server's). */
  maxList?: number;
}

/** A running replica. */
export interface MyGeneReplica {
  /** Base URL, e.g. `http://127.0.0.1:41234/v3`. */
  url: string;
  stats: { requests: number; peakInFlight: number; rejected: number };
  close(): Promise<void>;
}

/** FNV-1a, so answers depend only on the term. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** What the replica answers for one term: `[]` for a miss, else one or two hits. */
export function replicaHits(term: string): Record<string, unknown>[] {
  const h = hash(term);
  const bucket = h % 100;
  if (bucket === 0) return [];
  const id = String(100_000 + (h % 9_000_000));
  const human = { _id: id, _score: 20 + (h % 1000) / 100, entrezgene: id, name: `gene ${term}`, symbol: term.toUpperCase(), taxid: 9606 };
  if (bucket <= 5) {
    const ratId = String(200_000_000 + (h % 9_000_000));
    return [human, { _id: ratId, _score: 15 + (h % 500) / 100, entrezgene: ratId, name: `gene ${term}`, symbol: term, taxid: 10116 }];
  }
  return [human];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
      .filter((s) => s !== '');
  return [];
}

function send(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Start the replica on 127.0.0.1.
 *
 * @example
 * ```ts
 * const replica = await startMyGeneReplica({ latencyMs: 200 });
 * const mg = new MyGene({ baseUrl: replica.url });
 * await replica.close();
 * ```
 */
export async function startMyGeneReplica(options: MyGeneReplicaOptions = {}): Promise<MyGeneReplica> {
  const latency = options.latencyMs ?? 0;
  const maxList = options.maxList ?? 1000;
  const stats = { requests: 0, peakInFlight: 0, rejected: 0 };
  let inFlight = 0;
  const fragments = new Map<string, string>();

  const server = createServer(async (req, res) => {
    const counted = req.url !== '/__stats';
    if (counted) stats.requests++;
    inFlight++;
    stats.peakInFlight = Math.max(stats.peakInFlight, inFlight);
    try {
      const raw = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://replica');
      const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
      if (route === 'GET /__stats') return send(res, 200, stats);
      if (route !== 'POST /v3/query') {
        return send(res, 404, { code: 404, success: false, error: 'Not Found.' });
      }
      let body: Record<string, unknown>;
      try {
        body = (req.headers['content-type'] ?? '').startsWith('application/json')
          ? (JSON.parse(raw) as Record<string, unknown>)
          : Object.fromEntries(new URLSearchParams(raw));
      } catch {
        return send(res, 400, { code: 400, success: false, error: 'Invalid JSON body.' });
      }
      if (latency > 0) await new Promise((r) => setTimeout(r, latency));
      const list = parseList(body.q);
      if (list.length > maxList) {
        stats.rejected++;
        return send(res, 400, { code: 400, success: false, error: 'Bad Request', keyword: 'q', max: maxList, size: list.length });
      }
      const parts: string[] = [];
      for (const term of list) {
        // The JSON of each term's entries is computed once and reused, so the replica's own CPU
        // time stays far below the latency it simulates.
        let part = fragments.get(term);
        if (part === undefined) {
          const hits = replicaHits(term);
          const entries = hits.length === 0 ? [{ query: term, notfound: true }] : hits.map((hit) => ({ query: term, ...hit }));
          part = JSON.stringify(entries).slice(1, -1);
          fragments.set(term, part);
        }
        parts.push(part);
      }
      sendText(res, 200, `[${parts.join(',')}]`);
    } catch (e) {
      send(res, 500, { code: 500, success: false, error: e instanceof Error ? e.message : String(e) });
    } finally {
      inFlight--;
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v3`,
    stats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/**
 * Start the replica in a child process, so its CPU and memory stay out of the measured process
 * (a real server is elsewhere too). `stats()` fetches the counters over HTTP.
 *
 * @example
 * ```ts
 * const replica = await spawnMyGeneReplica({ latencyMs: 200 });
 * console.log(await replica.stats());
 * await replica.close();
 * ```
 */
export async function spawnMyGeneReplica(
  options: MyGeneReplicaOptions = {},
): Promise<{ url: string; stats(): Promise<MyGeneReplica['stats']>; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`replica exited with code ${code}`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
  });
  return {
    url,
    stats: async () => (await (await fetch(`${new URL(url).origin}/__stats`)).json()) as MyGeneReplica['stats'],
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// Run as a script (by spawnMyGeneReplica): start, print {"url":…} and serve until killed.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const replica = await startMyGeneReplica(JSON.parse(process.argv[2] ?? '{}') as MyGeneReplicaOptions);
  process.stdout.write(`${JSON.stringify({ url: replica.url })}\n`);
  process.once('SIGTERM', () => void replica.close().then(() => process.exit(0)));
}
