// `@bio/idr/testing`: msw handlers replaying this package's recorded IDR exchanges, and a
// stateful simulator of IDR (`createSimulator`).
import { type Fixture, type FixtureReplayOptions, fixtureHandlers, type LenientQuery, loadFixtures } from '@bio/core-http/testing';
import { DEFAULT_BASE_URL } from '../constants.js';

export { DEFAULT_BASE_URL };
export { createSimulator, IDR_SIMULATOR_USERS, type IdrSimulator, type IdrSimulatorOptions } from './simulator/index.js';
export type {
  IdrSeed,
  IdrSeedDataset,
  IdrSeedImage,
  IdrSeedMapAnnotation,
  IdrSeedPlate,
  IdrSeedProject,
  IdrSeedScreen,
  IdrSeedWell,
} from './simulator/seed.js';
export type {
  IdrSimulatorState,
  SimAnnotation,
  SimDataset,
  SimFileAnnotation,
  SimImage,
  SimMapAnnotation,
  SimParentType,
  SimPlate,
  SimProject,
  SimRoi,
  SimScreen,
  SimSearchJob,
  SimSession,
  SimTable,
  SimUser,
  SimWell,
} from './simulator/state.js';
export type { SimSettings } from './simulator/context.js';

/**
 * Every recorded IDR exchange shipped with the package (`fixtures/*.json`).
 *
 * @example
 * ```ts
 * const names = fixtures().map((f) => f.name);
 * ```
 */
export function fixtures(): Fixture[] {
  return loadFixtures(new URL('../../fixtures/', import.meta.url));
}

// OMERO.web answers the same with its defaults made explicit.
const LENIENT: LenientQuery = { defaults: { offset: '0', page: '1' } };

/**
 * msw request handlers serving the fixtures, by default at {@link DEFAULT_BASE_URL}.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * const server = setupServer(...handlers());
 * server.listen({ onUnhandledRequest: 'error' });
 * ```
 */
export function handlers(options: FixtureReplayOptions = {}): ReturnType<typeof fixtureHandlers> {
  return fixtureHandlers(fixtures(), { baseUrl: options.baseUrl ?? DEFAULT_BASE_URL, lenient: LENIENT, strict: options.strict });
}
