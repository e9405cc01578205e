import type { HttpClient } from '@bio/core-http';
import type { Capabilities } from '../capabilities.js';

/** What every endpoint family needs: the shared HTTP client and the client's settings. */
export interface IdrContext {
  readonly http: HttpClient;
  /** Base URL without a trailing slash, e.g. `https://idr.openmicroscopy.org`. */
  readonly baseUrl: string;
  readonly concurrency: number;
  readonly webclientPageSize: number;
  capabilities(options?: { signal?: AbortSignal }): Promise<Capabilities>;
  /** Called when a mapr route turned out to redirect to HTML (removed). */
  markMaprRemoved(): void;
}

/** Copy `signal` into request options only when present (exactOptionalPropertyTypes). */
export function withSignal<T extends object>(options: T, signal: AbortSignal | undefined): T & { signal?: AbortSignal } {
  return signal === undefined ? options : { ...options, signal };
}
