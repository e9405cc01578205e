// The IDR search engine: `resources/` and `{resource}/search/` (key/value with operators, hits
// paged by `bookmark`, `return_containers=true`). Its traps: zero hits are a bare list, errors
// are HTTP 200 `{"Error": …}`.
import type { RouteContext } from './context.js';
import { imagePairs, pairsOf } from './keyvalues.js';
import { type IdrSimulatorState, links, type SimParentType } from './state.js';
import { FLASGGER_PAGE, htmlPage, json, notFoundPage } from './wire.js';

const RESOURCES = ['image', 'project', 'screen', 'well', 'plate'] as const;
type Resource = (typeof RESOURCES)[number];
const OPERATORS = ['equals', 'not_equals', 'contains', 'not_contains', 'in', 'not_in'];

interface Hit {
  id: number;
  name: string;
  pairs: [string, string, string | null][];
  containers: Record<string, number | string | null>;
  screen: number | null;
  project: number | null;
}

function matcher(value: string, operator: string, caseSensitive: boolean): (v: string) => boolean {
  const norm = (s: string) => (caseSensitive ? s : s.toLowerCase());
  const want = norm(value);
  const list = want.split(',').map((s) => s.trim());
  switch (operator) {
    case 'not_equals':
      return (v) => norm(v) !== want;
    case 'contains':
      return (v) => norm(v).includes(want);
    case 'not_contains':
      return (v) => !norm(v).includes(want);
    case 'in':
      return (v) => list.includes(norm(v));
    case 'not_in':
      return (v) => !list.includes(norm(v));
    default:
      return (v) => norm(v) === want;
  }
}

function imageHits(state: IdrSimulatorState): Hit[] {
  const l = links(state);
  return [...state.images.values()].map((image) => {
    const well = state.wells.get(l.wellOfImage.get(image.id) ?? -1);
    const plate = well ? state.plates.get(well.plateId) : undefined;
    const screen = plate ? state.screens.get(l.screenOfPlate.get(plate.id) ?? -1) : undefined;
    const dataset = state.datasets.get(l.datasetsOfImage.get(image.id)?.[0] ?? -1);
    const project = dataset ? state.projects.get(l.projectsOfDataset.get(dataset.id)?.[0] ?? -1) : undefined;
    return {
      id: image.id,
      name: image.name,
      pairs: imagePairs(state, image.id),
      screen: screen?.id ?? null,
      project: project?.id ?? null,
      containers: {
        screen_id: screen?.id ?? null,
        screen_name: screen?.name ?? null,
        plate_id: plate?.id ?? null,
        plate_name: plate?.name ?? null,
        well_id: well?.id ?? null,
        wellsample_id: well ? well.id * 10 + well.imageIds.indexOf(image.id) : null,
        project_id: project?.id ?? null,
        project_name: project?.name ?? null,
        dataset_id: dataset?.id ?? null,
        dataset_name: dataset?.name ?? null,
      },
    };
  });
}

function containerHits(state: IdrSimulatorState, resource: Exclude<Resource, 'image'>): Hit[] {
  const type: SimParentType = resource;
  const table = { project: state.projects, screen: state.screens, plate: state.plates, well: state.wells }[resource] as Map<
    number,
    { id: number; name?: string }
  >;
  return [...table.values()].map((o) => ({
    id: o.id,
    name: o.name ?? String(o.id),
    pairs: pairsOf(state, type, o.id),
    containers: {},
    screen: resource === 'screen' ? o.id : null,
    project: resource === 'project' ? o.id : null,
  }));
}

function envelope(key: string, value: string, operator: string, resource: string): Record<string, unknown> {
  return {
    query_details: { and_filters: [{ name: key, value, operator, resource }], case_sensitive: null, bookmark: [null] },
    resource,
    server_query_time: '0.01',
    raw_elasticsearch_query: {
      query: { bool: { must: [{ nested: { path: 'key_values', query: { bool: { must: [{ term: { 'key_values.name.keyword': key } }] } } } }] } },
    },
    notice: '',
  };
}

