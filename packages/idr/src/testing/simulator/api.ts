// OMERO.web's JSON API: `/api/`, `/api/v0/` links, token, servers, login (CSRF), and the
// `/api/v0/m/{type}/` lists (offset/limit, limit clamped to maxLimit, filters) and objects.
import type { RouteContext } from './context.js';
import { datasetJson, imageJson, type MarshalContext, plateJson, projectJson, roiJson, screenJson, wellJson } from './marshal.js';
import { intError, pythonInt } from './python-int.js';
import { type IdrSimulatorState, links } from './state.js';
import { apiError, apiJson, csrfFailure, json, notFoundPage } from './wire.js';

type Kind = 'screens' | 'projects' | 'datasets' | 'plates' | 'wells' | 'images' | 'rois';
const KINDS: readonly Kind[] = ['screens', 'projects', 'datasets', 'plates', 'wells', 'images', 'rois'];
const CLASS: Record<Kind, string> = {
  screens: 'Screen',
  projects: 'Project',
  datasets: 'Dataset',
  plates: 'Plate',
  wells: 'Well',
  images: 'Image',
  rois: 'ROI',
};

/** Sub-lists `/m/{type}/{id}/{child}/` and the list filter each one stands for. */
const CHILDREN: Record<string, [Kind, string]> = {
  'screens/plates': ['plates', 'screen'],
  'projects/datasets': ['datasets', 'project'],
  'datasets/images': ['images', 'dataset'],
  'datasets/projects': ['projects', 'dataset'],
  'images/datasets': ['datasets', 'image'],
  'images/rois': ['rois', 'image'],
  'plates/wells': ['wells', 'plate'],
  'plates/screens': ['screens', 'plate'],
  'wells/plates': ['plates', 'well'],
};

/** The filters each list honours (others are ignored, as OMERO.web ignores unknown parameters). */
const FILTERS: Record<Kind, readonly string[]> = {
  screens: ['plate'],
  projects: ['dataset'],
  datasets: ['project', 'image'],
  plates: ['screen', 'well'],
  wells: ['plate'],
  images: ['dataset'],
  rois: ['image'],
};

function rowsOf(state: IdrSimulatorState, kind: Kind): { id: number; name: string }[] {
  switch (kind) {
    case 'screens':
      return [...state.screens.values()];
    case 'projects':
      return [...state.projects.values()];
    case 'datasets':
      return [...state.datasets.values()];
    case 'plates':
      return [...state.plates.values()];
    case 'images':
      return [...state.images.values()];
    case 'wells':
      return [...state.wells.values()].map((w) => ({ id: w.id, name: '' }));
    case 'rois':
      return [...state.rois.values()].map((r) => ({ id: r.id, name: '' }));
  }
}

/** Does object `id` of `kind` pass filter `key`=`value`? */
function passes(state: IdrSimulatorState, kind: Kind, id: number, key: string, value: number): boolean {
  switch (`${kind}.${key}`) {
    case 'screens.plate':
      return state.screens.get(id)?.plateIds.includes(value) ?? false;
    case 'projects.dataset':
      return state.projects.get(id)?.datasetIds.includes(value) ?? false;
    case 'datasets.project':
      return state.projects.get(value)?.datasetIds.includes(id) ?? false;
    case 'datasets.image':
      return state.datasets.get(id)?.imageIds.includes(value) ?? false;
    case 'plates.screen':
      return state.screens.get(value)?.plateIds.includes(id) ?? false;
    case 'plates.well':
      return state.wells.get(value)?.plateId === id;
    case 'wells.plate':
      return state.wells.get(id)?.plateId === value;
    case 'images.dataset':
      return state.datasets.get(value)?.imageIds.includes(id) ?? false;
    case 'images.orphaned': {
      const l = links(state);
      return !l.datasetsOfImage.has(id) && !l.wellOfImage.has(id);
    }
    case 'wells.field':
      return (state.wells.get(id)?.imageIds.length ?? 0) > value;
    case 'rois.image':
      return state.rois.get(id)?.imageId === value;
    default:
      return true;
  }
}

type Marshaller = (state: IdrSimulatorState, id: number, m: MarshalContext) => Record<string, unknown> | undefined;

