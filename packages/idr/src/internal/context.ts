import type { CallOptions, HttpClient } from '@bio/core-http';
import type { Capabilities } from '../capabilities.js';

/** What every endpoint family needs: the shared HTTP client and the client's settings. */
export interface IdrContext {
  readonly http: HttpClient;
  /** Base URL without a trailing slash, e.g. `https://idr.openmicroscopy.org`. */
  readonly baseUrl: string;
  /** The client's `concurrency`, when it has one (the public IDR's polite default, or the caller's). */
  readonly concurrency: number | undefined;
  readonly webclientPageSize: number;
  capabilities(options?: CallOptions): Promise<Capabilities>;
  /** Called when a mapr route turned out to redirect to HTML (removed). */
  markMaprRemoved(): void;
}
