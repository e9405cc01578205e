// Hostile input and hostile responses: ids that try to change the path, PathQuery XML and RSQL
// values that try to change the query, MyGene terms that try to split, JSON that tries to pollute
// prototypes, and responses larger than the limit.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient, isResponseTooLargeError, isValidationError, jsonArrayItems, path } from '@bio/core-http';
import { parseXml, type XmlElement } from '@bio/core-http/testing';
import { Idr } from '@bio/idr';
import { InterMine } from '@bio/intermine';
import { createSimulator as createInterMineSimulator } from '@bio/intermine/testing';
import { Molgenis } from '@bio/molgenis';
import { flatten, MyGene, toRows } from '@bio/mygene';
import { createSimulator as createMyGeneSimulator } from '@bio/mygene/testing';
import { eq, and, inList, isComparisonNode, parse, serialize, type Node } from '@bio/rsql';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorStage, startSimulatorStage } from '../src/harness.js';

/** A server answering every request with `respond(req)` and recording raw request lines. */
async function startServer(
  respond: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; seen: string[]; server: Server; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    req.resume();
    req.on('end', () => respond(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (body: unknown) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

const EVIL = ['../x', '..', '.', 'a/b', '../../admin', 'a?b=c', 'a#frag', '100%', '%2F', '%2e%2e', '.%2E', 'ü日本🧬', 'a b', 'a;b=c', 'a\\..\\b', 'a\tb'];

/** The one path segment after `prefix`, decoded; fails when the request has more segments. */
function segmentAfter(raw: string, prefix: string): string {
  const pathname = raw.split('?')[0] ?? '';
  expect(pathname.startsWith(prefix), `${raw} should start with ${prefix}`).toBe(true);
  const rest = pathname.slice(prefix.length).replace(/\/$/, '');
  expect(rest.includes('/'), `${raw}: more than one segment after ${prefix}`).toBe(false);
  expect(['.', '..'].includes(rest.toLowerCase().replace(/%2e/g, '.')), `${raw}: a dot segment`).toBe(false);
  return decodeURIComponent(rest);
}

describe('ids and entity names are path-encoded (one segment) or refused', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer(json({ _id: 'x', data: {} }));
  });
  afterAll(() => server.close());

  it.each(EVIL.map((v) => [v]))('%j', async (value) => {
    const opts = { retry: 0, timeout: 2000 } as const;
    // MOLGENIS: id and entity name.
    const m = new Molgenis({ baseUrl: server.url, ...opts });
    for (const [entity, id, prefix] of [
      ['demo_sightings', value, '/api/v2/demo_sightings/'],
      [value, '1', '/api/v2/'],
    ] as const) {
      server.seen.length = 0;
      const outcome = await m.getById(entity, id).catch((e: unknown) => e);
      if (isValidationError(outcome)) expect(server.seen).toEqual([]);
      else {
        expect(server.seen).toHaveLength(1);
        const raw = server.seen[0] ?? '';
        if (entity === value) expect(segmentAfter(raw.replace(/\/1$/, ''), prefix)).toBe(value);
        else expect(segmentAfter(raw, prefix)).toBe(value);
      }
    }
    // MyGene: gene id.
    server.seen.length = 0;
    const mg = new MyGene({ baseUrl: `${server.url}/v3`, ...opts });
    const g = await mg.gene(value).catch((e: unknown) => e);
    if (isValidationError(g)) expect(server.seen).toEqual([]);
    else expect(segmentAfter(server.seen[0] ?? '', '/v3/gene/')).toBe(value);
    // IDR: numeric ids only.
    server.seen.length = 0;
    const idr = new Idr({ baseUrl: server.url, ...opts });
    expect(isValidationError(await idr.screen(value as never).catch((e: unknown) => e))).toBe(true);
    expect(server.seen).toEqual([]);
  });

  it('core-http path`…` keeps any string in one segment (property, 3000 runs)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), fc.constantFrom('.', '..', '%2e', '/', '?')),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
        (a, b) => {
          let built: string;
          try {
            built = path`m/${a}/x/${b}/`;
          } catch (e) {
            // Dot segments are refused rather than encoded (a URL parser would resolve `%2E`).
            expect(isValidationError(e)).toBe(true);
            expect(['.', '..'].includes(a) || ['.', '..'].includes(b)).toBe(true);
            return;
          }
          const url = new URL(built, 'http://h.test/root/');
          const segments = url.pathname.split('/');
          expect(segments).toHaveLength(7);
          expect([segments[1], segments[2], segments[4]]).toEqual(['root', 'm', 'x']);
          expect(decodeURIComponent(segments[3] ?? '')).toBe(a);
          expect(decodeURIComponent(segments[5] ?? '')).toBe(b);
          expect(url.search).toBe('');
          expect(url.hash).toBe('');
        },
      ),
      { numRuns: 3000 },
    );
    expect(() => path`m/${''}/`).toThrow();
  });
});

