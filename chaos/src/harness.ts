// Shared test plumbing: an upstream (a client's recorded fixtures, or its simulator) + a chaos
// proxy + a mirror (second origin), and leak accounting (sockets, timers, unhandled rejections).
import { type Fixture, type Simulator, startLoopbackFixtureServer } from '@bio/core-http/testing';
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

/** A client's simulator served on loopback, with the chaos proxy and a mirror in front of it. */
export interface SimulatorStage {
  chaos: ChaosServer;
  mirror: Mirror;
  /** The simulator's service root on the chaos proxy: pass it to the client's `baseUrl` as it is. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Serve `sim` (any client's `createSimulator()`) with `listen()` and put the chaos proxy in front:
 * the simulator is the service, the proxy adds the network faults.
 *
 * @example
 * ```ts
 * const sim = createSimulator(); // from @bio/molgenis/testing
 * const stage = await startSimulatorStage(sim);
 * const m = new Molgenis({ baseUrl: stage.baseUrl });
 * ```
 */
export async function startSimulatorStage(sim: Pick<Simulator<unknown>, 'listen'>): Promise<SimulatorStage> {
  const served = await sim.listen();
  const upstream = new URL(served.baseUrl);
  const mirror = await startMirror(upstream.origin);
  const chaos = await startChaosServer({ upstream: upstream.origin, elsewhere: mirror.url });
  return {
    chaos,
    mirror,
    baseUrl: `${chaos.url}${upstream.pathname}`.replace(/\/$/, ''),
    async close() {
      await chaos.close();
      await mirror.close();
      await served.close();
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