/** Marshal object `id` of the map `mapOf` picks with `json`; `undefined` when there is no such object. */
function by<T>(mapOf: (state: IdrSimulatorState) => Map<number, T>, json: (o: T, m: MarshalContext) => Record<string, unknown>): Marshaller {
  return (state, id, m) => {
    const o = mapOf(state).get(id);
    return o === undefined ? undefined : json(o, m);
  };
}

const MARSHAL: Record<Kind, Marshaller> = {
  screens: by((s) => s.screens, screenJson),
  projects: by((s) => s.projects, projectJson),
  datasets: by((s) => s.datasets, datasetJson),
  plates: by((s) => s.plates, plateJson),
  wells: by((s) => s.wells, wellJson),
  images: by((s) => s.images, imageJson),
  rois: by((s) => s.rois, roiJson),
};

function marshal(ctx: RouteContext, kind: Kind, id: number, single: boolean): Record<string, unknown> | undefined {
  const m: MarshalContext = { api: `${ctx.root}api/v0/`, state: ctx.state, childCount: ctx.params.get('childCount') === 'true', single };
  return MARSHAL[kind](ctx.state, id, m);
}

/**
 * OMERO.web's `getIntOrDefault`: `fallback` when the parameter is absent, else `int()` of it —
 * an empty value included — or the `ValueError` that raises.
 */
function intOrDefault(params: URLSearchParams, name: string, fallback: number | null): number | null | Error {
  const raw = params.get(name);
  if (raw === null) return fallback;
  return pythonInt(raw) ?? new Error(intError(raw));
}

/** A `ValueError` that escaped a view's `try`: `json_response` answers 500 with the message and its traceback. */
function uncaughtValueError(message: string): Response {
  const stacktrace = `Traceback (most recent call last):\n  File "/opt/omero/web/venv3/lib/python3.9/site-packages/omeroweb/api/decorators.py", line 120, in wrapped\n    rv = f(request, *args, **kwargs)\n  File "/opt/omero/web/venv3/lib/python3.9/site-packages/omeroweb/webgateway/util.py", line 79, in getIntOrDefault\n    index = int(index)\nValueError: ${message}\n`;
  return apiJson({ message, stacktrace }, 500);
}

interface ListWindow {
  offset: number;
  limit: number;
  owner: number | null;
}

/**
 * `ObjectsView.get_opts`, then `validate_opts` (api_query.py): offset, limit and owner are read in a
 * `try` (a bad one is a 400); a negative or absent limit becomes the default, then is clamped to
 * maxLimit; a negative offset becomes 0.
 */
function listWindow(ctx: RouteContext): ListWindow | Response {
  const offset = intOrDefault(ctx.params, 'offset', 0);
  const limit = intOrDefault(ctx.params, 'limit', null);
  const owner = intOrDefault(ctx.params, 'owner', null);
  for (const v of [offset, limit, owner]) if (v instanceof Error) return apiError(400, v.message);
  const asked = limit as number | null;
  return {
    offset: Math.max(offset as number, 0),
    limit: Math.min(asked === null || asked < 0 ? ctx.settings.apiDefaultLimit : asked, ctx.settings.maxLimit),
    owner: owner as number | null,
  };
}

/**
 * The list's filters: the sub-list's own (`forced`), then the query's. Those are read outside the
 * view's `try`, as is `group`, so a bad value is a 500, not a 400.
 */
function listFilters(ctx: RouteContext, kind: Kind, forced: Record<string, number>): [string, number][] | Response {
  const filters: [string, number][] = Object.entries(forced);
  for (const key of FILTERS[kind]) {
    if (key in forced) continue;
    const value = intOrDefault(ctx.params, key, null);
    if (value instanceof Error) return uncaughtValueError(value.message);
    if (value !== null) filters.push([key, value]);
  }
  const group = intOrDefault(ctx.params, 'group', -1);
  if (group instanceof Error) return uncaughtValueError(group.message);
  if (kind === 'images' && ctx.params.get('orphaned') === 'true') filters.push(['orphaned', 1]);
  return filters;
}

