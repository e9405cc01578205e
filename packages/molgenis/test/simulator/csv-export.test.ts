// Issue 17 item 7: the server's CSV export (/api/v1/csv/<entity>, at most 10,000 rows per
// request, header on every page) streamed as rows or as text, and the CSV reader it uses.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../src/internal/csv.js';
import { isValidationError, Molgenis } from '../../src/index.js';
import { createSimulator, DEFAULT_BASE_URL } from '../../src/testing/index.js';

const sim = createSimulator();
const server = setupServer(...sim.handlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.reset());
afterAll(() => server.close());

const m = (): Molgenis => new Molgenis({ baseUrl: DEFAULT_BASE_URL, retry: 0 });
const exports = () => sim.requests.filter((r) => r.url.pathname.startsWith('/api/v1/csv/'));

describe('csv(): rows', () => {
  it('reads every row as records keyed by the header, references as labels, in the server’s id order over pages', async () => {
    const rows = await m().csv('celiacsprue', { pageSize: 5 }).toArray();
    expect(rows).toHaveLength(13);
    expect(rows[0]).toEqual({ Individual: 'celiac_0001', celiac_gender: 'Male', celiac_weight: '72.4', celiac_height: '181.0' });
    expect(rows.map((r) => r.Individual)).toEqual([...rows.map((r) => r.Individual)].sort());
    // no sortColumn: the server orders by the id attribute
    expect(exports().map((r) => [r.url.searchParams.get('start'), r.url.searchParams.get('num'), r.url.searchParams.get('sortColumn')])).toEqual([
      ['0', '5', null],
      ['5', '5', null],
      ['10', '5', null],
    ]);
  });

  it('q, attributes, one sort key and max', async () => {
    const rows = await m()
      .csv('celiacsprue', { q: 'celiac_gender==Female', attributes: ['Individual', 'celiac_weight'], sort: [{ attr: 'celiac_weight', order: 'desc' }] })
      .toArray();
    expect(rows).toEqual([
      { Individual: 'celiac_0007', celiac_weight: '64.0' },
      { Individual: 'celiac_0031', celiac_weight: '58.9' },
    ]);
    expect(await m().csv('celiacsprue').toArray({ max: 3 })).toHaveLength(3);
    expect(exports().at(-1)?.url.searchParams.get('num')).toBe('3');
  });

  it('keeps quotes, commas and line breaks inside values', async () => {
    const client = m();
    await client.login('admin', sim.users.admin!.password);
    await client.add('demo_notes', { id: 'n2', title: 'line one\nline "two", and three' });
    const rows = await client.csv('demo_notes').toArray();
    expect(rows.map((r) => r.title)).toEqual(['C++ & more', 'line one\nline "two", and three']);
  });

  it('keeps a web page stored in a value (quoted) as a value, not an error page', async () => {
    const client = m();
    await client.login('admin', sim.users.admin!.password);
    const page = '<!DOCTYPE html>\n<html lang="en"><body>notes, as a page</body></html>';
    await client.add('demo_notes', { id: 'n3', title: page });
    expect((await client.csv('demo_notes').toArray()).map((r) => r.title)).toEqual(['C++ & more', page]);
    let text = '';
    for await (const piece of client.csvText('demo_notes')) text += piece;
    expect(text).toContain('<html lang=""en"">');
  });

  it('refuses more than one sort key and a bad pageSize before any request', () => {
    for (const call of [
      () => m().csv('celiacsprue', { sort: [{ attr: 'a' }, { attr: 'b' }] }),
      () => m().csv('celiacsprue', { pageSize: 10_001 }),
      () => m().csvText('celiacsprue', { q: 'a=out=(1)' }),
    ]) {
      let caught: unknown;
      try {
        call();
      } catch (e) {
        caught = e;
      }
      expect(isValidationError(caught)).toBe(true);
    }
    expect(sim.requests).toHaveLength(0);
  });
});

