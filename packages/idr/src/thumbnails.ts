// JPEG endpoints of webgateway: `render_thumbnail`, batched `get_thumbnails` (≤ 50 ids per
// request, data URIs) and `render_image` — every body verified to be a JPEG.
import { AbortError, batch, type BatchFailure, type CallOptions, path, type Progress, ValidationError } from '@bio/core-http';
import { ThumbnailsError } from './errors.js';
import { DEFAULT_CONCURRENCY } from './constants.js';
import { type IdInput, imageId, type ImageId } from './ids.js';
import { withCall } from './internal/call.js';
import type { IdrContext } from './internal/context.js';
import { callSignal } from './internal/signal.js';
import { type Exchange, formatError, isObject, jsonOf, unexpectedShape } from './internal/json.js';
import { assertJpeg } from './jpeg.js';

/** The server's cap on ids per `get_thumbnails` request (`thumbnails_batch`). @example `idr.thumbnails(ids, { chunkSize: THUMBNAIL_BATCH_LIMIT })` */
export const THUMBNAIL_BATCH_LIMIT = 50;

/** Options of {@link Idr.thumbnail}. @example `{ size: 96 }` */
export interface ThumbnailOptions extends CallOptions {
  /** Longest side in pixels. Default: the server's (96). Sized URLs 404 on IDR for some sizes. */
  size?: number | undefined;
}

/** Options of {@link Idr.thumbnails}. @example `{ size: 96, onProgress: (p) => console.log(p.done) }` */
export interface ThumbnailsOptions extends ThumbnailOptions {
  /** Ids per request, at most 50 (default 50). */
  chunkSize?: number | undefined;
  /** Called after every request with the ids done so far (the family's one {@link Progress} shape). */
  onProgress?: ((progress: Progress) => void) | undefined;
}

function checkSize(size: number | undefined): void {
  if (size !== undefined && (!Number.isSafeInteger(size) || size <= 0))
    throw new ValidationError({ message: 'size must be a positive integer', field: 'size' });
}

/** The thumbnail route: `webgateway/render_thumbnail/{id}/[{size}/]`. */
export function thumbnailPath(id: IdInput<ImageId>, size?: number): string {
  checkSize(size);
  const image = imageId(id, 'image');
  return size === undefined ? path`webgateway/render_thumbnail/${image}/` : path`webgateway/render_thumbnail/${image}/${size}/`;
}

/** GET `render_thumbnail/{id}/[{size}/]` → JPEG bytes (verified). */
export async function thumbnail(ctx: IdrContext, id: IdInput<ImageId>, options: ThumbnailOptions = {}): Promise<Uint8Array> {
  const route = thumbnailPath(id, options.size);
  return jpegAt(ctx, route, {}, options);
}

/**
 * GET `render_thumbnail/{id}/[{size}/]` as a byte stream (JPEG checked while it flows: an HTML
 * page or a body not starting with SOI fails before any byte is passed on; a body that stops
 * without EOI errors the stream at its end).
 */
export async function thumbnailStream(ctx: IdrContext, id: IdInput<ImageId>, options: ThumbnailOptions = {}): Promise<ReadableStream<Uint8Array>> {
  const route = thumbnailPath(id, options.size);
  const pending = ctx.http.get(route, withCall({ accept: 'image/jpeg' }, options));
  const body = await pending.stream();
  const response = await pending;
  const at = { method: 'GET', url: ctx.http.url(route), status: response.status };
  const contentType = response.headers.get('content-type') ?? undefined;
  let head: Uint8Array = new Uint8Array(0);
  let tail: Uint8Array = new Uint8Array(0);
  let started = false;
  const join = (a: Uint8Array, b: Uint8Array): Uint8Array => {
    const out = new Uint8Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  };
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        tail = join(tail, chunk).slice(-64);
        if (started) return controller.enqueue(chunk);
        head = join(head, chunk);
        if (head.length < 3) return;
        if (contentType?.includes('text/html') || head[0] !== 0xff || head[1] !== 0xd8 || head[2] !== 0xff) assertJpeg(head.slice(0, 300), at, contentType);
        started = true;
        controller.enqueue(head);
      },
      flush() {
        // Complete JPEG = SOI (checked above) … EOI; reuse the whole-body check on head + tail.
        assertJpeg(started ? join(Uint8Array.of(0xff, 0xd8, 0xff, 0x00), tail) : head, at, contentType);
      },
    }),
  );
}