/** A list page: filters, then order (lower(name); wells by column, row; ROIs by id), then the offset/limit window. */
function list(ctx: RouteContext, kind: Kind, forced: Record<string, number> = {}): Response {
  const window = listWindow(ctx);
  if (window instanceof Response) return window;
  const filters = listFilters(ctx, kind, forced);
  if (filters instanceof Response) return filters;
  const { offset, limit, owner } = window;
  let rows = rowsOf(ctx.state, kind).filter((r) => filters.every(([k, v]) => passes(ctx.state, kind, r.id, k, v)));
  if (owner !== null && owner !== -1) rows = rows.filter(() => owner === 2);
  if (kind === 'wells') {
    const pos = (id: number) => ctx.state.wells.get(id)!;
    rows.sort((a, b) => pos(a.id).column - pos(b.id).column || pos(a.id).row - pos(b.id).row || a.id - b.id);
  } else if (kind === 'rois') rows.sort((a, b) => a.id - b.id);
  else rows.sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id - b.id);
  const data = rows.slice(offset, offset + limit).map((r) => marshal(ctx, kind, r.id, false)!);
  const meta = { offset, limit, maxLimit: ctx.settings.maxLimit, totalCount: rows.length };
  return apiJson(ctx.params.get('normalize') === 'true' ? { ...normalized(data), meta } : { data, meta });
}

/**
 * `normalize=true` (api_marshal.py `normalize_objects`): each object's owner and group move, once
 * each, to top-level `experimenters` and `experimenterGroups`, leaving `{"@id"}` behind.
 */
function normalized(data: Record<string, unknown>[]): Record<string, unknown> {
  const experimenters = new Map<unknown, unknown>();
  const groups = new Map<unknown, unknown>();
  const objects = data.map((o) => {
    const d = o['omero:details'] as { owner: { '@id': number }; group: { '@id': number } };
    experimenters.set(d.owner['@id'], d.owner);
    groups.set(d.group['@id'], d.group);
    return { ...o, 'omero:details': { ...d, owner: { '@id': d.owner['@id'] }, group: { '@id': d.group['@id'] } } };
  });
  return { experimenters: [...experimenters.values()], experimenterGroups: [...groups.values()], data: objects };
}

/** `/api/v0/m/plates/{id}/wellsampleindex/{i}/wells/`: the plate's wells that have a field `i`. */
function wellsOfField(ctx: RouteContext, plate: number, field: number): Response {
  return list(ctx, 'wells', { plate, field });
}

function newToken(ctx: RouteContext): string {
  ctx.state.serial++;
  const token = `simcsrf${ctx.state.serial.toString(36).padStart(8, '0')}${'x'.repeat(24)}`;
  ctx.state.csrfTokens.add(token);
  return token;
}

/** Django's CSRF check of an unsafe request: Referer (HTTPS only), cookie, then header or form token. */
export function csrfRefusal(ctx: RouteContext): Response | undefined {
  const url = ctx.request.url;
  if (url.protocol === 'https:') {
    const referer = ctx.request.headers.get('referer');
    if (!referer) return csrfFailure('Referer checking failed - no Referer.');
    if (!referer.startsWith(`${url.origin}/`) && referer !== url.origin)
      return csrfFailure(`Referer checking failed - ${referer} does not match any trusted origins.`);
  }
  const cookie = ctx.request.headers.get('cookie')?.match(/(?:^|;\s*)csrftoken=([^;]+)/)?.[1];
  if (cookie === undefined || !ctx.state.csrfTokens.has(cookie)) return csrfFailure('CSRF cookie not set.');
  const header = ctx.request.headers.get('x-csrftoken');
  const given = header ?? (ctx.request.headers.get('content-type')?.includes('form') ? ctx.request.form().get('csrfmiddlewaretoken') : null);
  if (given === null || given === undefined) return csrfFailure('CSRF token missing.');
  if (given !== cookie) return csrfFailure(`CSRF token from the '${header === null ? 'POST' : 'X-Csrftoken HTTP header'}' incorrect.`);
  return undefined;
}

