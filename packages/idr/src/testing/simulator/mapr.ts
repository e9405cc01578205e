// OMERO.mapr: `/mapr/api/config/` always; every other `/mapr/api/…` route is, as on IDR since
// 2024-11, a 302 to the search engine's HTML docs — unless the simulator was made with
// `mapr: 'available'` (a generic OMERO.web with mapr installed), where the routes answer:
// `{key}/`, `{key}/plates/`, `{key}/datasets/`, `{key}/images/`, `{key}/count/`, `autocomplete/{key}/`.
import { IDR_MAPR_MENUS } from '../../internal/idr-known.js';
import type { RouteContext } from './context.js';
import { imagePairs } from './keyvalues.js';
import { links } from './state.js';
import { intParam, invalidParameter, json, notFoundPage, redirect } from './wire.js';

/** The menus of IDR's `omero.web.mapr.config` (one copy, shared with the client's knowledge of IDR). */
export const MAPR_CONFIG = IDR_MAPR_MENUS as unknown as Record<string, Record<string, unknown>>;

function page<T>(ctx: RouteContext, items: T[]): T[] | undefined {
  const p = intParam(ctx.params, 'page', 1);
  const limit = intParam(ctx.params, 'limit', ctx.settings.webclientPageSize);
  if (p === undefined || limit === undefined || p < 0 || limit < 0) return undefined;
  return p === 0 ? items : items.slice((p - 1) * limit, p * limit);
}

/** Images whose pairs (own or well's) in the menu's namespace and keys match the value. */
function matchingImages(ctx: RouteContext, key: string, value: string): number[] {
  const config = MAPR_CONFIG[key] as { all: string[]; ns: string[]; case_sensitive?: boolean };
  const partial = ctx.params.get('query') === 'true';
  const sensitive = ctx.params.get('case_sensitive') === 'true' && config.case_sensitive === true;
  const norm = (s: string) => (sensitive ? s : s.toLowerCase());
  const want = norm(value);
  const ok = (v: string) => (partial ? norm(v).includes(want) : norm(v) === want);
  return [...ctx.state.images.keys()]
    .filter((id) =>
      imagePairs(ctx.state, id).some(([k, v, ns]) => (config.all.length === 0 || config.all.includes(k)) && ns !== null && config.ns.includes(ns) && ok(v)),
    )
    .sort((a, b) => a - b);
}

