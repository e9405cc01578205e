// createSimulator(): a stateful in-memory MyGene.info v3 behind core-http's simulator kit (msw
// handlers, loopback server, faults, request log). This file routes requests to the endpoint
// families; the wire facts live in the modules next to it.
import { ValidationError } from '@bio/core-http';
import { createServiceSimulator, type SimulatedRequest, type Simulator } from '@bio/core-http/testing';
import { DEFAULT_BASE_URL } from '../../base-url.js';
import { checkFormat } from './common.js';
import { getGene, postGenes } from './gene.js';
import { getFields, getMetadata } from './metadata.js';
import { Params } from './params.js';
import { getQuery, postQuery } from './query.js';
import { expireScrolls } from './scroll.js';
import { type MyGeneSeed, seedGenes } from './seed.js';
import { initialState, type MyGeneSimulatorState } from './state.js';
import { errorBody, methodNotAllowed, Refusal, routeNotFound } from './wire.js';

/**
 * Options of {@link createSimulator}. Every field is optional.
 *
 * @example
 * ```ts
 * createSimulator({ seed: { genes: [{ _id: '5468', symbol: 'PPARG', taxid: 9606 }] }, builtIn: true });
 * ```
 */
export interface MyGeneSimulatorOptions {
  /** Genes of your own, added to the built-in ones (same `_id`: replaces it). Checked on creation. */
  seed?: MyGeneSeed | undefined;
  /** Start from the built-in genes (default `true`); `false` serves the seed only. */
  builtIn?: boolean | undefined;
  /** Where the msw handlers answer (default {@link DEFAULT_BASE_URL}). */
  baseUrl?: string | undefined;
  /** The clock scroll expiry is measured with, ms since the epoch (default `Date.now`). */
  now?: (() => number) | undefined;
}

/**
 * A MyGene simulator: core-http's {@link Simulator} over {@link MyGeneSimulatorState}, plus
 * `expireScrolls()`.
 *
 * @example
 * ```ts
 * const sim: MyGeneSimulator = createSimulator();
 * sim.expireScrolls(); // the next scroll_id request gets 400 "Invalid or stale scroll_id."
 * ```
 */
export interface MyGeneSimulator extends Simulator<MyGeneSimulatorState> {
  /**
   * Expire every open `fetchAll` scroll now, as if the consumer had waited more than 60 s.
   *
   * @example
   * ```ts
   * sim.expireScrolls();
   * await expect(iterator.next()).rejects.toSatisfy(isScrollExpiredError);
   * ```
   */
  expireScrolls(): void;
}

function fail(field: string, message: string): never {
  throw new ValidationError({ message: `${field}: ${message}`, field });
}

function geneId(request: SimulatedRequest): string {
  const raw = request.url.pathname.replace(/\/+$/, '');
  const segment = raw.slice(raw.lastIndexOf('/gene/') + '/gene/'.length);
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function route(request: SimulatedRequest, state: MyGeneSimulatorState, path: string | undefined, now: number): Response {
  const { method } = request;
  // The unversioned /metadata route the server also has.
  if (path === undefined) return request.url.pathname.replace(/\/+$/, '') === '/metadata' && method === 'GET' ? getMetadata(state) : routeNotFound();
  const p = path.replace(/\/+$/, '');
  // One handler serves /gene and /gene/{id} (BiothingHandler): POST reads `ids` from the body
  // whatever the path says, GET takes the id from the path or else from `?id=`.
  if (p === 'gene' || (p.startsWith('gene/') && !p.slice('gene/'.length).includes('/'))) {
    if (method !== 'GET' && method !== 'POST') return methodNotAllowed();
    const params = Params.of(request);
    checkFormat(params);
    if (method === 'POST') return postGenes(state, params);
    const id = p === 'gene' ? request.url.searchParams.get('id') : geneId(request);
    // The GET `id` option is required and has no alias (settings/default.py ANNOTATION_KWARGS).
    return id === null || id === '' ? errorBody(400, 'Bad Request', { missing: 'id' }) : getGene(state, params, id);
  }
  if (p === 'query') {
    if (method !== 'GET' && method !== 'POST') return methodNotAllowed();
    const params = Params.of(request);
    checkFormat(params);
    return method === 'GET' ? getQuery(state, params, now) : postQuery(state, params);
  }
  if (p === 'metadata') return method === 'GET' ? getMetadata(state) : methodNotAllowed();
  if (p === 'metadata/fields') return method === 'GET' ? getFields(state, Params.of(request)) : methodNotAllowed();
  return routeNotFound();
}

/**
 * A stateful in-memory MyGene.info v3 that answers every call `MyGene` makes — `gene`, `genes`,
 * `query` (size/from, sort, facets), `queryMany`/`mapIds`, `fetchAll` scrolls, `metadata`,
 * `fields` — with the server's status codes, bodies and limits. It starts from a small set of
 * real genes (CDK2 1017, TP53 7157, BTK 695, BRCA1 672, BDNF 627, … in human, mouse and rat);
 * `seed.genes` adds your own. Seed that does not fit MyGene's shapes is a `ValidationError`
 * naming the field.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { MyGene } from '@bio/mygene';
 * import { createSimulator } from '@bio/mygene/testing';
 *
 * const sim = createSimulator({ seed: { genes: [{ _id: '5468', symbol: 'PPARG', taxid: 9606 }] } });
 * const server = setupServer(...sim.handlers());
 * server.listen({ onUnhandledRequest: 'error' });
 * const mg = new MyGene();
 * await mg.gene('1017');                          // CDK2, every field
 * await mg.queryMany(['PPARG'], { scopes: 'symbol' }); // your gene
 * ```
 */
export function createSimulator(options: MyGeneSimulatorOptions = {}): MyGeneSimulator {
  if (typeof options !== 'object' || options === null) fail('options', 'expected an object');
  const builtIn = options.builtIn ?? true;
  if (typeof builtIn !== 'boolean') fail('builtIn', 'expected a boolean');
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') fail('now', 'expected a function returning ms since the epoch');
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  if (typeof baseUrl !== 'string' || !URL.canParse(baseUrl)) fail('baseUrl', `expected an absolute URL, got ${String(baseUrl)}`);
  const seed = seedGenes(options.seed);
  const sim = createServiceSimulator<MyGeneSimulatorState>({
    baseUrl,
    initialState: () => initialState(seed, builtIn),
    handle: (request, state, path) => {
      try {
        return route(request, state, path, now());
      } catch (error) {
        if (error instanceof Refusal) return error.response;
        throw error;
      }
    },
  });
  return Object.assign(sim, { expireScrolls: () => expireScrolls(sim.state) });
}