function login(ctx: RouteContext): Response {
  if (ctx.request.method !== 'POST') return apiError(405, `Method ${ctx.request.method} not allowed`);
  const refused = csrfRefusal(ctx);
  if (refused) return refused;
  const form = ctx.request.form();
  const user = ctx.state.users.find((u) => u.username === form.get('username'));
  if (!form.get('username') || !form.get('password') || form.get('server') === null) {
    return apiError(400, 'Login failed. Reason: username, password and server are required.');
  }
  if (form.get('server') !== '1') return apiError(403, 'Login failed. Reason: unknown server.');
  if (user === undefined || user.password !== form.get('password')) return apiError(403, 'Login failed. Reason: Incorrect username or password.');
  ctx.state.serial++;
  const cookie = `sim${ctx.state.serial.toString(16).padStart(13, '0')}`;
  const session = {
    id: 100000 + ctx.state.serial,
    uuid: `00000000-0000-4000-8000-${String(ctx.state.serial).padStart(12, '0')}`,
    username: user.username,
    requests: 0,
  };
  ctx.state.sessions.set(cookie, session);
  const eventContext = {
    sessionId: session.id,
    sessionUuid: session.uuid,
    userId: user.userId,
    userName: user.username,
    groupId: user.groupId,
    groupName: user.groupName,
    isAdmin: user.isAdmin,
    eventId: -1,
    eventType: 'User',
    memberOfGroups: [user.groupId, 1],
    leaderOfGroups: [],
  };
  return apiJson({ success: true, eventContext }, 200, { 'set-cookie': `${ctx.settings.sessionCookie}=${cookie}; HttpOnly; Path=/; SameSite=Lax` });
}

/** The Django methods CsrfViewMiddleware lets through unchecked (OPTIONS never reaches `notGet`). */
const CSRF_SAFE = ['GET', 'HEAD', 'OPTIONS', 'TRACE'];

/** An exception `json_response` (omero-web api/decorators.py) caught: its `message`, a `stacktrace`, the status it maps to. */
function caught(status: number, exception: string, message: string): Response {
  const stacktrace = `Traceback (most recent call last):\n  File "/opt/omero/web/venv3/lib/python3.9/site-packages/omeroweb/api/decorators.py", line 112, in wrapped\n${exception}: ${message}\n`;
  return apiJson({ message, stacktrace }, status);
}

/**
 * Anything but GET on a `/api/v0/m/…` route (an ApiView, omero-web api/views.py), in the order the
 * server applies it:
 * - Django's CsrfViewMiddleware (settings.py MIDDLEWARE; no omero-web view is `csrf_exempt`)
 *   checks every unsafe method first: a refusal is `csrf_failure`'s JSON 403;
 * - `login_required` (omeroweb/decorators.py `is_valid_public_url`): with `omero.web.public.get_only`
 *   (default true) the public user serves GET only, so without a login api/decorators.py
 *   `on_not_logged_in` answers `{"message": "Not logged in"}` (403);
 * - logged in: a list has no handler, and Django's `http_method_not_allowed` response cannot be
 *   JSON-encoded by `json_response` (`JsonResponse` is `safe`): a TypeError, 500. DELETE of one
 *   object: `ObjectView.delete` — `MethodNotSupportedError` (405) where `CAN_DELETE` is false
 *   (images, plates, wells), `NotFoundError` (404) for a missing object. Deleting an existing
 *   screen, project, dataset or ROI would go to the OMERO server: not simulated (405 as before).
 * HEAD with a login is GET without a body (Django's View); `undefined` = answer as GET.
 */
function notGet(ctx: RouteContext, route: { kind: Kind; id?: number; child?: string } | 'field'): Response | undefined {
  const method = ctx.request.method;
  if (!CSRF_SAFE.includes(method)) {
    const refused = csrfRefusal(ctx);
    if (refused) return refused;
  }
  if (ctx.session === undefined) return json({ message: 'Not logged in' }, 403);
  if (method === 'HEAD') return undefined;
  if (method === 'DELETE' && route !== 'field' && route.id !== undefined && route.child === undefined) {
    const type = OMERO_TYPE[route.kind];
    if (['images', 'plates', 'wells'].includes(route.kind))
      return caught(405, 'omeroweb.api.api_exceptions.MethodNotSupportedError', `Delete of ${type} not supported`);
    if (marshal(ctx, route.kind, route.id, false) === undefined)
      return caught(404, 'omeroweb.api.api_exceptions.NotFoundError', `${type} ${route.id} not found`);
    return apiError(405, `Method ${method} not allowed`);
  }
  return caught(500, 'TypeError', 'In order to allow non-dict objects to be serialized set the safe parameter to False.');
}

