import { writeFile } from 'node:fs/promises';
import { ValidationError } from '@bio/core-http';
import { imageId } from '@bio/idr';
import type { Command } from 'commander';
import { idrClient } from '../clients.js';
import type { CommandContext } from '../context.js';
import { positive } from '../input.js';

/**
 * Register `bio idr screens|annotations|search|thumbnail`.
 *
 * @example
 * ```ts
 * registerIdr(program, () => context);
 * ```
 */
export function registerIdr(program: Command, context: () => CommandContext): void {
  const idr = program.command('idr').description('the Image Data Resource (OMERO.web): screens, annotations, search, thumbnails');

  idr
    .command('screens')
    .description('list the screens (high-content studies)')
    .option('--max <n>', 'at most this many screens', positive)
    .option('--page-size <n>', 'screens per request', positive)
    .action(async (opts: { max?: number; pageSize?: number }) => {
      const ctx = context();
      const screens = await idrClient(ctx).screens({}, { max: opts.max, pageSize: opts.pageSize }).toArray();
      ctx.print(
        screens.map((s) => ({ id: s['@id'], name: s.Name, title: s.Description?.split('\n')[1] ?? '' })),
        ['id', 'name', 'title'],
      );
    });

  idr
    .command('annotations')
    .description('key/value (map) annotations of a screen, plate, project, dataset or image')
    .option('--screen <id>', 'a screen id')
    .option('--plate <id>', 'a plate id')
    .option('--project <id>', 'a project id')
    .option('--dataset <id>', 'a dataset id')
    .option('--image <id>', 'an image id')
    .action(async (opts: { screen?: string; plate?: string; project?: string; dataset?: string; image?: string }) => {
      const ctx = context();
      const target = Object.fromEntries(
        Object.entries(opts)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, positive(String(v))]),
      );
      if (Object.keys(target).length !== 1) {
        throw new ValidationError({ message: 'give exactly one of --screen, --plate, --project, --dataset, --image', field: 'target' });
      }
      const rows: Record<string, unknown>[] = [];
      for await (const a of idrClient(ctx).mapAnnotations(target)) {
        for (const [key, value] of a.values) rows.push({ namespace: a.ns, key, value });
      }
      ctx.print(rows, ['namespace', 'key', 'value']);
    });

  idr
    .command('search')
    .description('images whose annotations match a key and value (the IDR search engine)')
    .requiredOption('--key <key>', "annotation key, e.g. 'Gene Symbol'")
    .requiredOption('--value <value>', 'the value, e.g. CDC20')
    .option('--study <name>', 'only this study, e.g. idr0002')
    .option('--max <n>', 'at most this many images', positive)
    .action(async (opts: { key: string; value: string; study?: string; max?: number }) => {
      const ctx = context();
      const hits = idrClient(ctx).search({ key: opts.key, value: opts.value, study: opts.study }, { max: opts.max });
      // Streamed page by page: a common gene has thousands of images.
      const out = ctx.writer(['id', 'name', 'study', 'container']);
      for await (const h of hits) {
        out.row({ id: h.id, name: h.name, study: h.screen_name ?? h.project_name ?? '', container: h.plate_name ?? h.dataset_name ?? '' });
      }
      ctx.note(`${out.end()} images`);
    });

  idr
    .command('thumbnail')
    .description("save an image's thumbnail (JPEG)")
    .argument('<image>', 'image id')
    .requiredOption('-o, --output <file>', 'where to write the JPEG')
    .option('--size <px>', 'longest side in pixels (default: the server’s, 96)', positive)
    .action(async (id: string, opts: { output: string; size?: number }) => {
      const ctx = context();
      const client = idrClient(ctx);
      const image = imageId(id);
      const bytes = await client.thumbnail(image, { size: opts.size });
      await writeFile(opts.output, bytes);
      ctx.note(`wrote ${bytes.length} bytes to ${opts.output} (${client.thumbnailUrl(image, { size: opts.size })})`);
    });
}
