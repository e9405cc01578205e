import type { CallOptions, HttpClient } from '@bio/core-http';

/** What the endpoint families share: the HTTP client and a per-client cache of id attributes. */
export interface Context {
  readonly http: HttpClient;
  /** Server root with a trailing slash, e.g. `https://molgenis.example.org/`. */
  readonly root: string;
  /** entity type id → id attribute name (filled by metadata reads). */
  readonly idAttributes: Map<string, string>;
  /** The client's `concurrency` option, passed on to reads that page concurrently. */
  readonly concurrency?: number | undefined;
}

/** The request options of a call's {@link CallOptions}: its `signal` and `timeout`, when given. */
export function callOf(options: CallOptions | undefined): { signal?: AbortSignal; timeout?: number | false } {
  const out: { signal?: AbortSignal; timeout?: number | false } = {};
  if (options?.signal !== undefined) out.signal = options.signal;
  if (options?.timeout !== undefined) out.timeout = options.timeout;
  return out;
}

/** Let go of a body we do not need (frees the connection in Node). */
export function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}
