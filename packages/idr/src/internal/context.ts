import type { CallOptions, HttpClient } from '@bio/core-http';
import type { Capabilities } from '../capabilities.js';

/** What every endpoint family needs: the shared HTTP client and the client's settings. */
export interface IdrContext {
  readonly http: HttpClient;
  /** The same client without following redirects (mapr routes: IDR-like servers redirect them to HTML). */
  readonly noRedirect: HttpClient;
  /** Base URL without a trailing slash, e.g. `https://idr.openmicroscopy.org`. */
  readonly baseUrl: string;
  /** The client's `concurrency`, when it has one (the public IDR's polite default, or the caller's). */
  readonly concurrency: number | undefined;
  /** The client-level `signal`, when one was given (combined with each call's). */
  readonly signal: AbortSignal | undefined;
  readonly webclientPageSize: number;
  /** One part of the server's capabilities: known, cached, or probed now (only that part). */
  capability<K extends keyof Capabilities>(part: K, options?: CallOptions): Promise<Capabilities[K]>;
  /** Called when a mapr route turned out to redirect to HTML (removed). */
  markMaprRemoved(): void;
}
