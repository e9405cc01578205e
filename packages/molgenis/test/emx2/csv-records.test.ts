// `table.exportCsv().records()`: the whole table in one CSV download (the pyclient's `get`
// route), decoded to exactly the values `rows()` gives for the same rows.
import { describe, expect, it } from 'vitest';
import { type Emx2Row, isNetworkError, isResponseFormatError, isValidationError } from '../../src/emx2/index.js';
import type { Emx2SimColumn, Emx2SimColumnType } from '../../src/testing/index.js';
import { emx2, useEmx2Simulator } from './helpers.js';

const sim = useEmx2Simulator({ syntheticRows: 2500 });

const byKey =
  (key: string) =>
  (a: Emx2Row, b: Emx2Row): number =>
    String(a[key]) < String(b[key]) ? -1 : String(a[key]) > String(b[key]) ? 1 : 0;

// GraphQL gives a ref_array's keys in the referenced table's order, CSV in the stored order.
function keysSorted(row: Emx2Row, columns: readonly string[]): Emx2Row {
  const out = { ...row };
  for (const c of columns) out[c] = [...(row[c] as Emx2Row[])].sort(byKey('name'));
  return out;
}

const csvRequests = () => sim.requests.filter((r) => r.url.pathname.includes('/api/csv/'));

describe('exportCsv().records()', () => {
  it('gives the synthetic table exactly as rows() does: LONG past 2^53 as bigint, DATE/DATETIME, BOOL, arrays, refs, nulls', async () => {
    const table = emx2().schema('synthetic').table('Sample');
    const fromCsv = await table.exportCsv().records().toArray();
    const fromGraphql = await table.rows().toArray();
    expect(fromCsv).toHaveLength(2500);
    expect(fromCsv.sort(byKey('id'))).toEqual(fromGraphql.sort(byKey('id')));
    const big = fromCsv.find((r) => r.id === 'S001000') as Emx2Row;
    expect(typeof big.count).toBe('bigint');
    expect(big.count).toBe(9_007_199_254_740_993n + 999n);
    expect(fromCsv[0]).toEqual({
      id: 'S000001',
      site: { name: 'Amsterdam' },
      index: 0,
      count: 0,
      value: expect.any(Number),
      flag: true,
      day: new Date('2020-01-01T00:00:00Z'),
      measuredAt: new Date('2020-01-01T00:00:00Z'),
      labels: [],
      note: 'sample 1 from Amsterdam',
    });
    expect(fromCsv[1]?.labels).toEqual(['l1', 'l1']);
    expect(fromCsv[1]?.note).toBeNull();
    expect(csvRequests()).toHaveLength(1);
  });

  it('gives every pet store table as rows() does (ontology, select, radio, multiselect, refback, LONG, DECIMAL, DATETIME, BOOL)', async () => {
    const store = emx2().schema('pet store');
    const cases: [string, string, string[], string[] | undefined][] = [
      ['Pet', 'name', ['tags', 'orders'], undefined],
      ['Order', 'orderId', [], undefined],
      ['Category', 'name', [], undefined],
      ['Tag', 'name', ['children'], undefined],
      // User has a FILE column (picture): CSV holds its id only, so it is left out
      ['User', 'username', ['pets'], ['username', 'firstName', 'lastName', 'email', 'password', 'phone', 'userStatus', 'pets', 'street']],
    ];
    for (const [name, key, refArrays, columns] of cases) {
      const table = store.table(name);
      const fromCsv = (await table.exportCsv().records({ columns }).toArray()).map((r) => keysSorted(r, refArrays)).sort(byKey(key));
      const fromGraphql = (await table.rows({ columns }).toArray()).map((r) => keysSorted(r, refArrays)).sort(byKey(key));
      expect(fromCsv, name).toEqual(fromGraphql);
      expect(fromCsv.length, name).toBeGreaterThan(0);
    }
    const order = (await store.table('Order').exportCsv().records().toArray())[0] as Emx2Row;
    expect(order).toMatchObject({ quantity: 1, price: 9.99, complete: true, timestamp: new Date('2026-01-01T12:34:56Z'), pet: { name: 'pooky' } });
  });

  it('keeps a ref_array in the stored order (GraphQL gives the referenced table order)', async () => {
    const fire = await emx2()
      .schema('pet store')
      .table('Pet')
      .exportCsv({ filter: 'name=="fire ant"' })
      .records({ columns: ['tags'] })
      .toArray();
    expect(fire).toEqual([{ tags: [{ name: 'purple' }, { name: 'red' }, { name: 'green' }] }]);
  });

  it('applies the filter (RSQL compiled to the server filter) and columns', async () => {
    const sold = await emx2()
      .schema('pet store')
      .table('Pet')
      .exportCsv({ filter: 'weight=ge=5;category.name=in=(dog,dragon)' })
      .records({ columns: ['name', 'category.name', 'weight'] })
      .toArray();
    expect(sold.sort(byKey('name'))).toEqual([
      { name: 'smaug', category: { name: 'dragon' }, weight: 1500 },
      { name: 'spike', category: { name: 'dog' }, weight: 15.7 },
    ]);
    expect(JSON.parse(csvRequests().at(-1)?.url.searchParams.get('filter') ?? '')).toEqual({
      _and: [{ weight: { between: [5, null] } }, { category: { name: { equals: ['dog', 'dragon'] } } }],
    });
  });
});

