import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SortKey, UploadZipOptions } from '@bio/molgenis';
import { molgenisOperators, parse } from '@bio/rsql';
import { type Command, Option } from 'commander';
import { molgenisClient } from '../clients.js';
import { parseAttrSort } from '../sort.js';
import type { CommandContext } from '../context.js';
import { ValidationError } from '@bio/core-http';
import { between, checkSource, count, list } from '../input.js';
import { progressReporter } from '../progress.js';
import { readRows } from '../table-input.js';
import { baseUrlOf, examples, serviceCommand } from './common.js';
import { registerEmx2 } from './emx2.js';
import { ALL_ROWS_PAGING, firstRowsPaging, type Paging, pagingOf, withPaging } from './paging.js';

/** A reference cell (`{ _href, id, label }`) shown by its id in the flat formats. */
function reference(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reference);
  if (value !== null && typeof value === 'object' && 'id' in value) return (value as { id: unknown }).id;
  return value;
}

const urlOption = (): Option => new Option('--url <url>', 'the MOLGENIS server (same as --base-url)');

/**
 * Register `bio molgenis get|import`.
 *
 * @example
 * ```ts
 * registerMolgenis(program, () => context);
 * ```
 */
export function registerMolgenis(program: Command, context: () => CommandContext): void {
  const molgenis = serviceCommand(
    program,
    'molgenis',
    'MOLGENIS: read, add and export rows, import EMX files (token from MOLGENIS_TOKEN); `emx2`: MOLGENIS EMX2',
  );

  withPaging(
    molgenis
      .command('get')
      .description('rows of an entity type, filtered with RSQL')
      .argument('<entity>', 'entity type id, e.g. celiacsprue')
      .addOption(urlOption())
      .option('--q <rsql>', "RSQL filter, e.g. 'age=gt=30;name==Jan*'")
      .option('--attrs <attributes>', 'comma-separated attributes to return (default: all)'),
    firstRowsPaging('rows per request (1-10000; default: the client’s, 10000)'),
  )
    .option('--start <n>', 'skip this many rows', count)
    .option('--sort <keys>', 'comma-separated attr[:asc|desc], e.g. age:desc,name', parseAttrSort)
    .addHelpText(
      'after',
      examples([
        "bio molgenis get celiacsprue --q 'celiac_weight=ge=80;celiac_gender==Female' --offline",
        'bio molgenis get hospitals --sort beds:desc --max 2 --offline',
        'bio molgenis get celiacsprue --attrs Individual,celiac_weight --max 1000 --base-url https://molgenis.example.org',
      ]),
    )
    .action(async (entity: string, opts: { url?: string; q?: string; attrs?: string; start?: number; sort?: SortKey[] } & Paging, cmd: Command) => {
      const ctx = context();
      // Parsed here so a typo is reported with a caret before any request is sent.
      const q = opts.q === undefined ? undefined : parse(opts.q, { operators: molgenisOperators });
      const attributes = list(opts.attrs);
      const sort: SortKey[] | undefined = opts.sort;
      // The client reads every row when no `max` is given; the command keeps its bound of 100.
      const rows = await molgenisClient(ctx, opts.url ?? baseUrlOf(cmd))
        .get(entity, { q, attributes, ...pagingOf(opts), start: opts.start, sort })
        .toArray();
      const structured = ctx.format === 'json' || ctx.format === 'ndjson';
      const flat = rows.map((row) =>
        Object.fromEntries(
          Object.entries(row)
            .filter(([key]) => key !== '_href')
            .map(([key, value]) => [key, structured ? value : reference(value)]),
        ),
      );
      ctx.print(flat, attributes);
      ctx.note(`${rows.length} rows`);
    });

  molgenis
    .command('import')
    .description('upload an EMX file (zip, xlsx, csv, …) with the import wizard and wait for the import run')
    .argument('<file>', 'the file to upload; its extension picks the importer')
    .addOption(urlOption())
    .addOption(
      new Option('--action <action>', 'data action').choices(['add', 'add_update_existing', 'update', 'add_ignore_existing']).default('add_update_existing'),
    )
    .addOption(new Option('--metadata-action <action>', 'metadata action').choices(['add', 'update', 'upsert', 'ignore']).default('upsert'))
    .option('--no-wait', 'return once the upload is accepted, without waiting for the import run')
    .option('--interval <ms>', 'wait between status polls, ms (default 1000; 0 offline)', count)
    .option('--deadline <ms>', 'stop waiting after this many ms (default 600000; the import goes on on the server)', count)
    .addHelpText(
      'after',
      examples([
        'bio molgenis import demo_sightings.zip --offline',
        'bio molgenis import data.xlsx --action add --no-wait --base-url https://molgenis.example.org',
      ]),
    )
    .action(
      async (
        file: string,
        opts: { url?: string; action: string; metadataAction: string; wait: boolean; interval?: number; deadline?: number },
        cmd: Command,
      ) => {
        const ctx = context();
        const data = new Uint8Array(await readFile(file));
        const interval = opts.interval ?? (ctx.options.offline ? 0 : 1000);
        const job = await molgenisClient(ctx, opts.url ?? baseUrlOf(cmd)).uploadZip(
          { name: basename(file), data },
          {
            action: opts.action as NonNullable<UploadZipOptions['action']>,
            metadataAction: opts.metadataAction as NonNullable<UploadZipOptions['metadataAction']>,
            wait: opts.wait,
            interval,
            deadline: opts.deadline,
          },
        );
        ctx.print(
          [{ id: job.id, status: job.status, importedEntities: job.run?.importedEntities, message: job.run?.message }],
          ['id', 'status', 'importedEntities', 'message'],
        );
      },
    );

  molgenis
    .command('add')
    .description('add rows to an entity type from a TSV/CSV table with a header, or NDJSON; prints the new ids')
    .argument('<entity>', 'entity type id, e.g. demo_sightings')
    .argument('[file]', 'the rows (default, or -: stdin)')
    .addOption(urlOption())
    .option('--batch-size <n>', 'rows per request (1-1000)', between(1, 1000))
    .addHelpText(
      'after',
      examples([
        "printf 'id\\ttype\\tyear\\n158\\tfairy\\t1998\\n' | bio molgenis add demo_sightings --offline",
        'bio molgenis add Person people.csv --base-url https://molgenis.example.org',
      ]),
    )
    .action(async (entity: string, file: string | undefined, opts: { url?: string; batchSize?: number }, cmd: Command) => {
      const ctx = context();
      checkSource({ file });
      const rows: Record<string, unknown>[] = [];
      for await (const row of readRows(ctx.io, file)) rows.push(row);
      if (rows.length === 0) throw new ValidationError({ message: `no rows in ${file ?? 'stdin'}`, field: 'file' });
      const progress = progressReporter(ctx.io, { label: 'molgenis add', unit: 'rows', quiet: ctx.options.quiet });
      try {
        const ids = await molgenisClient(ctx, opts.url ?? baseUrlOf(cmd)).addAll(entity, rows, {
          batchSize: opts.batchSize,
          onProgress: (p) =>
            progress.update({ done: p.done, total: p.total, requests: p.batches, totalRequests: Math.ceil(rows.length / (opts.batchSize ?? 1000)) }),
        });
        progress.finish();
        const out = ctx.writer(['row', 'id']);
        for (const [i, id] of ids.entries()) out.row({ row: i + 1, id });
        ctx.note(`${out.end()} rows added to ${entity}`);
      } finally {
        progress.finish();
      }
    });

  withPaging(
    molgenis
      .command('export')
      .description("the server's CSV export of an entity type, streamed to stdout as it arrives")
      .argument('<entity>', 'entity type id, e.g. celiacsprue')
      .addOption(urlOption())
      .option('--q <rsql>', "RSQL filter, e.g. 'celiac_gender==Female'")
      .option('--attrs <attributes>', 'comma-separated attributes (default: all)')
      .option('--sort <key>', 'one sort key, attr[:asc|desc]', parseAttrSort),
    ALL_ROWS_PAGING,
  )
    .addHelpText(
      'after',
      examples([
        "bio molgenis export celiacsprue --q 'celiac_gender==Female' --offline > female.csv",
        'bio molgenis export hospitals --sort beds:desc --offline',
      ]),
    )
    .action(async (entity: string, opts: { url?: string; q?: string; attrs?: string; sort?: SortKey[] } & Paging, cmd: Command) => {
      const ctx = context();
      const q = opts.q === undefined ? undefined : parse(opts.q, { operators: molgenisOperators });
      if (opts.sort && opts.sort.length > 1)
        throw new ValidationError({ message: `--sort: the CSV export sorts by one key, got ${opts.sort.length}`, field: 'sort' });
      const pieces = molgenisClient(ctx, opts.url ?? baseUrlOf(cmd)).csvText(entity, {
        q,
        attributes: list(opts.attrs),
        sort: opts.sort,
        ...pagingOf(opts),
      });
      await ctx.pipe(pieces);
    });

  registerEmx2(molgenis, context);
}
