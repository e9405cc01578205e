import type { HttpClient } from '@bio/core-http';

/** What the endpoint families share: the HTTP client and a per-client cache of id attributes. */
export interface Context {
  readonly http: HttpClient;
  /** Server root with a trailing slash, e.g. `https://molgenis.example.org/`. */
  readonly root: string;
  /** entity type id → id attribute name (filled by metadata reads). */
  readonly idAttributes: Map<string, string>;
}

/** `{ signal }` when given, `{}` otherwise (exactOptionalPropertyTypes). */
export function signalOf(options: { signal?: AbortSignal } | undefined): { signal?: AbortSignal } {
  return options?.signal === undefined ? {} : { signal: options.signal };
}