async function jpegAt(ctx: IdrContext, route: string, searchParams: Record<string, string | number | undefined>, options: CallOptions): Promise<Uint8Array> {
  const url = ctx.http.url(route, searchParams);
  const pending = ctx.http.get(route, withCall({ searchParams, accept: 'image/jpeg' }, options));
  const bytes = await pending.bytes(); // size-guarded read
  const response = await pending;
  const at = { method: 'GET', url, status: response.status };
  const contentType = response.headers.get('content-type') ?? undefined;
  if (contentType?.includes('text/html')) {
    throw formatError(at, 'expected a JPEG, got an HTML page', { contentType, snippet: new TextDecoder().decode(bytes.subarray(0, 300)) });
  }
  return assertJpeg(bytes, at, contentType);
}

function decodeDataUri(uri: string, at: Exchange): Uint8Array {
  // A prefix test, not a regex over the whole (long) URI.
  const prefix = uri.startsWith('data:image/jpeg;base64,') ? 23 : uri.startsWith('data:image/jpg;base64,') ? 22 : 0;
  if (prefix === 0 || uri.length === prefix) throw formatError(at, 'expected a data:image/jpeg;base64 URI', { snippet: uri.slice(0, 100) });
  return assertJpeg(base64Bytes(uri.slice(prefix)), at);
}

