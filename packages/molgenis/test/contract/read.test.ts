import { NotFoundError, ValidationError } from '@bio/core-http';
import { and, eq, gt } from '@bio/rsql';
import { describe, expect, it } from 'vitest';
import { client, fixture, useFixtureServer } from '../helpers.js';

const server = useFixtureServer();

describe('getById', () => {
  it('reads one row from v2', async () => {
    server.use(fixture('read-get-by-id'));
    const { m, requests } = client();
    const row = await m.getById('demo_sightings', '151');
    expect(row).toMatchObject({ _href: '/api/v2/demo_sightings/151', id: '151', type: 'gnome', year: 1996 });
    expect(requests[0]?.url).toBe('https://molgenis.example.org/api/v2/demo_sightings/151');
  });

  it('sends attributes as attrs', async () => {
    server.use(fixture('read-get-by-id'));
    const { m } = client();
    const row = await m.getById<{ id: string; type: string }>('demo_sightings', 152, { attributes: ['id', 'type'] });
    expect(row.type).toBe('fairy');
  });

  it('404 → NotFoundError with the server message and code', async () => {
    server.use(fixture('read-get-by-id'));
    const { m } = client();
    const error = (await m.getById('demo_sightings', '999').catch((e: unknown) => e)) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.serviceMessage).toBe("Unknown entity with 'id' '999' of type 'Sightings'.");
  });
});

describe('get: one Paged type (was get + iterate)', () => {
  it('pages by offset over three pages in the server’s id order, without a metadata request (the last asks only for what is left)', async () => {
    server.use(fixture('read-paging'));
    const { m, requests } = client();
    const ids: unknown[] = [];
    for await (const row of m.get('demo_sightings', { pageSize: 2 })) ids.push(row.id);
    expect(ids).toEqual(['151', '152', '153', '154', '155']);
    const urls = requests.map((r) => new URL(r.url));
    expect(urls.map((u) => u.pathname)).toEqual(['/api/v2/demo_sightings', '/api/v2/demo_sightings', '/api/v2/demo_sightings']);
    expect(urls.map((u) => u.searchParams.get('start'))).toEqual(['0', '2', '4']);
    expect(urls.map((u) => u.searchParams.get('num'))).toEqual(['2', '2', '1']);
    expect(urls.every((u) => !u.searchParams.has('sort'))).toBe(true); // PostgreSQL orders by the id attribute
  });

  it('pages() yields the pages as sent, each with the v2 total', async () => {
    server.use(fixture('read-paging'));
    const { m } = client();
    const pages: { ids: unknown[]; total: number | undefined }[] = [];
    for await (const page of m.get('demo_sightings', { pageSize: 2 }).pages()) pages.push({ ids: page.items.map((r) => r.id), total: page.total });
    expect(pages).toEqual([
      { ids: ['151', '152'], total: 5 },
      { ids: ['153', '154'], total: 5 },
      { ids: ['155'], total: 5 },
    ]);
  });

  it('total() reads the v2 total from the first page, which the next iteration reuses', async () => {
    server.use(fixture('read-paging'));
    const { m, requests } = client();
    const rows = m.get('demo_sightings', { pageSize: 2 });
    expect(requests).toHaveLength(0); // lazy: nothing is requested before use
    expect(await rows.total()).toBe(5);
    expect(requests).toHaveLength(1); // the first page
    expect((await rows.toArray()).map((r) => r.id)).toEqual(['151', '152', '153', '154', '155']);
    expect(requests).toHaveLength(3); // the first page was not asked for again
  });

  it('is re-iterable: every toArray starts again from the first page', async () => {
    server.use(fixture('read-paging'));
    const { m } = client();
    const rows = m.get('demo_sightings', { pageSize: 2, max: 4 });
    expect((await rows.toArray()).map((r) => r.id)).toEqual(['151', '152', '153', '154']);
    expect((await rows.toArray()).map((r) => r.id)).toEqual(['151', '152', '153', '154']);
  });

  it('stops early with max', async () => {
    server.use(fixture('read-paging'));
    const { m, requests } = client();
    const first: unknown[] = [];
    for await (const row of m.get('demo_sightings', { pageSize: 2, max: 4 })) first.push(row.id);
    expect(first).toEqual(['151', '152', '153', '154']);
    expect(requests.filter((r) => r.url.includes('/api/v2/'))).toHaveLength(2);
    const again = await m.get('demo_sightings', { pageSize: 2, max: 4 }).toArray();
    expect(again.map((r) => r.id)).toEqual(['151', '152', '153', '154']);
    expect(requests.filter((r) => r.url.includes('/meta'))).toHaveLength(0);
  });

  it("toArray({ max }) lowers the call's max, never raises it", async () => {
    server.use(fixture('read-paging'));
    const { m } = client();
    const rows = m.get('demo_sightings', { pageSize: 2, max: 4 });
    expect((await rows.toArray({ max: 2 })).map((r) => r.id)).toEqual(['151', '152']);
    expect((await rows.toArray({ max: 50 })).map((r) => r.id)).toEqual(['151', '152', '153', '154']);
  });

  it('max larger than a page pages by offset too', async () => {
    server.use(fixture('read-paging'));
    const { m } = client();
    const rows = await m.get('demo_sightings', { max: 6, pageSize: 2 }).toArray();
    expect(rows.map((r) => r.id)).toEqual(['151', '152', '153', '154', '155']);
  });

  it('validates before any request (thrown at the call, not at the first next())', () => {
    const { m, requests } = client();
    expect(() => m.get('', {})).toThrow(ValidationError);
    expect(() => m.get('demo_sightings', { pageSize: 10_001 })).toThrow(/pageSize/);
    expect(() => m.get('demo_sightings', { pageSize: 0 })).toThrow(/pageSize/);
    expect(() => m.get('demo_sightings', { max: -1 })).toThrow(/max/);
    expect(() => m.get('demo_sightings', { q: 'a==' })).toThrow(ValidationError);
    expect(requests).toHaveLength(0);
  });
});

