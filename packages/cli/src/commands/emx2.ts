import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { ValidationError } from '@bio/core-http';
import { type Emx2, type Emx2Row, generateTypes, type OrderBy, type TableMetadata } from '@bio/molgenis/emx2';
import { parse } from '@bio/rsql';
import type { Command } from 'commander';
import { emx2Client } from '../clients.js';
import type { CliIO, CommandContext } from '../context.js';
import { between, checkSource, list } from '../input.js';
import { readRows } from '../table-input.js';
import { baseUrlOf, examples, serviceCommand } from './common.js';
import { firstRowsPaging, type Paging, pagingOf, withPaging } from './paging.js';

interface Emx2Globals {
  baseUrl?: string;
  token?: string;
}

/** The client for a command; a token on the command line is used, with a warning (shell history). */
function client(ctx: CommandContext, cmd: Command): Emx2 {
  const { baseUrl, token } = cmd.optsWithGlobals<Emx2Globals>();
  if (token) ctx.io.stderr.write('warning: a token given with --token is kept in your shell history; set MOLGENIS_EMX2_TOKEN instead\n');
  return emx2Client(ctx, baseUrl ?? baseUrlOf(cmd), token);
}

/** `--filter` checked with `@bio/rsql` before anything is sent (a typo gets a caret). */
function filterOf(text: string | undefined): string | undefined {
  if (text !== undefined) parse(text);
  return text;
}

/** `--order col[:asc|desc]` (comma-separated) → EMX2's orderby. */
function orderOf(value: string): OrderBy {
  return value.split(',').map((part) => {
    const [column, direction = 'asc', extra] = part.trim().split(':');
    const dir = direction.toLowerCase();
    if (!column || extra !== undefined || (dir !== 'asc' && dir !== 'desc'))
      throw new ValidationError({ message: `--order "${part.trim()}": use column[:asc|desc], e.g. weight:desc`, field: 'order' });
    return { [column]: dir === 'asc' ? 'ASC' : 'DESC' } as Record<string, 'ASC' | 'DESC'>;
  });
}

/** A value for output: dates as ISO text, big integers as text, references by their key in flat formats. */
function plain(value: unknown, flat: boolean): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map((v) => plain(v, flat));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, plain(v, flat)] as const);
    if (flat && entries.length === 1) return entries[0]![1];
    return Object.fromEntries(entries);
  }
  return value;
}

/** The value at a column or dotted path of a row (a list on the way gives a list). */
function at(row: unknown, path: string): unknown {
  if (row === null || typeof row !== 'object') return undefined;
  if (Array.isArray(row)) return row.map((item) => at(item, path));
  const record = row as Record<string, unknown>;
  if (path in record) return record[path];
  const dot = path.indexOf('.');
  return dot < 0 ? undefined : at(record[path.slice(0, dot)], path.slice(dot + 1));
}

const NUMERIC = new Set(['INT', 'NON_NEGATIVE_INT', 'LONG', 'DECIMAL']);
const LISTS = /(_ARRAY|MULTISELECT|CHECKBOX|REFBACK)$/;

/**
 * Rows read from CSV/TSV are text: give each cell its column's type (numbers, booleans, `a|b`
 * lists as our TSV writes them), keyed by column id (a header may name the column or its id).
 */
function typed(row: Record<string, unknown>, table: TableMetadata, text: boolean): Emx2Row {
  const byKey = new Map<string, (typeof table.columns)[number]>();
  for (const c of table.columns) {
    byKey.set(c.id, c);
    byKey.set(c.name, c);
  }
  const out: Emx2Row = {};
  for (const [key, value] of Object.entries(row)) {
    const column = byKey.get(key);
    if (!column) {
      out[key] = value; // the client refuses it, naming the nearest column
      continue;
    }
    out[column.id] = text && typeof value === 'string' ? cellOf(value, column.columnType) : value;
  }
  return out;
}

function cellOf(text: string, type: string): unknown {
  if (LISTS.test(type)) return text.split('|').map((part) => cellOf(part, type.replace(LISTS, '')));
  if (NUMERIC.has(type)) {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? n : text;
  }
  if (type === 'BOOL') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

/** Rows from a file, `-` or stdin: a JSON array, NDJSON, or a TSV/CSV table with a header. */
async function inputRows(io: CliIO, file: string | undefined): Promise<{ rows: Record<string, unknown>[]; text: boolean }> {
  checkSource({ file });
  const chunks: string[] = [];
  if (file !== undefined && file !== '-') chunks.push(await readFile(file, 'utf8'));
  else {
    const decoder = new TextDecoder();
    for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  }
  const all = chunks.join('');
  const name = file === undefined || file === '-' ? 'stdin' : file;
  const start = all.trimStart();
  if (start.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(all);
    } catch {
      throw new ValidationError({ message: `${name}: not valid JSON`, field: 'file' });
    }
    if (!Array.isArray(parsed) || !parsed.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r)))
      throw new ValidationError({ message: `${name}: a JSON array of objects is expected`, field: 'file' });
    return { rows: parsed as Record<string, unknown>[], text: false };
  }
  const rows: Record<string, unknown>[] = [];
  const buffered: CliIO = {
    ...io,
    stdin: (async function* () {
      yield all;
    })(),
  };
  for await (const row of readRows(buffered, '-')) rows.push(row);
  return { rows, text: !start.startsWith('{') };
}

