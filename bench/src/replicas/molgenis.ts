// A loopback MOLGENIS replica for benchmarks: the classic REST endpoints a bulk client uses
// (v1 entity metadata, v2 collection read with nextHref, v2 batch create), an in-memory table
// per entity, a fixed latency per request, request counters, and the server's limits:
// at most 1000 entities per write, at most 10,000 rows per read.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Requests seen by the replica, by kind. */
export interface ReplicaCounts {
  total: number;
  meta: number;
  reads: number;
  writes: number;
  /** Requests refused for breaking a server limit (> 1000 entities, num > 10,000). */
  refused: number;
}

/** A running replica. */
export interface MolgenisReplica {
  /** Root URL, e.g. `http://127.0.0.1:43210/`. */
  url: string;
  counts: ReplicaCounts;
  /** Rows stored for an entity. */
  size(entity: string): number;
  resetCounts(): void;
  close(): Promise<void>;
}

const JSON_CT = 'application/json;charset=UTF-8';
const MAX_WRITE = 1000;
const MAX_READ = 10_000;

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': JSON_CT, 'content-length': Buffer.byteLength(text).toString(), ...headers }).end(text);
}

function errors(res: ServerResponse, status: number, message: string): void {
  send(res, status, { errors: [{ message }] });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Start the replica on a random loopback port.
 *
 * @example
 * ```ts
 * const replica = await startMolgenisReplica({ latencyMs: 50 });
 * // … new Molgenis({ baseUrl: replica.url }) …
 * await replica.close();
 * ```
 */
export async function startMolgenisReplica(o: { latencyMs?: number } = {}): Promise<MolgenisReplica> {
  const latency = o.latencyMs ?? 50;
  const tables = new Map<string, { rows: Map<string, Record<string, unknown>>; sorted?: string[] | undefined }>();
  const counts: ReplicaCounts = { total: 0, meta: 0, reads: 0, writes: 0, refused: 0 };
  const table = (entity: string) => {
    let t = tables.get(entity);
    if (!t) {
      t = { rows: new Map() };
      tables.set(entity, t);
    }
    return t;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://replica');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const body = req.method === 'POST' || req.method === 'PUT' || req.method === 'DELETE' ? await readBody(req) : '';
    counts.total++;
    await new Promise((resolve) => setTimeout(resolve, latency));
    const [api, version, entity, extra] = parts;
    if (api !== 'api' || entity === undefined) return errors(res, 404, `No handler for ${req.method} ${url.pathname}`);

    if (version === 'v1' && extra === 'meta' && req.method === 'GET') {
      counts.meta++;
      return send(res, 200, {
        href: `/api/v1/${entity}/meta`,
        hrefCollection: `/api/v1/${entity}`,
        name: entity,
        label: entity,
        attributes: {
          id: { href: `/api/v1/${entity}/meta/id`, fieldType: 'STRING', name: 'id', label: 'id', unique: true, nillable: false },
          type: { href: `/api/v1/${entity}/meta/type`, fieldType: 'STRING', name: 'type', label: 'type' },
          year: { href: `/api/v1/${entity}/meta/year`, fieldType: 'INT', name: 'year', label: 'year' },
        },
        labelAttribute: 'type',
        idAttribute: 'id',
        lookupAttributes: ['id'],
        isAbstract: false,
        writable: true,
        languageCode: 'en',
      });
    }

    if (version === 'v2' && extra === undefined && req.method === 'POST') {
      counts.writes++;
      let entities: unknown;
      try {
        entities = (JSON.parse(body) as { entities?: unknown }).entities;
      } catch {
        return errors(res, 400, 'Malformed JSON');
      }
      if (!Array.isArray(entities) || entities.length === 0) {
        counts.refused++;
        return errors(res, 400, 'Please provide at least one entity in the entities property.');
      }
      if (entities.length > MAX_WRITE) {
        counts.refused++;
        return errors(res, 400, 'Number of entities cannot be more than 1000.');
      }
      const t = table(entity);
      const ids: string[] = [];
      for (const row of entities as Record<string, unknown>[]) {
        const id = String(row.id);
        if (t.rows.has(id) || ids.includes(id)) return errors(res, 400, `Duplicate value '${id}' for unique attribute 'id' from entity '${entity}'.`);
        ids.push(id);
      }
      for (const row of entities as Record<string, unknown>[]) t.rows.set(String(row.id), row);
      t.sorted = undefined;
      return send(res, 201, {
        location: `/api/v2/${entity}?q=id=in=(${ids.map((id) => `"${id}"`).join(',')})`,
        resources: ids.map((id) => ({ href: `/api/v2/${entity}/${encodeURIComponent(id)}` })),
      });
    }

    if (version === 'v2' && extra === undefined && req.method === 'GET') {
      counts.reads++;
      const start = Number(url.searchParams.get('start') ?? '0');
      const num = Number(url.searchParams.get('num') ?? '100');
      if (!Number.isInteger(num) || num < 0 || num > MAX_READ) {
        counts.refused++;
        return errors(res, 400, `Invalid value [${url.searchParams.get('num')}] for parameter [num]: must be less than or equal to 10000`);
      }
      const t = table(entity);
      const sort = url.searchParams.get('sort');
      let keys: string[];
      if (sort === 'id:asc' || sort === 'id') {
        t.sorted ??= [...t.rows.keys()].sort();
        keys = t.sorted;
      } else {
        keys = [...t.rows.keys()];
      }
      const total = keys.length;
      const items = keys.slice(start, start + num).map((id) => ({ _href: `/api/v2/${entity}/${encodeURIComponent(id)}`, ...t.rows.get(id) }));
      // As RestControllerV2: href is the collection path, nextHref the full request URL with start replaced.
      const page: Record<string, unknown> = { href: `/api/v2/${entity}`, start, num, total };
      const next = new URLSearchParams(url.searchParams);
      if (start + num < total) {
        next.set('start', String(start + num));
        page.nextHref = `http://${req.headers.host}/api/v2/${entity}?${next.toString()}`;
      }
      page.items = items;
      return send(res, 200, page);
    }
    return errors(res, 404, `No handler for ${req.method} ${url.pathname}`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) errors(res, 500, String(error));
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    counts,
    size: (entity) => tables.get(entity)?.rows.size ?? 0,
    resetCounts() {
      Object.assign(counts, { total: 0, meta: 0, reads: 0, writes: 0, refused: 0 });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
