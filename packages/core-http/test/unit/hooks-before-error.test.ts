import { describe, expect, it } from 'vitest';
import { createHttpClient, isUnauthorizedError, UnauthorizedError } from '@bio/core-http';

const fetch401 = (async () =>
  new Response('{"errors":[{"message":"No read permission"}]}', { status: 401, headers: { 'content-type': 'application/json' } })) as typeof globalThis.fetch;

describe('hooks.beforeError', () => {
  it('replaces the error of the response, json() and text() paths, in hook order', async () => {
    const seen: string[] = [];
    const client = createHttpClient({
      baseUrl: 'http://127.0.0.1:9/',
      fetch: fetch401,
      hooks: {
        beforeError: [
          (error) => {
            seen.push(error.code);
            return isUnauthorizedError(error) ? new UnauthorizedError({ status: 401, message: `${error.message} (log in first)` }) : error;
          },
          async (error) => {
            seen.push(error.message.slice(-14));
            return error;
          },
        ],
      },
    });
    for (const call of [() => client.get('x'), () => client.get('x').json(), () => client.get('x').text()]) {
      await expect(call()).rejects.toSatisfy((e: unknown) => isUnauthorizedError(e) && (e as Error).message.endsWith('(log in first)'));
    }
    expect(seen).toEqual(['UNAUTHORIZED', '(log in first)', 'UNAUTHORIZED', '(log in first)', 'UNAUTHORIZED', '(log in first)']);
  });
});
