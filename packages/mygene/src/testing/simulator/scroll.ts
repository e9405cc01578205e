// fetch_all=true and scroll_id: 1000 hits per page (ES_SCROLL_SIZE), unsorted (index order), a
// scroll kept 60 s after each page (ES_SCROLL_TIME), the end marker as HTTP 200 and a 400 for an
// expired or unknown scroll id. The fields of every page are the opening request's (the scroll
// context keeps its _source), while the formatter options (dotfield, always_list, allow_null) are
// those of the request serving the page: ESResultFormatter.transform runs on each scroll answer.
import type { SimGene } from './dataset.js';
import { shapeBody, type ShapeOptions } from './documents.js';
import type { SimScroll, MyGeneSimulatorState } from './state.js';
import { errorBody, json } from './wire.js';

/** What a scroll page is shaped from: the matched documents with their scores, and the opening request's fields. */
interface ScrollSource {
  docs: readonly { doc: SimGene; score: number | null }[];
  fields: readonly string[] | undefined;
}
const sources = new WeakMap<SimScroll, ScrollSource>();

/** Hits per scroll page, whatever `size` says. */
export const SCROLL_SIZE = 1000;
/** How long a scroll lives after each page, ms. */
export const SCROLL_TTL = 60_000;

function page(scroll: SimScroll, took: number, shape: ShapeOptions | undefined, facets?: Record<string, unknown>): Response {
  const from = scroll.served;
  const source = shape === undefined ? undefined : sources.get(scroll);
  const hits =
    source === undefined || shape === undefined
      ? scroll.hits.slice(from, from + SCROLL_SIZE)
      : source.docs
          .slice(from, from + SCROLL_SIZE)
          .map(({ doc, score }) => shapeBody(doc, { ...shape, fields: source.fields }, { _id: doc._id, _score: score }));
  scroll.served += hits.length;
  const body: Record<string, unknown> = { _scroll_id: scroll.id, took, total: scroll.total, max_score: scroll.maxScore };
  // Aggregations come with the opening answer only; the formatter puts `facets` before `hits` and leaves out empty hits.
  if (facets !== undefined) {
    body.facets = facets;
    if (hits.length > 0) body.hits = hits;
  } else body.hits = hits;
  return json(body);
}

/** Open a scroll over `matches` (`shape`: the opening request's) and answer its first page, with `facets` when asked for. */
export function openScroll(
  state: MyGeneSimulatorState,
  matches: readonly { doc: SimGene; score: number | null }[],
  shape: ShapeOptions,
  answer: { maxScore: number | null; now: number; took: number; facets?: Record<string, unknown> | undefined },
): Response {
  state.scrollsOpened += 1;
  const id = btoa(`queryThenFetch;1;${state.scrollsOpened}:mygene-simulator;0;`);
  const hits = matches.map(({ doc, score }) => shapeBody(doc, shape, { _id: doc._id, _score: score }));
  const scroll: SimScroll = { id, hits, served: 0, total: hits.length, maxScore: answer.maxScore, expiresAt: answer.now + SCROLL_TTL };
  state.scrolls.set(id, scroll);
  sources.set(scroll, { docs: matches, fields: shape.fields });
  return page(scroll, answer.took, undefined, answer.facets);
}

/**
 * `GET /query?scroll_id=…`, after the options stage has checked every parameter: the query
 * building stage is skipped (ESQueryBuilder.build returns the scroll id), so `q`, `size`, `from`,
 * `sort`, `facets`, `species` change nothing, while `shape` (the request's dotfield, always_list,
 * allow_null) shapes the page.
 */
export function nextPage(state: MyGeneSimulatorState, id: string, now: number, shape: ShapeOptions): Response {
  const scroll = state.scrolls.get(id);
  if (scroll === undefined || scroll.expiresAt <= now) {
    state.scrolls.delete(id);
    return errorBody(400, 'ValueError', { details: 'Invalid or stale scroll_id.' });
  }
  scroll.expiresAt = now + SCROLL_TTL;
  if (scroll.served >= scroll.hits.length) return json({ success: false, error: 'No more results to return.' });
  return page(scroll, 1, shape);
}

/** Expire every open scroll now (what waiting more than 60 s between pages does). */
export function expireScrolls(state: MyGeneSimulatorState): void {
  for (const scroll of state.scrolls.values()) scroll.expiresAt = Number.NEGATIVE_INFINITY;
}
