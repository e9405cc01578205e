// webgateway: plate grid, imgData, thumbnails (single and batched ≤ 50), render_image (403 on IDR).
import type { RouteContext } from './context.js';
import { tinyJpeg } from './jpeg.js';
import { CHANNEL_COLORS } from './marshal.js';
import { intError, pythonInt } from './python-int.js';
import { letters, type SimImage } from './state.js';
import { emptyForbidden, jpeg, json, jsonpError, notFoundPage, omeroNotFoundPage } from './wire.js';
import { handleTable } from './tables.js';

/** IDR's default thumbnail size, and the only sized URL the simulator serves (IDR 404s others, e.g. `/64/`). */
const THUMB = 96;

function thumbnailOf(image: SimImage): Uint8Array {
  const w = image.sizeX >= image.sizeY ? THUMB : Math.max(8, Math.round((THUMB * image.sizeX) / image.sizeY / 8) * 8);
  const h = image.sizeY >= image.sizeX ? THUMB : Math.max(8, Math.round((THUMB * image.sizeY) / image.sizeX / 8) * 8);
  return tinyJpeg(w, h);
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function plateGrid(ctx: RouteContext, plateId: number, field: number): Response {
  const plate = ctx.state.plates.get(plateId);
  // The view returns Django's Http404 class instead of raising it; @jsonp cannot encode it.
  if (plate === undefined) return jsonpError(500, 'Object of type type is not JSON serializable');
  const layout = ctx.params.get('layout') ?? 'expand';
  const rows = layout === 'expand' ? Math.max(plate.rows, 8) : plate.rows;
  const cols = layout === 'expand' ? Math.max(plate.columns, 12) : plate.columns;
  const size = ctx.params.get('size');
  const grid: (Record<string, unknown> | null)[][] = Array.from({ length: rows }, () => Array.from({ length: cols }, () => null));
  let first: SimImage | undefined;
  for (const well of ctx.state.wells.values()) {
    if (well.plateId !== plateId) continue;
    const image = ctx.state.images.get(well.imageIds[field] ?? -1);
    const row = grid[well.row];
    if (image === undefined || row === undefined || well.column >= cols) continue;
    first ??= image;
    row[well.column] = {
      type: 'Image',
      id: image.id,
      name: image.name,
      description: '',
      author: 'Public data',
      date: Math.floor((image.acquisitionDate ?? image.importDate) / 1000), // BlitzImageWrapper.getDate()
      wellId: well.id,
      field,
      thumb_url: size === null ? `/webgateway/render_thumbnail/${image.id}/` : `/webgateway/render_thumbnail/${image.id}/${size}/`,
    };
  }
  const rowlabels = Array.from({ length: rows }, (_, i) => (plate.rowNaming === 'number' ? i + 1 : letters(i)));
  const collabels = Array.from({ length: cols }, (_, i) => (plate.columnNaming === 'letter' ? letters(i) : String(i + 1)));
  return json({ rowlabels, collabels, grid, image_sizes: first ? [{ x: first.sizeX, y: first.sizeY, image_id: first.id }] : [] });
}

function imgData(ctx: RouteContext, id: number): Response {
  const image = ctx.state.images.get(id);
  // For the public user a missing (or private) image is a 403 with an empty body; a logged-in user gets the 404.
  if (image === undefined)
    return ctx.session ? new Response(`Image:${id} not found`, { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' } }) : emptyForbidden();
  const wellId = [...ctx.state.wells.values()].find((w) => w.imageIds.includes(id))?.id;
  const datasets = [...ctx.state.datasets.values()].filter((d) => d.imageIds.includes(id));
  const dataset = datasets.length === 1 ? datasets[0] : undefined;
  const meta = {
    imageName: image.name,
    imageDescription: '',
    imageAuthor: 'Public data',
    projectName: dataset ? '' : 'Multiple',
    projectId: null,
    projectDescription: '',
    datasetName: dataset ? dataset.name : 'Multiple',
    datasetId: dataset ? dataset.id : null,
    datasetDescription: '',
    wellSampleId: '',
    wellId: wellId ?? null,
    imageTimestamp: Math.floor((image.acquisitionDate ?? image.importDate) / 1000), // BlitzImageWrapper.getDate()
    imageId: id,
    pixelsType: image.pixelsType,
    imageArchived: false, // `image.archived or False`
  };
  const perms = { canAnnotate: false, canEdit: false, canDelete: false, canLink: false };
  if (image.pixels === 'unavailable')
    return json({ id, meta, perms, Exception: `Error instantiating pixel buffer: /data/OMERO/ManagedRepository/${image.name}` });
  const max = image.pixelsType === 'uint8' ? 255 : image.pixelsType === 'float' ? 1 : 65535;
  return json({
    id,
    meta,
    perms,
    tiles: false,
    interpolate: true,
    size: { width: image.sizeX, height: image.sizeY, z: image.sizeZ, t: image.sizeT, c: image.sizeC },
    pixel_size: { x: image.physicalSize ?? null, y: image.physicalSize ?? null, z: null },
    init_zoom: 0,
    pixel_range: [0, max],
    channels: image.channelNames.map((name, c) => ({
      emissionWave: null,
      label: name ?? String(c),
      color: CHANNEL_COLORS[c % CHANNEL_COLORS.length],
      inverted: false,
      reverseIntensity: false,
      family: 'linear',
      coefficient: 1,
      window: { min: 0, max, start: 0, end: max },
      active: true,
    })),
    split_channel: { g: { width: image.sizeX * 2 + 4, height: image.sizeY * 2 + 2, border: 2, gridx: 2, gridy: 2 } },
    rdefs: { model: 'color', projection: 'normal', defaultZ: 0, defaultT: 0, invertAxis: false },
  });
}

function renderThumbnail(ctx: RouteContext, id: number, size: string | undefined): Response {
  const image = ctx.state.images.get(id);
  // `raise Http404("Failed to render thumbnail")` → OMERO.web's 404 page (the message is not on it).
  if (image === undefined || !image.thumbnail || (size !== undefined && Number(size) !== THUMB)) return omeroNotFoundPage();
  return jpeg(thumbnailOf(image));
}

/**
 * `get_thumbnails_json`: every `id` goes through `int()` (`get_longs`), so one bad id is the
 * `@jsonp` 500 `ValueError`; the ids are then deduplicated and keyed as Python ints (`007` → `7`).
 */
function getThumbnails(ctx: RouteContext, size: string | undefined): Response {
  const ids: number[] = [];
  for (const raw of ctx.params.getAll('id')) {
    const id = pythonInt(raw);
    if (id === undefined) return jsonpError(500, intError(raw), 'ValueError');
    ids.push(id);
  }
  const unique = [...new Set(ids)];
  // HttpJavascriptResponseServerError: plain text, 500, text/javascript.
  if (unique.length > ctx.settings.thumbnailsBatch)
    return new Response(`Max ${ctx.settings.thumbnailsBatch} thumbnails at a time.`, { status: 500, headers: { 'content-type': 'text/javascript' } });
  const body: Record<string, string | null> = {};
  for (const id of unique) {
    const image = ctx.state.images.get(id);
    body[id] = image?.thumbnail && (size === undefined || Number(size) === THUMB) ? `data:image/jpeg;base64,${base64(thumbnailOf(image))}` : null;
  }
  return json(body);
}

/** A JavaScript identifier, the only `callback` `@jsonp` accepts (`VALID_JS_VARIABLE`). */
const JS_IDENTIFIER = /^[a-zA-Z_$][0-9a-zA-Z_$]*$/;

/**
 * `@jsonp` with `?callback=`: a view's returned dict becomes `callback(json)` (application/javascript);
 * an invalid name is a 400. Responses a view builds itself (HTML, images, text) and raised errors pass unchanged.
 */
function withJsonp(ctx: RouteContext, response: Response): Response {
  const callback = ctx.params.get('callback');
  if (callback === null || response.status !== 200 || response.headers.get('content-type') !== 'application/json' || response.body === null) return response;
  if (!JS_IDENTIFIER.test(callback)) return new Response('Invalid callback', { status: 400, headers: { 'content-type': 'text/html; charset=utf-8' } });
  const text = new TextEncoder();
  const wrapped = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start: (out) => out.enqueue(text.encode(`${callback}(`)),
      flush: (out) => out.enqueue(text.encode(')')),
    }),
  );
  return new Response(wrapped, { status: 200, headers: { 'content-type': 'application/javascript' } });
}

