// `webclient/api/*` (page/limit lists without totals, plain-text 400 on a bad number),
// `paths_to_object`, annotations (map/file, many ids at once) and annotation downloads.
import type { RouteContext } from './context.js';
import { type IdrSimulatorState, links, type SimAnnotation, type SimParentType, wellName } from './state.js';
import { csrfRefusal } from './api.js';
import { pythonInt } from './python-int.js';
import { tableCsv } from './tables.js';
import { cookies, htmlPage, invalidParameter, json, notFoundPage, omeroErrorPage, omeroNotFoundPage, redirect, serverErrorPage } from './wire.js';

/** An `int()` of an optional query value: `fallback` when absent, `undefined` when it raises (an empty value too). */
function pyIntOr(params: URLSearchParams, name: string, fallback: number): number | undefined {
  const raw = params.get(name);
  if (raw === null) return fallback;
  return pythonInt(raw);
}

/**
 * page (1-based; ≤ 0 = no paging, as tree.py's `page > 0` test) and limit (default the page size);
 * `undefined` when `int()` fails on either or on `group` (an empty value too: the view's 400).
 * With page ≤ 0 tree.py (`marshal_plates`/`marshal_datasets`/`marshal_images`) never reads the
 * limit, so a negative one lists everything. With page > 0 views.py passes it unchecked through
 * `ParametersI.page()` to the OMERO server, whose answer the omero-web sources do not show: the
 * simulator's 400 there is unconfirmed.
 */
function paging<T>(ctx: RouteContext, items: T[]): T[] | undefined {
  const page = pyIntOr(ctx.params, 'page', 1);
  const limit = pyIntOr(ctx.params, 'limit', ctx.settings.webclientPageSize);
  if (page === undefined || limit === undefined || pyIntOr(ctx.params, 'group', -1) === undefined) return undefined;
  if (page <= 0) return items;
  if (limit < 0) return undefined;
  return items.slice((page - 1) * limit, page * limit);
}

const byName = <T extends { name: string; id: number }>(a: T, b: T) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id - b.id;

function treeList(ctx: RouteContext, kind: 'plates' | 'datasets' | 'images'): Response {
  const raw = ctx.params.get('id');
  if (raw !== null && !/^\d+$/.test(raw)) return invalidParameter();
  const parent = raw === null ? undefined : Number(raw);
  const s = ctx.state;
  const l = links(s);
  let items: Record<string, unknown>[];
  if (kind === 'plates') {
    const ids = parent === undefined ? [...s.plates.keys()].filter((id) => !l.screenOfPlate.has(id)) : (s.screens.get(parent)?.plateIds ?? []);
    items = ids
      .flatMap((id) => (s.plates.has(id) ? [s.plates.get(id)!] : []))
      .sort(byName)
      .map((p) => ({ id: p.id, name: p.name, ownerId: 2, childCount: 1, permsCss: '' }));
  } else if (kind === 'datasets') {
    const ids = parent === undefined ? [...s.datasets.keys()].filter((id) => !l.projectsOfDataset.has(id)) : (s.projects.get(parent)?.datasetIds ?? []);
    items = ids
      .flatMap((id) => (s.datasets.has(id) ? [s.datasets.get(id)!] : []))
      .sort(byName)
      .map((d) => ({ id: d.id, name: d.name, ownerId: 2, childCount: d.imageIds.length, permsCss: '' }));
  } else {
    const ids =
      parent === undefined
        ? [...s.images.keys()].filter((id) => !l.datasetsOfImage.has(id) && !l.wellOfImage.has(id))
        : (s.datasets.get(parent)?.imageIds ?? []);
    items = ids
      .flatMap((id) => (s.images.has(id) ? [s.images.get(id)!] : []))
      .sort(byName)
      .map((i) => {
        const out: Record<string, unknown> = { id: i.id, name: i.name, ownerId: 2, permsCss: '', filesetId: i.filesetId, archived: false };
        if (ctx.params.get('sizeXYZ') === 'true') Object.assign(out, { sizeX: i.sizeX, sizeY: i.sizeY, sizeZ: i.sizeZ });
        // OMERO.web's tree.py: `date` is the import (creation event), `acqDate` only when set.
        if (ctx.params.get('date') === 'true') {
          out.date = pythonIsoDate(i.importDate);
          if (i.acquisitionDate !== undefined) out.acqDate = pythonIsoDate(i.acquisitionDate);
        }
        if (ctx.params.get('thumbVersion') === 'true') out.thumbVersion = 0;
        return out;
      });
  }
  const page = paging(ctx, items);
  return page === undefined ? invalidParameter() : json({ [kind]: page });
}