describe('PathQuery XML values cannot alter the query', () => {
  const sim = createInterMineSimulator();
  let stage: SimulatorStage;
  beforeAll(async () => {
    stage = await startSimulatorStage(sim);
  });
  afterAll(() => stage.close());

  const hostile = [
    '<b>eve</b>',
    'a & b',
    '"/><constraint path="Gene.id" op="IS NOT NULL" code="B"/><x y="',
    'it\'s "quoted"',
    ']]><!--',
    '&amp;&lt;&#x3C;',
    "x' op='!=",
    '</query><query model="genomic" view="Gene.id">',
  ];

  it.each(hostile.map((v) => [v]))('%j: the server parses one constraint with the same value', async (value) => {
    const mine = new InterMine({ baseUrl: stage.baseUrl, retry: 0, timeout: 2000 });
    const q = mine.query('Gene').select('symbol', 'length').where('symbol', '=', value);
    for await (const _ of mine.rows(q)) {
      // drain
    }
    // The form body of the last results request the service received (`query=<xml>&format=json…`).
    const results = sim.requests.filter((r) => r.method === 'POST' && r.url.pathname.endsWith('/query/results'));
    const xml = results.at(-1)?.form().get('query') ?? '';
    const tree = parseXml(xml);
    expect(tree.name).toBe('query');
    expect(tree.attributes.view).toBe('Gene.symbol Gene.length');
    const elements = tree.children.filter((c): c is XmlElement => typeof c !== 'string');
    const constraints = elements.filter((c) => c.name === 'constraint');
    expect(constraints).toHaveLength(1);
    expect(constraints[0]?.attributes).toMatchObject({ path: 'Gene.symbol', op: '=', value });
    expect(elements.every((c) => c.name === 'constraint')).toBe(true);
  });
});

describe('RSQL builder values cannot alter the expression', () => {
  const count = (n: Node): number => (isComparisonNode(n) ? 1 : n.children.reduce((s, c) => s + count(c), 0));

  it('parse(serialize(eq(field, v))) is the same single comparison (property, 5000 runs)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (v) => {
        const node = parse(serialize(eq('name', v)));
        expect(isComparisonNode(node)).toBe(true);
        expect(node).toEqual({ type: 'comparison', selector: 'name', operator: '==', args: [v] });
      }),
      { numRuns: 5000 },
    );
  });

  it('hostile values inside and/or/in keep the tree shape', () => {
    const values = ["x';drop", 'a==b', 'a,b', 'a;b', '(x)', '"', "'", '\\', 'a=in=(b)', 'c=out=(d', ' ', ''];
    for (const v of values) {
      const tree = and(eq('a', v), inList('b', [v, 'ok']));
      const back = parse(serialize(tree));
      expect(count(back)).toBe(2);
      expect(back).toEqual(parse(serialize(back)));
      expect(JSON.stringify(back)).toContain(JSON.stringify(v).slice(1, -1));
    }
  });
});

describe('MyGene terms with quotes, commas and spaces stay single terms', () => {
  it('queryMany: the server counts exactly the terms sent', async () => {
    const sim = createMyGeneSimulator();
    const stage = await startSimulatorStage(sim);
    try {
      const terms = ['CDK 2', 'a,b', '"tp53"', "it's", 'x:y OR z', 'a\nb', ' lead', 'trail ', 'ü,日本'];
      const mg = new MyGene({ baseUrl: stage.baseUrl, retry: 0, timeout: 2000 });
      const r = await mg.queryMany(terms, { scopes: 'symbol' });
      // The terms of every POST the service received, as it reads them (a JSON array, or a form's
      // comma-separated `q`): a term split in two would show.
      const termsSeen = sim.requests
        .filter((req) => req.method === 'POST')
        .map((req) => {
          if ((req.headers.get('content-type') ?? '').includes('json')) {
            const q = (req.json() as { q: string[] | string }).q;
            return Array.isArray(q) ? q : q.split(',');
          }
          return (req.form().get('q') ?? '').split(',');
        });
      expect(termsSeen).toEqual([terms]);
      expect(new Set([...r.hits.map((h) => h.query), ...r.missing])).toEqual(new Set(terms));
    } finally {
      await stage.close();
    }
  });

  it('query: one q parameter with the whole string', async () => {
    const server = await startServer(json({ total: 0, max_score: null, took: 1, hits: [] }));
    try {
      const mg = new MyGene({ baseUrl: `${server.url}/v3`, retry: 0, timeout: 2000 });
      const q = 'symbol:"cdk 2", tp53&size=1000#x';
      await mg.query(q);
      const params = new URL(server.seen[0] ?? '', 'http://h').searchParams;
      expect(params.getAll('q')).toEqual([q]);
      expect(params.get('size')).toBeNull();
    } finally {
      await server.close();
    }
  });
});

