// Issue 21 §3 (mutation testing of src/search-query.ts: the query language and its paging): the
// JSON body sent for each filter, the checks made before any request (with their messages), and
// when the bookmark paging stops — a page too many repeats hits, a page too few loses them.
import { isTimeoutError, isValidationError, type ValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { Idr, type SearchQueryLanguage } from '../../src/index.js';

interface Page {
  hits: number;
  bookmark?: unknown;
  totalPages?: unknown;
  size?: number;
}

/** A search engine answering `pages` in order; records the JSON bodies it was sent. */
function engine(pages: Page[]): { fetch: typeof globalThis.fetch; bodies: Record<string, unknown>[] } {
  const bodies: Record<string, unknown>[] = [];
  let next = 0;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const body = (await new Request(input, init).json()) as Record<string, unknown>;
    bodies.push(body);
    const page = pages[next++];
    if (page === undefined) return new Response('no such page', { status: 500 });
    const first = next * 100;
    const results = {
      results: Array.from({ length: page.hits }, (_, i) => ({ id: first + i, name: `image ${first + i}` })),
      size: page.size ?? 99,
      total_pages: page.totalPages,
      bookmark: page.bookmark,
    };
    return new Response(JSON.stringify({ results }), { headers: { 'content-type': 'application/json' } });
  };
  return { fetch, bodies };
}

const idr = (fetch: typeof globalThis.fetch) => new Idr({ fetch, retry: 0 });
const one: SearchQueryLanguage = { and: [{ key: 'Organism', value: 'Homo sapiens' }] };

