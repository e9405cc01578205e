// `GET|POST /search`: keyword search over genes, proteins and pathways, with the `Category` and
// `organism.shortName` facets, `facet_<name>` filters, `list`, `start`/`size` and `nofacets`.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { badRequest, ok, params } from './envelope.js';
import { canSee, type InterMineSimulatorState } from './state.js';
import { escapeRegExp, type SimObject } from './store.js';

const SEARCHED = ['Gene', 'Protein', 'Pathway'];
const FIELDS: Record<string, string[]> = {
  Gene: ['primaryIdentifier', 'secondaryIdentifier', 'symbol', 'name'],
  Protein: ['primaryIdentifier', 'primaryAccession'],
  Pathway: ['identifier', 'name'],
};

function relevance(o: SimObject, terms: RegExp[], state: InterMineSimulatorState): number {
  if (terms.length === 0) return 1;
  const fields = FIELDS[o.class] ?? [];
  const values = [...fields.map((f) => o[f]), ...state.store.follow(o, 'synonyms').map((s) => s.value)]
    .filter((v) => v !== null && v !== undefined)
    .map(String);
  let score = 0;
  for (const term of terms) {
    const exact = values.some((v) => new RegExp(`^${term.source}$`, 'i').test(v));
    const word = values.some((v) => term.test(v));
    if (!word) return 0;
    score += exact ? 1 : 0.4;
  }
  return Math.round((score / terms.length) * 100) / 100;
}

/** Answer `/search`, or `undefined` for other paths. */
export function handleSearch(request: SimulatedRequest, path: string, state: InterMineSimulatorState, user: string | undefined): Response | undefined {
  if (path !== 'search') return undefined;
  const all = params(request);
  const q = (all.get('q') ?? '').trim();
  const terms = q
    .split(/\s+/)
    .filter((t) => t && t !== '*')
    .map((t) => new RegExp(`(^|[^A-Za-z0-9])${t.split('*').map(escapeRegExp).join('.*')}($|[^A-Za-z0-9])`, 'i'));
  const start = Number(all.get('start') ?? 0);
  const size = Number(all.get('size') ?? 100);
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(size) || size < 0) badRequest('start and size must be non-negative integers', { results: [] });
  let candidates = SEARCHED.flatMap((c) => state.store.all(c));
  const listName = all.get('list');
  if (listName) {
    const list = state.lists.get(listName);
    if (!list || !canSee(list, user)) badRequest(`You do not have access to a list called ${listName}`, { results: [] });
    candidates = candidates.filter((o) => list.ids.includes(o.id));
  }
  const organism = (o: SimObject) => state.store.follow(o, 'organism')[0]?.shortName as string | undefined;
  let hits = candidates.map((o) => ({ o, relevance: relevance(o, terms, state) })).filter((h) => h.relevance > 0);
  for (const [key, value] of all) {
    if (!key.startsWith('facet_')) continue;
    const facet = key.slice(6);
    hits = hits.filter((h) => (facet === 'Category' ? h.o.class === value : facet === 'organism.shortName' ? organism(h.o) === value : true));
  }
  hits.sort((a, b) => b.relevance - a.relevance || a.o.id - b.o.id);
  const facets: Record<string, Record<string, number>> = { Category: {}, 'organism.shortName': {} };
  for (const { o } of hits) {
    facets.Category![o.class] = (facets.Category![o.class] ?? 0) + 1;
    const org = organism(o);
    if (org) facets['organism.shortName']![org] = (facets['organism.shortName']![org] ?? 0) + 1;
  }
  const results = hits.slice(start, start + size).map(({ o, relevance }) => {
    const fields: Record<string, unknown> = {};
    for (const f of FIELDS[o.class] ?? []) if (o[f] !== null && o[f] !== undefined) fields[f] = o[f];
    const org = state.store.follow(o, 'organism')[0];
    if (org) fields['organism.name'] = org.name;
    return { id: o.id, type: o.class, relevance, fields };
  });
  return ok({ totalHits: hits.length, ...(all.get('nofacets') === 'true' ? {} : { facets }), results });
}