/**
 * A date as OMERO.web's `_marshal_date` writes it: `datetime.fromtimestamp(ms / 1000).isoformat() + 'Z'`
 * — no fraction on a whole second, six digits otherwise (the simulated server runs on UTC).
 */
function pythonIsoDate(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2017-08-16T15:08:30.123Z
  const millis = ms % 1000;
  return millis === 0 ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 23)}000Z`;
}

type Node = { type: string; id: number; childCount?: number; childIndex?: number; childPage?: number };

/** What `api_paths_to_object` (omero-web `webclient/views.py`) read from the query, after `int()`. */
interface PathQuery {
  experimenter: number | undefined;
  project: number | undefined;
  dataset: number | undefined;
  image: number | undefined;
  screen: number | undefined;
  plate: number | undefined;
  acquisition: number | undefined;
  well: number | undefined;
  roi: number | undefined;
  shape: number | undefined;
  pageSize: number;
}

/** A Python exception in the view that nothing catches: Django's 500 page. */
class ViewCrash extends Error {}

/** The owner of every simulated object (the IDR public user). */
const OWNER = 2;

/** Django's `QueryDict.get`: the last value of a repeated key. */
const lastParam = (params: URLSearchParams, name: string): string | null => params.getAll(name).at(-1) ?? null;

/** `order by lower(image.name), image.id` (show.py `get_image_ids`). */
function imageOrder(state: IdrSimulatorState, ids: number[]): number[] {
  const named = ids.flatMap((id) => (state.images.has(id) ? [state.images.get(id)!] : []));
  return named
    .sort((a, b) => {
      const x = a.name.toLowerCase();
      const y = b.name.toLowerCase();
      return x < y ? -1 : x > y ? 1 : a.id - b.id;
    })
    .map((i) => i.id);
}

/** `(index // page_size) + 1`: Python's floor division; a page size of 0 raises ZeroDivisionError. */
function pageOf(index: number, pageSize: number): number {
  if (pageSize === 0) throw new ViewCrash('integer division or modulo by zero');
  return Math.floor(index / pageSize) + 1;
}

/** Screens that link a plate (`plate.screenLinks`), or `[undefined]` for an orphaned plate (the left outer join's null row). */
function screensOf(state: IdrSimulatorState, plate: number): (number | undefined)[] {
  const screens = [...state.screens.values()].filter((s) => s.plateIds.includes(plate)).map((s) => s.id);
  return screens.length === 0 ? [undefined] : screens;
}

/** Projects that link a dataset, or `[undefined]` (the left outer join's null row). */
function projectsOf(state: IdrSimulatorState, dataset: number): (number | undefined)[] {
  const projects = [...state.projects.values()].filter((p) => p.datasetIds.includes(dataset)).map((p) => p.id);
  return projects.length === 0 ? [undefined] : projects;
}

/**
 * One path per parent (a project of a dataset, a screen of a plate; `undefined` for none), kept
 * when `wanted` is not given or is that parent: experimenter, the parent, then `nodes`.
 */
function underParents(exp: Node, parentType: string, parents: (number | undefined)[], wanted: number | undefined, nodes: Node[]): Node[][] {
  return parents.filter((p) => wanted === undefined || p === wanted).map((p) => [exp, ...(p === undefined ? [] : [{ type: parentType, id: p }]), ...nodes]);
}

/**
 * show.py `paths_to_well_image`: one row per WellSample (field), filtered by well, image, run,
 * plate and screen → [experimenter, screen?, plate, acquisition], plus well, wellsample and image
 * when called for an image. Its experimenter clause names aliases the query never declares
 * (`aoener`, `wowner`): with `experimenter` set the HQL fails, a 500.
 */
function wellImagePaths(state: IdrSimulatorState, q: PathQuery, forImage: boolean, image: number | undefined, imageIsRlong = false): Node[][] {
  if (q.experimenter !== undefined) throw new ViewCrash('QueryException: Invalid path: aoener.id');
  const out: Node[][] = [];
  for (const w of state.wells.values()) {
    if (q.well !== undefined && w.id !== q.well) continue;
    const plate = state.plates.get(w.plateId);
    if (plate === undefined) continue;
    if (q.acquisition !== undefined && plate.acquisitionId !== q.acquisition) continue;
    if (q.plate !== undefined && plate.id !== q.plate) continue;
    w.imageIds.forEach((img, field) => {
      if (image !== undefined && img !== image) return;
      for (const screen of screensOf(state, plate.id)) {
        if (q.screen !== undefined && screen !== q.screen) continue;
        const path: Node[] = [{ type: 'experimenter', id: OWNER }];
        if (screen !== undefined) path.push({ type: 'screen', id: screen });
        path.push({ type: 'plate', id: plate.id }, { type: 'acquisition', id: plate.acquisitionId });
        if (forImage) path.push({ type: 'well', id: w.id }, { type: 'wellsample', id: w.id * 10 + field });
        // An id that came from `roi.image.id` is still an RLong here: JsonResponse cannot encode it.
        if (imageIsRlong) throw new ViewCrash('TypeError: Object of type RLongI is not JSON serializable');
        if (image !== undefined) path.push({ type: 'image', id: image });
        out.push(path);
      }
    });
  }
  return out;
}

/**
 * show.py `paths_to_object`: the lowest type set wins, in the order experimenter, screen, plate,
 * acquisition, well, project, dataset, image (an `roi` or `shape` resolves to its image); the other
 * ids only filter that type's paths.
 */
function pathsOf(state: IdrSimulatorState, q: PathQuery): Node[][] {
  const exp: Node = { type: 'experimenter', id: OWNER };
  const owned = q.experimenter === undefined || q.experimenter === OWNER;
  let image = q.image;
  let roi = q.roi;
  // `roi.image.id` of a wrapped Roi is the raw ImageI's RLong (BlitzObjectWrapper.__getattr__ does
  // not unwrap an IObject); `get_image_roi_id_for_shape` unwraps with `.val`.
  let imageIsRlong = false;
  if (roi !== undefined) {
    const found = state.rois.get(roi);
    if (found) {
      image = found.imageId;
      imageIsRlong = true;
    }
  }
  if (q.shape !== undefined) {
    const found = [...state.rois.values()].find((r) => r.shapes.some((s) => s['@id'] === q.shape));
    image = found?.imageId;
    roi = found?.id;
    imageIsRlong = false;
  }
  if (image !== undefined) {
    const paths: Node[][] = [];
    const datasets = [...state.datasets.values()].filter((d) => d.imageIds.includes(image));
    // One row per (dataset, project) link, `order by` owner, project id, dataset id (PostgreSQL: nulls last).
    type Row = [project: number | undefined, dataset: number | undefined];
    const rows: Row[] = datasets.length === 0 ? [[undefined, undefined]] : datasets.flatMap((d) => projectsOf(state, d.id).map((p): Row => [p, d.id]));
    const nullsLast = (a: number | undefined, b: number | undefined) => (a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a - b);
    rows.sort((a, b) => nullsLast(a[0], b[0]) || nullsLast(a[1], b[1]));
    const exists = state.images.has(image);
    for (const [project, dataset] of exists && owned ? rows : []) {
      if (q.dataset !== undefined && dataset !== q.dataset) continue;
      if (q.project !== undefined && project !== q.project) continue;
      const path: Node[] = [exp];
      if (project !== undefined) path.push({ type: 'project', id: project });
      if (dataset !== undefined) {
        const iids = imageOrder(state, state.datasets.get(dataset)!.imageIds);
        const ds: Node = { type: 'dataset', id: dataset, childCount: iids.length };
        if (iids.length > q.pageSize) {
          const index = iids.indexOf(image);
          ds.childIndex = index;
          ds.childPage = pageOf(index, q.pageSize);
        }
        path.push(ds);
        path.push({ type: 'image', id: image });
        paths.push(path);
        continue;
      }
      const inWells = wellImagePaths(state, q, true, image, imageIsRlong);
      if (inWells.length > 0) {
        paths.splice(0, paths.length, ...inWells);
        continue;
      }
      const orphaned: Node = { type: 'orphaned', id: OWNER };
      const l = links(state);
      const iids = imageOrder(
        state,
        [...state.images.keys()].filter((id) => !l.datasetsOfImage.has(id) && !l.wellOfImage.has(id)),
      );
      const index = iids.indexOf(image);
      if (iids.length > q.pageSize && index >= 0) {
        const page = pageOf(index, q.pageSize);
        Object.assign(orphaned, { childCount: iids.length, childIndex: index, childPage: page });
      }
      path.push(orphaned, { type: 'image', id: image });
      paths.push(path);
    }
    for (const path of paths) {
      if (roi !== undefined) path.push({ type: 'roi', id: roi });
      if (q.shape !== undefined) path.push({ type: 'shape', id: q.shape });
    }
    return paths;
  }
  if (q.dataset !== undefined) {
    if (!state.datasets.has(q.dataset) || !owned) return [];
    return underParents(exp, 'project', projectsOf(state, q.dataset), q.project, [{ type: 'dataset', id: q.dataset }]);
  }
  if (q.project !== undefined) return state.projects.has(q.project) ? [[exp, { type: 'project', id: q.project }]] : [];
  if (q.well !== undefined) return wellImagePaths(state, q, false, undefined);
  if (q.acquisition !== undefined) {
    const plate = [...state.plates.values()].find((p) => p.acquisitionId === q.acquisition);
    if (plate === undefined || !owned || (q.plate !== undefined && plate.id !== q.plate)) return [];
    return underParents(exp, 'screen', screensOf(state, plate.id), q.screen, [
      { type: 'plate', id: plate.id },
      { type: 'acquisition', id: plate.acquisitionId },
    ]);
  }
  if (q.plate !== undefined) {
    if (!state.plates.has(q.plate) || !owned) return [];
    return underParents(exp, 'screen', screensOf(state, q.plate), q.screen, [{ type: 'plate', id: q.plate }]);
  }
  if (q.screen !== undefined) return state.screens.has(q.screen) ? [[exp, { type: 'screen', id: q.screen }]] : [];
  if (q.experimenter !== undefined) return [[{ type: 'experimenter', id: q.experimenter }]];
  return [];
}

/**
 * `api_paths_to_object` (omero-web webclient/views.py): every id but `well` through
 * `get_long_or_default` (`int()` of the last value; a ValueError is the plain-text 400); `acquisition`
 * overrides its alias `run`; `tag`/`tagset` go to show.py `paths_to_tag` instead (the simulator has
 * no tags: no paths). `well` is read raw and only `rlong()`-ed inside `paths_to_object`, outside the
 * `try`: a bad one is a 500. `page_size` (default `settings.PAGE`) pages a dataset's or the orphaned
 * images for `childIndex`/`childPage`; `group` only picks the group to search.
 */
function pathsToObject(ctx: RouteContext): Response {
  const int = (name: string): number | undefined | null => {
    const raw = lastParam(ctx.params, name);
    return raw === null ? undefined : (pythonInt(raw) ?? null);
  };
  const names = [
    'experimenter',
    'project',
    'dataset',
    'image',
    'screen',
    'plate',
    'run',
    'acquisition',
    'tag',
    'tagset',
    'roi',
    'shape',
    'group',
    'page_size',
  ] as const;
  const read = Object.fromEntries(names.map((n) => [n, int(n)])) as Record<(typeof names)[number], number | undefined | null>;
  if (Object.values(read).includes(null)) return invalidParameter();
  const v = read as Record<(typeof names)[number], number | undefined>;
  try {
    if (v.tag !== undefined || v.tagset !== undefined) {
      // paths_to_tag: no tag matches; its fallback query's experimenter clause names `tsowner`, which it does not join.
      if (v.experimenter !== undefined) throw new ViewCrash('QueryException: Invalid path: tsowner.id');
      return json({ paths: [] });
    }
    const rawWell = lastParam(ctx.params, 'well');
    const well = rawWell === null ? undefined : pythonInt(rawWell);
    if (rawWell !== null && well === undefined) throw new ViewCrash(`ValueError: ${rawWell}`);
    const q: PathQuery = {
      experimenter: v.experimenter,
      project: v.project,
      dataset: v.dataset,
      image: v.image,
      screen: v.screen,
      plate: v.plate,
      acquisition: v.acquisition ?? v.run,
      well,
      roi: v.roi,
      shape: v.shape,
      pageSize: v.page_size ?? ctx.settings.webclientPageSize,
    };
    return json({ paths: pathsOf(ctx.state, q) });
  } catch (error) {
    if (error instanceof ViewCrash) return serverErrorPage();
    throw error;
  }
}

const PARENT_CLASS: Record<SimParentType, string> = {
  screen: 'ScreenI',
  project: 'ProjectI',
  dataset: 'DatasetI',
  plate: 'PlateI',
  well: 'WellI',
  image: 'ImageI',
};

function parentName(state: IdrSimulatorState, type: SimParentType, id: number): string | undefined {
  if (type === 'well') {
    const w = state.wells.get(id);
    return w ? wellName(state.plates.get(w.plateId), w) : undefined;
  }
  const table = { screen: state.screens, project: state.projects, dataset: state.datasets, plate: state.plates, image: state.images }[type];
  return table.get(id)?.name;
}

const PERMS = { canDelete: false, canAnnotate: false, canLink: false, canEdit: false };

/** An annotation as `webclient/api/annotations/` sends it. */
export function annotationJson(state: IdrSimulatorState, a: SimAnnotation): Record<string, unknown> {
  const parent: Record<string, unknown> = { id: a.parent.id, class: PARENT_CLASS[a.parent.type] };
  const name = parentName(state, a.parent.type, a.parent.id);
  if (name !== undefined) parent.name = name;
  const out: Record<string, unknown> = {
    id: a.id,
    ns: a.ns,
    name: null,
    description: null,
    owner: { id: 2 },
    date: a.date,
    permissions: a.kind === 'file' ? { ...PERMS, canDownload: true } : { ...PERMS },
    link: { id: 100000000 + a.id, owner: { id: 2 }, date: a.date, permissions: { ...PERMS }, parent },
  };
  if (a.kind === 'map') return { ...out, class: 'MapAnnotationI', values: a.values.map(([k, v]) => [k, v]) };
  return {
    ...out,
    class: 'FileAnnotationI',
    file: { id: a.file.id, name: a.file.name, size: a.file.content.byteLength, path: '/', mimetype: a.file.mimetype },
  };
}

/**
 * The query keys of `api_annotations`, in the order `marshal_annotations` (tree.py) queries each
 * parent type; `acquisition` names plate acquisitions, which the simulator does not annotate.
 */
const ANNOTATION_TARGETS: readonly (SimParentType | 'acquisition')[] = ['project', 'dataset', 'image', 'screen', 'plate', 'acquisition', 'well'];

/** The annotation kinds a `type` keeps: map and file as such; tag, comment, rating and custom match none here; any other (or none) keeps all. */
function kindsOf(type: string | null): readonly SimAnnotation['kind'][] {
  if (type === 'map' || type === 'file') return [type];
  return type !== null && ['tag', 'comment', 'rating', 'custom'].includes(type) ? [] : ['map', 'file'];
}

/** HQL's `order by ch.ns` (PostgreSQL: nulls last), then id for a stable order. */
function byNs(a: SimAnnotation, b: SimAnnotation): number {
  if (a.ns === b.ns) return a.id - b.id;
  if (a.ns === null || b.ns === null) return a.ns === null ? 1 : -1;
  return a.ns < b.ns ? -1 : 1;
}

/**
 * `api_annotations`: page and limit (default `ANNOTATIONS_LIMIT`, 100 pages) are read outside any
 * `try`, so a bad one is a 500 page, as is a bad id; empty ids are dropped (`get_list`). Each parent
 * type is queried and paged on its own, so a page holds up to `limit` annotations per type.
 */
function annotations(ctx: RouteContext): Response {
  const page = pyIntOr(ctx.params, 'page', 1);
  const limit = pyIntOr(ctx.params, 'limit', ctx.settings.webclientPageSize * 100);
  if (page === undefined || limit === undefined) return serverErrorPage();
  const kinds = kindsOf(ctx.params.get('type'));
  const ns = ctx.params.get('ns');
  const wanted = new Map<string, Set<number>>();
  for (const type of ANNOTATION_TARGETS) {
    const raws = ctx.params.getAll(type).filter((raw) => raw !== '');
    // A non-numeric id breaks the view's int() (HK-2026): a 500 page, not a 400.
    const ids = raws.map(pythonInt);
    if (ids.some((id) => id === undefined)) return serverErrorPage();
    wanted.set(type, new Set(ids as number[]));
  }
  // tree.py `marshal_annotations` pages only the types it queries (`init_params`: only when page > 0),
  // so a negative limit reaches the OMERO server only then; what it answers is not in the omero-web
  // sources: the 400 there is unconfirmed.
  if (limit < 0 && page > 0 && [...wanted.values()].some((ids) => ids.size > 0)) return invalidParameter();
  const all = [...ctx.state.annotations.values()].filter((a) => kinds.includes(a.kind) && (ns === null || a.ns === ns));
  const found = ANNOTATION_TARGETS.flatMap((type) => {
    const ids = wanted.get(type)!;
    const rows = all.filter((a) => a.parent.type === type && ids.has(a.parent.id)).sort(byNs);
    return page > 0 ? rows.slice((page - 1) * limit, page * limit) : rows;
  });
  return json({
    annotations: found.map((a) => annotationJson(ctx.state, a)),
    experimenters: found.length === 0 ? [] : [{ id: 2, omeName: 'public', firstName: 'Public', lastName: 'data' }],
  });
}

/** `webclient/annotation/{id}/`: the file, as a forced download; no such file annotation → OMERO.web's 404 error page (`handlerInternalError`). */
function download(ctx: RouteContext, id: number): Response {
  const a = ctx.state.annotations.get(id);
  if (a === undefined || a.kind !== 'file') return omeroErrorPage(`FileAnnotation does not exist (id:${id}).`);
  return new Response(a.file.content as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      'content-type': 'application/force-download',
      'content-length': String(a.file.content.byteLength),
      'content-disposition': `attachment; filename=${a.file.name.replace(/\s/g, '_')}`,
    },
  });
}

