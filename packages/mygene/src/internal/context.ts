import type { HttpClient } from '@bio/core-http';
import type { MyGeneCache } from '../cache.js';

/** What every endpoint family needs from the client. */
export interface Context {
  http: HttpClient;
  email: string | undefined;
  cache: MyGeneCache | undefined;
  batchSize: number;
  /** Batches in flight: the client's `concurrency`. */
  concurrency: number;
  /** Pause between batch requests, ms. */
  delay: number;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