function refusal(q: unknown): ValidationError {
  try {
    idr(engine([]).fetch).query(q as SearchQueryLanguage);
  } catch (error) {
    expect(isValidationError(error)).toBe(true);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('query_details', () => {
  it('sends each filter with its operator (equals by default) on images, and case sensitivity when given', async () => {
    const server = engine([{ hits: 1 }, { hits: 1 }]);
    await idr(server.fetch)
      .query({
        and: [{ key: 'Organism', value: 'Homo sapiens', operator: 'not_equals' }],
        or: [
          [
            { key: 'Gene Symbol', value: 'cdc20' },
            { key: 'Gene Symbol', value: 'cdk5', operator: 'contains' },
          ],
        ],
        caseSensitive: false,
      })
      .toArray();
    expect(server.bodies[0]).toEqual({
      query_details: {
        and_filters: [{ name: 'Organism', value: 'Homo sapiens', operator: 'not_equals', resource: 'image' }],
        or_filters: [
          [
            { name: 'Gene Symbol', value: 'cdc20', operator: 'equals', resource: 'image' },
            { name: 'Gene Symbol', value: 'cdk5', operator: 'contains', resource: 'image' },
          ],
        ],
        case_sensitive: false,
      },
    });
    await idr(server.fetch).query(one).toArray();
    expect(server.bodies[1]).toEqual({
      query_details: { and_filters: [{ name: 'Organism', value: 'Homo sapiens', operator: 'equals', resource: 'image' }], or_filters: [] },
    });
  });

  it('refuses bad queries before any request, naming the filter at fault', () => {
    const cases: [unknown, string, string][] = [
      [null, 'query needs and/or filters', 'query'],
      ['Organism=x', 'query needs and/or filters', 'query'],
      [{}, 'query needs at least one filter', 'query'],
      [{ and: [], or: [] }, 'query needs at least one filter', 'query'],
      [{ and: [{ key: '', value: 'x' }] }, 'and[0]: a filter needs a non-empty key', 'and[0]'],
      [{ and: [one.and?.[0], { value: 'x' }] }, 'and[1]: a filter needs a non-empty key', 'and[1]'],
      [{ and: [null] }, 'and[0]: a filter needs a non-empty key', 'and[0]'],
      [{ and: [{ key: 'k', value: '' }] }, 'and[0]: a filter needs a non-empty value', 'and[0]'],
      [{ and: [{ key: 'k', value: 3 }] }, 'and[0]: a filter needs a non-empty value', 'and[0]'],
      [{ and: [{ key: 'k', value: 'v', operator: 'like' }] }, 'and[0]: unknown operator "like"', 'and[0]'],
      [{ or: [[]] }, 'or[0] must be a non-empty list of filters', 'or[0]'],
      [{ or: [[{ key: 'k', value: 'v' }], 'x'] }, 'or[1] must be a non-empty list of filters', 'or[1]'],
      [
        {
          or: [
            [
              { key: 'k', value: 'v' },
              { key: 'k', value: '' },
            ],
          ],
        },
        'or[0][1]: a filter needs a non-empty value',
        'or[0][1]',
      ],
    ];
    for (const [q, message, field] of cases) {
      const error = refusal(q);
      expect(error.message, JSON.stringify(q)).toBe(message);
      expect(error.field).toBe(field);
    }
  });
});

describe('bookmark paging', () => {
  it('follows the bookmark (the last of a list) until total_pages pages are read', async () => {
    const server = engine([
      { hits: 2, bookmark: ['a', 'b1'], totalPages: 3, size: 5 },
      { hits: 2, bookmark: 'b2', totalPages: 3 },
      { hits: 1, bookmark: 'b3', totalPages: 3 },
    ]);
    const listing = idr(server.fetch).query(one);
    expect((await listing.toArray()).map((h) => h.id)).toEqual([100, 101, 200, 201, 300]);
    expect(server.bodies.map((b) => b.bookmark)).toEqual([undefined, ['b1'], ['b2']]);
  });

  it('stops at an empty page, a missing or null bookmark, or unknown total_pages', async () => {
    const stops: Page[][] = [
      [{ hits: 0, bookmark: 'b', totalPages: 5 }],
      [{ hits: 2, totalPages: 5 }],
      [{ hits: 2, bookmark: null, totalPages: 5 }],
      [{ hits: 2, bookmark: 'b' }],
      [{ hits: 2, bookmark: 'b', totalPages: 1 }],
    ];
    for (const pages of stops) {
      const server = engine(pages);
      await idr(server.fetch).query(one).toArray();
      expect(server.bodies, JSON.stringify(pages)).toHaveLength(1);
    }
  });

  it('reports the size of the first page as the total', async () => {
    const server = engine([{ hits: 1, bookmark: 'b', totalPages: 2, size: 7 }, { hits: 1 }]);
    expect(await idr(server.fetch).query(one).total()).toBe(7);
  });
});

describe('the page requests', () => {
  it('are read-only POSTs: a 503 is retried like a GET', async () => {
    const server = engine([{ hits: 1 }]);
    let calls = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      if (calls++ === 0) return new Response('busy', { status: 503 });
      return server.fetch(input, init);
    };
    const hits = await new Idr({ fetch, retry: { delay: 0, backoffLimit: 0 } }).query(one).toArray();
    expect(hits).toHaveLength(1);
    expect(calls).toBe(2);
  });

  it("carry the caller's signal and the per-call timeout", async () => {
    let aborted = 0;
    const hang: typeof globalThis.fetch = (input, init) => {
      const request = new Request(input, init);
      return new Promise<Response>((_, reject) => {
        const timer = setTimeout(() => reject(new Error('never aborted')), 3000);
        request.signal.addEventListener('abort', () => {
          aborted++;
          clearTimeout(timer);
          reject(request.signal.reason);
        });
      });
    };
    const controller = new AbortController();
    const pending = idr(hang)
      .query(one, { signal: controller.signal })
      .toArray()
      .catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(new Error('stop'));
    await pending;
    expect(aborted).toBe(1);
    const error = await idr(hang)
      .query(one, { timeout: 50 })
      .toArray()
      .catch((e: unknown) => e);
    expect(isTimeoutError(error)).toBe(true);
    expect(aborted).toBe(2);
  });
});
