// A loopback replica of the IDR endpoints the benchmark uses, with a fixed latency per
// response: webgateway thumbnails (single JPEG and get_thumbnails data URIs) and the
// /api/v0 wells list (offset/limit, default limit 200, maxLimit 1000, meta.totalCount).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real 96×72 baseline JPEG (mid-grey), the size class of IDR's 96 px thumbnails' headers.
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/wAALCABIAGABAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/9k=',
  'base64',
);
const DATA_URI = `data:image/jpeg;base64,${JPEG.toString('base64')}`;
const OME = 'http://www.openmicroscopy.org/Schemas/OME/2016-06#';

export interface IdrReplicaOptions {
  /** Delay before every response, ms. Default 100. */
  latencyMs?: number;
  /** Wells of the benchmark plate. Default 10 000. */
  wells?: number;
  /** Plate id served by `/api/v0/m/wells/?plate=`. Default 8958. */
  plateId?: number;
}

export interface IdrReplica {
  url: string;
  /** Requests served so far. */
  requests(): number;
  /** Highest number of requests being handled at once. */
  peakConcurrency(): number;
  close(): Promise<void>;
}

function well(i: number, base: string): Record<string, unknown> {
  const id = 3_000_000 + i;
  return {
    '@id': id,
    '@type': `${OME}Well`,
    Row: Math.floor(i / 24),
    Column: i % 24,
    'omero:details': { '@type': 'TBD#Details', owner: { '@id': 2 }, group: { '@id': 3 } },
    ...(i % 3 === 2
      ? {}
      : {
          WellSamples: [
            {
              '@id': 9_000_000 + i,
              '@type': `${OME}WellSample`,
              Image: { '@id': 11_000_000 + i, '@type': `${OME}Image`, Name: `well ${i}`, 'url:image': `${base}/api/v0/m/images/${11_000_000 + i}/` },
            },
          ],
        }),
    'url:well': `${base}/api/v0/m/wells/${id}/`,
    'url:plates': `${base}/api/v0/m/wells/${id}/plates/`,
  };
}

/** Start the replica on a free loopback port. */
export async function startIdrReplica(options: IdrReplicaOptions = {}): Promise<IdrReplica> {
  const latency = options.latencyMs ?? 100;
  const total = options.wells ?? 10_000;
  const plate = String(options.plateId ?? 8958);
  let served = 0;
  let active = 0;
  let peak = 0;
  let base = '';

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer): void => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', base);
    const thumb = /^\/webgateway\/render_thumbnail\/(\d+)\/$/.exec(url.pathname);
    if (thumb) {
      send(res, 200, 'image/jpeg', JPEG);
      return;
    }
    if (url.pathname === '/webgateway/get_thumbnails/') {
      const ids = url.searchParams.getAll('id');
      if (ids.length > 50) {
        send(res, 500, 'text/plain', 'too many ids');
        return;
      }
      send(res, 200, 'application/json', JSON.stringify(Object.fromEntries(ids.map((id) => [id, DATA_URI]))));
      return;
    }
    if (url.pathname === '/api/v0/m/wells/' && url.searchParams.get('plate') === plate) {
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 200), 1000);
      const data = [];
      for (let i = offset; i < Math.min(offset + limit, total); i++) data.push(well(i, base));
      send(res, 200, 'application/json', JSON.stringify({ data, meta: { offset, limit, maxLimit: 1000, totalCount: total } }));
      return;
    }
    send(res, 404, 'text/html; charset=utf-8', '<!doctype html><html><head><title>Not Found</title></head><body><h1>Not Found</h1></body></html>');
  };

  const server = createServer((req, res) => {
    served++;
    active++;
    peak = Math.max(peak, active);
    res.on('close', () => {
      active--;
    });
    setTimeout(() => handle(req, res), latency);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests: () => served,
    peakConcurrency: () => peak,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
