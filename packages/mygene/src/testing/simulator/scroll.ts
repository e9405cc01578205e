// fetch_all=true and scroll_id: 1000 hits per page (ES_SCROLL_SIZE), unsorted (index order), a
// scroll kept 60 s after each page (ES_SCROLL_TIME), the end marker as HTTP 200 and a 400 for an
// expired or unknown scroll id.
import type { SimScroll, MyGeneSimulatorState } from './state.js';
import { errorBody, json } from './wire.js';

/** Hits per scroll page, whatever `size` says. */
export const SCROLL_SIZE = 1000;
/** How long a scroll lives after each page, ms. */
export const SCROLL_TTL = 60_000;

function page(scroll: SimScroll, took: number): Response {
  const hits = scroll.hits.slice(scroll.served, scroll.served + SCROLL_SIZE);
  scroll.served += hits.length;
  return json({ _scroll_id: scroll.id, took, total: scroll.total, max_score: scroll.maxScore, hits });
}

/** Open a scroll over `hits` and answer its first page. */
export function openScroll(state: MyGeneSimulatorState, hits: Record<string, unknown>[], maxScore: number | null, now: number, took: number): Response {
  state.scrollsOpened += 1;
  const id = btoa(`queryThenFetch;1;${state.scrollsOpened}:mygene-simulator;0;`);
  const scroll: SimScroll = { id, hits, served: 0, total: hits.length, maxScore, expiresAt: now + SCROLL_TTL };
  state.scrolls.set(id, scroll);
  return page(scroll, took);
}

/** `GET /query?scroll_id=…` (every other parameter is ignored). */
export function nextPage(state: MyGeneSimulatorState, id: string, now: number): Response {
  const scroll = state.scrolls.get(id);
  if (scroll === undefined || scroll.expiresAt <= now) {
    state.scrolls.delete(id);
    return errorBody(400, 'ValueError', { details: 'Invalid or stale scroll_id.' });
  }
  scroll.expiresAt = now + SCROLL_TTL;
  if (scroll.served >= scroll.hits.length) return json({ success: false, error: 'No more results to return.' });
  return page(scroll, 1);
}

/** Expire every open scroll now (what waiting more than 60 s between pages does). */
export function expireScrolls(state: MyGeneSimulatorState): void {
  for (const scroll of state.scrolls.values()) scroll.expiresAt = Number.NEGATIVE_INFINITY;
}
