import { createFixtureServer } from '@bio/core-http/testing';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { InterMine, type InterMineOptions } from '../../src/index.js';
import { handlers } from '../../src/testing/index.js';

/** The mine root the fixtures were recorded under. */
export const ROOT = 'https://www.flymine.org/flymine';

/** Start an msw server replaying every fixture for the tests of one file; unmatched requests fail the test. */
export function useFixtureServer(): ReturnType<typeof createFixtureServer> {
  const server = createFixtureServer({ handlers: handlers() });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    const unmatched = server.unmatchedRequests();
    server.resetHandlers();
    expect(unmatched).toEqual([]);
  });
  afterAll(() => server.close());
  return server;
}

/** A client against the fixtures, with no retries, that records every URL it requests. */
export function testMine(options: Partial<InterMineOptions> = {}): { mine: InterMine; requests: string[] } {
  const requests: string[] = [];
  const mine = new InterMine({
    baseUrl: ROOT,
    retry: 0,
    hooks: { onRequest: (e) => requests.push(`${e.method} ${e.url}`) },
    ...options,
  });
  return { mine, requests };
}

/** Collect an async iterable, returning what arrived before a failure together with the error. */
export async function drain<T>(iterable: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of iterable) items.push(item);
    return { items, error: undefined };
  } catch (error) {
    return { items, error };
  }
}
