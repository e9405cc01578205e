// The family client contract (docs/client-contract.md) as @bio/molgenis implements it: options,
// User-Agent, per-call CallOptions, undefined-tolerant options, error codes and markers.
// A fake fetch (no msw) answering with MOLGENIS v2 shapes.
import { basicAuth, headerAuth } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import {
  isBioError,
  isBioHttpError,
  isMolgenisBatchError,
  isMolgenisImportError,
  isTimeoutError,
  isUnauthorizedError,
  Molgenis,
  MolgenisBatchError,
  MolgenisImportError,
  TimeoutError,
  ValidationError,
} from '../../src/index.js';
import { VERSION } from '../../src/internal/version.js';
import { settlesAt } from '../../../../scripts/test-clock.js';

const BASE = 'https://molgenis.example.org';
const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const ROW = { _href: '/api/v2/demo_sightings/151', id: '151', type: 'gnome', year: 1996 };

function fake(respond: (request: Request) => Response | Promise<Response> = () => json(ROW)): { fetch: typeof fetch; seen: Request[] } {
  const seen: Request[] = [];
  return {
    seen,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      seen.push(request);
      return respond(request);
    },
  };
}

/** A server that never answers: the request ends only when its signal fires. */
const hanging: typeof fetch = (input, init) =>
  new Promise((_resolve, reject) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

describe('constructor options', () => {
  it('baseUrl: the root or any URL under /api/, exposed as readonly baseUrl', () => {
    expect(new Molgenis({ baseUrl: `${BASE}/api/v2` }).baseUrl).toBe(`${BASE}/`);
    expect(() => new Molgenis({ baseUrl: '' })).toThrow(ValidationError);
    expect(() => new Molgenis(undefined as never)).toThrow(ValidationError);
  });

  it('User-Agent: @bio/molgenis/<version> by default, the user value first', async () => {
    const plain = fake();
    await new Molgenis({ baseUrl: BASE, fetch: plain.fetch }).getById('demo_sightings', '151');
    expect(plain.seen[0]?.headers.get('user-agent')).toBe(`@bio/molgenis/${VERSION}`);
    const mine = fake();
    await new Molgenis({ baseUrl: BASE, fetch: mine.fetch, userAgent: 'my-pipeline/1.4' }).getById('demo_sightings', '151');
    expect(mine.seen[0]?.headers.get('user-agent')).toBe(`my-pipeline/1.4 @bio/molgenis/${VERSION}`);
  });

  it('token is short for auth: headerAuth(TOKEN_HEADER, token); both at once is a ValidationError', async () => {
    const viaAuth = fake();
    await new Molgenis({ baseUrl: BASE, fetch: viaAuth.fetch, auth: headerAuth('x-molgenis-token', 'tok-1') }).getById('demo_sightings', '151');
    expect(viaAuth.seen[0]?.headers.get('x-molgenis-token')).toBe('tok-1');
    expect(() => new Molgenis({ baseUrl: BASE, token: 'tok-1', auth: headerAuth('x-molgenis-token', 'tok-2') })).toThrow(/either token or auth/);
  });

  it('accepts undefined for every optional field, of the client and of each call', async () => {
    const { fetch, seen } = fake((request) =>
      new URL(request.url).pathname === '/api/v2/demo_sightings' ? json({ start: 0, num: 100, total: 1, items: [ROW] }) : json(ROW),
    );
    const m = new Molgenis({
      baseUrl: BASE,
      fetch,
      token: undefined,
      auth: undefined,
      headers: undefined,
      userAgent: undefined,
      timeout: undefined,
      retry: undefined,
      hooks: undefined,
      signal: undefined,
      concurrency: undefined,
    });
    expect(m.authenticated).toBe(false);
    expect(await m.getById('demo_sightings', '151', undefined)).toEqual(ROW);
    expect(await m.getById('demo_sightings', '151', { signal: undefined, timeout: undefined, attributes: undefined, expand: undefined })).toEqual(ROW);
    expect(
      await m.get('demo_sightings', { max: 100, pageSize: undefined, q: undefined, sort: undefined, start: undefined }).toArray({ max: undefined }),
    ).toEqual([ROW]);
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual(['/api/v2/demo_sightings/151', '/api/v2/demo_sightings/151', '/api/v2/demo_sightings']);
  });
});

describe('CallOptions: per-call timeout and signal', () => {
  it('a call timeout replaces the client one for that call only', async () => {
    const m = new Molgenis({ baseUrl: BASE, fetch: hanging, retry: 0, timeout: 60_000 });
    const error = await settlesAt(30, () => m.getById('demo_sightings', '151', { timeout: 30 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(isTimeoutError(error)).toBe(true);
  });

  it('get(…, { timeout }) applies to each page request, metadata included', async () => {
    const m = new Molgenis({ baseUrl: BASE, fetch: hanging, retry: 0, timeout: 60_000 });
    expect(await settlesAt(30, () => m.get('demo_sightings', { timeout: 30 }).toArray())).toBeInstanceOf(TimeoutError);
    expect(await settlesAt(30, () => m.get('demo_sightings', { timeout: 30, max: 10 }).toArray())).toBeInstanceOf(TimeoutError);
    expect(await settlesAt(30, () => m.getEntityMetaData('demo_sightings', { timeout: 30 }))).toBeInstanceOf(TimeoutError);
  });

  it('writes take the call timeout per batch (and count the batch in flight as unknown)', async () => {
    const m = new Molgenis({ baseUrl: BASE, fetch: hanging, retry: 0, timeout: 60_000 });
    const rows = [{ id: 'a' }, { id: 'b' }];
    const error = (await settlesAt(30, () => m.addAll('demo_sightings', rows, { timeout: 30 }))) as MolgenisBatchError;
    expect(isMolgenisBatchError(error)).toBe(true);
    expect(error.unknown).toEqual(rows);
    expect(isTimeoutError(error.errors[0]?.error)).toBe(true);
  });
});

describe('error codes and markers', () => {
  it('every molgenis error class has its own code; ValidationError is a BioError, not an HTTP error', async () => {
    const batch = new MolgenisBatchError({
      operation: 'addAll',
      entity: 'E',
      ids: [],
      processed: [],
      failed: [{}],
      unprocessed: [],
      errors: [{ batchIndex: 0, items: [{}], error: new Error('x') }],
    });
    const failed = new MolgenisImportError({ id: 'run1', status: 'FAILED', message: 'bad sheet' });
    expect(batch.code).toBe('BATCH_WRITE_STOPPED');
    expect(failed.code).toBe('IMPORT_FAILED');
    expect(new Set([batch.code, failed.code, 'BATCH', 'HTTP_ERROR']).size).toBe(4);
    for (const e of [batch, failed]) {
      expect(isBioError(e)).toBe(true);
      expect(isBioHttpError(e)).toBe(true);
    }
    const invalid = (() => {
      try {
        new Molgenis({ baseUrl: BASE }).get('');
      } catch (e) {
        return e;
      }
    })();
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(isBioError(invalid)).toBe(true);
    expect(isBioHttpError(invalid)).toBe(false);
  });

  it('the guards hold for an error from another copy of the package (marker + name)', () => {
    const foreign = { name: 'MolgenisImportError', isBioError: true, isBioHttpError: true, code: 'IMPORT_FAILED', run: { id: '1', status: 'FAILED' } };
    expect(isMolgenisImportError(foreign)).toBe(true);
    expect(isMolgenisBatchError(foreign)).toBe(false);
    expect(isMolgenisImportError({ name: 'MolgenisImportError' })).toBe(false); // no marker: not ours
  });
});

describe('the expired-token hint (a beforeError hook, no wrapper)', () => {
  const refused = (): Response =>
    json({ errors: [{ message: "No 'Read data' permission on entity type 'Sightings' with id 'demo_sightings'.", code: 'DS04' }] }, 401);

  it('only while a token is sent: not without auth, not with basic auth, not after logout', async () => {
    const hint = /unknown or expired/;
    const { fetch } = fake((request) => (new URL(request.url).pathname === '/api/v1/logout' ? new Response(null, { status: 200 }) : refused()));
    const withToken = new Molgenis({ baseUrl: BASE, fetch, retry: 0, token: 'tok-123456' });
    const first = await withToken.getById('demo_sightings', '151').catch((e: unknown) => e);
    expect(isUnauthorizedError(first)).toBe(true);
    expect((first as Error).message).toMatch(hint);
    expect((first as Error).message).not.toContain('tok-123456');
    await withToken.logout();
    expect(((await withToken.getById('demo_sightings', '151').catch((e: unknown) => e)) as Error).message).not.toMatch(hint);
    const anonymous = new Molgenis({ baseUrl: BASE, fetch, retry: 0 });
    expect(((await anonymous.getById('demo_sightings', '151').catch((e: unknown) => e)) as Error).message).not.toMatch(hint);
    const basic = new Molgenis({ baseUrl: BASE, fetch, retry: 0, auth: basicAuth('admin', 'secret') });
    const error = (await basic.getById('demo_sightings', '151').catch((e: unknown) => e)) as Error;
    expect(isUnauthorizedError(error)).toBe(true);
    expect(error.message).not.toMatch(hint);
  });
});
