// The `@bio/molgenis/testing` entry: the recorded MOLGENIS exchanges as msw handlers (exact
// replay), and `createSimulator()`, a stateful in-memory MOLGENIS, for tests of code built on
// @bio/molgenis. Node only; msw is an optional peer dependency.
import { type Fixture, type FixtureReplayOptions, fixtureHandlers, type LenientQuery, loadFixtures } from '@bio/core-http/testing';
import type { RequestHandler } from 'msw';

/**
 * The base URL the fixtures were written for.
 *
 * @example
 * ```ts
 * const m = new Molgenis({ baseUrl: DEFAULT_BASE_URL });
 * ```
 */
export const DEFAULT_BASE_URL = 'https://molgenis.example.org';

/**
 * Every recorded MOLGENIS exchange (`fixtures/*.json`): login/logout, v2 paging with
 * `nextHref`, writes, deletes, metadata, EMX import runs and the error shapes.
 *
 * @example
 * ```ts
 * const names = fixtures().map((f) => f.name); // ['auth-expired-token', 'auth-login-logout', …]
 * ```
 */
export function fixtures(): Fixture[] {
  return loadFixtures(new URL('../../fixtures/', import.meta.url));
}

// MOLGENIS answers the same with its defaults made explicit.
const LENIENT: LenientQuery = { defaults: { start: '0' } };

/**
 * msw handlers replaying every fixture on `baseUrl` (default {@link DEFAULT_BASE_URL}).
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { handlers } from '@bio/molgenis/testing';
 * const server = setupServer(...handlers());
 * server.listen({ onUnhandledRequest: 'error' });
 * const m = new Molgenis({ baseUrl: 'https://molgenis.example.org' });
 * await m.getById('demo_sightings', '151');
 * ```
 */
export function handlers(options: FixtureReplayOptions = {}): RequestHandler[] {
  return fixtureHandlers(fixtures(), { baseUrl: options.baseUrl ?? DEFAULT_BASE_URL, lenient: LENIENT, strict: options.strict });
}

export { createSimulator } from './simulator/create.js';
export type { MolgenisSimulator, MolgenisSimulatorOptions } from './simulator/create.js';
export type {
  MolgenisSeed,
  MolgenisSimulatorState,
  SeedAttribute,
  SeedEntity,
  SeedEntityMeta,
  SimAttribute,
  SimEntity,
  SimEntityMeta,
  SimFieldType,
  SimFile,
  SimImportRun,
  SimRow,
  SimulatedUser,
} from './simulator/types.js';
export * from './emx2/index.js';
