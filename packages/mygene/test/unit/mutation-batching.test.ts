// Issue 21 §3 (mutation testing of src/internal/batching.ts): how a batch answer is split back
// per term (numeric echoes, wrapped and malformed answers, echoes we did not send), the cache,
// the pause between batches and the progress total. Each of these, done wrong, loses or misfiles
// hits without an error.
import { isBadRequestError, isResponseFormatError } from '@bio/core-http';
import { MyGene, memoryCache } from '@bio/mygene';
import { describe, expect, it } from 'vitest';

type Answer = (terms: string[], call: number) => unknown;

interface Sent {
  url: string;
  terms: string[];
  body: Record<string, unknown>;
  started: number;
  ended: number;
}

/** A fake fetch: `answer` gets the terms of each POST (`ids` or `q`) and returns the JSON body. */
function fakeServer(answer: Answer): { fetch: typeof globalThis.fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = (await request.json()) as Record<string, unknown>;
    const terms = (body.ids ?? body.q) as string[];
    const record: Sent = { url: request.url, terms, body, started: Date.now(), ended: 0 };
    sent.push(record);
    const json = answer(terms, sent.length - 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    record.ended = Date.now();
    return new Response(JSON.stringify(json), { headers: { 'content-type': 'application/json' } });
  };
  return { fetch, sent };
}

const echo = (terms: string[]) => terms.map((t) => ({ query: t, _id: `id-${t}` }));

async function rejection(promise: Promise<unknown>): Promise<{ errors: { error: unknown; items: unknown[] }[] }> {
  try {
    await promise;
  } catch (error) {
    return error as { errors: { error: unknown; items: unknown[] }[] };
  }
  throw new Error('expected a rejection');
}