/** Answer `webgateway/…`, or undefined. */
export function handleWebgateway(ctx: RouteContext): Response | undefined {
  if (!ctx.path.startsWith('webgateway/')) return undefined;
  return withJsonp(ctx, webgatewayView(ctx));
}

function webgatewayView(ctx: RouteContext): Response {
  const p = ctx.path;
  let m = /^webgateway\/plate\/(\d+)\/(?:(\d+)\/(?:(\d+)\/)?)?$/.exec(p);
  if (m) return plateGrid(ctx, Number(m[1]), Number(m[2] ?? 0));
  m = /^webgateway\/imgData\/(\d+)\/(?:[a-z_]+\/)?$/.exec(p);
  if (m) return imgData(ctx, Number(m[1]));
  m = /^webgateway\/render_thumbnail\/(\d+)\/(?:(\d+)\/(?:(\d+)\/)?)?$/.exec(p);
  if (m) return renderThumbnail(ctx, Number(m[1]), m[2]);
  m = /^webgateway\/get_thumbnails\/(?:(\d+)\/)?$/.exec(p);
  if (m) return getThumbnails(ctx, m[1]);
  // IDR's proxy refuses rendering while pixels move to OME-Zarr (HK-2026): 403, empty body.
  if (/^webgateway\/render_image(_region)?\/\d+\//.test(p)) return emptyForbidden();
  return handleTable(ctx) ?? notFoundPage(p);
}