function search(ctx: RouteContext, resource: Resource): Response {
  const key = ctx.params.get('key');
  const value = ctx.params.get('value');
  const operator = ctx.params.get('operator') ?? 'equals';
  if (!key || !value) return json({ Error: 'Key and value are required', results: {} });
  if (!OPERATORS.includes(operator)) return json({ Error: `Operator ${operator} is not supported`, results: {} });
  const caseSensitive = ctx.params.get('case_sensitive') === 'true';
  const test = matcher(value, operator, caseSensitive);
  const s = ctx.state;
  let hits = (resource === 'image' ? imageHits(s) : containerHits(s, resource)).filter((h) => h.pairs.some(([k, v]) => k === key && test(v)));
  const study = ctx.params.get('study');
  if (study) {
    const names = (h: Hit) => [s.screens.get(h.screen ?? -1)?.name, s.projects.get(h.project ?? -1)?.name].filter((n): n is string => n !== undefined);
    hits = hits.filter((h) => names(h).some((n) => n.toLowerCase().includes(study.toLowerCase())));
    if (hits.length === 0) return json({ Error: 'Your query returns no results' });
  }
  hits.sort((a, b) => a.id - b.id);
  const base = envelope(key, value, operator, resource);
  if (ctx.params.get('return_containers') === 'true') {
    const groups = new Map<string, { id: number; type: 'screen' | 'project'; count: number }>();
    for (const h of hits) {
      const c = h.screen !== null ? { id: h.screen, type: 'screen' as const } : h.project !== null ? { id: h.project, type: 'project' as const } : undefined;
      if (c === undefined) continue;
      const g = groups.get(`${c.type}${c.id}`) ?? { ...c, count: 0 };
      g.count++;
      groups.set(`${c.type}${c.id}`, g);
    }
    const results = [...groups.values()].map((g) => {
      const c = g.type === 'screen' ? s.screens.get(g.id)! : s.projects.get(g.id)!;
      const kv = pairsOf(s, g.type, g.id).map(([k, v]) => ({ key: k, value: v }));
      return { id: g.id, name: c.name, type: g.type, description: c.description, key_values: kv, 'image count': g.count };
    });
    return json({ results: { results }, ...base });
  }
  // Zero hits: a bare list (idr-notebooks#120).
  if (hits.length === 0) return json({ results: [], ...base });
  const size = ctx.settings.searchPageSize;
  const bookmarkRaw = ctx.params.get('bookmark');
  const after = bookmarkRaw === null ? undefined : Number(bookmarkRaw.replace(/[[\]\s]/g, ''));
  if (after !== undefined && !Number.isFinite(after)) return json({ Error: `Invalid bookmark ${bookmarkRaw}`, results: {} });
  const start = after === undefined ? 0 : hits.findIndex((h) => h.id > after);
  const page = start < 0 ? [] : hits.slice(start, start + size);
  const totalPages = Math.ceil(hits.length / size);
  const current = start < 0 ? totalPages : Math.floor(start / size) + 1;
  const last = page.at(-1)?.id ?? after ?? null;
  const results = page.map((h) => ({
    id: h.id,
    name: h.name,
    description: '',
    key_values: h.pairs.map(([name, v]) => ({ name, value: v, index: 0 })),
    owner_id: 2,
    group_id: 3,
    data_source: 'omero1',
    ...h.containers,
  }));
  const pageRecords = Array.from({ length: Math.max(0, totalPages - 1) }, (_, i) => ({ page: i + 2, bookmark: [hits[(i + 1) * size - 1]?.id] }));
  return json({
    results: {
      results,
      total_pages: totalPages,
      bookmark: [last],
      size: hits.length,
      pagination: { total_pages: totalPages, page_records: pageRecords, current_page: current, next_page: current < totalPages ? current + 1 : null },
    },
    ...base,
  });
}

/** Answer `searchengine/…`, or undefined. */
export function handleSearchEngine(ctx: RouteContext): Response | undefined {
  const p = ctx.path;
  if (!p.startsWith('searchengine/')) return undefined;
  if (!ctx.settings.searchEngine) return notFoundPage(p);
  if (p === 'searchengine/apidocs/') return htmlPage(FLASGGER_PAGE);
  if (p === 'searchengine/api/v1/resources/')
    return new Response('OMERO search engine (API V1)', { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
  const m = /^searchengine\/api\/v1\/resources\/([a-z]+)\/search\/$/.exec(p);
  if (m && (RESOURCES as readonly string[]).includes(m[1] as string)) return search(ctx, m[1] as Resource);
  return notFoundPage(p);
}