describe('splitting a batch answer per term', () => {
  it('files a numeric query echo under the id that was sent', async () => {
    const { fetch } = fakeServer((ids) => ids.map((id) => ({ query: Number(id), _id: id, entrezgene: Number(id) })));
    const mg = new MyGene({ fetch, retry: 0 });
    const r = await mg.genes(['1017', '695']);
    expect(r.hits.map((h) => h._id)).toEqual(['1017', '695']);
    expect(r.missing).toEqual([]);
  });

  it('reads an answer wrapped in { hits: [...] } like a bare array', async () => {
    const { fetch } = fakeServer((q) => ({ total: q.length, hits: echo(q) }));
    const r = await new MyGene({ fetch, retry: 0 }).queryMany(['cdk2', 'tp53'], { scopes: 'symbol' });
    expect(r.hits.map((h) => h._id)).toEqual(['id-cdk2', 'id-tp53']);
    expect(r.missing).toEqual([]);
  });

  it('keeps an echo the client did not send with the term before it', async () => {
    const { fetch } = fakeServer(() => [
      { query: 'tp53', _id: '7157' },
      { query: 'TP53 (normalised)', _id: '22059' },
      { query: 'cdk2', _id: '1017' },
    ]);
    const r = await new MyGene({ fetch, retry: 0 }).queryMany(['tp53', 'cdk2'], { scopes: 'symbol' });
    expect(r.byQuery.get('tp53')?.map((h) => h._id)).toEqual(['7157', '22059']);
    expect(r.byQuery.get('cdk2')?.map((h) => h._id)).toEqual(['1017']);
    expect(r.missing).toEqual([]);
  });

  it('an unknown echo with no term before it fails the batch instead of being dropped', async () => {
    const { fetch } = fakeServer(() => [
      { query: 'TP53 (normalised)', _id: '22059' },
      { query: 'cdk2', _id: '1017' },
    ]);
    const e = await rejection(new MyGene({ fetch, retry: 0 }).queryMany(['tp53', 'cdk2'], { scopes: 'symbol' }));
    const cause = e.errors[0]?.error as Error;
    expect(isResponseFormatError(cause)).toBe(true);
    expect(cause.message).toContain('item 0');
    expect(cause.message).toContain('TP53 (normalised)');
    expect(e.errors[0]?.items).toEqual(['tp53', 'cdk2']);
  });

  it('a failed batch is reported in the BatchError while the other batches are processed', async () => {
    const { fetch } = fakeServer((ids, call) => (call === 1 ? { success: false, code: 400, error: 'Bad Request' } : echo(ids)));
    const e = (await rejection(new MyGene({ fetch, retry: 0, concurrency: 1 }).genes(['1', '2', '3', '4'], { batchSize: 2 }))) as unknown as {
      errors: { items: unknown[] }[];
      processed: unknown[];
    };
    expect(e.errors.map((f) => f.items)).toEqual([['3', '4']]);
    expect(e.processed).toEqual(['1', '2']);
  });

  it('an item that is not an object fails the batch, naming its place', async () => {
    for (const junk of [null, 'junk', 7, [1]]) {
      const { fetch } = fakeServer(() => [{ query: 'cdk2', _id: '1017' }, junk]);
      const e = await rejection(new MyGene({ fetch, retry: 0 }).queryMany(['cdk2', 'dummy'], { scopes: 'symbol' }));
      const cause = e.errors[0]?.error as Error;
      expect(isResponseFormatError(cause)).toBe(true);
      expect(cause.message).toContain('item 1');
      expect(e.errors[0]?.items).toEqual(['cdk2', 'dummy']);
    }
  });

  it('reports a sent term without entries as missing', async () => {
    const { fetch } = fakeServer(() => [{ query: 'cdk2', _id: '1017' }]);
    const r = await new MyGene({ fetch, retry: 0 }).queryMany(['cdk2', 'dummy'], { scopes: 'symbol' });
    expect(r.hits).toEqual([{ query: 'cdk2', _id: '1017' }]);
    expect(r.missing).toEqual(['dummy']);
  });

  it('an error body sent with 200 is the HTTP error its code names, inside the BatchError', async () => {
    const { fetch } = fakeServer(() => ({ code: 400, success: false, error: 'Bad Request', keyword: 'q', max: 1000, size: 1001 }));
    const e = await rejection(new MyGene({ fetch, retry: 0 }).queryMany(['cdk2'], { scopes: 'symbol' }));
    const cause = e.errors[0]?.error as { serviceMessage?: string };
    expect(isBadRequestError(cause)).toBe(true);
    expect(cause.serviceMessage).toBe('Bad Request (parameter "q", max 1000, got 1001 entries)');
    expect(e.errors[0]?.items).toEqual(['cdk2']);
  });

  it('an answer that is neither a list nor an error body is a ResponseFormatError naming the request', async () => {
    for (const body of [{ success: true }, { hits: 'none' }, 'text', null]) {
      const { fetch } = fakeServer(() => body);
      const e = await rejection(new MyGene({ fetch, retry: 0 }).genes(['1017']));
      const cause = e.errors[0]?.error as Error;
      expect(isResponseFormatError(cause)).toBe(true);
      expect(cause.message).toMatch(/^POST gene: expected a JSON array of hits, got /);
    }
  });
});

