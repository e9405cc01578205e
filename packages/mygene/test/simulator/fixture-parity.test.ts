// The simulator answers the recorded requests as the recordings do: same status, content type
// and body (scores and timings aside, which depend on the index). Recordings whose answers depend
// on the full MyGene index (totals of 14 000 hits, facets over all species) are not listed.
import { fixtures } from '@bio/mygene/testing';
import { describe, expect, it } from 'vitest';
import { useSimulator } from './helpers.js';

useSimulator();

const VOLATILE = new Set(['took', '_score', 'max_score']);

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !VOLATILE.has(k))
      .map(([k, v]) => [k, stable(v)]),
  );
}

const CASES: [fixture: string, exchange: number][] = [
  ['gene-1017', 0],
  ['gene-1017', 1],
  ['gene-404', 0],
  ['gene-dotfield', 0],
  ['genes-batch', 0],
  ['genes-batch', 1],
  ['genes-batch', 2],
  ['querymany', 0],
  ['querymany', 1],
  ['querymany-flags', 0],
  ['query-cdk2', 0],
  ['query-cdk2', 1],
  ['query-cdk2-human', 0],
  ['query-over-limit', 0],
  ['query-errors', 1],
  ['metadata', 1],
  ['metadata', 2],
  ['metadata', 3],
  ['scroll-stale', 1],
];

describe('the simulator answers recorded requests like the recordings', () => {
  const all = fixtures();
  it.each(CASES)('%s #%i', async (name, index) => {
    const exchange = all.find((f) => f.name === name)?.exchanges[index];
    if (!exchange) throw new Error(`no exchange ${name}#${index}`);
    const { request, response } = exchange;
    const url = new URL(`https://mygene.info${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, Array.isArray(value) ? value.join(',') : String(value));
    const json = (request.body as { json?: unknown } | undefined)?.json;
    const init: RequestInit =
      json === undefined ? { method: request.method } : { method: request.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) };
    const answer = await fetch(url, init);
    expect(answer.status).toBe(response.status);
    expect(answer.headers.get('content-type')).toBe(response.headers?.['content-type']);
    expect(stable(await answer.json())).toEqual(stable((response.body as { json: unknown }).json));
  });
});
