import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SortKey, UploadZipOptions } from '@bio/molgenis';
import { molgenisOperators, parse } from '@bio/rsql';
import { type Command, Option } from 'commander';
import { molgenisClient } from '../clients.js';
import type { CommandContext } from '../context.js';
import { count, list, positive } from '../input.js';

/** Rows `bio molgenis get` prints without `--max` (the client itself reads every row). */
const DEFAULT_MAX = 100;

function sortKeys(value: string | undefined): SortKey[] | undefined {
  return list(value)?.map((key) => {
    const [attr, direction] = key.split(':');
    const order: SortKey['order'] = direction?.toLowerCase() === 'desc' ? 'desc' : 'asc';
    return { attr: attr!, order };
  });
}

/** A reference cell (`{ _href, id, label }`) shown by its id in the flat formats. */
function reference(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reference);
  if (value !== null && typeof value === 'object' && 'id' in value) return (value as { id: unknown }).id;
  return value;
}

const urlOption = (): Option => new Option('--url <url>', 'the MOLGENIS server (default: $MOLGENIS_URL, else the config file)');

/**
 * Register `bio molgenis get|import`.
 *
 * @example
 * ```ts
 * registerMolgenis(program, () => context);
 * ```
 */
export function registerMolgenis(program: Command, context: () => CommandContext): void {
  const molgenis = program.command('molgenis').description('MOLGENIS: read rows with RSQL filters, import EMX files (token from MOLGENIS_TOKEN)');

  molgenis
    .command('get')
    .description('rows of an entity type, filtered with RSQL')
    .argument('<entity>', 'entity type id, e.g. celiacsprue')
    .addOption(urlOption())
    .option('--q <rsql>', "RSQL filter, e.g. 'age=gt=30;name==Jan*'")
    .option('--attrs <attributes>', 'comma-separated attributes to return (default: all)')
    .option('--max <n>', 'at most this many rows', count, DEFAULT_MAX)
    .option('--page-size <n>', 'rows per request (1-10000; default: the client’s, 10000)', positive)
    .option('--start <n>', 'skip this many rows', count)
    .option('--sort <keys>', 'comma-separated sort keys, e.g. age:desc,name')
    .action(async (entity: string, opts: { url?: string; q?: string; attrs?: string; max: number; pageSize?: number; start?: number; sort?: string }) => {
      const ctx = context();
      // Parsed here so a typo is reported with a caret before any request is sent.
      const q = opts.q === undefined ? undefined : parse(opts.q, { operators: molgenisOperators });
      const attributes = list(opts.attrs);
      const sort = sortKeys(opts.sort);
      // The client reads every row when no `max` is given; the command keeps its bound of 100.
      const rows = await molgenisClient(ctx, opts.url)
        .get(entity, { q, attributes, max: opts.max, pageSize: opts.pageSize, start: opts.start, sort })
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
    .action(async (file: string, opts: { url?: string; action: string; metadataAction: string; wait: boolean; interval?: number; deadline?: number }) => {
      const ctx = context();
      const data = new Uint8Array(await readFile(file));
      const interval = opts.interval ?? (ctx.options.offline ? 0 : 1000);
      const job = await molgenisClient(ctx, opts.url).uploadZip(
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
    });
}
