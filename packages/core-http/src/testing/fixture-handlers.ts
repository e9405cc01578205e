// msw request handlers that replay fixtures.
import { http, type RequestHandler } from 'msw';
import type { Fixture } from './fixture-types.js';
import { FixtureMatcher, readRequest, sleep, toResponse } from './match.js';

/**
 * The error a request gets when no fixture matches it. Its message names the closest fixture and
 * what differs. (It carries `code`/`errno` so msw fails the request with it instead of turning it
 * into a 500 response: the client call rejects with a network error whose cause is this error.)
 *
 * @example
 * ```ts
 * await expect(mg.gene('1018')).rejects.toThrow(); // the cause is an UnmatchedFixtureError
 * ```
 */
export class UnmatchedFixtureError extends Error {
  override name = 'UnmatchedFixtureError';
  readonly code = 'ERR_BIO_UNMATCHED_FIXTURE';
  readonly errno = -1;

  constructor(report: string) {
    super(report);
    // The stack would only show msw internals; the report is what helps.
    this.stack = `${this.name}: ${report}`;
  }
}

/**
 * Whether `error` (or one of its causes) is an {@link UnmatchedFixtureError}; checks `name` as well,
 * so it survives duplicated package copies.
 *
 * @example
 * ```ts
 * if (isUnmatchedFixtureError(error)) console.error(error.message);
 * ```
 */
export function isUnmatchedFixtureError(error: unknown): error is UnmatchedFixtureError {
  for (let e = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof UnmatchedFixtureError || (e instanceof Error && e.name === 'UnmatchedFixtureError')) return true;
  }
  return false;
}

/** The matcher behind each handler made by {@link fixtureHandlers}, for reports and resets. */
const matchers = new WeakMap<object, FixtureMatcher>();

/** The fixture matcher behind a handler made by {@link fixtureHandlers}, if it is one. */
export function matcherOf(handler: unknown): FixtureMatcher | undefined {
  return typeof handler === 'object' && handler !== null ? matchers.get(handler) : undefined;
}

/** Options of {@link fixtureHandlers}. */
export interface FixtureHandlersOptions {
  /**
   * Where the fixtures are served, e.g. `https://mygene.info/v3`. Its origin is the one the handler
   * answers for; fixture paths (stored in full, `/v3/gene/1017`) are resolved against it. A fixture
   * path that does not start with the base path is appended to it.
   */
  baseUrl: string;
}

/**
 * msw handlers replaying `fixtures` on `baseUrl`'s origin. A request matches an exchange on method,
 * path, query (as data, order-insensitive), body (JSON/form as data, XML as a tree, multipart
 * fields) and the exchange's request headers if it has any. Exchanges of one fixture that match
 * the same request are served in order and the last repeats (a poll: 204, 204, 200).
 *
 * A request on that origin that matches nothing fails (msw `'error'` semantics) with an
 * {@link UnmatchedFixtureError} naming the closest fixture and the difference — whatever the
 * server's `onUnhandledRequest` setting.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * const server = setupServer(...fixtureHandlers(loadFixtures('fixtures'), { baseUrl: 'https://mygene.info/v3' }));
 * ```
 */
export function fixtureHandlers(fixtures: readonly Fixture[], options: FixtureHandlersOptions): RequestHandler[] {
  const matcher = new FixtureMatcher(fixtures, { baseUrl: options.baseUrl });
  const origin = new URL(options.baseUrl).origin;
  const handler = http.all(`${origin}/*`, async ({ request }) => {
    const incoming = await readRequest(request);
    const hit = await matcher.match(incoming);
    if (!hit) throw new UnmatchedFixtureError(await matcher.explain(incoming));
    try {
      await sleep(hit.exchange.response.delayMs ?? 0, request.signal);
    } catch {
      return Response.error(); // the caller gave up (timeout, abort)
    }
    return toResponse(hit.exchange.response);
  });
  matchers.set(handler, matcher);
  return [handler];
}