// A schema with every column type the simulator stores, and cells that need CSV quoting.
function addTypesSchema(): void {
  const col = (name: string, columnType: Emx2SimColumnType, extra: Partial<Emx2SimColumn> = {}): Emx2SimColumn => ({ name, id: name, columnType, ...extra });
  const draft = col('mg_draft', 'BOOL');
  sim.state.schemas.set('types', {
    name: 'types',
    members: new Map([['anonymous', 'Viewer']]),
    tables: [
      {
        name: 'Everything',
        id: 'Everything',
        tableType: 'DATA',
        columns: [
          col('id', 'STRING', { key: 1, required: 'true' }),
          col('text', 'TEXT'),
          col('email', 'EMAIL'),
          col('link', 'HYPERLINK'),
          col('uuid', 'UUID'),
          col('int', 'INT'),
          col('nonneg', 'NON_NEGATIVE_INT'),
          col('long', 'LONG'),
          col('dec', 'DECIMAL'),
          col('bool', 'BOOL'),
          col('day', 'DATE'),
          col('at', 'DATETIME'),
          col('json', 'JSON'),
          col('strings', 'STRING_ARRAY'),
          col('ints', 'INT_ARRAY'),
          col('decs', 'DECIMAL_ARRAY'),
          col('kind', 'REF', { refTableName: 'Kind' }),
          col('kinds', 'REF_ARRAY', { refTableName: 'Kind' }),
          col('term', 'ONTOLOGY', { refTableName: 'Kind' }),
          col('section', 'HEADING'),
          draft,
        ],
        rows: [
          {
            id: 'full',
            text: 'two\nlines, "quoted"',
            email: 'a@b.org',
            link: 'https://x.org/a,b',
            uuid: '0b7c1f0e-8a53-4f5e-9d4c-3c1e2f6a7b8c',
            int: -5,
            nonneg: 0,
            long: 9_007_199_254_740_993n,
            dec: 1e-4,
            bool: false,
            day: '1999-12-31',
            at: '2026-03-04T05:06:07.891',
            json: '{"a":[1,2],"b":"x,y"}',
            strings: ['a,b', '5"', 'c'],
            ints: [1, -2],
            decs: [1e7, 0.5],
            kind: 'k1',
            kinds: ['k2', 'k1'],
            term: 'k2',
          },
          { id: 'empty' },
          { id: 'round', dec: 1500, bool: true, at: '2026-01-01T00:00:00', long: -7n, strings: ['x'] },
        ],
      },
      {
        name: 'Kind',
        id: 'Kind',
        tableType: 'DATA',
        columns: [col('name', 'STRING', { key: 1, required: 'true' }), col('items', 'REFBACK', { refTableName: 'Everything', refBackName: 'kind' }), draft],
        rows: [{ name: 'k1' }, { name: 'k2' }],
      },
    ],
  });
}