describe('get with q', () => {
  it("a '+' in a value arrives as '+' (percent-encoded as %2B), '&' and spaces too", async () => {
    server.use(fixture('read-plus-in-q'));
    const { m, requests } = client();
    const rows = await m.get('demo_notes', { q: 'title=="C++ & more"' }).toArray({ max: 100 });
    expect(rows).toHaveLength(1);
    const raw = requests[0]?.url ?? '';
    expect(raw).toContain('%2B%2B');
    expect(raw).toContain('%26');
    expect(raw).not.toMatch(/q=[^&]*\+\+/);
    expect(new URL(raw).searchParams.get('q')).toBe('title=="C++ & more"');
  });

  it('accepts an @bio/rsql node', async () => {
    server.use(fixture('read-celiac-seed'));
    const { m } = client();
    const { or, ge, lt } = await import('@bio/rsql');
    const rows = await m
      .get('celiacsprue', { q: or(and(ge('celiac_weight', 80), lt('celiac_height', 180)), eq('celiac_gender', 'Female')), max: 100 })
      .toArray();
    expect(rows.map((r) => r.Individual)).toEqual(['celiac_0007', 'celiac_0012', 'celiac_0031']);
  });

  it('rejects invalid RSQL and operators MOLGENIS does not know, before any request', () => {
    const { m, requests } = client();
    expect(() => m.get('demo_sightings', { q: '(year==1998' })).toThrow(ValidationError);
    expect(() => m.get('demo_sightings', { q: 'year=near=1998' })).toThrow(/not valid MOLGENIS RSQL/);
    expect(() => m.get('demo_sightings', { q: { type: 'comparison', selector: 'year', operator: '=near=', args: ['1'] } })).toThrow(ValidationError);
    expect(() => m.get('demo_sightings', { q: { type: 'and', children: [gt('year', 1)] } })).toThrow(ValidationError);
    expect(() => m.get('demo_sightings', { q: '' })).toThrow(ValidationError);
    expect(requests).toHaveLength(0);
  });
});
