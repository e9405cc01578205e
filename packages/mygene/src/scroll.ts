// fetch_all=true + scroll_id: every hit of a query, page after page.
import { createHttpError, isBadRequestError, ResponseFormatError } from '@bio/core-http';
import { ScrollExpiredError } from './errors.js';
import type { FetchAllOptions, QueryOptions } from './options.js';
import type { Gene } from './types.js';
import { type Context, isRecord } from './internal/context.js';
import { queryParams, toSearchParams } from './internal/params.js';
import { mygeneServiceMessage } from './internal/service-message.js';
import { checkBoolean, checkInt, checkString, describe } from './internal/validate.js';

/** Both end-of-scroll messages: the current "No more results to return." and the older "No results to return". */
const END_OF_SCROLL = /^\s*No (more )?results to return/i;

type Page = { end: true } | { end: false; hits: Gene[]; scrollId: string | undefined };

function parsePage(body: unknown, where: string): Page {
  if (isRecord(body) && body.success === false) {
    const message = typeof body.error === 'string' ? body.error : '';
    if (END_OF_SCROLL.test(message)) return { end: true };
    const code = typeof body.code === 'number' && body.code >= 400 ? body.code : 500;
    const serviceMessage = mygeneServiceMessage(body);
    throw createHttpError({ status: code, service: 'mygene', body, ...(serviceMessage === undefined ? {} : { serviceMessage }) });
  }
  if (!isRecord(body) || !Array.isArray(body.hits)) {
    throw new ResponseFormatError({ message: `${where}: expected a page of hits, got ${describe(body)}`, service: 'mygene', body });
  }
  return { end: false, hits: body.hits as Gene[], scrollId: typeof body._scroll_id === 'string' && body._scroll_id !== '' ? body._scroll_id : undefined };
}

export async function* scrollAll(ctx: Context, q: unknown, o: FetchAllOptions = {}): AsyncGenerator<Gene> {
  const text = checkString('q', q);
  const { restartOnExpiry: restartOption, maxRestarts: maxOption, ...rest } = o;
  const params = queryParams(rest as QueryOptions, ctx.email);
  const restartOnExpiry = restartOption === undefined ? false : checkBoolean('restartOnExpiry', restartOption);
  const maxRestarts = maxOption === undefined ? 3 : checkInt('maxRestarts', maxOption, 0, 100);

  // Aborted when the consumer stops early, so a prefetch in flight does not outlive the loop.
  const controller = new AbortController();
  const signal = o.signal ? AbortSignal.any([o.signal, controller.signal]) : controller.signal;
  const first = (): Promise<Page> =>
    ctx.http
      .get('query', { searchParams: { q: text, fetch_all: true, ...toSearchParams(params) }, signal })
      .json<unknown>()
      .then((b) => parsePage(b, 'GET query?fetch_all=true'));
  const next = (scrollId: string): Promise<Page> =>
    ctx.http
      .get('query', { searchParams: { scroll_id: scrollId }, signal })
      .json<unknown>()
      .then((b) => parsePage(b, 'GET query?scroll_id'));

  const seen = restartOnExpiry ? new Set<string>() : undefined;
  let yielded = 0;
  let restarts = 0;
  try {
    for (;;) {
      let pending: Promise<Page> = first();
      let scrolling = false;
      let restart = false;
      while (!restart) {
        let page: Page;
        try {
          page = await pending;
        } catch (e) {
          if (!scrolling || !isBadRequestError(e)) throw e;
          // Every other parameter is ignored with scroll_id, so a 400 here is the scroll itself.
          if (restartOnExpiry && restarts < maxRestarts) {
            restarts++;
            restart = true;
            continue;
          }
          throw new ScrollExpiredError({
            message:
              `fetchAll: the scroll expired or was rejected after ${yielded} hits (${e.serviceMessage ?? 'Bad Request'}). ` +
              `MyGene keeps a scroll for 60 s after each page: consume faster, or pass restartOnExpiry: true` +
              (restartOnExpiry ? ` (gave up after ${restarts} restarts)` : ''),
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
        if (page.end || page.hits.length === 0) return;
        // Ask for the next page right away: the scroll lives 60 s after each page, whatever the consumer does.
        if (page.scrollId !== undefined) {
          pending = next(page.scrollId);
          pending.catch(() => undefined); // handled when awaited
          scrolling = true;
        } else {
          pending = Promise.resolve({ end: true });
        }
        for (const hit of page.hits) {
          if (seen) {
            if (seen.has(hit._id)) continue;
            seen.add(hit._id);
          }
          yielded++;
          yield hit;
        }
      }
    }
  } finally {
    controller.abort();
  }
}
