// A loopback InterMine replica for benchmarks: serves a tiny model and streams an N-row,
// 5-column `/query/results` body in the real line layout (header ending in `"results":[`,
// one row per line with a trailing comma, then the trailer on a line starting with `]`).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The five columns every replica row has. */
export const VIEWS = ['Gene.primaryIdentifier', 'Gene.symbol', 'Gene.name', 'Gene.length', 'Gene.score'];

const S = 'java.lang.String';
const MODEL = {
  model: {
    name: 'genomic',
    package: 'org.intermine.model.bio',
    classes: {
      Gene: {
        name: 'Gene',
        displayName: 'Gene',
        extends: [],
        attributes: {
          id: { name: 'id', type: 'java.lang.Integer' },
          primaryIdentifier: { name: 'primaryIdentifier', type: S },
          symbol: { name: 'symbol', type: S },
          name: { name: 'name', type: S },
          length: { name: 'length', type: 'java.lang.Integer' },
          score: { name: 'score', type: 'java.lang.Double' },
        },
        references: {},
        collections: {},
      },
    },
  },
  executionTime: '2026.12.01 00:00::00',
  wasSuccessful: true,
  error: null,
  statusCode: 200,
};

/** Row `i` as JSON text (about 60 bytes). */
export function rowJson(i: number): string {
  return `["FBgn${String(i).padStart(7, '0')}","sym${i}","synthetic gene ${i}",${1000 + (i % 9000)},${((i % 1000) / 1000).toFixed(3)}]`;
}

function header(start: number): string {
  return `{"modelName":"genomic","columnHeaders":["Gene > DB identifier","Gene > Symbol","Gene > Name","Gene > Length","Gene > Score"],"rootClass":"Gene","start":${start},"views":${JSON.stringify(VIEWS)},"results":[\n`;
}
const TRAILER = '],"executionTime":"2026.12.01 00:00::00","wasSuccessful":true,"error":null,"statusCode":200}\n';

async function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function streamRows(res: ServerResponse, start: number, count: number): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', 'content-disposition': 'attachment; filename="result.json"' });
  res.write(header(start));
  const BATCH = 2000;
  for (let i = start; i < start + count; i += BATCH) {
    const end = Math.min(start + count, i + BATCH);
    let chunk = '';
    for (let j = i; j < end; j++) chunk += j === start + count - 1 ? `${rowJson(j)}\n` : `${rowJson(j)},\n`;
    if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
  }
  res.end(TRAILER);
}

/** Start the replica; `rows` is the total result size (`start`/`size` page through it). */
export async function startInterMineReplica(options: { rows: number; port?: number }): Promise<{ url: string; root: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/replica/service/model') {
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(JSON.stringify(MODEL));
      return;
    }
    if (req.method === 'POST' && url.pathname === '/replica/service/query/results') {
      readBody(req)
        .then((form) => {
          const start = Number(form.get('start') ?? 0);
          const size = form.has('size') ? Number(form.get('size')) : Number.POSITIVE_INFINITY;
          const count = Math.max(0, Math.min(options.rows - start, size));
          return streamRows(res, start, count);
        })
        .catch((error: unknown) => {
          res.destroy(error as Error);
        });
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json;charset=UTF-8' });
    res.end(JSON.stringify({ wasSuccessful: false, error: `no replica route for ${req.method} ${url.pathname}`, statusCode: 404 }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    root: `${url}/replica`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
