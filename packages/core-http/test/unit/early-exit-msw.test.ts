// Breaking out of a streamed body must not hang when the body is a tee branch (msw and other
// interceptors tee responses, and a tee's cancel waits for the other branch).
import { HttpResponse, http as mswHttp } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHttpClient, jsonArrayItems, lines } from '@bio/core-http';

const text = Array.from({ length: 20_000 }, (_, i) => `line ${i}`).join('\n');
const json = JSON.stringify({ results: Array.from({ length: 20_000 }, (_, i) => [i, `g${i}`]), wasSuccessful: true });
const server = setupServer(
  mswHttp.get('https://x.test/lines', () => new HttpResponse(text, { headers: { 'content-type': 'text/plain' } })),
  mswHttp.get('https://x.test/json', () => new HttpResponse(json, { headers: { 'content-type': 'application/json' } })),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
const client = createHttpClient({ baseUrl: 'https://x.test/' });

it('lines(): break after 3 lines returns, and the next request still works', async () => {
  const seen: string[] = [];
  for await (const line of lines(await client.get('lines').stream())) {
    seen.push(line);
    if (seen.length === 3) break;
  }
  expect(seen).toEqual(['line 0', 'line 1', 'line 2']);
  expect((await client.get('lines').text()).length).toBe(text.length);
}, 5000);

it('jsonArrayItems(): break after 2 items returns', async () => {
  const items: unknown[] = [];
  for await (const item of jsonArrayItems(await client.get('json').stream(), 'results')) {
    items.push(item);
    if (items.length === 2) break;
  }
  expect(items).toEqual([
    [0, 'g0'],
    [1, 'g1'],
  ]);
}, 5000);
