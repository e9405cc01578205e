// An absent required option (biothings/web/options/manager.py Existentialist.inquire →
// OptionSet.parse): {"code":400,"success":false,"error":"Bad Request","missing":"id","alias":"ids"}.
// The message a user sees names the parameter and its alias.
import { isBadRequestError } from '@bio/core-http';
import { MyGene } from '@bio/mygene';
import { describe, expect, it } from 'vitest';
import { useSimulator } from './helpers.js';

useSimulator();

/** A client whose POST bodies lose `key` on the way (as a proxy mangling the body would). */
function losing(key: string): MyGene {
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.method !== 'POST') return globalThis.fetch(request);
    const body = (await request.json()) as Record<string, unknown>;
    delete body[key];
    return globalThis.fetch(new Request(request.url, { method: 'POST', headers: request.headers, body: JSON.stringify(body) }));
  };
  return new MyGene({ fetch, retry: { delay: 0, maxRetryAfter: 0 } });
}

describe('a missing required parameter', () => {
  it('names the parameter and its alias (POST /gene without ids)', async () => {
    const error = await losing('ids')
      .genes(['1017'])
      .catch((e: unknown) => e);
    const cause = (error as { errors?: { error: unknown }[] }).errors?.[0]?.error ?? error;
    expect(isBadRequestError(cause)).toBe(true);
    expect((cause as { serviceMessage?: string }).serviceMessage).toBe('Bad Request: missing required parameter "id" (also accepted as "ids")');
  });

  it('names the parameter when it has no alias (POST /query without q)', async () => {
    const error = await losing('q')
      .queryMany(['cdk2'], { scopes: 'symbol' })
      .catch((e: unknown) => e);
    const cause = (error as { errors?: { error: unknown }[] }).errors?.[0]?.error ?? error;
    expect(isBadRequestError(cause)).toBe(true);
    expect((cause as { serviceMessage?: string }).serviceMessage).toBe('Bad Request: missing required parameter "q"');
  });
});
