// fetch_all=true + scroll_id: every hit of a query, as a Paged listing whose cursor is the scroll id.
import {
  type BioHttpError,
  checkListOptions,
  type QueryParams,
  type RetryOptions,
  cursorPages,
  isBadRequestError,
  type Page,
  type Paged,
  paged,
} from '@bio/core-http';
import { ScrollExpiredError } from './errors.js';
import type { FetchAllOptions } from './options.js';
import type { Gene } from './types.js';
import { requestOptions } from './internal/call-options.js';
import { type Context, isRecord } from './internal/context.js';
import { fetchAllParams, toSearchParams, type WireParams } from './internal/params.js';
import { formatError, throwBodyError } from './internal/response.js';
import { checkBoolean, checkInt, checkString, fail } from './internal/validate.js';

/** Both end-of-scroll messages: the current "No more results to return." and the older "No results to return". */
const END_OF_SCROLL = /^\s*No (more )?results to return/i;
/** Options the server's formatter applies to each answer, scroll pages included (biothings.web COMMON_KWARGS). */
const FORMATTER_PARAMS: ReadonlySet<string> = new Set(['dotfield', 'always_list', 'allow_null', '_sorted', 'jmespath', 'jmespath_exclude_empty']);
/** Hits per scroll page: the server's `ES_SCROLL_SIZE`, which `size` does not change. */
const SCROLL_SIZE = 1000;

type ScrollPage = { end: true } | { end: false; hits: Gene[]; total: number | undefined; scrollId: string | undefined };

function parsePage(body: unknown, where: string): ScrollPage {
  if (isRecord(body) && body.success === false) {
    if (typeof body.error === 'string' && END_OF_SCROLL.test(body.error)) return { end: true };
    throwBodyError(body);
  }
  if (!isRecord(body) || !Array.isArray(body.hits)) throw formatError(where, 'a page of hits', body);
  return {
    end: false,
    hits: body.hits as Gene[],
    total: typeof body.total === 'number' ? body.total : undefined,
    scrollId: typeof body._scroll_id === 'string' && body._scroll_id !== '' ? body._scroll_id : undefined,
  };
}

/** One validated fetchAll call; every iteration of its Paged runs a fresh scroll from it. */
interface ScrollRun {
  q: string;
  params: WireParams;
  timeout: number | false | undefined;
  restartOnExpiry: boolean;
  maxRestarts: number;
}

function expired(e: BioHttpError, yielded: number, restarts: number, run: ScrollRun): ScrollExpiredError {
  return new ScrollExpiredError({
    message:
      `fetchAll: the scroll expired or was rejected after ${yielded} hits (${e.serviceMessage ?? 'Bad Request'}). ` +
      `MyGene keeps a scroll for 60 s after each page: consume faster, or pass restartOnExpiry: true` +
      (run.restartOnExpiry ? ` (gave up after ${restarts} restarts)` : ''),
    status: e.status,
    ...(e.method === undefined ? {} : { method: e.method }),
    ...(e.url === undefined ? {} : { url: e.url }),
    service: 'mygene',
    ...(e.serviceMessage === undefined ? {} : { serviceMessage: e.serviceMessage }),
    ...(e.body === undefined ? {} : { body: e.body }),
    cause: e,
    yielded,
  });
}

const REFUSALS_ONLY: RetryOptions = { shouldRetry: ({ error }) => (error.status === 0 ? false : undefined) };