describe('the batching engine', () => {
  it('sends ids to POST /gene as `ids` and terms to POST /query as `q`, with the parameters', async () => {
    const server = fakeServer(echo);
    const mg = new MyGene({ fetch: server.fetch, retry: 0 });
    await mg.genes(['1017'], { fields: ['symbol'] });
    await mg.queryMany(['cdk2'], { scopes: 'symbol' });
    expect(server.sent.map((s) => new URL(s.url).pathname)).toEqual(['/v3/gene', '/v3/query']);
    expect(server.sent[0]?.body.ids).toEqual(['1017']);
    expect(server.sent[0]?.body.q).toBeUndefined();
    expect(server.sent[0]?.body.fields).toEqual(['symbol']);
    expect(server.sent[1]?.body.q).toEqual(['cdk2']);
    expect(server.sent[1]?.body.ids).toBeUndefined();
    expect(server.sent[1]?.body.scopes).toEqual(['symbol']);
  });

  it('an empty list sends nothing; a repeated term is sent once per batch and answered for each', async () => {
    const server = fakeServer(echo);
    const mg = new MyGene({ fetch: server.fetch, retry: 0 });
    expect(await mg.genes([])).toEqual({ hits: [], missing: [] });
    expect(server.sent).toHaveLength(0);
    const r = await mg.genes(['1017', '1017', '695']);
    expect(server.sent.map((s) => s.terms)).toEqual([['1017', '695']]);
    expect(r.hits.map((h) => h._id)).toEqual(['id-1017', 'id-1017', 'id-695']);
  });

  it('serves cached terms without a request and sends only the misses', async () => {
    const server = fakeServer(echo);
    const cache = memoryCache();
    const mg = new MyGene({ fetch: server.fetch, retry: 0, cache });
    await mg.genes(['1017', '695']);
    const r = await mg.genes(['695', '1017', '7157']);
    expect(server.sent.map((s) => s.terms)).toEqual([['1017', '695'], ['7157']]);
    expect(r.hits.map((h) => h._id)).toEqual(['id-695', 'id-1017', 'id-7157']);
    // Everything cached: no request at all.
    await mg.genes(['7157']);
    expect(server.sent).toHaveLength(2);
  });

  it('a cache value that is not a list of entries is a miss', async () => {
    const server = fakeServer(echo);
    const store = new Map<string, unknown>();
    const cache = { get: async (k: string) => store.get(k), set: async (k: string, v: unknown) => void store.set(k, v) };
    const mg = new MyGene({ fetch: server.fetch, retry: 0, cache });
    await mg.genes(['1017']);
    const [key] = [...store.keys()];
    expect(store.get(key as string)).toEqual([{ query: '1017', _id: 'id-1017' }]);
    store.set(key as string, { query: '1017', _id: 'stale' });
    const r = await mg.genes(['1017']);
    expect(server.sent).toHaveLength(2);
    expect(r.hits.map((h) => h._id)).toEqual(['id-1017']);
  });

  it('with a delay, a batch request starts no sooner than `delay` ms after the previous one ended', async () => {
    const server = fakeServer(echo);
    const mg = new MyGene({ fetch: server.fetch, retry: 0, concurrency: 4 });
    const r = await mg.genes(['1', '2', '3', '4', '5', '6'], { batchSize: 2, delay: 60 });
    expect(r.hits).toHaveLength(6);
    expect(server.sent).toHaveLength(3);
    for (let i = 1; i < server.sent.length; i++) {
      const gap = (server.sent[i] as Sent).started - (server.sent[i - 1] as Sent).ended;
      expect(gap).toBeGreaterThanOrEqual(55);
    }
  });

  it('without a delay, batches run concurrently', async () => {
    let inFlight = 0;
    let peak = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const body = (await new Request(input, init).json()) as { ids: string[] };
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 100));
      inFlight--;
      return new Response(JSON.stringify(echo(body.ids)), { headers: { 'content-type': 'application/json' } });
    };
    await new MyGene({ fetch, retry: 0, concurrency: 3 }).genes(['1', '2', '3', '4', '5', '6'], { batchSize: 2 });
    expect(peak).toBeGreaterThan(1);
  });

  it('reports progress with the total when the input has a size, without it for a generator', async () => {
    const server = fakeServer(echo);
    const mg = new MyGene({ fetch: server.fetch, retry: 0 });
    const seen: unknown[] = [];
    await mg.genes(new Set(['1', '2', '3']), { batchSize: 2, onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toEqual({ done: 3, total: 3, batches: 2 });
    const fromGenerator: unknown[] = [];
    function* ids(): Generator<string> {
      yield '1';
      yield '2';
    }
    await mg.genes(ids(), { onProgress: (p) => fromGenerator.push(p) });
    expect(fromGenerator.at(-1)).toEqual({ done: 2, batches: 1 });
  });

  it('refuses a bare string and a non-iterable with the input name', async () => {
    const mg = new MyGene({ fetch: fakeServer(echo).fetch, retry: 0 });
    await expect(mg.genes('1017' as never)).rejects.toThrow(
      'ids: expected a list (array, Iterable or AsyncIterable) of strings, got a single string; wrap it in [ ]',
    );
    await expect(mg.queryMany(42 as never)).rejects.toThrow(/^terms: expected an array, Iterable or AsyncIterable of strings, got /);
  });

  it('checks the items of an async iterable as they are read', async () => {
    const server = fakeServer(echo);
    const mg = new MyGene({ fetch: server.fetch, retry: 0 });
    async function* ids(): AsyncGenerator<unknown> {
      yield '1017';
      yield 42;
    }
    await expect(mg.genes(ids() as AsyncIterable<string>)).rejects.toThrow(/^ids: item 1 must be a string, got num/);
    async function* good(): AsyncGenerator<string> {
      yield '1017';
      yield '695';
    }
    expect((await mg.genes(good())).hits.map((h) => h._id)).toEqual(['id-1017', 'id-695']);
  });
});