async function tableMeta(emx2: Emx2, schema: string, table: string): Promise<TableMetadata> {
  return emx2.schema(schema).table(table).metadata();
}

/** What `save` and `delete` read from their file, and the column of the count they print. */
const WRITES = { save: { input: 'rows', done: 'saved' }, delete: { input: 'keys', done: 'deleted' } } as const;

/**
 * The action of `bio molgenis emx2 save|delete <table> <file>`: the file's rows, typed by the
 * table's columns, upserted or deleted in chunks; prints how many the server took.
 */
function writeAction(context: () => CommandContext, write: keyof typeof WRITES) {
  const { input, done } = WRITES[write];
  return async (table: string, file: string, opts: { schema: string; chunkSize?: number }, cmd: Command): Promise<void> => {
    const ctx = context();
    const { rows, text } = await inputRows(ctx.io, file);
    if (rows.length === 0) throw new ValidationError({ message: `no ${input} in ${file === '-' ? 'stdin' : file}`, field: 'file' });
    const emx2c = client(ctx, cmd);
    const meta = await tableMeta(emx2c, opts.schema, table);
    const target = emx2c.schema(opts.schema).table(table);
    const typedRows = rows.map((r) => typed(r, meta, text));
    const result = await (write === 'save' ? target.save(typedRows, { chunkSize: opts.chunkSize }) : target.delete(typedRows, { chunkSize: opts.chunkSize }));
    ctx.print([{ table, [done]: result.count, chunks: result.chunks }], ['table', done, 'chunks']);
  };
}

/**
 * Register `bio molgenis emx2 schemas|tables|get|count|save|delete|import|export|types` on the
 * `molgenis` command.
 *
 * @example
 * ```ts
 * registerEmx2(molgenisCommand, () => context);
 * ```
 */
