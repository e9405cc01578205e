import { delay, HttpResponse, http as mswHttp } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHttpClient, isValidationError } from '../../src/index.js';

let inFlight = 0;
let peak = 0;
const server = setupServer(
  mswHttp.get('https://x.test/slow/:n', async ({ params }) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await delay(30);
    inFlight--;
    return HttpResponse.json({ n: Number(params.n) });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

it('concurrency bounds the requests in flight, and every request still completes in order of its own', async () => {
  const client = createHttpClient({ baseUrl: 'https://x.test/', concurrency: 2 });
  peak = 0;
  const results = await Promise.all(Array.from({ length: 8 }, (_, n) => client.get(`slow/${n}`).json<{ n: number }>()));
  expect(results.map((r) => r.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  expect(peak).toBe(2);
});

it('without concurrency, requests run together', async () => {
  const client = createHttpClient({ baseUrl: 'https://x.test/' });
  peak = 0;
  await Promise.all(Array.from({ length: 6 }, (_, n) => client.get(`slow/${n}`).json()));
  expect(peak).toBe(6);
});

it('refuses a concurrency that is not a positive integer', () => {
  for (const bad of [0, -1, 1.5, Number.NaN]) {
    let error: unknown;
    try {
      createHttpClient({ baseUrl: 'https://x.test/', concurrency: bad });
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error)).toBe(true);
  }
});
