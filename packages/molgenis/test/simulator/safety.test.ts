// Item 1 of issue 17 against the simulator (which answers as MolgenisRSQLVisitor and the
// fallback exception handler do): deterministic 500s are not retried, =out= is refused before
// sending, and reads whose URL would pass 8 KB go as POST …?_method=GET.
import { inList } from '@bio/rsql';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isValidationError, Molgenis } from '../../src/index.js';
import { createSimulator, DEFAULT_BASE_URL } from '../../src/testing/index.js';

// `wide` has 800 attributes, enough for a getById whose attrs list passes 8 KB (MOLGENIS refuses
// attrs naming attributes the entity type lacks).
const many = Array.from({ length: 800 }, (_, i) => `attribute_${i}`);
const wide = {
  meta: {
    label: 'Wide',
    package: 'demo',
    idAttribute: 'id',
    attributes: Object.fromEntries(['id', ...many].map((name) => [name, { fieldType: 'STRING' as const }])),
  },
  rows: [{ id: 'w1' }],
};
const sim = createSimulator({ seed: { entities: { wide } } });
const server = setupServer(...sim.handlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.reset());
afterAll(() => server.close());

/** A client with the default retry policy (2 retries), without the waiting. */
const retrying = (retry: ConstructorParameters<typeof Molgenis>[0]['retry'] = { delay: 0 }): Molgenis => new Molgenis({ baseUrl: DEFAULT_BASE_URL, retry });
const reads = (entity: string): number => sim.requests.filter((r) => r.url.pathname === `/api/v2/${entity}`).length;

describe('deterministic failures are not retried', () => {
  it.each([
    ['< on a string attribute', 'demo_sightings', 'type<b', "Can't perform RSQL query operator [=lt=] on STRING attribute 'type'"],
    ['a number that does not parse', 'celiacsprue', 'celiac_height==abc', 'For input string: "abc"'],
  ])('%s: a 500 with MOLGENIS error document costs one request', async (_, entity, q, message) => {
    const error = await retrying()
      .get(entity, { q, max: 10 })
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ServerError', status: 500, serviceMessage: expect.stringContaining(message), attempts: 1 });
    expect(reads(entity)).toBe(1);
  });

  it('a 500 without a MOLGENIS error document (a proxy, a crash) is still retried', async () => {
    sim.faults.set({ every: 1, status: 500 });
    await expect(retrying().get('demo_sightings', { max: 10 }).toArray()).rejects.toMatchObject({ status: 500 });
    expect(reads('demo_sightings')).toBe(3);
    sim.faults.set({ every: 2, status: 500 });
    expect(await retrying().get('demo_sightings', { max: 10 }).toArray()).toHaveLength(5);
  });

  it('the caller’s statusCodes and shouldRetry still decide', async () => {
    sim.faults.set({ every: 1, status: 503 });
    await expect(
      retrying({ delay: 0, statusCodes: [500] })
        .get('demo_sightings', { max: 10 })
        .toArray(),
    ).rejects.toMatchObject({ status: 503 });
    expect(reads('demo_sightings')).toBe(1);
    sim.faults.set({});
    const asked: number[] = [];
    const own = retrying({
      delay: 0,
      limit: 1,
      shouldRetry: ({ error }) => {
        asked.push(error.status);
        return true;
      },
    });
    await expect(own.get('demo_sightings', { q: 'type<b', max: 10 }).toArray()).rejects.toMatchObject({ status: 500 });
    expect(asked).toEqual([500]); // the caller's shouldRetry replaces ours entirely
  });
});

describe('refused before sending', () => {
  it.each(['year=out=(1996,1997)', 'type==gnome;year=out=(1996)'])('=out= (the server answers 500 "Unknown rsql operator"): %s', (q) => {
    const m = retrying();
    let caught: unknown;
    try {
      m.get('demo_sightings', { q });
    } catch (e) {
      caught = e;
    }
    expect(isValidationError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/=out=.*year!=1996/);
    expect(sim.requests).toHaveLength(0);
  });

  it('=out= in an @bio/rsql node too', () => {
    expect(() => retrying().get('demo_sightings', { q: { type: 'comparison', selector: 'year', operator: '=out=', args: ['1996'] } })).toThrow(/=out=/);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('long reads', () => {
  const ids = Array.from({ length: 1500 }, (_, i) => `id-${String(i).padStart(6, '0')}`);

  it('a q that would make the URL longer than 8 KB goes as POST ?_method=GET with a form body, with the same rows', async () => {
    const q = inList('id', [...ids, '151', '153']);
    const rows = await retrying()
      .get('demo_sightings', { q, attributes: ['id'] })
      .toArray();
    expect(rows.map((r) => r.id)).toEqual(['151', '153']);
    const sent = sim.requests.filter((r) => r.url.pathname === '/api/v2/demo_sightings');
    expect(sent.map((r) => [r.method, r.url.searchParams.get('_method'), r.url.searchParams.has('q')])).toEqual([['POST', 'GET', false]]);
    const form = new URLSearchParams(new TextDecoder().decode(sent[0]?.body));
    expect(form.get('q')).toContain('151');
    expect(form.get('attrs')).toBe('id');
    expect(form.get('num')).toBe('10000');
  });

  it('a short one stays a GET, and getById with a long attrs list is tunnelled too', async () => {
    await retrying()
      .get('demo_sightings', { q: inList('id', ids.slice(0, 10)), max: 5 })
      .toArray();
    expect(sim.requests.at(-1)?.method).toBe('GET');
    expect(await retrying().getById('wide', 'w1', { attributes: ['id', ...many] })).toMatchObject({ id: 'w1' });
    const last = sim.requests.at(-1);
    expect([last?.method, last?.url.pathname, last?.url.searchParams.get('_method')]).toEqual(['POST', '/api/v2/wide/w1', 'GET']);
  });

  it('the tunnelled read is retried like a GET', async () => {
    sim.faults.set({ every: 2, status: 503, retryAfter: 0 });
    const rows = await retrying()
      .get('demo_sightings', { q: inList('id', [...ids, '152']) })
      .toArray();
    expect(rows.map((r) => r.id)).toEqual(['152']);
  });
});