describe('exportCsv().records() over every column type', () => {
  it('decodes each type to the value rows() gives, CSV quoting and Java number forms included', async () => {
    addTypesSchema();
    const everything = emx2().schema('types').table('Everything');
    const fromCsv = (await everything.exportCsv().records().toArray()).map((r) => keysSorted(r, ['kinds'])).sort(byKey('id'));
    const fromGraphql = (await everything.rows().toArray()).map((r) => keysSorted(r, ['kinds'])).sort(byKey('id'));
    expect(fromCsv).toEqual(fromGraphql);
    const csv = await everything.exportCsv({ filter: 'id==full' }).text();
    expect(csv).toContain('1.0E-4'); // the forms the decoder must read: Java doubles, an unescaped array element with a quote
    expect(csv).toContain('"""a,b"",5"",c"');
    expect(fromCsv.find((r) => r.id === 'full')).toEqual({
      id: 'full',
      text: 'two\nlines, "quoted"',
      email: 'a@b.org',
      link: 'https://x.org/a,b',
      uuid: '0b7c1f0e-8a53-4f5e-9d4c-3c1e2f6a7b8c',
      int: -5,
      nonneg: 0,
      long: 9_007_199_254_740_993n,
      dec: 1e-4,
      bool: false,
      day: new Date('1999-12-31T00:00:00Z'),
      at: new Date('2026-03-04T05:06:07.891Z'),
      json: { a: [1, 2], b: 'x,y' },
      strings: ['a,b', '5"', 'c'],
      ints: [1, -2],
      decs: [1e7, 0.5],
      kind: { name: 'k1' },
      kinds: [{ name: 'k1' }, { name: 'k2' }],
      term: { name: 'k2' },
    });
    expect(fromCsv.find((r) => r.id === 'empty')).toEqual({
      id: 'empty',
      ...Object.fromEntries(
        ['text', 'email', 'link', 'uuid', 'int', 'nonneg', 'long', 'dec', 'bool', 'day', 'at', 'json', 'kind', 'term'].map((k) => [k, null]),
      ),
      strings: [],
      ints: [],
      decs: [],
      kinds: [],
    });
    const kinds = emx2().schema('types').table('Kind');
    expect(await kinds.exportCsv().records().toArray()).toEqual(await kinds.rows().toArray()); // a refback
  });

  it('reads the same through a TSV download', async () => {
    addTypesSchema();
    const everything = emx2().schema('types').table('Everything');
    const tsv = (await everything.exportCsv({ separator: '\t' }).records().toArray()).sort(byKey('id'));
    const csv = (await everything.exportCsv().records().toArray()).sort(byKey('id'));
    expect(tsv).toEqual(csv);
  });

  it('refuses an array cell it cannot read back (an element starting with a quote), naming the column', async () => {
    addTypesSchema();
    const table = sim.state.schemas.get('types')?.tables[0];
    table?.rows.push({ id: 'quoted', strings: ['"hi"', 'x'] });
    const error = await emx2()
      .schema('types')
      .table('Everything')
      .exportCsv({ filter: 'id==quoted' })
      .records()
      .toArray()
      .catch((e: unknown) => e);
    expect(isResponseFormatError(error)).toBe(true);
    expect((error as Error).message).toMatch(/column "strings" \(STRING_ARRAY\).*double quote/);
  });
});

