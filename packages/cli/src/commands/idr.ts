import { mkdir, writeFile } from 'node:fs/promises';
import { ValidationError } from '@bio/core-http';
import { imageId, wellLabel } from '@bio/idr';
import type { Command } from 'commander';
import { idrClient } from '../clients.js';
import type { CommandContext } from '../context.js';
import { checkColumn, checkSource, positive } from '../input.js';
import { saveThumbnails } from '../thumbnails.js';
import { baseUrlOf, examples, serviceCommand } from './common.js';
import { type Paging, pagingOf, pagingOfItems, withPaging } from './paging.js';

/** The second line of an IDR description is the study title. */
const title = (description: string | undefined): string => description?.split('\n')[1] ?? description ?? '';

/**
 * `bio idr <items> --<container> <id>`: the paged listing of the plates of a screen, the wells of a
 * plate or the images of a dataset; `example` is a container id that the simulator knows.
 */
function childListing(idr: Command, items: string, description: string, container: string, example: number): Command {
  return withPaging(
    idr.command(items).description(description).requiredOption(`--${container} <id>`, `the ${container} id, e.g. ${example}`, positive),
    pagingOfItems(items),
  ).addHelpText('after', examples([`bio idr ${items} --${container} ${example} --offline`]));
}

/**
 * Register `bio idr screens|plates|wells|images|image|annotations|search|thumbnail|thumbnails`.
 *
 * @example
 * ```ts
 * registerIdr(program, () => context);
 * ```
 */
