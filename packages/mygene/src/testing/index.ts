// The `@bio/mygene/testing` entry: msw handlers replaying this package's recorded fixtures, and
// a stateful simulator of the service. Node only; msw is an optional peer dependency.
import { type Fixture, type FixtureReplayOptions, fixtureHandlers, type LenientQuery, loadFixtures } from '@bio/core-http/testing';
import type { RequestHandler } from 'msw';
import { DEFAULT_BASE_URL } from '../base-url.js';

export { DEFAULT_BASE_URL } from '../base-url.js';
export { createSimulator } from './simulator/index.js';
export type { MyGeneSimulator, MyGeneSimulatorOptions } from './simulator/index.js';
export type { MyGeneSeed } from './simulator/seed.js';
export type { MyGeneSimulatorState, SimScroll } from './simulator/state.js';
export type { SimGene } from './simulator/dataset.js';

/**
 * Every recorded MyGene fixture of this package (CDK2, TP53 human/rat, facets, scrolls, errors).
 *
 * @example
 * ```ts
 * const names = fixtures().map((f) => f.name); // ['gene-1017', 'gene-404', …]
 * ```
 */
export function fixtures(): Fixture[] {
  return loadFixtures(new URL('../../fixtures/', import.meta.url));
}

// MyGene answers the same with or without `email`, whatever the order of a list parameter, and
// with defaults made explicit.
const LENIENT: LenientQuery = {
  ignore: ['email'],
  sets: ['fields', 'scopes', 'species', 'always_list', 'allow_null'],
  defaults: { dotfield: 'false', from: '0', fetch_all: 'false', entrezonly: 'false', ensemblonly: 'false' },
};

/**
 * msw handlers replaying every fixture on `baseUrl` (default {@link DEFAULT_BASE_URL}). Requests
 * no fixture matches fail with a message naming the closest fixture.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { handlers } from '@bio/mygene/testing';
 * const server = setupServer(...handlers());
 * server.listen({ onUnhandledRequest: 'error' });
 * ```
 */
export function handlers(options: FixtureReplayOptions = {}): RequestHandler[] {
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  const prefix = new URL(baseUrl).pathname.replace(/\/+$/, '');
  let list = fixtures();
  // Fixtures are recorded under /v3; on another base path (a mirror, a proxy) serve them below it.
  if (prefix !== RECORDED_PREFIX) {
    list = list.map((f) => ({
      ...f,
      exchanges: f.exchanges.map((x) => ({ ...x, request: { ...x.request, path: x.request.path.replace(/^\/v3(?=\/)/, '') } })),
    }));
  }
  return fixtureHandlers(list, { baseUrl, lenient: LENIENT, strict: options.strict });
}

const RECORDED_PREFIX = '/v3';