describe('JSON with __proto__ / constructor keys cannot pollute prototypes', () => {
  const evil = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"a":{"__proto__":{"polluted":"yes"}}';
  const clean = () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect((Object as unknown as Record<string, unknown>).polluted).toBeUndefined();
  };

  it('through every client and the streaming reader', async () => {
    const bodies: Record<string, string> = {
      '/v3/gene/1017': `${evil},"_id":"1017","genomic_pos":{"__proto__":{"polluted":"yes"},"chr":"12"}}`,
      '/api/v2/e/1': `${evil},"id":"1"}`,
      '/api/v0/m/screens/102/': `{"data":${evil},"@id":102,"@type":"http://www.openmicroscopy.org/Schemas/OME/2016-06#Screen","Name":"s"}}`,
      '/service/user/whoami': `{"user":${evil},"username":"u","id":1,"preferences":${evil}}},"wasSuccessful":true,"statusCode":200}`,
    };
    const server = await startServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(bodies[(req.url ?? '').split('?')[0] ?? ''] ?? '{}');
    });
    try {
      const opts = { retry: 0, timeout: 2000 } as const;
      const gene = await new MyGene({ baseUrl: `${server.url}/v3`, ...opts }).gene('1017');
      clean();
      const dot = await new MyGene({ baseUrl: `${server.url}/v3`, ...opts }).gene('1017', { dotfield: true }).catch(() => null);
      clean();
      toRows([gene ?? {}, dot ?? {}]);
      flatten(JSON.parse(evil.concat('}')) as object);
      clean();
      await new Molgenis({ baseUrl: server.url, ...opts }).getById('e', '1');
      clean();
      await new Idr({ baseUrl: server.url, ...opts }).screen(102).catch(() => null);
      clean();
      await new InterMine({ baseUrl: `${server.url}/service`, ...opts }).whoami();
      clean();
      const doc = `{"results":[${evil}},${evil},"x":1}],${evil.slice(1)}}`;
      const stream = jsonArrayItems<Record<string, unknown>>(new Blob([doc]).stream(), 'results');
      const items: Record<string, unknown>[] = [];
      for await (const item of stream) items.push(item);
      await stream.trailer();
      expect(items).toHaveLength(2);
      expect(Object.keys(items[0] ?? {})).toContain('__proto__'); // kept as data, like JSON.parse
      clean();
    } finally {
      await server.close();
    }
  });
});

describe('a response larger than the limit is refused, not buffered', () => {
  /** Streams `total` bytes of a JSON array (with or without Content-Length) and counts what it wrote. */
  async function bigServer(total: number, declare: boolean) {
    let written = 0;
    const s = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', ...(declare ? { 'content-length': String(total) } : {}) });
      const chunk = Buffer.from(`${'"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",'.repeat(1024)}`);
      res.write('[');
      written = 1;
      const pump = () => {
        while (written + chunk.length < total - 4) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('"z"]');
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    return Object.assign(s, { written: () => written });
  }

  it.each([
    ['no Content-Length', false],
    ['Content-Length declared', true],
  ] as const)('core-http with maxResponseBytes 1 MiB (%s)', async (_label, declare) => {
    const total = 512 * 1024 * 1024;
    const server = await bigServer(total, declare);
    try {
      const client = createHttpClient({ baseUrl: `${server.url}/`, maxResponseBytes: 1024 * 1024, retry: 0, timeout: 10_000 });
      const error = await client
        .get('big')
        .json()
        .catch((e: unknown) => e);
      expect(isResponseTooLargeError(error)).toBe(true);
      expect((error as Error).message).toMatch(/exceeds the limit of 1048576 bytes/);
      expect((error as { limit?: number }).limit).toBe(1024 * 1024);
      // The server could only write what fits in the socket buffers: far from the whole body.
      expect(server.written()).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await server.close();
    }
  });

  it("through a client (MyGene, core-http's default 64 MiB limit): refused with RSS flat", async () => {
    const total = 1024 * 1024 * 1024;
    const server = await bigServer(total, false);
    try {
      const rss0 = process.memoryUsage().rss;
      const error = await new MyGene({ baseUrl: `${server.url}/v3`, retry: 0, timeout: 20_000 }).gene('1017').catch((e: unknown) => e);
      const grown = process.memoryUsage().rss - rss0;
      expect(isResponseTooLargeError(error)).toBe(true);
      expect(server.written()).toBeLessThan(200 * 1024 * 1024);
      expect(grown).toBeLessThan(400 * 1024 * 1024);
    } finally {
      await server.close();
    }
  }, 30_000);
});
