// `@bio/intermine/testing`: the recorded FlyMine-style fixtures of this package as msw handlers.
// Node only (reads the fixture files); msw is an optional peer dependency. `createSimulator()`
// is a stateful fake mine for the same tests (see simulator/).
import { type Fixture, type FixtureReplayOptions, fixtureHandlers, type LenientQuery, loadFixtures } from '@bio/core-http/testing';
import type { RequestHandler } from 'msw';
import { DEFAULT_BASE_URL } from './default-base-url.js';

export { DEFAULT_BASE_URL } from './default-base-url.js';

/**
 * Where the registry fixtures were recorded.
 *
 * @example
 * ```ts
 * InterMine.registry({ baseUrl: REGISTRY_BASE_URL });
 * ```
 */
export const REGISTRY_BASE_URL = 'https://registry.intermine.org/service';

const isRegistry = (f: Fixture): boolean => f.name.startsWith('registry');

/**
 * Every fixture of this package (mine and registry), freshly loaded.
 *
 * @example
 * ```ts
 * import { fixtures } from '@bio/intermine/testing';
 * fixtures().map((f) => f.name); // ['eve-rows', 'demo-list', …]
 * ```
 */
export function fixtures(): Fixture[] {
  return loadFixtures(new URL('../../fixtures/', import.meta.url));
}

// InterMine answers the same with its defaults made explicit.
const LENIENT: LenientQuery = { defaults: { start: '0' } };

/**
 * msw handlers replaying every fixture: the mine ones under `baseUrl` (default
 * {@link DEFAULT_BASE_URL}), the registry ones under {@link REGISTRY_BASE_URL}.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { handlers } from '@bio/intermine/testing';
 * const server = setupServer(...handlers());
 * server.listen({ onUnhandledRequest: 'error' });
 * const mine = new InterMine({ root: 'https://www.flymine.org/flymine' });
 * ```
 */
export function handlers(options: FixtureReplayOptions = {}): RequestHandler[] {
  const all = fixtures();
  return [
    ...fixtureHandlers(
      all.filter((f) => !isRegistry(f)),
      { baseUrl: options.baseUrl ?? DEFAULT_BASE_URL, lenient: LENIENT, strict: options.strict },
    ),
    ...fixtureHandlers(all.filter(isRegistry), { baseUrl: REGISTRY_BASE_URL }),
  ];
}

export { createSimulator } from './simulator/create.js';
export { failAfter } from './simulator/failure.js';
export type { InterMineSimulator, InterMineSimulatorOptions } from './simulator/create.js';
export type { GeneSeed, OrganismSeed, PathwaySeed, ProteinSeed } from './simulator/data.js';
export type { InterMineSeed, ListSeed } from './simulator/seed.js';
export type { InterMineSimulatorState, SimIdJob, SimList, SimUser } from './simulator/state.js';
export type { ObjectStore, SimObject } from './simulator/store.js';
export type { FieldInfo as SimFieldInfo, ModelJson as SimModelJson, ResolvedPath as SimResolvedPath, SimModel } from './simulator/model.js';
