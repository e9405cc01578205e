// Shared helpers of the EMX2 tests: one simulator and msw server per test file.
import { type SetupServer, setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Emx2, type Emx2Options } from '../../src/emx2/index.js';
import { createEmx2Simulator, EMX2_DEFAULT_BASE_URL, type Emx2Simulator, type Emx2SimulatorOptions } from '../../src/testing/index.js';

export const BASE = EMX2_DEFAULT_BASE_URL;

/** A simulator served by msw for the whole file, and its msw server (for `server.use`); both reset after every test. */
export function useEmx2Server(options: Emx2SimulatorOptions = {}): { sim: Emx2Simulator; server: SetupServer } {
  const sim = createEmx2Simulator({ syntheticRows: 2500, ...options });
  const server = setupServer(...sim.handlers());
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    sim.reset();
  });
  afterAll(() => server.close());
  return { sim, server };
}

/** A simulator served by msw for the whole file, reset after every test. */
export function useEmx2Simulator(options: Emx2SimulatorOptions = {}): Emx2Simulator {
  return useEmx2Server(options).sim;
}

/** POST a GraphQL document as a raw client would; returns status and parsed body. */
// biome-ignore lint/suspicious/noExplicitAny: tests read EMX2 answers of many shapes
type Json = any;

export async function rawGraphql(
  path: string,
  query: string,
  variables?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; body: Json }> {
  const res = await fetch(`${BASE}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, text, body: text === '' ? undefined : JSON.parse(text) };
}

/** A client on the simulator, without retries. */
export function emx2(options: Partial<Emx2Options> = {}): Emx2 {
  return new Emx2({ baseUrl: BASE, retry: 0, ...options });
}

/** The GraphQL documents the simulator received since `from` (for asserting what was sent). */
export function sentQueries(sim: Emx2Simulator, from = 0): { path: string; query: string; variables: Record<string, unknown> | undefined }[] {
  return sim.requests.slice(from).flatMap((r) => {
    if (!r.url.pathname.endsWith('/graphql') || r.method !== 'POST') return [];
    const body = r.json() as { query: string; variables?: Record<string, unknown> };
    return [{ path: decodeURIComponent(r.url.pathname), query: body.query, variables: body.variables }];
  });
}