/** A session cookie that names no session (logged out, expired): what `@login_required` does without a login. */
function notLoggedIn(ctx: RouteContext): Response | undefined {
  const named = cookies(ctx.request.headers).get(ctx.settings.sessionCookie);
  if (named === undefined || ctx.session !== undefined) return undefined; // the public user (IDR), or a live session
  if (ctx.request.headers.get('x-requested-with') === 'XMLHttpRequest')
    return new Response('', { status: 403, headers: { 'content-type': 'text/html; charset=utf-8' } });
  return redirect(`/webclient/login/?url=${encodeURIComponent(`/${ctx.path}`)}`);
}

/** `keepalive_ping/`: "OK" (text/plain) while the session lives; `@login_required` answers otherwise. */
function keepalivePing(ctx: RouteContext): Response {
  return notLoggedIn(ctx) ?? new Response('OK', { status: 200, headers: { 'content-type': 'text/plain' } });
}

/** `logout/`: GET is a confirmation form; POST (CSRF-checked) ends the session and redirects to the login page. */
function logout(ctx: RouteContext): Response {
  const refusedLogin = notLoggedIn(ctx);
  if (refusedLogin) return refusedLogin;
  if (ctx.request.method !== 'POST')
    return htmlPage('<form action="/webclient/logout/" method="post"><input type="submit" value="Do you want to log out?"></form>');
  const refused = csrfRefusal(ctx);
  if (refused) return refused;
  const cookie = cookies(ctx.request.headers).get(ctx.settings.sessionCookie);
  if (cookie !== undefined) ctx.state.sessions.delete(cookie);
  return redirect('/webclient/login/');
}

