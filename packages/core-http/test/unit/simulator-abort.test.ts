import { createHttpClient, isAbortError } from '@bio/core-http';
import { createServiceSimulator } from '@bio/core-http/testing';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';

const sim = createServiceSimulator({ baseUrl: 'https://slow.example.org/v1', initialState: () => ({}), handle: () => Response.json({ ok: true }) });
const server = setupServer(...sim.handlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

it('a request aborted during simulated latency is an AbortError, and nothing is printed', async () => {
  sim.faults.set({ latency: 5_000 });
  const client = createHttpClient({ baseUrl: 'https://slow.example.org/v1/', retry: 0 });
  const controller = new AbortController();
  const pending = client.get('x', { signal: controller.signal }).json();
  await vi.waitFor(() => expect(sim.requests).toHaveLength(1)); // the request is in its simulated latency
  controller.abort();
  const error = await pending.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAbortError(error)).toBe(true);
  sim.faults.clear();
});