// The pages of one scroll. The next page is requested as soon as one arrives (the scroll lives
// 60 s after each page, whatever the consumer does) and cancelled when the iteration stops.
async function* scrollPages(ctx: Context, run: ScrollRun, max: number | undefined, signal: AbortSignal | undefined): AsyncGenerator<Page<Gene>> {
  const controller = new AbortController();
  const perRequest = { ...requestOptions({ timeout: run.timeout }), signal: signal ? AbortSignal.any([signal, controller.signal]) : controller.signal };
  const get = (searchParams: QueryParams, where: string, retry?: RetryOptions): Promise<ScrollPage> =>
    ctx.http
      .get('query', { searchParams, ...perRequest, ...(retry === undefined ? {} : { retry }) })
      .json<unknown>()
      .then((b) => parsePage(b, where));
  const first = (): Promise<ScrollPage> => get({ q: run.q, fetch_all: true, ...toSearchParams(run.params) }, 'GET query?fetch_all=true');
  // A scroll advances on every page the server serves: after a connection failure (before or
  // during the answer) the server may have served the page, and a retry would get the one after
  // it (a whole page gone, no error). So only refusals (5xx, 429, 408: nothing served) are
  // retried; a connection failure ends the iteration with its typed error.
  // The server formats every scroll answer with the options of the request that asks for it
  // (ESResultFormatter.transform), so the formatter options go with every scroll_id.
  // `email` goes along too: the client sends it with every request.
  const formatting = toSearchParams(Object.fromEntries(Object.entries(run.params).filter(([key]) => FORMATTER_PARAMS.has(key) || key === 'email')));
  const next = (scrollId: string): Promise<ScrollPage> => get({ scroll_id: scrollId, ...formatting }, 'GET query?scroll_id', REFUSALS_ONLY);

  const seen = run.restartOnExpiry ? new Set<string>() : undefined;
  let prefetched: { cursor: string; page: Promise<ScrollPage> } | undefined;
  let yielded = 0;
  let restarts = 0;

  const scroll = async (cursor: string): Promise<ScrollPage> => {
    const pending = prefetched?.cursor === cursor ? prefetched.page : next(cursor);
    prefetched = undefined;
    try {
      return await pending;
    } catch (e) {
      // The formatter options sent along were accepted with the opening request, so a 400 here is the scroll itself.
      if (!isBadRequestError(e)) throw e;
      if (run.restartOnExpiry && restarts < run.maxRestarts) {
        restarts++;
        return first();
      }
      throw expired(e, yielded, restarts, run);
    }
  };
  const unseen = (hits: Gene[]): Gene[] => {
    if (!seen) return hits;
    return hits.filter((hit) => {
      if (seen.has(hit._id)) return false;
      seen.add(hit._id);
      return true;
    });
  };

  const fetchPage = async ({ cursor }: { cursor: string | undefined }): Promise<Page<Gene> & { next?: string | undefined }> => {
    let page = cursor === undefined ? await first() : await scroll(cursor);
    let items = page.end ? [] : unseen(page.hits);
    // After a restart, pages already delivered come again: skip them.
    while (!page.end && items.length === 0 && page.hits.length > 0 && page.scrollId !== undefined) {
      page = await scroll(page.scrollId);
      items = page.end ? [] : unseen(page.hits);
    }
    if (page.end || page.hits.length === 0) return { items };
    if (page.scrollId !== undefined) {
      const pending = next(page.scrollId);
      pending.catch(() => undefined); // handled when awaited
      prefetched = { cursor: page.scrollId, page: pending };
    }
    yielded += items.length;
    return { items, total: page.total, next: page.scrollId };
  };

  try {
    yield* cursorPages<Gene, string>(fetchPage, { max, signal });
  } finally {
    controller.abort();
  }
}

export function scrollAll(ctx: Context, q: unknown, o: FetchAllOptions = {}): Paged<Gene> {
  const text = checkString('q', q);
  checkListOptions(o);
  if (o.pageSize !== undefined && o.pageSize !== SCROLL_SIZE) {
    fail('pageSize', `MyGene scrolls ${SCROLL_SIZE} hits per page whatever size says; leave pageSize out or pass ${SCROLL_SIZE}, got ${o.pageSize}`);
  }
  const { restartOnExpiry, maxRestarts } = o;
  const run: ScrollRun = {
    q: text,
    params: fetchAllParams(o, ctx.email),
    timeout: o.timeout,
    restartOnExpiry: restartOnExpiry === undefined ? false : checkBoolean('restartOnExpiry', restartOnExpiry),
    maxRestarts: maxRestarts === undefined ? 3 : checkInt('maxRestarts', maxRestarts, 0, 100),
  };
  return paged(({ max, signal }) => scrollPages(ctx, run, max, signal), { max: o.max, signal: o.signal });
}
