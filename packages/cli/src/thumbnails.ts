// `bio idr thumbnails`: thumbnails of many images into one directory — resumable (a complete
// JPEG already there is skipped), written through a temporary file and renamed, so an
// interrupted run never leaves a file that looks complete; names come from the image id (and
// with `--names`, a sanitised image name), so server data can never leave the directory.
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Idr, type ImageId, imageId, isJpeg } from '@bio/idr';
import type { CommandContext } from './context.js';
import { readTerms, type TermSource } from './input.js';
import { progressReporter } from './progress.js';
import { chunks, ordered } from './stream.js';

/** Images per request: the server's `get_thumbnails` limit (`THUMBNAIL_BATCH_LIMIT`). */
const PER_REQUEST = 50;

/**
 * A file-name-safe form of server text: path separators, control characters, characters
 * Windows forbids and leading dots become `_`; at most 80 characters. Never `.`, `..` or empty.
 *
 * @example
 * ```ts
 * safeName('../../etc/passwd'); // '_.._etc_passwd'
 * ```
 */
export function safeName(text: string): string {
  const cleaned = text
    .replace(/[/\\\u0000-\u001f\u007f<>:"|?*]+/g, '_')
    .replace(/^[.\s]+/, '_')
    .replace(/\s+$/, '')
    .slice(0, 80);
  return cleaned === '' || cleaned === '_' ? '_' : cleaned;
}

/**
 * The file of one image's thumbnail: `<id>.jpg`, or `<id>_<safe name>.jpg` with a name.
 *
 * @example
 * ```ts
 * thumbnailFile(1884807 as ImageId, 'a/b.tif'); // '1884807_a_b.tif.jpg'
 * ```
 */
export function thumbnailFile(id: ImageId, name?: string): string {
  return name === undefined ? `${id}.jpg` : `${id}_${safeName(name)}.jpg`;
}

type Existing = 'none' | 'complete' | 'other';

async function existing(path: string): Promise<Existing> {
  try {
    return isJpeg(new Uint8Array(await readFile(path))) ? 'complete' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    return 'other';
  }
}

/** Write `bytes` to `path` via `path.part` (created fresh, never followed as a link) and a rename. */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const part = `${path}.part`;
  await rm(part, { force: true });
  const handle = await open(part, 'wx');
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
  await rename(part, path);
}

/**
 * Options of {@link saveThumbnails}.
 *
 * @example
 * ```ts
 * const options: SaveThumbnailsOptions = { dir: 'thumbs', size: 96, force: false, names: false };
 * ```
 */
export interface SaveThumbnailsOptions {
  dir: string;
  size?: number | undefined;
  /** Rewrite files that are there (complete or not). */
  force: boolean;
  /** Add the image's name (one extra request per image) to its file name. */
  names: boolean;
}

/**
 * Save the thumbnails of the image ids of `source` into `dir`, one row per id (`image`, `status`:
 * `saved`, `skipped` (complete already), `exists` (another file there; `--force` rewrites it),
 * `none` (the server has no thumbnail), `file`).
 *
 * @example
 * ```ts
 * await saveThumbnails(ctx, idr, { file: 'ids.txt' }, { dir: 'thumbs', force: false, names: false });
 * ```
 */
export async function saveThumbnails(ctx: CommandContext, idr: Idr, source: TermSource, o: SaveThumbnailsOptions): Promise<Record<string, number>> {
  const counts: Record<string, number> = { saved: 0, skipped: 0, exists: 0, none: 0 };
  const out = ctx.writer(['image', 'status', 'file']);
  const progress = progressReporter(ctx.io, { label: 'idr thumbnails', unit: 'images', quiet: ctx.options.quiet });
  const ids = (async function* () {
    for await (const term of readTerms(ctx.io, source)) yield imageId(term, 'image');
  })();
  let done = 0;
  let requests = 0;
  const plan = async (batch: ImageId[]) => {
    const files = new Map<ImageId, string>();
    for (const id of batch) files.set(id, thumbnailFile(id, o.names ? ((await idr.image(id)).Name ?? '') : undefined));
    const states = new Map<ImageId, Existing>();
    for (const [id, file] of files) states.set(id, o.force ? 'none' : await existing(join(o.dir, file)));
    const wanted = batch.filter((id) => states.get(id) === 'none');
    const bytes = wanted.length > 0 ? await idr.thumbnails(wanted, { size: o.size }) : new Map<ImageId, Uint8Array | null>();
    return { files, states, bytes, sent: wanted.length > 0 };
  };
  try {
    for await (const [batch, got] of ordered(chunks(ids, PER_REQUEST), 2, plan)) {
      for (const id of batch) {
        const file = got.files.get(id) as string;
        const state = got.states.get(id);
        let status: string;
        if (state === 'complete') status = 'skipped';
        else if (state === 'other') status = 'exists';
        else {
          const jpeg = got.bytes.get(id);
          if (jpeg) {
            await writeAtomically(join(o.dir, file), jpeg);
            status = 'saved';
          } else status = 'none';
        }
        counts[status] = (counts[status] ?? 0) + 1;
        out.row({ image: id, status, file: status === 'none' ? '' : join(o.dir, file) });
      }
      done += batch.length;
      if (got.sent) requests++;
      progress.update({ done, requests });
      await ctx.drained();
    }
  } finally {
    progress.finish();
  }
  out.end();
  return counts;
}