// Node's Buffer decodes base64 natively (several times faster than atob); browsers use atob.
type NodeBuffer = { from(data: string, encoding: 'base64'): Uint8Array };
function base64Bytes(text: string): Uint8Array {
  const buffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
  if (buffer !== undefined) return new Uint8Array(buffer.from(text, 'base64')); // a plain copy, not a view of Buffer's pool
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Thumbnails of many images through `get_thumbnails/?id=…&id=…` in chunks of ≤ 50, with
 * bounded concurrency. Images the server could not render map to `null`. A failed chunk does not
 * stop the others: when any failed, a {@link ThumbnailsError} carries every thumbnail fetched and
 * says which ids failed (the family's `BatchError` fields). Cancelling (the call's or the
 * client's signal) rejects with an `AbortError`.
 */
export async function thumbnails(ctx: IdrContext, ids: Iterable<IdInput<ImageId>>, options: ThumbnailsOptions = {}): Promise<Map<ImageId, Uint8Array | null>> {
  checkSize(options.size);
  const chunkSize = options.chunkSize ?? THUMBNAIL_BATCH_LIMIT;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1 || chunkSize > THUMBNAIL_BATCH_LIMIT) {
    throw new ValidationError({ message: `chunkSize must be between 1 and ${THUMBNAIL_BATCH_LIMIT}`, field: 'chunkSize' });
  }
  const list = [...new Set([...ids].map((id) => imageId(id, 'ids')))];
  const out = new Map<ImageId, Uint8Array | null>();
  const route = options.size === undefined ? 'webgateway/get_thumbnails/' : path`webgateway/get_thumbnails/${options.size}/`;
  const signal = callSignal(ctx, options);
  const outcomes = batch(
    list,
    // BatchOptions.signal takes no explicit undefined: withCall adds it only when given.
    {
      ...withCall({ size: chunkSize, concurrency: ctx.concurrency ?? DEFAULT_CONCURRENCY, onError: 'collect' as const }, { signal }),
      onProgress: options.onProgress,
    },
    async (chunk: ImageId[], { signal: chunkSignal }): Promise<Map<ImageId, Uint8Array | null>> => {
      const searchParams = { id: chunk };
      const url = ctx.http.url(route, new URLSearchParams(chunk.map((i) => ['id', String(i)])));
      const request = withCall({ searchParams, arrayFormat: 'repeat' as const }, { signal: chunkSignal, timeout: options.timeout });
      const { body, at } = await jsonOf(ctx.http.get(route, request), 'GET', url);
      if (!isObject(body)) throw unexpectedShape('a JSON object of data URIs keyed by image id', at, body);
      const result = new Map<ImageId, Uint8Array | null>();
      for (const id of chunk) {
        const value = body[String(id)];
        result.set(id, typeof value === 'string' ? decodeDataUri(value, at) : null);
      }
      return result;
    },
  );
  const processed: ImageId[] = [];
  const failed: ImageId[] = [];
  const errors: BatchFailure<ImageId>[] = [];
  for await (const outcome of outcomes) {
    if (outcome.ok) {
      for (const [id, bytes] of outcome.result) out.set(id, bytes);
      processed.push(...outcome.items);
    } else {
      failed.push(...outcome.items);
      errors.push({ batchIndex: outcome.index, items: outcome.items, error: outcome.error });
    }
  }
  // A chunk that failed because we were cancelled: the call was cancelled, not partly done.
  if (signal?.aborted) throw new AbortError({ message: 'thumbnails: aborted', cause: signal.reason });
  if (errors.length > 0) throw new ThumbnailsError({ thumbnails: out, processed, failed, unprocessed: [], errors });
  return out;
}

/** Options of {@link Idr.renderImage}. @example `{ z: 0, t: 0, channels: '1|0:4095$FF0000', quality: 0.9 }` */
export interface RenderImageOptions extends CallOptions {
  /** 0-based focal plane. Default: the image's default plane (its rendering settings); 0 for a region. */
  z?: number;
  /** 0-based timepoint; needs `z` (the route puts z before t). Default: the image's default timepoint; 0 for a region. */
  t?: number;
  /** Rendering settings `c=1|0:255$FF0000,2|…` as the webgateway expects. */
  channels?: string;
  /** `g` (greyscale) or `c` (colour). */
  model?: 'g' | 'c';
  /** JPEG quality 0–1. */
  quality?: number;
  /** `normal` or `intmax` projection. */
  projection?: string;
  /** `x,y,w,h` for `render_image_region`. */
  region?: { x: number; y: number; width: number; height: number };
}

/** GET `render_image/{id}/[{z}/[{t}/]]` (or `render_image_region/{id}/{z}/{t}/?region=`) → JPEG bytes. On IDR this answers 403 (pixels moving to OME-Zarr). */
export async function renderImage(ctx: IdrContext, id: IdInput<ImageId>, options: RenderImageOptions = {}): Promise<Uint8Array> {
  const image = imageId(id, 'image');
  for (const name of ['z', 't'] as const) {
    const v = options[name];
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) throw new ValidationError({ message: `${name} must be a non-negative integer`, field: name });
  }
  const r = options.region;
  let route: string;
  if (r !== undefined) {
    route = path`webgateway/render_image_region/${image}/${options.z ?? 0}/${options.t ?? 0}/`;
  } else {
    // render_image/{id}/[{z}/[{t}/]]: an omitted z or t is the image's default plane or timepoint
    // (renderJpeg(None, None)), not 0; a lone number in the path is z, so t cannot go without z.
    if (options.t !== undefined && options.z === undefined)
      throw new ValidationError({ message: 't needs z: render_image takes the timepoint after the plane', field: 't' });
    route =
      options.z === undefined
        ? path`webgateway/render_image/${image}/`
        : options.t === undefined
          ? path`webgateway/render_image/${image}/${options.z}/`
          : path`webgateway/render_image/${image}/${options.z}/${options.t}/`;
  }
  const searchParams = {
    region: r === undefined ? undefined : `${r.x},${r.y},${r.width},${r.height}`,
    c: options.channels,
    m: options.model,
    q: options.quality,
    p: options.projection,
  };
  return jpegAt(ctx, route, searchParams, options);
}
