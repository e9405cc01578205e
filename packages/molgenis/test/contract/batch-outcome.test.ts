// The books of a chunked write when an answer is not MOLGENIS's: only a real create answer
// counts as written; a batch whose answer was lost is "unknown", never "not written".
import { ResponseFormatError, ServerError } from '@bio/core-http';
import type { FixtureExchange } from '@bio/core-http/testing';
import { describe, expect, it } from 'vitest';
import { MolgenisBatchError } from '../../src/index.js';
import { addAllExchange, chunks, client, fixture, generated, sightings, useFixtureServer } from '../helpers.js';

const server = useFixtureServer();
const E = 'demo_sightings';
const JSON_CT = { 'content-type': 'application/json;charset=UTF-8' };
const HTML_CT = { 'content-type': 'text/html;charset=UTF-8' };
const PROXY_PAGE = '<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>';
const LOGIN_PAGE =
  '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form method="POST" action="/login"><input name="username"><input type="password" name="password"></form></body></html>';

const rows = sightings(25);
const [a, b, c] = chunks(rows, 10) as [Record<string, unknown>[], Record<string, unknown>[], Record<string, unknown>[]];
const post = (entities: unknown): FixtureExchange['request'] => ({ method: 'POST', path: `/api/v2/${E}`, body: { json: { entities } } });

/** addAll of 25 rows in batches of 10; batch 2 gets `second` (one or more exchanges). */
async function addAllWithSecond(...second: FixtureExchange[]): Promise<{ error: MolgenisBatchError; requests: number }> {
  server.use(generated('add-all-second-batch', [addAllExchange(E, a), ...second]));
  const { m, requests } = client({ retry: 3 });
  const error = (await m.addAll(E, rows, { batchSize: 10 }).catch((e: unknown) => e)) as MolgenisBatchError;
  expect(error).toBeInstanceOf(MolgenisBatchError);
  return { error, requests: requests.length };
}

function expectUnknownSecondBatch(error: MolgenisBatchError): void {
  expect(error.ids).toEqual(a.map((r) => r.id));
  expect(error.processed).toEqual(a);
  expect(error.failed).toEqual(b); // BatchError fields: every row in exactly one of processed/failed/unprocessed
  expect(error.unknown).toEqual(b);
  expect(error.refused).toEqual([]);
  expect(error.unprocessed).toEqual(c);
  expect(error.notWritten).toEqual(c); // never the rows that may be on the server
  expect(error.message).toMatch(/10 written, 10 unknown .*, 5 not sent/);
}

describe('addAll accepts only the real create answer (201 {location, resources[]})', () => {
  const createAnswer = (ids: string[], status = 201): FixtureExchange['response'] => ({
    status,
    headers: JSON_CT,
    body: {
      json: { location: `/api/v2/${E}?q=id=in=(${ids.map((id) => `"${id}"`).join(',')})`, resources: ids.map((id) => ({ href: `/api/v2/${E}/${id}` })) },
    },
  });

  const cases: [string, FixtureExchange[]][] = [
    ['a 200 HTML page (a proxy)', [{ request: post(b), response: { status: 200, headers: HTML_CT, body: { text: PROXY_PAGE } } }]],
    ['invalid JSON', [{ request: post(b), response: { status: 201, headers: JSON_CT, body: { text: '{"location":"/api/v2/demo_sightings?q=id=in=(' } } }]],
    ['an empty 201', [{ request: post(b), response: { status: 201, headers: JSON_CT } }]],
    [
      'a 302 to the login page (the POST became a GET)',
      [
        { request: post(b), response: { status: 302, headers: { location: '/login' } } },
        { request: { method: 'GET', path: '/login' }, response: { status: 200, headers: HTML_CT, body: { text: LOGIN_PAGE } } },
      ],
    ],
    ['JSON without resources', [{ request: post(b), response: { status: 201, headers: JSON_CT, body: { json: { location: `/api/v2/${E}` } } } }]],
    ['fewer resources than rows sent', [{ request: post(b), response: createAnswer(b.slice(0, 9).map((r) => String(r.id))) }]],
    [
      'a resource without href',
      [{ request: post(b), response: { status: 201, headers: JSON_CT, body: { json: { location: `/api/v2/${E}`, resources: b.map(() => ({})) } } } }],
    ],
    [
      '200 instead of 201',
      [
        {
          request: post(b),
          response: createAnswer(
            b.map((r) => String(r.id)),
            200,
          ),
        },
      ],
    ],
  ];

  it.each(cases)('%s → ResponseFormatError, the batch is unknown, nothing resent', async (_name, second) => {
    const { error, requests } = await addAllWithSecond(...second);
    expect(error.errors[0]?.error).toBeInstanceOf(ResponseFormatError);
    expect(error.errors[0]?.error).toMatchObject({ service: 'molgenis', status: expect.any(Number) });
    expectUnknownSecondBatch(error);
    expect(requests).toBe(second.length + 1); // not retried, batch 3 never sent
  });

  it('a single batch answered by an HTML page rejects (it never resolves with [])', async () => {
    server.use(generated('add-all-html', [{ request: post(a), response: { status: 200, headers: HTML_CT, body: { text: PROXY_PAGE } } }]));
    const { m } = client();
    const error = (await m.addAll(E, a).catch((e: unknown) => e)) as MolgenisBatchError;
    expect(error).toBeInstanceOf(MolgenisBatchError);
    expect(error.unknown).toEqual(a);
    expect(error.notWritten).toEqual([]);
  });
});

