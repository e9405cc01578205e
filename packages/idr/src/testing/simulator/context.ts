import type { SimulatedRequest } from '@bio/core-http/testing';
import type { IdrSimulatorState, SimSession } from './state.js';

/** The simulator's settings after defaults (see `IdrSimulatorOptions`). @example `sim.settings.maxLimit // 1000` */
export interface SimSettings {
  maxLimit: number;
  apiDefaultLimit: number;
  webclientPageSize: number;
  searchPageSize: number;
  thumbnailsBatch: number;
  mapr: 'removed' | 'available';
  searchEngine: boolean;
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