describe('exportCsv().records() refuses, before the download', () => {
  it('a FILE column (CSV holds its id only), a non-key column of a referenced table, a composite-key reference', async () => {
    const store = emx2().schema('pet store');
    const file = await store
      .table('User')
      .exportCsv()
      .records()
      .toArray()
      .catch((e: unknown) => e);
    expect(isValidationError(file) && file.message).toMatch(/"picture" is a FILE/);
    const nested = await store
      .table('Tag')
      .exportCsv()
      .records({ columns: ['name', 'parent.label'] })
      .toArray()
      .catch((e: unknown) => e);
    expect(isValidationError(nested) && nested.message).toMatch(/as its key \("name"\) only, not "parent.label"/);
    addTypesSchema();
    const kind = sim.state.schemas.get('types')?.tables[1];
    kind?.columns.splice(1, 0, { name: 'version', id: 'version', columnType: 'INT', key: 1, required: 'true' });
    const composite = await emx2()
      .schema('types')
      .table('Everything')
      .exportCsv()
      .records({ columns: ['id', 'kind'] })
      .toArray()
      .catch((e: unknown) => e);
    expect(isValidationError(composite) && composite.message).toMatch(/key has 2 columns \(name, version\)/);
    expect(csvRequests()).toHaveLength(0);
  });

  it('an unknown table, with the nearest name', async () => {
    const error = await emx2()
      .schema('pet store')
      .table('Pets')
      .exportCsv()
      .records()
      .toArray()
      .catch((e: unknown) => e);
    expect(isValidationError(error) && error.message).toMatch(/did you mean "Pet"/);
    expect(csvRequests()).toHaveLength(0);
  });

  it('bad options, before any request at all', () => {
    const pets = emx2().schema('pet store').table('Pet');
    expect(() => pets.exportCsv().records({ columns: [] })).toThrow(/columns must be a non-empty array/);
    expect(() => pets.exportCsv().records({ columns: [''] })).toThrow(/columns\[0\] must be a non-empty string/);
    expect(() => pets.exportCsv().records({ max: -1 })).toThrow(/max must be an integer/);
    // @ts-expect-error: a wrong separator
    expect(() => pets.exportCsv({ separator: ';' }).records()).toThrow(/separator/);
    expect(() => pets.exportCsv({ filter: 'weight=gt=' }).records()).toThrow();
    expect(sim.requests).toHaveLength(0);
  });

  it('columns unknown to the table, with the nearest name', async () => {
    const error = await emx2()
      .schema('pet store')
      .table('Pet')
      .exportCsv()
      .records({ columns: ['wieght'] })
      .toArray()
      .catch((e: unknown) => e);
    expect(isValidationError(error) && error.message).toMatch(/did you mean "weight"/);
    expect(csvRequests()).toHaveLength(0);
  });
});

// A client whose CSV answers are replaced by `change` (other requests pass through).
function clientWith(change: (text: string, response: Response) => Response) {
  return emx2({
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (!new URL(input instanceof Request ? input.url : String(input)).pathname.includes('/api/csv/')) return response;
      return change(await response.text(), response);
    },
  });
}

async function drain(rows: AsyncIterable<Emx2Row>): Promise<{ delivered: Emx2Row[]; error: unknown }> {
  const delivered: Emx2Row[] = [];
  try {
    for await (const r of rows) delivered.push(r);
  } catch (error) {
    return { delivered, error };
  }
  return { delivered, error: undefined };
}

