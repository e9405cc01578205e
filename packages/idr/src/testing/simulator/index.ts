// `createSimulator()`: a stateful in-memory IDR (OMERO.web JSON API, webclient, webgateway, mapr,
// search engine, login) on @bio/core-http's simulator kit.
import { createServiceSimulator, type Simulator } from '@bio/core-http/testing';
import { DEFAULT_BASE_URL, DEFAULT_WEBCLIENT_PAGE_SIZE } from '../../constants.js';
import { IDR_SIMULATOR_USERS } from './builtin.js';
import { addBuiltin } from './builtin.js';
import type { SimSettings } from './context.js';
import { route } from './router.js';
import { applySeed, type IdrSeed } from './seed.js';
import { emptyState, type IdrSimulatorState, type SimUser } from './state.js';
import { ValidationError } from '@bio/core-http';

/**
 * Options of {@link createSimulator}. Every field is optional; the defaults are IDR's.
 *
 * @example
 * ```ts
 * createSimulator({ seed: { screens: [{ id: 9001, name: 'idr9001-my/screenA' }] }, maxLimit: 5, searchPageSize: 2 });
 * ```
 */
export interface IdrSimulatorOptions {
  /** Your own screens, plates, wells, projects, datasets and images (checked: a ValidationError names the field). */
  seed?: IdrSeed | undefined;
  /** Start from the built-in dataset (IDR's walkthrough ids). Default true. */
  builtin?: boolean | undefined;
  /** Where the msw handlers answer. Default {@link DEFAULT_BASE_URL}. */
  baseUrl?: string | undefined;
  /** `/api/v0` lists: `meta.maxLimit`, the clamp of `limit`. Default 1000 (`omero.web.api.max_limit` on IDR). */
  maxLimit?: number | undefined;
  /** `/api/v0` lists: the `limit` when none is sent. Default 200. */
  apiDefaultLimit?: number | undefined;
  /** `webclient/api` and mapr lists: the `limit` when none is sent. Default 500 (`omero.web.page_size`). */
  webclientPageSize?: number | undefined;
  /** Search-engine hits per page (followed by `bookmark`). Default 1000. */
  searchPageSize?: number | undefined;
  /** Most ids per `get_thumbnails` request; more is a 500 page. Default 50. */
  thumbnailsBatch?: number | undefined;
  /** `removed` (IDR since 2024-11: every `/mapr/api/…` but `config/` is a 302 to HTML) or `available` (mapr installed). Default `removed`. */
  mapr?: 'removed' | 'available' | undefined;
  /** Serve the IDR search engine under `/searchengine/`. Default true (false: a plain OMERO.web, 404 there). */
  searchEngine?: boolean | undefined;
  /** Name of the session cookie a login sets. Default `sessionid_idr` (IDR's). */
  sessionCookie?: string | undefined;
}

/**
 * An IDR simulator: core-http's {@link Simulator} over {@link IdrSimulatorState}, plus the users
 * that can log in.
 *
 * @example
 * ```ts
 * const sim = createSimulator();
 * sim.users[0]?.username; // 'alice'
 * ```
 */
export interface IdrSimulator extends Simulator<IdrSimulatorState> {
  /** Who can log in (`POST /api/v0/login/`): `alice`/`wonderland`, `root`/`omero` (admin). */
  readonly users: readonly Readonly<SimUser>[];
  /** The settings in force (options with defaults). */
  readonly settings: Readonly<SimSettings>;
}

function positive(value: number | undefined, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new ValidationError({ message: `${field} must be a positive integer, got ${value}`, field });
  return value;
}

/**
 * A stateful in-memory IDR that answers every call `Idr` can make, with IDR's wire behaviour:
 * `/api/v0` lists (offset/limit, `limit` clamped to `maxLimit`, filters, JSON 404s), the
 * webclient lists (page/limit, plain-text 400s), annotations and downloads, webgateway (plate grid,
 * imgData, thumbnails ≤ 50 per batch, render_image 403), mapr (302 to HTML as on IDR, or working),
 * the search engine (bookmark paging, zero hits as a bare list, 200 `Error`s) and a CSRF login
 * whose sessions live in the state. It starts from IDR's walkthrough ids (screen 102 idr0002 and
 * its 12 plates, plate 4554 / well 1046859 / image 1938559, screen 206 / well 45217 / image 122770
 * and its bulk table 15026339, project 51 / dataset 51 / image 1884807, plate 2551 / well 590809 /
 * image 1229801 and its 36 ROIs, plate 8958's 384 wells, image 15148767), plus your `seed`.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { Idr } from '@bio/idr';
 * import { createSimulator } from '@bio/idr/testing';
 *
 * const sim = createSimulator();
 * const server = setupServer(...sim.handlers());
 * server.listen({ onUnhandledRequest: 'error' });
 * const plates = await new Idr().webclient.plates({ screen: 102 }).toArray(); // 12 plates
 * ```
 */
export function createSimulator(options: IdrSimulatorOptions = {}): IdrSimulator {
  const settings: SimSettings = {
    maxLimit: positive(options.maxLimit, 'maxLimit', 1000),
    apiDefaultLimit: positive(options.apiDefaultLimit, 'apiDefaultLimit', 200),
    webclientPageSize: positive(options.webclientPageSize, 'webclientPageSize', DEFAULT_WEBCLIENT_PAGE_SIZE),
    searchPageSize: positive(options.searchPageSize, 'searchPageSize', 1000),
    thumbnailsBatch: positive(options.thumbnailsBatch, 'thumbnailsBatch', 50),
    mapr: options.mapr ?? 'removed',
    searchEngine: options.searchEngine ?? true,
    sessionCookie: options.sessionCookie ?? 'sessionid_idr',
  };
  if (settings.mapr !== 'removed' && settings.mapr !== 'available')
    throw new ValidationError({ message: "mapr must be 'removed' or 'available'", field: 'mapr' });
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const basePath = `${new URL(baseUrl).pathname.replace(/\/+$/, '')}/`;
  const initialState = (): IdrSimulatorState => {
    const state = emptyState(IDR_SIMULATOR_USERS.map((u) => ({ ...u })));
    if (options.builtin !== false) addBuiltin(state);
    if (options.seed !== undefined) applySeed(state, options.seed);
    return state;
  };
  initialState(); // validate the seed now, not on the first request
  const sim = createServiceSimulator<IdrSimulatorState>({
    baseUrl,
    initialState,
    handle: (request, state, path) => route(request, state, path, settings, basePath),
  });
  return Object.assign(sim, { users: IDR_SIMULATOR_USERS, settings });
}

export { IDR_SIMULATOR_USERS };
export type { IdrSeed };