export function registerIdr(program: Command, context: () => CommandContext): void {
  const idr = serviceCommand(program, 'idr', 'the Image Data Resource (OMERO.web): screens, plates, wells, images, annotations, search, thumbnails');

  withPaging(idr.command('screens').description('list the screens (high-content studies)'), pagingOfItems('screens'))
    .addHelpText('after', examples(['bio idr screens --max 2 --offline']))
    .action(async (opts: Paging, cmd: Command) => {
      const ctx = context();
      const screens = idrClient(ctx, baseUrlOf(cmd)).screens({}, pagingOf(opts));
      await ctx.writeAll(['id', 'name', 'title'], screens, (s) => ({ id: s['@id'], name: s.Name, title: title(s.Description) }));
    });

  childListing(idr, 'plates', 'the plates of a screen', 'screen', 102).action(async (opts: { screen: number } & Paging, cmd: Command) => {
    const ctx = context();
    const plates = idrClient(ctx, baseUrlOf(cmd)).plates({ screen: opts.screen }, pagingOf(opts));
    await ctx.writeAll(['id', 'name', 'rows', 'columns'], plates, (p) => ({ id: p['@id'], name: p.Name, rows: p.Rows, columns: p.Columns }));
  });

  childListing(idr, 'wells', 'the wells of a plate, with their images', 'plate', 4554).action(async (opts: { plate: number } & Paging, cmd: Command) => {
    const ctx = context();
    const wells = idrClient(ctx, baseUrlOf(cmd)).wells({ plate: opts.plate }, pagingOf(opts));
    await ctx.writeAll(['id', 'well', 'row', 'column', 'images'], wells, (w) => ({
      id: w['@id'],
      well: wellLabel(w),
      row: w.Row,
      column: w.Column,
      images: (w.WellSamples ?? []).map((s) => s.Image['@id']),
    }));
  });

  childListing(idr, 'images', 'the images of a dataset', 'dataset', 51).action(async (opts: { dataset: number } & Paging, cmd: Command) => {
    const ctx = context();
    const images = idrClient(ctx, baseUrlOf(cmd)).images({ dataset: opts.dataset }, pagingOf(opts));
    await ctx.writeAll(['id', 'name', 'sizeX', 'sizeY', 'sizeZ', 'sizeC', 'sizeT'], images, ({ '@id': id, Name: name, Pixels: p }) => ({
      id,
      name,
      sizeX: p?.SizeX,
      sizeY: p?.SizeY,
      sizeZ: p?.SizeZ,
      sizeC: p?.SizeC,
      sizeT: p?.SizeT,
    }));
  });

  idr
    .command('image')
    .description('one image: name, dimensions, pixel type, links')
    .argument('<id>', 'the image id, e.g. 1884807', positive)
    .addHelpText('after', examples(['bio idr image 1884807 --offline', 'bio idr image 1884807 --format json --offline']))
    .action(async (id: number, _opts: unknown, cmd: Command) => {
      const ctx = context();
      const client = idrClient(ctx, baseUrlOf(cmd));
      ctx.printRecord(await client.image(id), (i) => {
        const p = i.Pixels;
        return [
          {
            id: i['@id'],
            name: i.Name,
            sizeX: p?.SizeX,
            sizeY: p?.SizeY,
            sizeZ: p?.SizeZ,
            sizeC: p?.SizeC,
            sizeT: p?.SizeT,
            pixelType: p?.Type?.value,
            link: `${client.baseUrl}/webclient/?show=image-${i['@id']}`,
            thumbnail: client.thumbnailUrl(i['@id']),
          },
        ];
      });
    });

  idr
    .command('annotations')
    .description('key/value (map) annotations of a screen, plate, project, dataset or image (give exactly one)')
    .option('--screen <id>', 'a screen id', positive)
    .option('--plate <id>', 'a plate id', positive)
    .option('--project <id>', 'a project id', positive)
    .option('--dataset <id>', 'a dataset id', positive)
    .option('--image <id>', 'an image id', positive)
    .addHelpText('after', examples(['bio idr annotations --screen 102 --offline', 'bio idr annotations --image 1884807 --offline']))
    .action(async (opts: { screen?: number; plate?: number; project?: number; dataset?: number; image?: number }, cmd: Command) => {
      const ctx = context();
      const target = Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined));
      if (Object.keys(target).length !== 1) {
        throw new ValidationError({ message: 'give exactly one of --screen, --plate, --project, --dataset, --image', field: 'target' });
      }
      const out = ctx.writer(['namespace', 'key', 'value']);
      for await (const a of idrClient(ctx, baseUrlOf(cmd)).mapAnnotations(target)) {
        for (const [key, value] of a.values) out.row({ namespace: a.ns, key, value });
      }
      out.end();
    });

  idr
    .command('search')
    .description('images whose annotations match a key and value (the IDR search engine)')
    .requiredOption('--key <key>', "annotation key, e.g. 'Gene Symbol'")
    .requiredOption('--value <value>', 'the value, e.g. CDC20')
    .option('--study <name>', 'only studies whose project name contains this, e.g. idr0021 (screen studies are not matched)')
    .option('--max <n>', 'at most this many images', positive)
    .addHelpText(
      'after',
      examples(["bio idr search --key 'Gene Symbol' --value CDC20 --offline", "bio idr search --key 'Gene Symbol' --value CDC20 --study idr0021 --max 10"]),
    )
    .action(async (opts: { key: string; value: string; study?: string; max?: number }, cmd: Command) => {
      const ctx = context();
      const hits = idrClient(ctx, baseUrlOf(cmd)).search({ key: opts.key, value: opts.value, study: opts.study }, { max: opts.max });
      // Streamed page by page: a common gene has thousands of images.
      const written = await ctx.writeAll(['id', 'name', 'study', 'container'], hits, (h) => ({
        id: h.id,
        name: h.name,
        study: h.screen_name ?? h.project_name ?? '',
        container: h.plate_name ?? h.dataset_name ?? '',
      }));
      ctx.note(`${written} images`);
    });

  idr
    .command('thumbnail')
    .description("save one image's thumbnail (JPEG)")
    .argument('<image>', 'image id')
    .requiredOption('-o, --output <file>', 'where to write the JPEG')
    .option('--size <px>', 'longest side in pixels (default: the server’s, 96)', positive)
    .addHelpText('after', examples(['bio idr thumbnail 1884807 -o thumb.jpg --offline']))
    .action(async (id: string, opts: { output: string; size?: number }, cmd: Command) => {
      const ctx = context();
      const client = idrClient(ctx, baseUrlOf(cmd));
      const image = imageId(id);
      const bytes = await client.thumbnail(image, { size: opts.size });
      await writeFile(opts.output, bytes);
      ctx.note(`wrote ${bytes.length} bytes to ${opts.output} (${client.thumbnailUrl(image, { size: opts.size })})`);
    });

  idr
    .command('thumbnails')
    .description('save the thumbnails of many images into a directory; resumable (complete files are skipped)')
    .argument('[file]', 'image ids, one per line, or a TSV/CSV table with --column (default, or -: stdin)')
    .requiredOption('-d, --dir <directory>', 'where to write <id>.jpg files (created if missing)')
    .option('--column <name|n>', 'read this column of a TSV/CSV table: a header name, or a 1-based index', checkColumn)
    .option('--size <px>', 'longest side in pixels (default: the server’s, 96)', positive)
    .option('--names', 'name files <id>_<image name>.jpg (the name made safe; one more request per image)')
    .option('--force', 'rewrite files already there, complete or not')
    .addHelpText(
      'after',
      examples([
        "printf '1884807\\n1938559\\n' | bio idr thumbnails --dir thumbs --offline",
        "bio idr search --key 'Gene Symbol' --value CDC20 --format tsv | bio idr thumbnails --column id --dir thumbs",
      ]),
    )
    .action(async (file: string | undefined, opts: { dir: string; column?: string; size?: number; names?: boolean; force?: boolean }, cmd: Command) => {
      const ctx = context();
      const source = { file, column: opts.column };
      checkSource(source);
      await mkdir(opts.dir, { recursive: true });
      const counts = await saveThumbnails(ctx, idrClient(ctx, baseUrlOf(cmd)), source, {
        dir: opts.dir,
        size: opts.size,
        force: opts.force ?? false,
        names: opts.names ?? false,
      });
      const exists = counts.exists ? `, ${counts.exists} not overwritten (another file is there; --force rewrites)` : '';
      ctx.note(`${counts.saved} saved, ${counts.skipped} already complete, ${counts.none} without a thumbnail${exists}`);
    });
}