function route(ctx: RouteContext, key: string, sub: string): Response {
  const value = ctx.params.get('value') ?? ctx.params.get('id');
  if (sub === 'count') {
    const n = value ? matchingImages(ctx, key, value).length : 0;
    const label = String(MAPR_CONFIG[key]?.label ?? key);
    return json({
      experimenter: { id: -1, omeName: label, firstName: label, lastName: '', childCount: n, extra: { case_sensitive: false, value: value ?? '' } },
    });
  }
  if (!value) return invalidParameter();
  const s = ctx.state;
  const l = links(s);
  const images = matchingImages(ctx, key, value);
  const parentRaw = ctx.params.get('id');
  if (sub !== '' && (parentRaw === null || !/^\d+$/.test(parentRaw))) return invalidParameter();
  const parent = Number(parentRaw);
  const node = (id: number, name: string, childCount: number, extra: Record<string, unknown>) => ({ id, name, ownerId: 2, childCount, permsCss: '', extra });
  let key2: string;
  let items: unknown[];
  if (sub === '') {
    const screens = new Map<number, Set<number>>();
    const projects = new Map<number, Set<number>>();
    const counts = new Map<string, number>();
    for (const id of images) {
      const well = s.wells.get(l.wellOfImage.get(id) ?? -1);
      const screen = well ? l.screenOfPlate.get(well.plateId) : undefined;
      if (well && screen !== undefined) {
        screens.set(screen, (screens.get(screen) ?? new Set()).add(well.plateId));
        counts.set(`s${screen}`, (counts.get(`s${screen}`) ?? 0) + 1);
      }
      for (const d of l.datasetsOfImage.get(id) ?? []) {
        for (const p of l.projectsOfDataset.get(d) ?? []) {
          projects.set(p, (projects.get(p) ?? new Set()).add(d));
          counts.set(`p${p}`, (counts.get(`p${p}`) ?? 0) + 1);
        }
      }
    }
    const list = (m: Map<number, Set<number>>, prefix: string, names: Map<number, { name: string }>) =>
      [...m]
        .map(([id, kids]) => {
          const n = counts.get(`${prefix}${id}`) ?? 0;
          return node(id, `${names.get(id)?.name ?? id} (${n})`, kids.size, { counter: n, value });
        })
        .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
    const sp = page(ctx, list(screens, 's', s.screens));
    const pp = page(ctx, list(projects, 'p', s.projects));
    if (sp === undefined || pp === undefined) return invalidParameter();
    return json({ maps: [], screens: sp, projects: pp });
  }
  if (sub === 'plates') {
    key2 = 'plates';
    const plates = new Map<number, number>();
    for (const id of images) {
      const well = s.wells.get(l.wellOfImage.get(id) ?? -1);
      if (well && l.screenOfPlate.get(well.plateId) === parent) plates.set(well.plateId, (plates.get(well.plateId) ?? 0) + 1);
    }
    items = [...plates].map(([id, n]) => node(id, s.plates.get(id)?.name ?? String(id), n, { node: 'plate', value }));
  } else if (sub === 'datasets') {
    key2 = 'datasets';
    const datasets = new Map<number, number>();
    for (const id of images)
      for (const d of l.datasetsOfImage.get(id) ?? []) if (s.projects.get(parent)?.datasetIds.includes(d)) datasets.set(d, (datasets.get(d) ?? 0) + 1);
    items = [...datasets].map(([id, n]) => node(id, s.datasets.get(id)?.name ?? String(id), n, { node: 'dataset', value }));
  } else if (sub === 'images') {
    key2 = 'images';
    const nodeType = ctx.params.get('node');
    const inParent = (id: number) =>
      nodeType === 'dataset' ? (s.datasets.get(parent)?.imageIds.includes(id) ?? false) : s.wells.get(l.wellOfImage.get(id) ?? -1)?.plateId === parent;
    items = images.filter(inParent).map((id) => {
      const i = s.images.get(id)!;
      return { id, name: i.name, ownerId: 2, permsCss: '', filesetId: i.filesetId };
    });
  } else return notFoundPage(ctx.path);
  const paged = page(ctx, items);
  return paged === undefined ? invalidParameter() : json({ [key2]: paged });
}

function autocomplete(ctx: RouteContext, key: string): Response {
  const value = (ctx.params.get('value') ?? '').toLowerCase();
  const config = MAPR_CONFIG[key] as { all: string[]; ns: string[] };
  const values = new Set<string>();
  for (const a of ctx.state.annotations.values()) {
    if (a.kind !== 'map' || a.ns === null || !config.ns.includes(a.ns)) continue;
    for (const [k, v] of a.values) if ((config.all.length === 0 || config.all.includes(k)) && v.toLowerCase().includes(value)) values.add(v);
  }
  const sorted = [...values].sort((a, b) => Number(!a.toLowerCase().startsWith(value)) - Number(!b.toLowerCase().startsWith(value)) || a.localeCompare(b));
  return json(sorted.map((v) => ({ value: v })));
}

/** Answer `mapr/…`, or undefined. */
export function handleMapr(ctx: RouteContext): Response | undefined {
  const p = ctx.path;
  if (!p.startsWith('mapr/')) return undefined;
  if (p === 'mapr/api/config/') return json(MAPR_CONFIG);
  // IDR's nginx: `~ ^/mapr/api/(?!config).*` → 302 /searchengine/apidocs/.
  if (ctx.settings.mapr === 'removed' && p.startsWith('mapr/api/')) return redirect('/searchengine/apidocs/');
  const auto = /^mapr\/api\/autocomplete\/([a-z]+)\/$/.exec(p);
  if (auto && (auto[1] as string) in MAPR_CONFIG) return autocomplete(ctx, auto[1] as string);
  const m = /^mapr\/api\/([a-z]+)\/(?:(plates|datasets|images|count)\/)?$/.exec(p);
  if (!m || !((m[1] as string) in MAPR_CONFIG)) return notFoundPage(p);
  return route(ctx, m[1] as string, m[2] ?? '');
}
