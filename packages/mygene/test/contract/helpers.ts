import { createFixtureServer, type FixtureServer } from '@bio/core-http/testing';
import { MyGene, type MyGeneOptions } from '@bio/mygene';
import { handlers } from '@bio/mygene/testing';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/** An msw server replaying every fixture of the package; fails on any unmatched request. */
export function useFixtureServer(): FixtureServer {
  const server = createFixtureServer({ handlers: handlers() });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    expect(server.unmatchedRequests()).toEqual([]);
  });
  afterAll(() => server.close());
  return server;
}

/** A client with zero retry delays that records every request it sends (method, URL, user agent). */
export function client(options: MyGeneOptions = {}): { mg: MyGene; requests: string[]; userAgents: string[] } {
  const requests: string[] = [];
  const userAgents: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    userAgents.push(request.headers.get('user-agent') ?? '');
    return globalThis.fetch(request);
  };
  const mg = new MyGene({
    fetch,
    retry: { delay: 0, maxRetryAfter: 0 },
    ...options,
    hooks: {
      ...options.hooks,
      onRequest: (e) => {
        requests.push(`${e.method} ${decodeURIComponent(e.url)}`);
        options.hooks?.onRequest?.(e);
      },
    },
  });
  return { mg, requests, userAgents };
}

/** A fetch that passes requests on and records the most requests it saw in flight at once. */
export function countingFetch(): { fetch: typeof globalThis.fetch; peak: () => number } {
  let inFlight = 0;
  let peak = 0;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      return await globalThis.fetch(input, init);
    } finally {
      inFlight--;
    }
  };
  return { fetch, peak: () => peak };
}

export async function toArray<T>(iter: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iter) out.push(item);
  return out;
}