/** Answer `webclient/…`, or undefined. */
export function handleWebclient(ctx: RouteContext): Response | undefined {
  const p = ctx.path;
  if (!p.startsWith('webclient/')) return undefined;
  if (p === 'webclient/api/plates/') return treeList(ctx, 'plates');
  if (p === 'webclient/api/datasets/') return treeList(ctx, 'datasets');
  if (p === 'webclient/api/images/') return treeList(ctx, 'images');
  if (p === 'webclient/api/paths_to_object/') return pathsToObject(ctx);
  if (p === 'webclient/api/annotations/') return annotations(ctx);
  const dl = /^webclient\/annotation\/(\d+)\/$/.exec(p);
  if (dl) return download(ctx, Number(dl[1]));
  // The route ends with a slash (urls.py `download_annotation`): Django's CommonMiddleware
  // (APPEND_SLASH) answers the form without it with a 301 to the one with it.
  if (/^webclient\/annotation\/\d+$/.test(p))
    return new Response('', { status: 301, headers: { location: `${ctx.root}${p}/`, 'content-type': 'text/html; charset=utf-8' } });
  const csv = /^webclient\/omero_table\/(\d+)\/csv\/$/.exec(p);
  if (csv) return tableCsv(ctx, Number(csv[1])) ?? omeroNotFoundPage();
  if (p === 'webclient/keepalive_ping/') return keepalivePing(ctx);
  if (p === 'webclient/logout/') return logout(ctx);
  // IDR: the login page is redirected to the public tree; the tree itself is HTML.
  if (p === 'webclient/login/' || p === 'webclient/login') return redirect('/webclient/?experimenter=-1');
  if (p === 'webclient/') return htmlPage('<!DOCTYPE html>\n<html><head><title>OMERO.web - Home</title></head><body><div id="content"></div></body></html>');
  return notFoundPage(p);
}
