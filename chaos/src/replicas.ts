// Small in-memory replicas for the data-loss proofs: they count what they store, answer
// deterministically and fail on command. Loopback `node:http` only, no delays.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handler(req, res).catch(() => req.socket.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// MOLGENIS: POST /api/v2/<entity> {"entities":[…]} → 201 with one href per row (≤ 1000 rows).

/** A MOLGENIS replica that counts every row it stores. */
export interface MolgenisReplica {
  url: string;
  /** How many times each id was written (a row written twice is a duplicate). */
  writes: Map<string, number>;
  /** Batch POSTs received (1-based numbers, failed ones included). */
  posts: number;
  /** Refuse the batch POSTs with these numbers (1-based) with a 500, before storing anything. */
  failPosts: Set<number>;
  /** Store the rows of these batch POSTs (1-based), then cut the connection before answering. */
  resetAfterCommit: Set<number>;
  close(): Promise<void>;
}

/**
 * Start a MOLGENIS replica on a free loopback port.
 *
 * @example
 * ```ts
 * const replica = await startMolgenisReplica(); replica.failPosts.add(7);
 * ```
 */
export async function startMolgenisReplica(): Promise<MolgenisReplica> {
  const replica: Omit<MolgenisReplica, 'url' | 'close'> = { writes: new Map(), posts: 0, failPosts: new Set(), resetAfterCommit: new Set() };
  const http = await listen(async (req, res) => {
    const m = /^\/api\/v2\/([A-Za-z0-9_]+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) return sendJson(res, 404, { errors: [{ message: `Unknown entity [${req.url}]` }] });
    const body = JSON.parse(await readBody(req)) as { entities: { id: string }[] };
    replica.posts++;
    if (replica.failPosts.has(replica.posts)) return sendJson(res, 500, { errors: [{ message: 'Transaction rolled back: disk full' }] });
    if (body.entities.length > 1000) return sendJson(res, 400, { errors: [{ message: 'Number of entities cannot be more than 1000.' }] });
    for (const row of body.entities) replica.writes.set(row.id, (replica.writes.get(row.id) ?? 0) + 1);
    if (replica.resetAfterCommit.has(replica.posts)) {
      req.socket.destroy();
      return;
    }
    sendJson(res, 201, {
      location: `/api/v2/${m[1]}?q=id=in=(${body.entities.map((r) => `"${r.id}"`).join(',')})`,
      resources: body.entities.map((r) => ({ href: `/api/v2/${m[1]}/${r.id}` })),
    });
  });
  return Object.assign(replica, { url: `${http.url}/`, close: http.close });
}

// ---------------------------------------------------------------------------------------------
// MyGene: POST /v3/query {"q":[…], "scopes":[…]} → one or two hits or a notfound entry per term.

/** Deterministic answer entries for one term. */
export function myGeneEntries(term: string): Record<string, unknown>[] {
  const h = createHash('sha1').update(term).digest();
  const kind = (h[0] ?? 0) % 5;
  if (kind === 0) return [{ query: term, notfound: true }];
  const id = String(((h[1] ?? 0) << 16) | ((h[2] ?? 0) << 8) | (h[3] ?? 0));
  const first = { query: term, _id: id, _score: 10 + ((h[4] ?? 0) % 90) / 7, symbol: term.toUpperCase(), taxid: 9606 };
  if (kind === 1) return [first, { query: term, _id: `${id}1`, _score: 3.5, symbol: term, taxid: 10116 }];
  return [first];
}

/** A MyGene replica; some batches get 503 (with `Retry-After: 0`) before they succeed. */
export interface MyGeneReplica {
  url: string;
  /** POSTs received, failed ones included. */
  posts: number;
  /** Batches answered with a 503 first. */
  failedOnce: number;
  /** Terms per successful batch POST (server-side count: a term split in two would show). */
  termsSeen: string[][];
  /** Decide which batches (by their first term) get a 503 the first time. */
  failFirst: (firstTerm: string) => boolean;
  close(): Promise<void>;
}

/**
 * Start a MyGene replica answering `POST /v3/query`.
 *
 * @example
 * ```ts
 * const replica = await startMyGeneReplica();
 * const mg = new MyGene({ baseUrl: `${replica.url}/v3` });
 * ```
 */
