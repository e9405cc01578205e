// Shared test plumbing: a fixture upstream + a chaos proxy + a mirror (second origin) per client,
// and leak accounting (sockets, timers, unhandled rejections).
import { type Fixture, startLoopbackFixtureServer } from '@bio/core-http/testing';
import { type ChaosServer, type Mirror, startChaosServer, startMirror } from './chaos-server.js';

/** An upstream replaying fixtures, a chaos proxy in front of it, and a mirror origin. */
export interface Stage {
  chaos: ChaosServer;
  mirror: Mirror;
  upstreamUrl: string;
  unmatched(): string[];
  close(): Promise<void>;
}

/**
 * Start the three servers for one client's fixtures.
 *
 * @example
 * ```ts
 * const stage = await startStage(fixtures());
 * ```
 */
export async function startStage(fixtures: readonly Fixture[]): Promise<Stage> {
  const upstream = await startLoopbackFixtureServer({ fixtures });
  const mirror = await startMirror(upstream.url);
  const chaos = await startChaosServer({ upstream: upstream.url, elsewhere: mirror.url });
  return {
    chaos,
    mirror,
    upstreamUrl: upstream.url,
    unmatched: () => upstream.unmatchedRequests(),
    async close() {
      await chaos.close();
      await mirror.close();
      await upstream.close();
    },
  };
}

/**
 * Count the process's active resources by type (`TCPSocketWrap`, `Timeout`, …).
 *
 * @example
 * ```ts
 * const before = activeResources();
 * ```
 */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/**
 * Resources of `after` that exceed `before` (type → extra count), after letting the event loop
 * settle for `settleMs`.
 *
 * @example
 * ```ts
 * expect(await leakedResources(before)).toEqual({});
 * ```
 */
export async function leakedResources(before: Record<string, number>, settleMs = 50): Promise<Record<string, number>> {
  const until = Date.now() + 2000;
  let extra: Record<string, number> = {};
  do {
    await new Promise((r) => setTimeout(r, settleMs));
    const after = activeResources();
    extra = {};
    for (const [type, n] of Object.entries(after)) {
      // The settle timer above is one Timeout of our own.
      const allowed = (before[type] ?? 0) + (type === 'Timeout' ? 1 : 0);
      if (n > allowed) extra[type] = n - allowed;
    }
  } while (Object.keys(extra).length > 0 && Date.now() < until);
  return extra;
}

/**
 * Collect unhandled rejections and uncaught exceptions while installed.
 *
 * @example
 * ```ts
 * const trap = trapUnhandled(); … ; trap.stop(); expect(trap.errors).toEqual([]);
 * ```
 */
export function trapUnhandled(): { errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const onError = (e: unknown) => errors.push(e);
  process.on('unhandledRejection', onError);
  process.on('uncaughtException', onError);
  return {
    errors,
    stop() {
      process.off('unhandledRejection', onError);
      process.off('uncaughtException', onError);
    },
  };
}

/**
 * Collect an async iterable into an array.
 *
 * @example
 * ```ts
 * const rows = await toArray(mine.rows(q));
 * ```
 */
export async function toArray<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/**
 * The JSON body a fixture recorded for the first request whose path ends with `pathSuffix`
 * (e.g. InterMine's model, for the replicas).
 *
 * @example
 * ```ts
 * const model = fixtureJson(intermineFixtures(), '/service/model');
 * ```
 */
export function fixtureJson(fixtures: readonly Fixture[], pathSuffix: string): unknown {
  const body = fixtures.flatMap((f) => f.exchanges).find((e) => e.request.path.endsWith(pathSuffix))?.response.body;
  if (body === undefined || !('json' in body)) throw new Error(`no JSON fixture for …${pathSuffix}`);
  return body.json;
}
