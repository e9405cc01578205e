// `@bio/idr/testing`: msw handlers replaying this package's recorded IDR exchanges.
import { type Fixture, fixtureHandlers, loadFixtures } from '@bio/core-http/testing';
import { DEFAULT_BASE_URL } from '../constants.js';

export { DEFAULT_BASE_URL };

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
export function handlers(options: { baseUrl?: string } = {}): ReturnType<typeof fixtureHandlers> {
  return fixtureHandlers(fixtures(), { baseUrl: options.baseUrl ?? DEFAULT_BASE_URL });
}
