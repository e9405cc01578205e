// GET /query (search with size/from, sort, facets, fetch_all) and POST /query (batch terms
// against scopes: every hit of a term carries `query`, misses are {query, notfound: true}).
import type { SimGene } from './dataset.js';
import { shapeBody, type ShapeOptions } from './documents.js';
import { docFilter, filterParams, QUERY_DEFAULT_FIELDS, shapeOf, took } from './common.js';
import { MAX, missingParam, type Params } from './params.js';
import { geneIndex } from './gene-index.js';
import { type DocFilter, fieldValues, ID_SCOPES, type Match, passes, scopeScore, scopeTargets, search, speciesTaxids } from './search.js';
import { nextPage, openScroll } from './scroll.js';
import type { MyGeneSimulatorState } from './state.js';
import { errorBody, json, Refusal, refuse, requestError, searchError } from './wire.js';

function hit(match: Match, shape: ShapeOptions, score: number | null = match.score): Record<string, unknown> {
  return shapeBody(match.doc, shape, { _id: match.doc._id, _score: score });
}

function compare(a: unknown, b: unknown): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a).toLowerCase();
  const y = String(b).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function sortMatches(matches: Match[], sort: readonly string[] | undefined): Match[] {
  const list = [...matches];
  if (sort === undefined) return list.sort((a, b) => b.score - a.score);
  const keys = sort.map((s) => (s.startsWith('-') ? { field: s.slice(1), desc: true } : { field: s, desc: false }));
  const value = (m: Match, field: string): unknown => (field === '_score' ? m.score : fieldValues(m.doc, field)[0]);
  return list.sort((a, b) => {
    for (const { field, desc } of keys) {
      const va = value(a, field);
      const vb = value(b, field);
      // Missing values sort last either way.
      const c = va === undefined || vb === undefined ? compare(va, vb) : desc ? compare(vb, va) : compare(va, vb);
      if (c !== 0) return c;
    }
    return 0;
  });
}