/** `OMERO_TYPE` of each ObjectView (the name in its error messages). */
const OMERO_TYPE: Record<Kind, string> = { ...CLASS, rois: 'Roi' };

/** Answer `api/…`, or undefined when the path is not the JSON API's. */
export function handleApi(ctx: RouteContext): Response | undefined {
  const p = ctx.path;
  if (!p.startsWith('api/')) return undefined;
  // OPTIONS stays as before: a CORS preflight is django-cors-headers' (IDR's configuration, not omero-web's defaults).
  if (ctx.request.method !== 'GET' && ctx.request.method !== 'OPTIONS' && p.startsWith('api/v0/m/')) {
    const m = /^api\/v0\/m\/([a-z]+)\/(?:(\d+)\/(?:([a-z]+)\/)?)?$/.exec(p);
    const fieldRoute = /^api\/v0\/m\/plates\/(\d+)\/wellsampleindex\/(\d+)\/wells\/$/.test(p);
    // Django resolves the URL before any middleware or view: an unknown route is its 404 page whatever the method.
    const known = fieldRoute || (m !== null && KINDS.includes(m[1] as Kind) && (m[3] === undefined || CHILDREN[`${m[1]}/${m[3]}`] !== undefined));
    if (!known) return notFoundPage(p);
    const route =
      fieldRoute || m === null
        ? 'field'
        : { kind: m[1] as Kind, ...(m[2] === undefined ? {} : { id: Number(m[2]) }), ...(m[3] === undefined ? {} : { child: m[3] }) };
    const answer = notGet(ctx, route);
    if (answer) return answer;
  } else if (ctx.request.method !== 'GET' && p !== 'api/v0/login/') return apiError(405, `Method ${ctx.request.method} not allowed`);
  const v0 = `${ctx.root}api/v0/`;
  if (p === 'api/') return apiJson({ data: [{ version: '0', 'url:base': v0 }] });
  if (p === 'api/v0/') {
    const names = ['experimenters', 'experimentergroups', 'projects', 'datasets', 'images', 'screens', 'plates', 'rois'];
    const body: Record<string, string> = {};
    for (const n of names) body[`url:${n}`] = `${v0}m/${n}/`;
    Object.assign(body, {
      'url:token': `${v0}token/`,
      'url:servers': `${v0}servers/`,
      'url:login': `${v0}login/`,
      'url:save': `${v0}m/save/`,
      'url:schema': 'https://www.openmicroscopy.org/Schemas/OME/2016-06',
    });
    return apiJson(body);
  }
  if (p === 'api/v0/token/') {
    const token = newToken(ctx);
    return apiJson({ data: token }, 200, { 'set-cookie': `csrftoken=${token}; Path=/; SameSite=Lax` });
  }
  if (p === 'api/v0/servers/') return apiJson({ data: [{ id: 1, host: 'localhost', port: 4064, server: 'omero' }] });
  if (p === 'api/v0/login/') return login(ctx);
  const m = /^api\/v0\/m\/([a-z]+)\/(?:(\d+)\/(?:([a-z]+)\/)?)?$/.exec(p);
  const field = /^api\/v0\/m\/plates\/(\d+)\/wellsampleindex\/(\d+)\/wells\/$/.exec(p);
  // Sub-lists are filtered lists (urls.py maps them to the list views): an unknown parent is an empty page, not a 404.
  if (field) return wellsOfField(ctx, Number(field[1]), Number(field[2]));
  if (!m || !KINDS.includes(m[1] as Kind)) return notFoundPage(p);
  const kind = m[1] as Kind;
  if (m[2] === undefined) return list(ctx, kind);
  const id = Number(m[2]);
  if (m[3] === undefined) {
    const data = marshal(ctx, kind, id, true);
    return data === undefined ? apiError(404, `${CLASS[kind]} ${id} not found`) : apiJson({ data });
  }
  const child = CHILDREN[`${kind}/${m[3]}`];
  if (child === undefined) return notFoundPage(p);
  return list(ctx, child[0], { [child[1]]: id });
}
