// Shared test helpers: one msw server per test file, fixtures by name, a request log.
import { createFixtureServer, type Fixture, type FixtureExchange, fixtureHandlers, loadFixtures } from '@bio/core-http/testing';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Molgenis, type MolgenisOptions } from '../src/index.js';
import { DEFAULT_BASE_URL } from '../src/testing/index.js';

export const BASE = DEFAULT_BASE_URL;
const all = loadFixtures(new URL('../fixtures/', import.meta.url));

/** A fixture of fixtures/*.json by name. */
export function fixture(name: string): Fixture {
  const found = all.find((f) => f.name === name);
  if (!found) throw new Error(`no fixture named ${name}`);
  return found;
}

/** Starts an msw server for the file; `use(...)` installs the fixtures one test may hit. */
export function useFixtureServer(): { use(...fixtures: Fixture[]): void } {
  const server = createFixtureServer({ handlers: [] });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return { use: (...fixtures) => server.use(...fixtureHandlers(fixtures, { baseUrl: BASE })) };
}

export interface LoggedRequest {
  method: string;
  url: string;
  headers: Headers;
}

/** A client whose every request is logged (through an injected fetch wrapping msw's). */
export function client(options: Partial<MolgenisOptions> = {}): { m: Molgenis; requests: LoggedRequest[] } {
  const requests: LoggedRequest[] = [];
  const fetchLogged: typeof fetch = (input, init) => {
    // Read method, URL and headers without touching a body (a Request's body can be read once).
    const isRequest = input instanceof Request;
    const url = isRequest ? input.url : String(input);
    const headers = new Headers(isRequest ? input.headers : undefined);
    for (const [key, value] of new Headers(init?.headers)) headers.set(key, value);
    requests.push({ method: (init?.method ?? (isRequest ? input.method : 'GET')).toUpperCase(), url, headers });
    return globalThis.fetch(input, init);
  };
  const m = new Molgenis({ baseUrl: BASE, retry: 0, fetch: fetchLogged, ...options });
  return { m, requests };
}

/** Rows `s0000`, `s0001`, … for the batch tests. */
export function sightings(n: number, from = 0): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({ id: `s${String(from + i).padStart(4, '0')}`, type: 'gnome', year: 1998 }));
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const JSON_CT = { 'content-type': 'application/json;charset=UTF-8' };

/** The exchange MOLGENIS has for one v2 batch POST: 201 with location and resources. */
export function addAllExchange(entity: string, rows: Record<string, unknown>[]): FixtureExchange {
  const ids = rows.map((r) => String(r.id));
  return {
    request: { method: 'POST', path: `/api/v2/${entity}`, body: { json: { entities: rows } } },
    response: {
      status: 201,
      headers: JSON_CT,
      body: {
        json: {
          location: `/api/v2/${entity}?q=id=in=(${ids.map((id) => `"${id}"`).join(',')})`,
          resources: ids.map((id) => ({ href: `/api/v2/${entity}/${id}` })),
        },
      },
    },
  };
}

/** A 400 for a v2 batch, in the classic error shape. */
export function refusedExchange(method: string, entity: string, body: unknown, message: string, code?: string): FixtureExchange {
  return {
    request: { method, path: `/api/v2/${entity}`, body: { json: body } },
    response: { status: 400, headers: JSON_CT, body: { json: { errors: [code === undefined ? { message } : { message, code }] } } },
  };
}

export function generated(name: string, exchanges: FixtureExchange[]): Fixture {
  return { name, description: 'generated in the test from MOLGENIS v2 batch shapes', exchanges };
}