function facets(docs: readonly SimGene[], names: readonly string[], size: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const counts = new Map<string, { term: unknown; count: number }>();
    for (const doc of docs) {
      const seen = new Set<string>();
      for (const value of fieldValues(doc, name)) {
        const key = `${typeof value}:${String(value)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const entry = counts.get(key) ?? { term: value, count: 0 };
        entry.count++;
        counts.set(key, entry);
      }
    }
    const terms = [...counts.values()].sort((a, b) => b.count - a.count || compare(a.term, b.term));
    const shown = terms.slice(0, size);
    const other = terms.slice(size).reduce((sum, t) => sum + t.count, 0);
    // `total` counts the shown buckets only (ESResultFormatter.transform_aggs).
    const total = shown.reduce((sum, t) => sum + t.count, 0);
    out[name] = { _type: 'terms', terms: shown.map(({ count, term }) => ({ count, term })), other, missing: 0, total };
  }
  return out;
}

/** Match every gene: no `q` or `__all__` (ESQueryBuilder._build_string_query). */
function matchesAll(q: string | undefined): boolean {
  return q === undefined || q === '__all__';
}

/**
 * Negative paging, which biothings.web passes on unchecked (no `min` in settings/default.py;
 * ESQueryBuilder.apply_extras copies size/from, and facet_size into each terms aggregation):
 * Elasticsearch 8 refuses the search body while parsing it, the aggregations before `from` before
 * `size`, and the ES client raises RequestError: 400 with the ES error type (pipeline.py
 * capturesESExceptions). `size` is not checked with fetch_all (ESQueryBuilder.build drops it).
 */
function refuseNegativePaging(p: {
  aggs?: readonly string[] | undefined;
  facetSize?: number | undefined;
  from?: number | undefined;
  size?: number | undefined;
}): void {
  if (p.aggs !== undefined && p.aggs.length > 0 && p.facetSize !== undefined && p.facetSize < 0) {
    // ObjectParser wraps the terms builder's refusal ("[size] must be greater than 0. Found [-1] in
    // [taxid]"); the real reason also starts with the value's [line:column] in the body.
    refuse(requestError('x_content_parse_exception', '[terms] failed to parse field [size]'));
  }
  if (p.from !== undefined && p.from < 0) refuse(requestError('illegal_argument_exception', `[from] parameter cannot be negative but was [${p.from}]`));
  if (p.size !== undefined && p.size < 0) refuse(requestError('illegal_argument_exception', `[size] parameter cannot be negative, found [${p.size}]`));
}

/** `size` when absent: 10, or 0 for a match-all query asking only for facets. */
function defaultSize(q: string | undefined, aggs: readonly string[] | undefined): number {
  return matchesAll(q) && aggs !== undefined ? 0 : 10;
}

/** The matches of a GET query string: every gene without `q`, none for an empty `q` (as Elasticsearch's match_none). */
function searchAll(state: MyGeneSimulatorState, q: string | undefined, filter: DocFilter): Match[] {
  if (q !== undefined && q.trim() === '') return [];
  return search(geneIndex(state.genes), matchesAll(q) ? '*' : (q as string), filter);
}

const EVERY_DOC: DocFilter = { species: undefined, entrezonly: false, ensemblonly: false };

/**
 * `filter` / `post_filter`: extra query strings a hit must also match (ESQueryBuilder.apply_extras);
 * `filter` narrows the matches before facets are counted, `post_filter` only the hits.
 */
function narrowedBy(state: MyGeneSimulatorState, query: string | undefined): ((m: Match) => boolean) | undefined {
  if (query === undefined || query === '') return undefined;
  const ids = new Set(search(geneIndex(state.genes), query, EVERY_DOC).map((m) => m.doc._id));
  return (m) => ids.has(m.doc._id);
}

/**
 * `GET /query`: a search, a `fetch_all` scroll, or the next page of one (`scroll_id`). Every option
 * is checked first (OptionSet.parse runs before the handler, scroll or not); only then does the
 * query building stage, which a `scroll_id` skips, read them.
 */
export function getQuery(state: MyGeneSimulatorState, params: Params, now: number): Response {
  const q = params.string('q');
  const shape = shapeOf(params, QUERY_DEFAULT_FIELDS);
  const filterOptions = filterParams(params, 'query');
  const fetchAll = params.bool('fetch_all') ?? false;
  const aggs = params.list('aggs', MAX.facets);
  const askedSize = params.int('size', { max: MAX.size });
  const askedFrom = params.int('from', { max: MAX.from });
  const sort = params.list('sort', MAX.sort, { strict: true });
  const askedFacetSize = params.int('facet_size', { max: MAX.facetSize });
  const scrollId = params.string('scroll_id');
  if (scrollId !== undefined && scrollId !== '') return nextPage(state, scrollId, now, shape);
  const filter = docFilter(filterOptions);
  refuseNegativePaging({ aggs, facetSize: askedFacetSize, from: askedFrom, size: fetchAll ? undefined : askedSize });
  // Elasticsearch's SearchRequest.validate: a scroll starts at the first hit.
  if (fetchAll && askedFrom !== undefined && askedFrom > 0) {
    refuse(requestError('action_request_validation_exception', 'Validation Failed: 1: using [from] is not allowed in a scroll context;'));
  }
  const size = askedSize ?? defaultSize(q, aggs);
  const from = askedFrom ?? 0;
  // `options.facet_size or 10` (ESQueryBuilder.apply_extras): 0 means the default.
  const facetSize = askedFacetSize || 10;
  // A post_filter on taxid, only with facets (MygeneQueryBuilder.apply_extras).
  const facetFilter = aggs !== undefined && aggs.length > 0 ? speciesTaxids(filterOptions.speciesFacetFilter) : undefined;
  if (!fetchAll && from + size > MAX.window) {
    return searchError(
      `[illegal_argument_exception] Reason: Result window is too large, from + size must be less than or equal to: [${MAX.window}] but was [${from + size}]. ` +
        'See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.',
    );
  }
  const inFilter = narrowedBy(state, params.string('filter'));
  const inPostFilter = narrowedBy(state, params.string('post_filter'));
  const found = searchAll(state, q, filter);
  const matches = inFilter ? found.filter(inFilter) : found;
  const maxScore = matches.length === 0 ? null : Math.max(...matches.map((m) => m.score));
  // species_facet_filter narrows the hits, not the facets, and only when there are facets.
  const facetFiltered = facetFilter ? matches.filter((m) => typeof m.doc.taxid === 'number' && facetFilter.has(m.doc.taxid)) : matches;
  const selected = inPostFilter ? facetFiltered.filter(inPostFilter) : facetFiltered;
  const facetsOf = (): Record<string, unknown> | undefined =>
    aggs === undefined
      ? undefined
      : facets(
          matches.map((m) => m.doc),
          aggs,
          facetSize,
        );
  // fetch_all drops sort and size (ESQueryBuilder.build); aggregations come with the first page.
  if (fetchAll) return openScroll(state, selected, shape, { maxScore, now, took: took(matches.length), facets: facetsOf() });
  const sorted = sortMatches(selected, sort);
  const sortedByScore = sort === undefined || sort.every((s) => s.replace(/^-/, '') === '_score');
  const body: Record<string, unknown> = {
    took: took(matches.length),
    total: selected.length,
    max_score: size === 0 || !sortedByScore || selected.length === 0 ? null : maxScore,
  };
  const hits = sorted.slice(from, from + size).map((m) => hit(m, shape, sortedByScore ? m.score : null));
  // With facets the formatter moves `hits` after them and leaves it out when empty (ESResultFormatter.transform).
  if (aggs === undefined || hits.length > 0) body.hits = hits;
  const facetBody = facetsOf();
  if (facetBody !== undefined) body.facets = facetBody;
  return json(body);
}

/** `POST /query`: each term against `scopes` (default `_id,entrezgene,ensembl.gene,retired`), `size` hits per term. */
export function postQuery(state: MyGeneSimulatorState, params: Params): Response {
  const terms = params.list('q', undefined, { jsonArray: true });
  if (terms === undefined || terms.length === 0) missingParam('q');
  const scopes = params.list('scopes', MAX.scopes) ?? ID_SCOPES;
  const shape = shapeOf(params, QUERY_DEFAULT_FIELDS);
  const filterOptions = filterParams(params, 'query');
  const askedSize = params.int('size', { max: MAX.size });
  const from = params.int('from', { max: MAX.from }) ?? 0;
  const withTotal = params.bool('with_total') ?? false;
  // `sort` is a strict list option, and applies to each term's search (ESQueryBuilder.apply_extras).
  const sort = params.list('sort', MAX.sort, { strict: true });
  const filterText = params.string('filter');
  const postFilterText = params.string('post_filter');
  const filter = docFilter(filterOptions);
  refuseNegativePaging({ from, size: askedSize });
  // Elasticsearch's own default for each search of the msearch; the formatter reads 0 as 10 too
  // (`max_size = options.size or 10`), while Elasticsearch returns no hit for it.
  const size = askedSize ?? 10;
  const maxSize = size || 10;
  // A search of the msearch that fails on the shards (past the result window, a filter Elasticsearch
  // cannot parse) fails on its own: the formatter finds no `hits` in its answer and that assertion
  // becomes the pipeline's 500 "N/A" (ESResultFormatter._Hits, capturesESExceptions).
  if (from + size > MAX.window) return errorBody(500, 'N/A');
  let narrowers: ((m: Match) => boolean)[];
  try {
    // Without facets, filter and post_filter narrow each term's hits alike.
    narrowers = [narrowedBy(state, filterText), narrowedBy(state, postFilterText)].filter((f) => f !== undefined);
  } catch (e) {
    if (e instanceof Refusal) return errorBody(500, 'N/A');
    throw e;
  }
  const out: Record<string, unknown>[] = [];
  let maxTotal = 0;
  let over = 0;
  const index = geneIndex(state.genes);
  for (const term of terms) {
    const matches: Match[] = [];
    for (const doc of index.candidates(scopeTargets(term, scopes))) {
      if (!passes(doc, filter)) continue;
      const match = { doc, score: scopeScore(doc, term, scopes) };
      if (match.score > 0 && narrowers.every((inFilter) => inFilter(match))) matches.push(match);
    }
    const ordered = sortMatches(matches, sort);
    maxTotal = Math.max(maxTotal, matches.length);
    // The formatter compares each term's total with `size`, whatever `from` is.
    if (matches.length > maxSize) over++;
    const window = ordered.slice(from, from + size);
    if (window.length === 0) out.push({ query: term, notfound: true });
    for (const m of window) out.push({ query: term, ...hit(m, shape) });
  }
  if (!withTotal) return json(out);
  const body: Record<string, unknown> = { max_total: maxTotal, hits: out };
  if (over > 0) body.msg = `${over} query terms return > ${maxSize} hits, using from=${from + maxSize} to retrieve the remaining hits`;
  return json(body);
}
