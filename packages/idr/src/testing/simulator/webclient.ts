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
 */
function paging<T>(ctx: RouteContext, items: T[]): T[] | undefined {
  const page = pyIntOr(ctx.params, 'page', 1);
  const limit = pyIntOr(ctx.params, 'limit', ctx.settings.webclientPageSize);
  if (page === undefined || limit === undefined || limit < 0 || pyIntOr(ctx.params, 'group', -1) === undefined) return undefined;
  if (page <= 0) return items;
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

type Node = { type: string; id: number };

function pathsOf(state: IdrSimulatorState, type: string, id: number): Node[][] {
  const l = links(state);
  const exp: Node = { type: 'experimenter', id: 2 };
  const platePath = (plate: number): Node[] => {
    const screen = l.screenOfPlate.get(plate);
    return screen === undefined ? [exp, { type: 'plate', id: plate }] : [exp, { type: 'screen', id: screen }, { type: 'plate', id: plate }];
  };
  const wellPath = (well: number): Node[] => {
    const w = state.wells.get(well)!;
    const plate = state.plates.get(w.plateId);
    return [...platePath(w.plateId), ...(plate ? [{ type: 'acquisition', id: plate.acquisitionId }] : []), { type: 'well', id: well }];
  };
  const datasetPaths = (dataset: number): Node[][] => {
    const projects = l.projectsOfDataset.get(dataset) ?? [];
    return projects.length === 0
      ? [[exp, { type: 'dataset', id: dataset }]]
      : projects.map((p) => [exp, { type: 'project', id: p }, { type: 'dataset', id: dataset }]);
  };
  const imagePaths = (image: number): Node[][] => {
    const me = { type: 'image', id: image };
    const well = l.wellOfImage.get(image);
    if (well !== undefined) return [[...wellPath(well), me]];
    const datasets = l.datasetsOfImage.get(image) ?? [];
    if (datasets.length === 0) return [[exp, { type: 'orphaned', id: 2 }, me]];
    return datasets.flatMap((d) => datasetPaths(d).map((p) => [...p, me]));
  };
  switch (type) {
    case 'image':
      return state.images.has(id) ? imagePaths(id) : [];
    case 'roi': {
      const roi = state.rois.get(id);
      return roi ? imagePaths(roi.imageId).map((p) => [...p, { type: 'roi', id }]) : [];
    }
    case 'well':
      return state.wells.has(id) ? [wellPath(id)] : [];
    case 'plate':
      return state.plates.has(id) ? [platePath(id)] : [];
    case 'screen':
      return state.screens.has(id) ? [[exp, { type: 'screen', id }]] : [];
    case 'dataset':
      return state.datasets.has(id) ? datasetPaths(id) : [];
    case 'project':
      return state.projects.has(id) ? [[exp, { type: 'project', id }]] : [];
    case 'acquisition': {
      const plate = [...state.plates.values()].find((p) => p.acquisitionId === id);
      return plate ? [[...platePath(plate.id), { type: 'acquisition', id }]] : [];
    }
    default:
      return [];
  }
}

function pathsToObject(ctx: RouteContext): Response {
  for (const type of ['image', 'dataset', 'project', 'screen', 'plate', 'acquisition', 'well', 'roi', 'shape']) {
    const raw = ctx.params.get(type);
    if (raw === null) continue;
    if (!/^\d+$/.test(raw)) return invalidParameter();
    return json({ paths: pathsOf(ctx.state, type, Number(raw)) });
  }
  return json({ paths: [] });
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
  if (limit < 0) return invalidParameter(); // unchanged: what the server does with a negative limit is not known here
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

/** `webclient/annotation/{id}`: the file, as a forced download; no such file annotation → OMERO.web's 404 error page (`handlerInternalError`). */
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
  const dl = /^webclient\/annotation\/(\d+)\/?$/.exec(p);
  if (dl) return download(ctx, Number(dl[1]));
  const csv = /^webclient\/omero_table\/(\d+)\/csv\/$/.exec(p);
  if (csv) return tableCsv(ctx, Number(csv[1])) ?? omeroNotFoundPage();
  if (p === 'webclient/keepalive_ping/') return keepalivePing(ctx);
  if (p === 'webclient/logout/') return logout(ctx);
  // IDR: the login page is redirected to the public tree; the tree itself is HTML.
  if (p === 'webclient/login/' || p === 'webclient/login') return redirect('/webclient/?experimenter=-1');
  if (p === 'webclient/') return htmlPage('<!DOCTYPE html>\n<html><head><title>OMERO.web - Home</title></head><body><div id="content"></div></body></html>');
  return notFoundPage(p);
}
