// msw request handlers that replay fixtures.
import { http, type RequestHandler } from 'msw';
import { BioError } from '../errors.js';
import type { Fixture } from './fixture-types.js';
import { FixtureMatcher, type LenientQuery, readRequest, sleep, toResponse } from './match.js';

/**
 * The error a request gets when no fixture or simulator answers it. Its message names the closest
 * fixture and what differs. A `@bio` client hands it to the caller as it is: never retried, never
 * turned into a `NetworkError`. (It carries `errno` so msw fails the request with it instead of
 * turning it into a 500 response.)
 *
 * @example
 * ```ts
 * await expect(mg.gene('1018')).rejects.toSatisfy(isUnmatchedRequestError);
 * ```
 */
export class UnmatchedRequestError extends BioError {
  /** Always `'UnmatchedRequestError'`. */
  override name = 'UnmatchedRequestError';
  /** Always `'UNMATCHED_REQUEST'`. */
  override readonly code = 'UNMATCHED_REQUEST';
  /** Always -1: with it msw fails the request with this error instead of answering 500. */
  readonly errno = -1;

  /**
   * Build the error from a report of the unmatched request.
   *
   * @param report - What was requested and the nearest fixture's differences; becomes the message.
   */
  constructor(report: string) {
    super(report);
    // The stack would only show msw internals; the report is what helps.
    this.stack = `${this.name}: ${report}`;
  }
}

/**
 * Whether `error` (or one of its causes) is an {@link UnmatchedRequestError}; checks `name` as well,
 * so it survives duplicated package copies.
 *
 * @example
 * ```ts
 * if (isUnmatchedRequestError(error)) console.error(error.message);
 * ```
 */
export function isUnmatchedRequestError(error: unknown): error is UnmatchedRequestError {
  for (let e = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof UnmatchedRequestError || (e instanceof Error && e.name === 'UnmatchedRequestError')) return true;
  }
  return false;
}

/**
 * Make `server.resetHandlers()` also reset `handler`'s own state: msw 2 calls `reset()` on every
 * current handler when the handlers are reset, so state kept beside a handler (ordered fixture
 * exchanges, a simulator's data) starts afresh in each test.
 */
export function resetsWith(handler: RequestHandler, reset: () => void): void {
  // `reset` is protected in msw's types; it is what msw itself calls on resetHandlers().
  const resettable = handler as unknown as { reset(): void };
  const own = resettable.reset.bind(handler);
  resettable.reset = () => {
    own();
    reset();
  };
}

/** The matcher behind each handler made by {@link fixtureHandlers}, for reports and resets. */
const matchers = new WeakMap<object, FixtureMatcher>();

/** The fixture matcher behind a handler made by {@link fixtureHandlers}, if it is one. */
export function matcherOf(handler: unknown): FixtureMatcher | undefined {
  return typeof handler === 'object' && handler !== null ? matchers.get(handler) : undefined;
}

/**
 * Options of every client's `handlers()` (fixture replay), the same in all four.
 *
 * @example
 * ```ts
 * setupServer(...handlers({ baseUrl: 'https://my-mirror.example.org/v3', strict: true }));
 * ```
 */
export interface FixtureReplayOptions {
  /** Where to answer. Default: the client's default base URL. */
  baseUrl?: string | undefined;
  /**
   * Compare every query parameter exactly. Default `false`: parameters that do not change the
   * answer (the client's documented list, e.g. MyGene's `email` and the order of `fields`) match
   * leniently.
   */
  strict?: boolean | undefined;
}

/** Options of {@link fixtureHandlers}. */
export interface FixtureHandlersOptions {
  /**
   * Where the fixtures are served, e.g. `https://mygene.info/v3`. Its origin is the one the handler
   * answers for; fixture paths (stored in full, `/v3/gene/1017`) are resolved against it. A fixture
   * path that does not start with the base path is appended to it.
   */
  baseUrl: string;
  /** Query parameters matched leniently (see {@link FixtureMatcherOptions}). */
  lenient?: LenientQuery | undefined;
  /** Match every query parameter exactly. Default `false`. */
  strict?: boolean | undefined;
}

/**
 * msw handlers replaying `fixtures` on `baseUrl`'s origin. A request matches an exchange on method,
 * path, query (as data, order-insensitive), body (JSON/form as data, XML as a tree, multipart
 * fields) and the exchange's request headers if it has any. Exchanges of one fixture that match
 * the same request are served in order and the last repeats (a poll: 204, 204, 200).
 *
 * A request on that origin that matches nothing fails (msw `'error'` semantics) with an
 * {@link UnmatchedRequestError} naming the closest fixture and the difference — whatever the
 * server's `onUnhandledRequest` setting.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * const server = setupServer(...fixtureHandlers(loadFixtures('fixtures'), { baseUrl: 'https://mygene.info/v3' }));
 * ```
 */
export function fixtureHandlers(fixtures: readonly Fixture[], options: FixtureHandlersOptions): RequestHandler[] {
  const matcher = new FixtureMatcher(fixtures, { baseUrl: options.baseUrl, lenient: options.lenient, strict: options.strict });
  const origin = new URL(options.baseUrl).origin;
  const handler = http.all(`${origin}/*`, async ({ request }) => {
    const incoming = await readRequest(request);
    const hit = await matcher.match(incoming);
    if (!hit) throw new UnmatchedRequestError(await matcher.explain(incoming));
    try {
      await sleep(hit.exchange.response.delayMs ?? 0, request.signal);
    } catch {
      return Response.error(); // the caller gave up (timeout, abort)
    }
    return toResponse(hit.exchange.response);
  });
  matchers.set(handler, matcher);
  resetsWith(handler, () => matcher.reset());
  return [handler];
}