describe('exportCsv().records() on a bad body', () => {
  it('a dropped connection: a NetworkError, and only whole rows before it', async () => {
    const table = emx2().schema('synthetic').table('Sample');
    await table.metadata(); // loaded (and cached) before the fault: only the CSV download is cut
    sim.faults.set({ truncate: true });
    const { delivered, error } = await drain(table.exportCsv().records());
    sim.faults.clear();
    expect(isNetworkError(error)).toBe(true);
    expect(delivered).toEqual(await table.rows({ max: delivered.length }).toArray());
    // msw drops what was sent with the break; a connection cut after the first piece has arrived:
    const cut = clientWith((text, r) => {
      const bytes = new TextEncoder().encode(text);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.subarray(0, bytes.length >> 1));
          setTimeout(() => controller.error(new TypeError('terminated')), 20);
        },
      });
      return new Response(body, { status: 200, headers: r.headers });
    });
    const second = await drain(cut.schema('synthetic').table('Sample').exportCsv().records());
    expect(isNetworkError(second.error)).toBe(true);
    expect(second.delivered.length).toBeGreaterThan(0);
    expect(second.delivered.length).toBeLessThan(2500);
    expect(second.delivered).toEqual(await table.rows({ max: second.delivered.length }).toArray());
  });

  it('a body cut inside a record (closed cleanly): a ResponseFormatError, no half row', async () => {
    const cut = clientWith((text, r) => new Response(text.slice(0, text.indexOf('\n', 500) + 10), { status: 200, headers: r.headers }));
    const { delivered, error } = await drain(cut.schema('synthetic').table('Sample').exportCsv().records());
    expect(isResponseFormatError(error) && error.message).toMatch(/ends inside a record.*rows were delivered before it, the rest of the table was not/);
    expect(delivered.every((r) => Object.keys(r).length === 10 && r.id !== null)).toBe(true);
    expect(delivered).toEqual(await emx2().schema('synthetic').table('Sample').rows({ max: delivered.length }).toArray());
    const quoted = clientWith((text, r) => new Response(`${text.slice(0, text.indexOf('"') + 3)}`, { status: 200, headers: r.headers }));
    const inQuotes = await drain(quoted.schema('pet store').table('Pet').exportCsv().records());
    expect(isResponseFormatError(inQuotes.error)).toBe(true);
  });

  it('an HTML page with 200, in place of the CSV or after some rows: a ResponseFormatError', async () => {
    const page = '<!DOCTYPE html><html><head><title>Sign in</title></head><body>…</body></html>';
    const html = clientWith(() => new Response(page, { status: 200, headers: { 'content-type': 'text/html' } }));
    const first = await drain(html.schema('pet store').table('Pet').exportCsv().records());
    expect(isResponseFormatError(first.error) && first.error.message).toMatch(/expected the CSV download \(text\/csv\), got text\/html/);
    expect(first.delivered).toEqual([]);
    const mid = clientWith((text, r) => new Response(`${text.split('\n').slice(0, 3).join('\n')}\n${page}\n`, { status: 200, headers: r.headers }));
    const second = await drain(mid.schema('pet store').table('Pet').exportCsv().records());
    expect(isResponseFormatError(second.error) && second.error.message).toMatch(/HTML document/);
    // the page's start cut between two pieces of the body
    const split = clientWith((text, r) => {
      const pieces = [`${text.split('\n').slice(0, 3).join('\n')}\n<`, '!DOCTYPE html>\n'].map((p) => new TextEncoder().encode(p));
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const p of pieces) controller.enqueue(p);
          controller.close();
        },
      });
      return new Response(body, { status: 200, headers: r.headers });
    });
    const third = await drain(split.schema('pet store').table('Pet').exportCsv().records());
    expect(isResponseFormatError(third.error) && third.error.message).toMatch(/HTML document/);
    // a page inside a quoted cell is a value (a TEXT column may hold one), read as such
    const inCell = clientWith(
      (text, r) => new Response(text.replace(/\n[^,\n]*,([^\n]*)\n$/, `\n"${page.replaceAll('"', '""')}",$1\n`), { status: 200, headers: r.headers }),
    );
    const fourth = await drain(inCell.schema('pet store').table('Pet').exportCsv().rows());
    expect(fourth.error).toBeUndefined();
    expect(fourth.delivered.some((cells) => JSON.stringify(cells).includes('<!DOCTYPE html>'))).toBe(true);
    // the same body in pieces of 7 bytes: whether a piece starts inside quotes carries over
    const inPieces = clientWith((text, r) => {
      const bytes = new TextEncoder().encode(text.replace(/\n[^,\n]*,([^\n]*)\n$/, `\n"${page.replaceAll('"', '""')}",$1\n`));
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
          controller.close();
        },
      });
      return new Response(body, { status: 200, headers: r.headers });
    });
    const fifth = await drain(inPieces.schema('pet store').table('Pet').exportCsv().rows());
    expect(fifth.error).toBeUndefined();
    expect(fifth.delivered).toEqual(fourth.delivered);
    const empty = clientWith((_, r) => new Response('', { status: 200, headers: r.headers }));
    expect(isResponseFormatError((await drain(empty.schema('pet store').table('Pet').exportCsv().records())).error)).toBe(true);
  });

  it('a cell that is not of its column type, or a row of the wrong width: a ResponseFormatError naming the column', async () => {
    const bad = async (table: string, from: RegExp, to: string): Promise<unknown> => {
      const changed = clientWith((text, r) => new Response(text.replace(from, to), { status: 200, headers: r.headers }));
      return (
        await drain(
          changed
            .schema('pet store')
            .table(table)
            .exportCsv()
            .records({ columns: table === 'User' ? ['username', 'userStatus'] : undefined }),
        )
      ).error;
    };
    const cases: [string, RegExp, string, RegExp][] = [
      ['Pet', /,15\.7,/, ',heavy,', /column "weight" \(DECIMAL\) answered "heavy"/],
      ['Order', /,true,/, ',yes,', /column "complete" \(BOOL\) answered "yes"/],
      ['Order', /,7,14\.99/, ',7x,14.99', /column "quantity" \(LONG\) answered "7x"/],
      ['User', /,1,"pooky/, ',1.5,"pooky', /column "userStatus" \(INT\) answered "1.5"/],
      ['Category', /\ndog,\n/, '\ndog,,extra\n', /a CSV row of "Category" has 3 cells, the header 2/],
    ];
    for (const [table, from, to, message] of cases) {
      const error = await bad(table, from, to);
      expect(isResponseFormatError(error) && error.message, `${table} ${to}`).toMatch(message);
    }
  });

  it('a CSV without a column the read needs: a ResponseFormatError naming it', async () => {
    const renamed = clientWith((text, r) => new Response(text.replace(/^name,/, 'nom,'), { status: 200, headers: r.headers }));
    const { error } = await drain(renamed.schema('pet store').table('Pet').exportCsv().records());
    expect(isResponseFormatError(error) && error.message).toMatch(/has no column "name"/);
  });
});