describe('which failures are refusals (notWritten) and which are unknown', () => {
  it.each([500, 503])('%i from MOLGENIS: refused, in notWritten', async (status) => {
    const { error } = await addAllWithSecond({
      request: post(b),
      response: { status, headers: JSON_CT, body: { json: { errors: [{ message: 'Transaction rolled back' }] } } },
    });
    expect(error.errors[0]?.error).toBeInstanceOf(ServerError);
    expect(error.unknown).toEqual([]);
    expect(error.refused).toEqual(b);
    expect(error.notWritten).toEqual([...b, ...c]);
  });

  it.each([502, 504])('%i from a gateway: the server behind may have committed → unknown', async (status) => {
    const { error } = await addAllWithSecond({
      request: post(b),
      response: { status, headers: HTML_CT, body: { text: `<html><head><title>${status} Gateway</title></head><body>nginx</body></html>` } },
    });
    expect(error.errors[0]?.error).toBeInstanceOf(ServerError);
    expectUnknownSecondBatch(error);
  });
});

describe("updateAll and deleteList: an answer that is a web page is not MOLGENIS's answer", () => {
  const ids = rows.map((r) => String(r.id));
  const [ia, ib, ic] = chunks(ids, 10) as [string[], string[], string[]];

  it('updateAll: a 200 HTML page → unknown', async () => {
    server.use(
      generated('update-all-html', [
        { request: { method: 'PUT', path: `/api/v2/${E}`, body: { json: { entities: a } } }, response: { status: 200 } },
        {
          request: { method: 'PUT', path: `/api/v2/${E}`, body: { json: { entities: b } } },
          response: { status: 200, headers: HTML_CT, body: { text: PROXY_PAGE } },
        },
      ]),
    );
    const { m } = client();
    const error = (await m.updateAll(E, rows, { batchSize: 10 }).catch((e: unknown) => e)) as MolgenisBatchError;
    expect(error.errors[0]?.error).toBeInstanceOf(ResponseFormatError);
    expect(error.processed).toEqual(a);
    expect(error.unknown).toEqual(b);
    expect(error.notWritten).toEqual(c);
  });

  it('deleteList: a 200 HTML page → unknown; a JSON or empty 2xx is fine', async () => {
    server.use(
      generated('delete-list-html', [
        { request: { method: 'DELETE', path: `/api/v2/${E}`, body: { json: { entityIds: ia } } }, response: { status: 204 } },
        {
          request: { method: 'DELETE', path: `/api/v2/${E}`, body: { json: { entityIds: ib } } },
          response: { status: 200, headers: HTML_CT, body: { text: LOGIN_PAGE } },
        },
      ]),
    );
    const { m } = client();
    const error = (await m.deleteList(E, ids, { batchSize: 10 }).catch((e: unknown) => e)) as MolgenisBatchError<string>;
    expect(error.errors[0]?.error).toBeInstanceOf(ResponseFormatError);
    expect(error.ids).toEqual(ia);
    expect(error.unknown).toEqual(ib);
    expect(error.failed).toEqual(ib);
    expect(error.notWritten).toEqual(ic);

    server.use(
      generated('delete-list-json', [
        {
          request: { method: 'DELETE', path: `/api/v2/${E}`, body: { json: { entityIds: ia } } },
          response: { status: 200, headers: JSON_CT, body: { text: '{}' } },
        },
      ]),
    );
    await client().m.deleteList(E, ia);
  });
});

describe('upsert keeps the unknown rows apart', () => {
  it("an add batch whose answer is an HTML page: unknown rows are the caller's, updates not sent", async () => {
    const [meta, existing] = fixture('write-upsert').exchanges;
    server.use(
      generated('upsert-unknown', [
        meta!,
        existing!,
        { request: post([{ id: '160', type: 'dragon', year: 2001 }]), response: { status: 200, headers: HTML_CT, body: { text: PROXY_PAGE } } },
      ]),
    );
    const dragon = { id: '160', type: 'dragon', year: 2001, reports: ['r1'] };
    const gnome = { id: '151', type: 'gnome', year: 1995 };
    const { m } = client();
    const error = (await m.upsert(E, [dragon, gnome]).catch((e: unknown) => e)) as MolgenisBatchError;
    expect(error.operation).toBe('upsert');
    expect(error.failed).toEqual([dragon]);
    expect(error.unknown[0]).toBe(dragon);
    expect(error.refused).toEqual([]);
    expect(error.notWritten).toEqual([gnome]);
  });
});
