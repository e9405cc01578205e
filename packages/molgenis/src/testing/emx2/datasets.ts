// The built-in schemas: the "pet store" of EMX2's demo data (`data/_models/specific/petstore.csv`
// and `data/_demodata/applications/petstore/*.csv` of molgenis/molgenis-emx2, read, not copied:
// rows abridged) and a large deterministic "synthetic" schema for paging and benchmarks.
import type { SimColumn, SimColumnType, SimRow, SimSchema, SimTable } from './types.js';

const CREATED = '2026-01-01T00:00:00';

/** EMX2's identifier of a name: camelCase over spaces (`photo urls` → `photoUrls`). */
export function camelCase(name: string): string {
  const words = name.trim().split(/\s+/);
  return words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

/** EMX2's type name of a table: PascalCase (`my table` → `MyTable`). */
export function pascalCase(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function col(name: string, columnType: SimColumnType, extra: Partial<SimColumn> = {}): SimColumn {
  return { name, id: camelCase(name), columnType, ...extra };
}

/** The system columns every table ends with. */
export function systemColumns(): SimColumn[] {
  return [
    col('mg_draft', 'BOOL'),
    col('mg_insertedBy', 'STRING'),
    col('mg_insertedOn', 'DATETIME'),
    col('mg_updatedBy', 'STRING'),
    col('mg_updatedOn', 'DATETIME'),
  ];
}

function table(name: string, columns: SimColumn[], rows: SimRow[], extra: Partial<SimTable> = {}): SimTable {
  const stamped = rows.map((r) => ({ ...r, mg_insertedBy: 'admin', mg_insertedOn: CREATED, mg_updatedBy: 'admin', mg_updatedOn: CREATED }));
  return { name, id: pascalCase(name), tableType: 'DATA', columns: [...columns, ...systemColumns()], rows: stamped, ...extra };
}

function tagTable(): SimTable {
  const terms: [string, string | undefined][] = [
    ['colors', undefined],
    ['red', 'colors'],
    ['green', 'colors'],
    ['blue', 'colors'],
    ['purple', 'colors'],
    ['mammals', undefined],
    ['carnivorous mammals', 'mammals'],
    ['herbivorous mammals', 'mammals'],
  ];
  return table(
    'Tag',
    [
      col('order', 'INT'),
      col('name', 'STRING', { key: 1, required: 'true' }),
      col('label', 'STRING'),
      col('parent', 'REF', { refTableName: 'Tag' }),
      col('codesystem', 'STRING'),
      col('code', 'STRING'),
      col('ontologyTermURI', 'HYPERLINK'),
      col('definition', 'TEXT'),
      col('children', 'REFBACK', { refTableName: 'Tag', refBackName: 'parent' }),
    ],
    terms.map(([name, parent], i) => ({ order: i, name, ...(parent === undefined ? {} : { parent }) })),
    { tableType: 'ONTOLOGIES' },
  );
}

/** The pet store: Category, Order, Pet, Tag (ontology), User — tables sorted by name, as EMX2 keeps them. */
export function petStore(): SimSchema {
  const pets: [string, string | undefined, string | undefined, string[], number | undefined, boolean?][] = [
    ['pooky', 'cat', 'available', [], 9.4],
    ['spike', 'dog', 'sold', ['red', 'green'], 15.7],
    ['tom', 'cat', 'available', ['red'], 3.14],
    ['sylvester', 'cat', 'available', ['purple'], 1.337],
    ['jerry', 'mouse', 'available', ['blue'], 0.18],
    ['tweety', 'bird', 'available', ['red'], 0.1],
    ['the very hungry caterpillar', 'caterpillar', 'available', ['green'], 0.5],
    ['fire ant', 'ant', 'available', ['purple', 'red', 'green'], 0.01],
    ['yakul', undefined, undefined, ['herbivorous mammals'], undefined, true],
    ['smaug', 'dragon', undefined, [], 1500.0],
  ];
  const tables: SimTable[] = [
    table(
      'Category',
      [col('name', 'STRING', { key: 1, required: 'true' })],
      ['cat', 'dog', 'mouse', 'bird', 'ant', 'caterpillar', 'dragon'].map((name) => ({ name })),
    ),
    table(
      'Order',
      [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: EMX2's own template syntax
        col('orderId', 'AUTO_ID', { key: 1, required: 'true', computed: 'ORDER:${mg_autoid}' }),
        col('pet', 'SELECT', { refTableName: 'Pet' }),
        col('quantity', 'LONG', { description: 'how many would you like ?' }),
        col('price', 'DECIMAL'),
        col('complete', 'BOOL'),
        col('status', 'STRING', { defaultValue: 'hallo' }),
        col('timestamp', 'DATETIME'),
      ],
      [
        {
          orderId: 'ORDER:6fe7a528-2e97-48cc-91e6-a94c689b4919',
          pet: 'pooky',
          quantity: 1n,
          price: 9.99,
          complete: true,
          status: 'delivered',
          timestamp: '2026-01-01T12:34:56',
        },
        { orderId: 'ORDER:e27c852c-29e2-4459-bcf1-98d8907ff77b', pet: 'spike', quantity: 7n, price: 14.99, complete: false, status: 'approved' },
      ],
    ),
    table(
      'Pet',
      [
        col('name', 'STRING', { key: 1, required: 'true', description: 'the name' }),
        col('category', 'RADIO', { refTableName: 'Category', required: 'true' }),
        col('photoUrls', 'STRING_ARRAY'),
        col('details', 'HEADING'),
        col('status', 'STRING'),
        col('tags', 'ONTOLOGY_ARRAY', { refTableName: 'Tag' }),
        col('weight', 'DECIMAL', { required: 'true' }),
        col('Heading2', 'HEADING'),
        col('orders', 'REFBACK', { refTableName: 'Order', refBackName: 'pet' }),
      ],
      pets.map(([name, category, status, tags, weight, draft]) => ({
        name,
        ...(category === undefined ? {} : { category }),
        ...(status === undefined ? {} : { status }),
        ...(tags.length === 0 ? {} : { tags }),
        ...(weight === undefined ? {} : { weight }),
        ...(draft ? { mg_draft: true } : {}),
      })),
      { description: 'My pet store example table' },
    ),
    tagTable(),
    table(
      'User',
      [
        col('username', 'STRING', { key: 1, required: 'true' }),
        col('firstName', 'STRING'),
        col('lastName', 'STRING'),
        col('picture', 'FILE'),
        col('email', 'EMAIL'),
        col('password', 'STRING'),
        col('phone', 'STRING'),
        col('userStatus', 'INT'),
        col('pets', 'MULTISELECT', { refTableName: 'Pet' }),
        col('address', 'HEADING'),
        col('street', 'STRING'),
      ],
      [{ username: 'bofke', userStatus: 1, pets: ['pooky', 'spike', 'the very hungry caterpillar', 'fire ant'] }, { username: 'plofke' }],
    ),
  ];
  return {
    name: 'pet store',
    description: 'the EMX2 pet store demo',
    tables,
    members: new Map([
      ['anonymous', 'Viewer'],
      ['editor', 'Editor'],
    ]),
  };
}

const SITES = ['Amsterdam', 'Berlin', 'Cairo', 'Delhi', 'Edinburgh', 'Fukuoka', 'Groningen', 'Hanoi', 'Ibadan', 'Jakarta'];

/**
 * Row `i` of the synthetic `Sample` table: every value a function of `i`, so runs repeat exactly.
 * Exported from `@bio/molgenis/testing` as `emx2SyntheticRow`.
 *
 * @example
 * ```ts
 * import { emx2SyntheticRow } from '@bio/molgenis/testing';
 *
 * emx2SyntheticRow(4); // { id: 'S000005', site: 'Edinburgh', index: 4, count: 148n, value: 90.17, flag: false, day: '2020-01-05', … }
 * ```
 */
export function syntheticRow(i: number): SimRow {
  const hash = (Math.imul(i + 1, 2654435761) >>> 0) / 2 ** 32; // Knuth's multiplicative hash in [0, 1)
  const day = new Date(Date.UTC(2020, 0, 1) + (i % 1500) * 86_400_000);
  const row: SimRow = {
    id: `S${String(i + 1).padStart(6, '0')}`,
    site: SITES[i % SITES.length],
    index: i,
    // every 1000th count is above 2^53, where a JavaScript number loses precision
    count: i % 1000 === 999 ? 9_007_199_254_740_993n + BigInt(i) : BigInt(i * 37),
    value: Math.round(hash * 1e6) / 1e3,
    flag: i % 3 === 0,
    day: day.toISOString().slice(0, 10),
    measuredAt: `${day.toISOString().slice(0, 10)}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`,
  };
  if (i % 4 !== 0) row.labels = [`l${i % 7}`, `l${i % 11}`];
  if (i % 5 === 0) row.note = `sample ${i + 1} from ${SITES[i % SITES.length]}`;
  return row;
}

/** The "synthetic" schema: `Site` (10 rows) and `Sample` (`rows` rows, default 25,000). */
export function synthetic(rows: number): SimSchema {
  return {
    name: 'synthetic',
    description: 'a large generated table',
    tables: [
      table(
        'Sample',
        [
          col('id', 'STRING', { key: 1, required: 'true' }),
          col('site', 'REF', { refTableName: 'Site', required: 'true' }),
          col('index', 'INT'),
          col('count', 'LONG'),
          col('value', 'DECIMAL'),
          col('flag', 'BOOL'),
          col('day', 'DATE'),
          col('measured at', 'DATETIME'),
          col('labels', 'STRING_ARRAY'),
          col('note', 'TEXT'),
        ],
        Array.from({ length: rows }, (_, i) => syntheticRow(i)),
      ),
      table(
        'Site',
        [col('name', 'STRING', { key: 1, required: 'true' }), col('country', 'STRING')],
        SITES.map((name) => ({ name })),
      ),
    ],
    members: new Map([['anonymous', 'Viewer']]),
  };
}