export async function startMyGeneReplica(): Promise<MyGeneReplica> {
  const failedBefore = new Set<string>();
  const replica: Omit<MyGeneReplica, 'url' | 'close'> = { posts: 0, failedOnce: 0, termsSeen: [], failFirst: () => false };
  const http = await listen(async (req, res) => {
    if (req.method !== 'POST' || !(req.url ?? '').startsWith('/v3/query')) return sendJson(res, 404, { success: false, error: 'Not found' });
    const raw = await readBody(req);
    replica.posts++;
    let terms: string[];
    if ((req.headers['content-type'] ?? '').includes('json')) {
      const body = JSON.parse(raw) as { q: string[] | string };
      terms = Array.isArray(body.q) ? body.q : body.q.split(',');
    } else {
      terms = (new URLSearchParams(raw).get('q') ?? '').split(',');
    }
    const first = terms[0] ?? '';
    if (replica.failFirst(first) && !failedBefore.has(first)) {
      failedBefore.add(first);
      replica.failedOnce++;
      res.writeHead(503, { 'content-type': 'text/html', 'retry-after': '0' });
      res.end('<html><head><title>503 Service Temporarily Unavailable</title></head><body>nginx</body></html>');
      return;
    }
    replica.termsSeen.push(terms);
    sendJson(res, 200, terms.flatMap(myGeneEntries));
  });
  return Object.assign(replica, { url: http.url, close: http.close });
}

// ---------------------------------------------------------------------------------------------
// InterMine: GET …/model (from a fixture) and POST …/query/results streaming rows.

/** How the results stream ends. */
export type StreamEnding = 'success' | 'trailer-failure' | 'reset';

/** An InterMine replica streaming `rows` result rows, then ending as told. */
export interface InterMineReplica {
  /** The service root (`…/service`). */
  baseUrl: string;
  ending: StreamEnding;
  rows: number;
  /** Rows written to the socket in the last response. */
  rowsSent: number;
  /** The form body of the last results request (`query=<xml>&format=json…`). */
  lastForm: URLSearchParams | undefined;
  close(): Promise<void>;
}

/** The row with index `i`, as InterMine's `format=json` writes it. */
export function interMineRow(i: number): [string, string, number] {
  return [`gene${i}`, `FBgn${String(i).padStart(7, '0')}`, 1000 + (i % 5000)];
}

/**
 * Start an InterMine replica serving `model` (the model JSON body) and a results stream.
 *
 * @example
 * ```ts
 * const replica = await startInterMineReplica({ model, rows: 500_000, ending: 'reset' });
 * ```
 */
export async function startInterMineReplica(o: { model: unknown; rows: number; ending: StreamEnding }): Promise<InterMineReplica> {
  const replica: Omit<InterMineReplica, 'baseUrl' | 'close'> = { ending: o.ending, rows: o.rows, rowsSent: 0, lastForm: undefined };
  const http = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://replica');
    if (req.method === 'GET' && url.pathname === '/service/model') return sendJson(res, 200, o.model);
    if (req.method !== 'POST' || url.pathname !== '/service/query/results')
      return sendJson(res, 404, { wasSuccessful: false, error: 'no such resource', statusCode: 404 });
    replica.lastForm = new URLSearchParams(await readBody(req));
    replica.rowsSent = 0;
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
    res.write(
      '{"modelName":"genomic","columnHeaders":["Gene > Symbol","Gene > DB identifier","Gene > Length"],"rootClass":"Gene","start":0,"views":["Gene.symbol","Gene.primaryIdentifier","Gene.length"],"results":[\n',
    );
    const chunkRows = 2000;
    let i = 0;
    const writeMore = (): void => {
      while (i < replica.rows) {
        const end = Math.min(replica.rows, i + chunkRows);
        const parts: string[] = [];
        for (; i < end; i++) parts.push(`${i === 0 ? '' : ',\n'}${JSON.stringify(interMineRow(i))}`);
        replica.rowsSent = i;
        if (!res.write(parts.join(''))) {
          res.once('drain', writeMore);
          return;
        }
      }
      if (replica.ending === 'reset') {
        // Let the rows reach the client, then cut the connection: no trailer, no chunked terminator.
        setTimeout(() => req.socket.destroy(), 20);
        return;
      }
      const trailer =
        replica.ending === 'success'
          ? { executionTime: '2026.12.01 01:00::00', wasSuccessful: true, error: null, statusCode: 200 }
          : { executionTime: '2026.12.01 01:00::00', wasSuccessful: false, error: 'Service failed. Please contact support.', statusCode: 500 };
      res.end(`\n],${JSON.stringify(trailer).slice(1)}\n`);
    };
    writeMore();
  });
  return Object.assign(replica, { baseUrl: `${http.url}/service`, close: http.close });
}
