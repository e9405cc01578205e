// What the schema and table objects share with the client, without a reference to it.
import type { CallOptions, HttpClient } from '@bio/core-http';
import type { SchemaMetadata } from '../types.js';

export interface Ctx {
  http: HttpClient;
  /** Metadata per schema name, loaded once (`schema.metadata({ refresh: true })` reloads). */
  metadata: Map<string, Promise<SchemaMetadata>>;
}

/** Only the per-call fields core-http reads (`signal`, `timeout`). */
export function callOf(options: CallOptions | undefined): CallOptions {
  const out: CallOptions = {};
  if (options?.signal !== undefined) out.signal = options.signal;
  if (options?.timeout !== undefined) out.timeout = options.timeout;
  return out;
}