export function registerEmx2(molgenis: Command, context: () => CommandContext): void {
  const emx2 = serviceCommand(
    molgenis,
    'emx2',
    'MOLGENIS EMX2: schemas, tables, rows (RSQL filters), writes, CSV/ZIP/Excel import and export, types (token from MOLGENIS_EMX2_TOKEN)',
  ).option('--token <token>', 'a token (prefer $MOLGENIS_EMX2_TOKEN: a command-line token lands in your shell history)');

  const schemaOption = (c: Command): Command => c.requiredOption('--schema <name>', 'the schema, e.g. "pet store"');

  /** `save` and `delete`: a table, a file of its rows, and how many rows go in one transaction. */
  const writeCommand = (write: keyof typeof WRITES, description: string, fileHelp: string): Command =>
    schemaOption(emx2.command(write).description(description).argument('<table>', 'the table, e.g. Pet').argument('<file>', fileHelp))
      .option('--chunk-size <n>', 'rows per mutation, each one transaction (1-1000; default 1000)', between(1, 1000))
      .action(writeAction(context, write));

  emx2
    .command('schemas')
    .description('the schemas you can see')
    .addHelpText('after', examples(['bio molgenis emx2 schemas --offline', 'bio molgenis emx2 schemas --base-url https://emx2.example.org']))
    .action(async (_opts: object, cmd: Command) => {
      const ctx = context();
      const schemas = await client(ctx, cmd).schemas().toArray();
      ctx.print(
        schemas.map((s) => ({ name: s.name, label: s.label, description: s.description })),
        ['name', 'label', 'description'],
      );
    });

  schemaOption(emx2.command('tables').description("a schema's tables: name, type, columns and description"))
    .addHelpText('after', examples(["bio molgenis emx2 tables --schema 'pet store' --offline"]))
    .action(async (opts: { schema: string }, cmd: Command) => {
      const ctx = context();
      const meta = await client(ctx, cmd).schema(opts.schema).metadata();
      ctx.print(
        meta.tables.map((t) => ({
          name: t.name,
          id: t.id,
          type: t.tableType,
          columns: t.columns.filter((c) => c.columnType !== 'HEADING' && !c.id.startsWith('mg_')).length,
          key: t.primaryKey.join(','),
          description: t.description,
        })),
        ['name', 'id', 'type', 'columns', 'key', 'description'],
      );
    });

  withPaging(
    schemaOption(emx2.command('get').description('rows of a table, filtered with RSQL').argument('<table>', 'the table, e.g. Pet'))
      .option('--filter <rsql>', "RSQL filter, e.g. 'category.name==cat;weight=gt=1'")
      .option('--columns <columns>', 'comma-separated columns (ids, names or dotted paths such as category.name; default: every data column)'),
    firstRowsPaging('rows per request (default: the client’s, 1000)'),
  )
    .option('--order <keys>', 'comma-separated column[:asc|desc], e.g. weight:desc (the key breaks ties)', orderOf)
    .addHelpText(
      'after',
      examples([
        "bio molgenis emx2 get Pet --schema 'pet store' --filter 'category.name==cat;weight=gt=1' --order weight:desc --offline",
        "bio molgenis emx2 get Pet --schema 'pet store' --columns name,category,weight --max 3 -f json --offline",
      ]),
    )
    .action(async (table: string, opts: { schema: string; filter?: string; columns?: string; order?: OrderBy } & Paging, cmd: Command) => {
      const ctx = context();
      const filter = filterOf(opts.filter);
      const columns = list(opts.columns);
      const flat = ctx.format !== 'json' && ctx.format !== 'ndjson';
      let out: ReturnType<CommandContext['writer']> | undefined;
      const rows = client(ctx, cmd)
        .schema(opts.schema)
        .table(table)
        .rows({ filter, columns, orderby: opts.order, ...pagingOf(opts) });
      for await (const row of rows) {
        out ??= ctx.writer(columns ?? Object.keys(row));
        // A dotted column (`category.name`) comes back nested: flat formats print it in its own column.
        const cells = flat && columns ? columns.map((c) => [c, at(row, c)] as const) : Object.entries(row);
        out.row(Object.fromEntries(cells.map(([k, v]) => [k, plain(v, flat)])));
        await ctx.drained();
      }
      out ??= ctx.writer(columns ?? []);
      ctx.note(`${out.end()} rows`);
    });

  schemaOption(emx2.command('count').description('how many rows of a table match').argument('<table>', 'the table, e.g. Pet'))
    .option('--filter <rsql>', "RSQL filter, e.g. 'status!=sold'")
    .addHelpText('after', examples(["bio molgenis emx2 count Pet --schema 'pet store' --filter 'category.name==cat' --offline"]))
    .action(async (table: string, opts: { schema: string; filter?: string }, cmd: Command) => {
      const ctx = context();
      const filter = filterOf(opts.filter);
      const n = await client(ctx, cmd).schema(opts.schema).table(table).count(filter);
      ctx.print([{ table, count: n }], ['table', 'count']);
    });

  writeCommand('save', 'upsert rows (whole rows: absent columns are emptied) from CSV/TSV, a JSON array or NDJSON', 'the rows (- for stdin)').addHelpText(
    'after',
    examples([
      "printf 'name\\tcategory\\tweight\\nrex\\tdog\\t12.5\\n' | bio molgenis emx2 save Pet - --schema 'pet store' --offline",
      "bio molgenis emx2 save Pet pets.json --schema 'pet store' --base-url https://emx2.example.org",
    ]),
  );

  writeCommand(
    'delete',
    'delete rows by key (a missing key is no error) from CSV/TSV, a JSON array or NDJSON',
    'the keys, e.g. a column "name" (- for stdin)',
  ).addHelpText('after', examples(["printf 'name\\ntom\\n' | bio molgenis emx2 delete Pet - --schema 'pet store' --offline"]));

  schemaOption(
    emx2
      .command('import')
      .description(
        "import a CSV file into the table its name says (Pet.csv → Pet), or a ZIP of a schema's CSV files or an Excel .xlsx workbook (one sheet per table; one transaction)",
      )
      .argument('<file>', 'a .csv (or .tsv) file, a .zip or an .xlsx'),
  )
    .option('--table <table>', 'the table a CSV file goes to (default: the file name without its extension)')
    .addHelpText(
      'after',
      examples([
        "bio molgenis emx2 import Pet.csv --schema 'pet store' --offline",
        "bio molgenis emx2 import petstore.zip --schema 'pet store' --offline",
        "bio molgenis emx2 import petstore.xlsx --schema 'pet store' --base-url https://emx2.example.org",
      ]),
    )
    .action(async (file: string, opts: { schema: string; table?: string }, cmd: Command) => {
      const ctx = context();
      checkSource({ file });
      const ext = extname(file).toLowerCase();
      if (!['.csv', '.tsv', '.zip', '.xlsx'].includes(ext))
        throw new ValidationError({ message: `import ${file}: a .csv, .tsv, .zip or .xlsx file is expected`, field: 'file' });
      const schema = client(ctx, cmd).schema(opts.schema);
      if (ext === '.zip' || ext === '.xlsx') {
        if (opts.table !== undefined)
          throw new ValidationError({ message: `--table is for a CSV file; a ${ext === '.zip' ? 'ZIP' : 'workbook'} names its tables`, field: 'table' });
        const bytes = new Uint8Array(await readFile(file));
        const options = { fileName: basename(file), interval: ctx.options.offline ? 0 : undefined };
        const task = ext === '.zip' ? await schema.importZip(bytes, options) : await schema.importExcel(bytes, options);
        ctx.print([{ file: basename(file), status: task?.status ?? 'COMPLETED', description: task?.description }], ['file', 'status', 'description']);
        return;
      }
      const table = opts.table ?? basename(file, extname(file));
      const task = await schema.table(table).importCsv(await readFile(file, 'utf8'));
      ctx.print(
        [{ file: basename(file), table, status: task?.status ?? 'COMPLETED', description: task?.description }],
        ['file', 'table', 'status', 'description'],
      );
    });

  schemaOption(
    emx2
      .command('export')
      .description("a table's CSV streamed to stdout; with --zip the whole schema as a ZIP file; with --excel the schema (or the table) as an .xlsx workbook")
      .argument('[table]', 'the table, e.g. Pet (not with --zip)'),
  )
    .option('--filter <rsql>', "RSQL filter (run on the server), e.g. 'category.name==cat'")
    .option('--zip <file>', "write the schema's ZIP export to this file")
    .option('--excel <file>', 'write an Excel .xlsx export to this file: the whole schema (a sheet per table), or with a table that table')
    .option('--force', 'overwrite the --zip or --excel file if it exists')
    .addHelpText(
      'after',
      examples([
        "bio molgenis emx2 export Pet --schema 'pet store' --filter 'category.name==cat' --offline > cats.csv",
        "bio molgenis emx2 export --zip petstore-export.zip --schema 'pet store' --offline   # --force to overwrite",
        "bio molgenis emx2 export --excel petstore.xlsx --schema 'pet store' --offline",
        "bio molgenis emx2 export Pet --excel cats.xlsx --filter 'category.name==cat' --schema 'pet store' --offline",
      ]),
    )
    .action(async (table: string | undefined, opts: { schema: string; filter?: string; zip?: string; excel?: string; force?: boolean }, cmd: Command) => {
      const ctx = context();
      if (opts.zip !== undefined && opts.excel !== undefined) throw new ValidationError({ message: 'give --zip or --excel, not both', field: 'excel' });
      const target = opts.zip ?? opts.excel;
      if (target !== undefined) {
        const field = opts.zip !== undefined ? 'zip' : 'excel';
        if (field === 'zip' && (table !== undefined || opts.filter !== undefined))
          throw new ValidationError({ message: '--zip exports the whole schema: give no table and no --filter', field: 'zip' });
        if (field === 'excel' && table === undefined && opts.filter !== undefined)
          throw new ValidationError({ message: '--filter needs a table: --excel without a table exports the whole schema', field: 'filter' });
        const filter = filterOf(opts.filter);
        // Refused before any request when the file is there; written with `wx` so a file that
        // appeared meanwhile is not overwritten either, and nothing is left behind on failure.
        const exists = () => new ValidationError({ message: `${target} exists; pass --force to overwrite it`, field });
        if (!opts.force && existsSync(target)) throw exists();
        const schema = client(ctx, cmd).schema(opts.schema);
        const bytes =
          field === 'zip' ? await schema.exportZip() : table === undefined ? await schema.exportExcel() : await schema.table(table).exportExcel({ filter });
        await writeFile(target, bytes, { flag: opts.force ? 'w' : 'wx' }).catch((error: NodeJS.ErrnoException) => {
          throw error.code === 'EEXIST' ? exists() : error;
        });
        ctx.note(`${bytes.length} bytes written to ${target}`);
        return;
      }
      if (table === undefined) throw new ValidationError({ message: 'export needs a table, or --zip <file> or --excel <file>', field: 'table' });
      const filter = filterOf(opts.filter);
      const body = await client(ctx, cmd).schema(opts.schema).table(table).exportCsv({ filter }).stream();
      await ctx.pipe(body as unknown as AsyncIterable<Uint8Array>);
    });

  schemaOption(emx2.command('types').description("TypeScript types of a schema's tables (generateTypes)"))
    .addHelpText('after', examples(["bio molgenis emx2 types --schema 'pet store' --offline > petstore.ts"]))
    .action(async (opts: { schema: string }, cmd: Command) => {
      const ctx = context();
      const meta = await client(ctx, cmd).schema(opts.schema).metadata();
      ctx.io.stdout.write(generateTypes(meta));
    });
}
