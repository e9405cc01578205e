import type { SimulatedRequest } from '@bio/core-http/testing';
import type { IdrSimulatorState, SimSession } from './state.js';

/** The simulator's settings after defaults (see `IdrSimulatorOptions`). @example `sim.settings.maxLimit // 1000` */
export interface SimSettings {
  /** `/api/v0` lists: `meta.maxLimit`, the clamp of `limit` (default 1000). */
  maxLimit: number;
  /** `/api/v0` lists: the `limit` when none is sent (default 200). */
  apiDefaultLimit: number;
  /** `webclient/api` and mapr lists: the `limit` when none is sent (default 500). */
  webclientPageSize: number;
  /** Search-engine hits per page (default 1000). */
  searchPageSize: number;
  /** Most ids per `get_thumbnails` request (default 50). */
  thumbnailsBatch: number;
  /** `removed` (every `/mapr/api/…` but `config/` redirects to HTML, as on IDR; the default) or `available`. */
  mapr: 'removed' | 'available';
  /** Whether the IDR search engine answers under `/searchengine/` (default true). */
  searchEngine: boolean;
  /** Name of the session cookie a login sets (default `sessionid_idr`). */
  sessionCookie: string;
}

/** One request as every route sees it. */
export interface RouteContext {
  request: SimulatedRequest;
  state: IdrSimulatorState;
  /** Path below the base URL, without the leading slash (`api/v0/m/screens/`). */
  path: string;
  params: URLSearchParams;
  /** The request's origin plus the base path, with a trailing slash (`https://idr.openmicroscopy.org/`). */
  root: string;
  settings: SimSettings;
  /** The logged-in session the request's cookie names, if any. */
  session: SimSession | undefined;
}
