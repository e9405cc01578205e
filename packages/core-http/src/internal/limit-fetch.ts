import { limitConcurrency } from '../limit.js';

/** Wrap a fetch so that at most `concurrency` requests wait for response headers at once. */
export function limitFetch(getFetch: () => typeof fetch, concurrency: number): typeof fetch {
  const limit = limitConcurrency(concurrency);
  const limited = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => limit(() => getFetch()(input, init));
  return limited as typeof fetch;
}