describe('csvText(): text', () => {
  it('streams the server’s text: one header, every page’s lines', async () => {
    let text = '';
    for await (const piece of m().csvText('hospitals', { pageSize: 2 })) text += piece;
    expect(text).toBe(
      '"id","name","city","beds","academic"\n' +
        '"amc","Amsterdam UMC","Amsterdam","1733","true"\n' +
        '"martini","Martini Ziekenhuis","Groningen","578","false"\n' +
        '"umcg","University Medical Center Groningen","Groningen","1339","true"\n',
    );
    expect(exports()).toHaveLength(2);
  });

  it('max bounds the rows', async () => {
    let text = '';
    for await (const piece of m().csvText('celiacsprue', { max: 2, attributes: ['Individual'] })) text += piece;
    expect(readCsv(text)).toEqual([['Individual'], ['celiac_0001'], ['celiac_0002']]);
  });
});

describe('the CSV reader', () => {
  it('reads quoted fields, doubled quotes, CRLF and line breaks inside quotes, in any pieces', async () => {
    const text = 'a,"b ""q""",c\r\n"x\ny",,"z"\n1,2,3';
    const expected = [
      ['a', 'b "q"', 'c'],
      ['x\ny', '', 'z'],
      ['1', '2', '3'],
    ];
    expect(readCsv(text)).toEqual(expected);
    const { CsvReader } = await import('../../src/internal/csv.js');
    const reader = new CsvReader();
    const records = [...text].flatMap((c) => reader.push(c));
    expect([...records, ...reader.end()]).toEqual(expected);
  });
});

describe('csv(): a page that is not whole CSV is an error, never rows', () => {
  /** A client whose second export page (start=5) is replaced by `answer(original text)`. */
  const corrupting = (answer: (text: string) => Response) =>
    new Molgenis({
      baseUrl: DEFAULT_BASE_URL,
      retry: 0,
      hooks: {
        afterResponse: [
          async ({ request, response }: { request: Request; response: Response }) =>
            new URL(request.url).searchParams.get('start') === '5' ? answer(await response.text()) : undefined,
        ],
      },
    });
  const csv = (body: string) => new Response(body, { status: 200, headers: { 'content-type': 'text/csv;charset=UTF-8' } });
  const cases: [string, (text: string) => Response, RegExp][] = [
    [
      'an HTML page with HTTP 200',
      () => new Response('<!DOCTYPE html><html><body>Bad gateway</body></html>', { headers: { 'content-type': 'text/html' } }),
      /expected a text\/csv page, got text\/html/,
    ],
    ['CSV that turns into an HTML page', (text) => csv(`${text.split('\n').slice(0, 3).join('\n')}\n<html><body>proxy error</body></html>\n`), /HTML document/],
    ['CSV cut inside a record', (text) => csv(text.slice(0, text.indexOf('\n', text.indexOf('\n') + 1) + 8)), /ends inside a record/],
  ];

  it.each(cases)('rows: %s after the first page → ResponseFormatError naming the 5 rows delivered, and no row from it', async (_name, answer, says) => {
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const row of corrupting(answer).csv('celiacsprue', { pageSize: 5 })) seen.push(row);
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResponseFormatError', message: expect.stringMatching(says) });
    expect((error as Error).message).toContain('5 rows were delivered before it, the rest of the export was not');
    expect(seen).toEqual(await m().csv('celiacsprue').toArray({ max: 5 }));
  });

  it.each(cases)('text: %s after the first page → ResponseFormatError, only whole records streamed', async (_name, answer, says) => {
    let text = '';
    const error = await (async () => {
      for await (const piece of corrupting(answer).csvText('celiacsprue', { pageSize: 5 })) text += piece;
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResponseFormatError', message: expect.stringMatching(says) });
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toContain('<');
    expect(readCsv(text).filter((r) => r.join('') !== '').length).toBeGreaterThanOrEqual(6); // the header and the first page's 5 rows, at least
  });
});
