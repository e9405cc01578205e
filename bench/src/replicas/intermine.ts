// The one piece of an InterMine server the intermine suite cannot get from `@bio/intermine/testing`:
// a tiny model and an N-row, 5-column `/query/results` body (100k and 1M rows) *streamed* in the
// real line layout (header ending in `"results":[`, one row per line with a trailing comma, then
// the trailer on a line starting with `]`). The simulator (the repository's model of InterMine,
// used everywhere else) cannot serve this: its seed checks each gene against every gene before it
// (10,000 genes took 23 s here, so 100,000 would take ~40 min and 1,000,000 days), and it builds
// an answer as one string that `listen()` buffers before sending the head, so the suite would time
// the server building 60 MB instead of the client parsing a stream.
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

/** Every row as `row,\n`, built once (the replica must not be the bottleneck), with row offsets. */
function buildRows(rows: number): { bytes: Buffer; offsets: Float64Array } {
  const parts: Buffer[] = [];
  const offsets = new Float64Array(rows + 1);
  let offset = 0;
  const BLOCK = 10_000;
  for (let i = 0; i < rows; i += BLOCK) {
    let text = '';
    for (let j = i; j < Math.min(rows, i + BLOCK); j++) {
      const line = `${rowJson(j)},\n`;
      offsets[j] = offset;
      offset += Buffer.byteLength(line);
      text += line;
    }
    parts.push(Buffer.from(text, 'utf8'));
  }
  offsets[rows] = offset;
  return { bytes: Buffer.concat(parts), offsets };
}

async function streamRows(res: ServerResponse, rows: { bytes: Buffer; offsets: Float64Array }, start: number, count: number): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', 'content-disposition': 'attachment; filename="result.json"' });
  res.write(header(start));
  // The last row has no trailing comma: stop before its ",\n" and end the line.
  const from = rows.offsets[start] ?? 0;
  const to = count === 0 ? from : (rows.offsets[start + count] ?? from) - 2;
  const SLICE = 256 * 1024;
  for (let at = from; at < to; at += SLICE) {
    if (!res.write(rows.bytes.subarray(at, Math.min(to, at + SLICE)))) await new Promise<void>((resolve) => res.once('drain', resolve));
  }
  res.end(count === 0 ? TRAILER : `\n${TRAILER}`);
}

/** Start the replica; `rows` is the total result size (`start`/`size` page through it). */
export async function startInterMineReplica(options: { rows: number; port?: number }): Promise<{ url: string; root: string; close(): Promise<void> }> {
  const rows = buildRows(options.rows);
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
          return streamRows(res, rows, start, count);
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