describe('exportCsv().rows() (cell texts) on a bad body: refused as records() is', () => {
  const texts = (client: ReturnType<typeof emx2>) => drain(client.schema('synthetic').table('Sample').exportCsv().rows() as AsyncIterable<Emx2Row>);

  it('a body cut inside a record, even at a cell boundary: a ResponseFormatError, whole rows only before it', async () => {
    const whole = (await texts(emx2())).delivered;
    for (const cutAt of [(t: string) => t.indexOf('\n', 500) + 10, (t: string) => t.lastIndexOf('\n', t.length - 2) + 3, (t: string) => t.length - 1]) {
      const cut = clientWith((text, r) => new Response(text.slice(0, cutAt(text)), { status: 200, headers: r.headers }));
      const { delivered, error } = await texts(cut);
      expect(isResponseFormatError(error) && error.message).toMatch(/ends inside a record.*rows were delivered before it/);
      expect(delivered).toEqual(whole.slice(0, delivered.length));
    }
  });

  it('an HTML page in place of the CSV or after some rows, or no header at all: a ResponseFormatError', async () => {
    const page = '<!DOCTYPE html><html><head><title>Sign in</title></head><body>…</body></html>';
    const html = clientWith(() => new Response(page, { status: 200, headers: { 'content-type': 'text/html' } }));
    const first = await texts(html);
    expect(isResponseFormatError(first.error) && first.error.message).toMatch(/expected the CSV download \(text\/csv\), got text\/html/);
    const mid = clientWith((text, r) => new Response(`${text.split('\n').slice(0, 3).join('\n')}\n${page}\n`, { status: 200, headers: r.headers }));
    const second = await texts(mid);
    expect(isResponseFormatError(second.error) && second.error.message).toMatch(/HTML document.*rows were delivered before it/);
    const empty = clientWith((_, r) => new Response('', { status: 200, headers: r.headers }));
    expect(isResponseFormatError((await texts(empty)).error) && (await texts(empty)).error).toMatchObject({ message: expect.stringMatching(/no header line/) });
  });
});

describe('exportCsv().records() options', () => {
  it('max stops early; mg_ columns ask for includeSystemColumns; signal aborts', async () => {
    const table = emx2().schema('pet store').table('Pet');
    expect(await table.exportCsv().records({ max: 3 }).toArray()).toHaveLength(3);
    const stamped = await table
      .exportCsv()
      .records({ columns: ['name', 'mg_insertedOn', 'mg_draft'] })
      .toArray();
    expect(csvRequests().at(-1)?.url.searchParams.get('includeSystemColumns')).toBe('true');
    expect(stamped.sort(byKey('name'))).toEqual((await table.rows({ columns: ['name', 'mg_insertedOn', 'mg_draft'] }).toArray()).sort(byKey('name')));
    expect(stamped[0]?.mg_insertedOn).toEqual(new Date('2026-01-01T00:00:00Z'));
    await table
      .exportCsv()
      .records({ columns: ['name', 'mg_draft'] })
      .toArray();
    expect(csvRequests().at(-1)?.url.searchParams.has('includeSystemColumns')).toBe(false);
    const controller = new AbortController();
    controller.abort();
    const before = csvRequests().length;
    await expect(table.exportCsv({ signal: controller.signal }).records().toArray()).rejects.toMatchObject({ name: 'AbortError' });
    expect(csvRequests()).toHaveLength(before); // aborted before the download was asked for
  });
});
