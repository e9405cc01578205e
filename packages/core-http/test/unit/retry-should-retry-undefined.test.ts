import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient, isBadRequestError, isNetworkError, isServerError } from '@bio/core-http';

/** A fetch answering with the given statuses in turn (the last repeats), recording when each call came. */
function answers(statuses: number[], headers: Record<string, string> = {}) {
  const at: number[] = [];
  const fetch = async (): Promise<Response> => {
    const status = statuses[Math.min(at.length, statuses.length - 1)] as number;
    at.push(performance.now());
    return status < 300 ? Response.json({ ok: true }) : Response.json({ error: status }, { status, headers });
  };
  return { at, fetch };
}

afterEach(() => vi.useRealTimers());

describe('retry.shouldRetry returning undefined', () => {
  it('leaves the decision to the default rules: a 503 is retried, honouring Retry-After', async () => {
    // The fetch is injected, so a fake clock (timers and performance.now()) runs the whole exchange.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    const api = answers([503, 200], { 'retry-after': '1' });
    const client = createHttpClient({
      baseUrl: 'https://api.example.org/',
      fetch: api.fetch,
      retry: { limit: 2, delay: 0, maxRetryAfter: 200, shouldRetry: () => undefined },
    });
    const body = client.get('x').json();
    await vi.advanceTimersByTimeAsync(199);
    expect(api.at).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await body).toEqual({ ok: true });
    expect(api.at).toHaveLength(2);
    // Retry-After 1 s, capped at maxRetryAfter (200 ms): the wait is the server's, not the (0) backoff.
    expect((api.at[1] as number) - (api.at[0] as number)).toBe(200);
  });

  it('and a 400 is still not retried, while false and true still decide', async () => {
    const bad = answers([400, 200]);
    const client = createHttpClient({ baseUrl: 'https://api.example.org/', fetch: bad.fetch, retry: { limit: 2, delay: 0, shouldRetry: () => undefined } });
    await expect(client.get('x').json()).rejects.toSatisfy(isBadRequestError);
    expect(bad.at).toHaveLength(1);

    const vetoed = answers([503, 200]);
    const veto = createHttpClient({ baseUrl: 'https://api.example.org/', fetch: vetoed.fetch, retry: { limit: 2, delay: 0, shouldRetry: () => false } });
    await expect(veto.get('x').json()).rejects.toSatisfy(isServerError);
    expect(vetoed.at).toHaveLength(1);

    const forced = answers([400, 200]);
    const force = createHttpClient({ baseUrl: 'https://api.example.org/', fetch: forced.fetch, retry: { limit: 2, delay: 0, shouldRetry: () => true } });
    expect(await force.get('x').json()).toEqual({ ok: true });
    expect(forced.at).toHaveLength(2);
  });

  it('keeps the client’s own rules, not only ky’s: retryOnNetworkError false is honoured', async () => {
    let calls = 0;
    const fetch = async (): Promise<Response> => {
      calls++;
      if (calls === 1) throw new TypeError('fetch failed');
      return Response.json({ ok: true });
    };
    const client = createHttpClient({
      baseUrl: 'https://api.example.org/',
      fetch,
      retry: { limit: 2, delay: 0, retryOnNetworkError: false, shouldRetry: () => undefined },
    });
    await expect(client.get('x').json()).rejects.toSatisfy(isNetworkError);
    expect(calls).toBe(1);
  });
});
