// An msw/node server over fixture handlers, failing loudly on requests no fixture covers.
import type { RequestHandler } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import { fixtureHandlers, matcherOf, UnmatchedRequestError } from './fixture-handlers.js';
import type { Fixture } from './fixture-types.js';
import { readRequest } from './match.js';

/** What {@link createFixtureServer} returns: an msw server plus the reports of unmatched requests. */
export interface FixtureServer extends SetupServer {
  /**
   * Every "no fixture matches" report since the server was created, oldest first.
   *
   * @example
   * ```ts
   * afterEach(() => expect(server.unmatchedRequests()).toEqual([]));
   * ```
   */
  unmatchedRequests(): string[];
}

/** Options of {@link createFixtureServer}: fixtures and where to serve them, or ready-made handlers. */
export type FixtureServerOptions =
  | {
      /** The fixtures to serve. */
      fixtures: readonly Fixture[];
      /** The service base URL the fixtures answer under, e.g. `https://mygene.info/v3`. */
      baseUrl: string;
    }
  | {
      /** Ready-made msw handlers (e.g. from {@link fixtureHandlers} or a simulator) to serve instead. */
      handlers: readonly RequestHandler[];
    };

/**
 * The reports of requests that matched no fixture, gathered from fixture handlers (or a server made
 * by {@link createFixtureServer}). Handy in an `afterEach` to fail a test that swallowed the error.
 *
 * @example
 * ```ts
 * afterEach(() => expect(unmatchedRequests(server)).toEqual([]));
 * ```
 */
export function unmatchedRequests(source: FixtureServer | readonly unknown[]): string[] {
  if (!Array.isArray(source)) return (source as FixtureServer).unmatchedRequests();
  return (source as readonly unknown[]).flatMap((handler) => matcherOf(handler)?.unmatched ?? []);
}

/**
 * An msw/node server replaying fixtures. Call `listen()` as usual: unless you pass your own
 * `onUnhandledRequest` function, requests no handler covers (another origin, another method) fail
 * with an {@link UnmatchedRequestError} naming the closest fixture and the difference, printed to
 * stderr as well. `resetHandlers()` also restarts ordered exchanges (polls) from the first one.
 *
 * @example
 * ```ts
 * const server = createFixtureServer({ fixtures: loadFixtures('fixtures'), baseUrl: 'https://mygene.info/v3' });
 * beforeAll(() => server.listen());
 * afterEach(() => server.resetHandlers());
 * afterAll(() => server.close());
 * ```
 */
export function createFixtureServer(options: FixtureServerOptions): FixtureServer {
  const handlers = 'handlers' in options ? [...options.handlers] : fixtureHandlers(options.fixtures, { baseUrl: options.baseUrl });
  const server = setupServer(...handlers);
  const ownReports: string[] = [];
  const currentMatchers = () => [...new Set(server.listHandlers().map(matcherOf))].filter((m) => m !== undefined);

  const onUnhandledRequest = async (request: Request): Promise<void> => {
    const incoming = await readRequest(request);
    const matchers = currentMatchers();
    let report = `No fixture handler covers ${incoming.method} ${incoming.url.href}`;
    if (matchers.length > 0) {
      // Ask each fixture set for its closest exchange; keep the shortest (most similar) report.
      const reports = await Promise.all(matchers.map((m) => m.explain(incoming)));
      for (const m of matchers) m.unmatched.pop();
      report = reports.reduce((a, b) => (b.split('\n').length < a.split('\n').length ? b : a));
    }
    ownReports.push(report);
    console.error(`[@bio/core-http/testing] ${report}`);
    throw new UnmatchedRequestError(report);
  };

  return {
    ...server,
    listen(listenOptions) {
      const strategy = listenOptions?.onUnhandledRequest;
      server.listen({
        ...listenOptions,
        onUnhandledRequest: typeof strategy === 'function' || strategy === 'bypass' || strategy === 'warn' ? strategy : onUnhandledRequest,
      });
    },
    resetHandlers(...next) {
      server.resetHandlers(...next);
      for (const m of currentMatchers()) m.reset();
    },
    unmatchedRequests() {
      return [...ownReports, ...currentMatchers().flatMap((m) => m.unmatched)];
    },
  };
}
