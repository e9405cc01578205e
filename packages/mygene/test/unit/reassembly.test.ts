// Property: whatever the batch size, concurrency and response timing, queryMany/genes put the
// answers back in input order, with the same hits/missing/duplicates as a one-by-one reference.
import { MyGene } from '@bio/mygene';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// Deterministic fake server: a term's hit count is its length mod 3 (0 → notfound).
function answer(term: string): Record<string, unknown>[] {
  const n = term.length % 3;
  if (n === 0) return [{ query: term, notfound: true }];
  return Array.from({ length: n }, (_, i) => ({ query: term, _id: `${term}#${i}`, _score: 10 - i }));
}

function fakeFetch(delays: number[]): { fetch: typeof globalThis.fetch; bodies: string[][] } {
  const bodies: string[][] = [];
  let call = 0;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = (await request.json()) as { q?: string[]; ids?: string[] };
    const list = body.q ?? body.ids ?? [];
    bodies.push(list);
    const delay = delays[call++ % delays.length] ?? 0;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    return new Response(JSON.stringify(list.flatMap(answer)), { headers: { 'content-type': 'application/json' } });
  };
  return { fetch, bodies };
}

const term = fc.constantFrom('tp53', 'cdk2', 'brca1', 'egfr', 'dummy', 'x', 'ab', 'CDK 2', 'a,b', '"q"');

describe('batch reassembly', () => {
  it('queryMany matches a one-by-one reference for any batching', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(term, { maxLength: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 5 }),
        async (terms, batchSize, concurrency, delays) => {
          const { fetch, bodies } = fakeFetch(delays);
          const mg = new MyGene({ fetch, retry: 0, concurrency });
          const r = await mg.queryMany(terms, { batchSize });
          const expectedHits = terms.flatMap((t) => answer(t).filter((e) => e.notfound !== true));
          expect(r.hits).toEqual(expectedHits);
          expect(r.missing).toEqual(terms.filter((t) => t.length % 3 === 0));
          const counts = new Map<string, number>();
          for (const h of expectedHits) counts.set(h.query as string, (counts.get(h.query as string) ?? 0) + 1);
          expect(r.duplicates).toEqual([...counts].filter(([, c]) => c > 1).map(([query, count]) => ({ query, count })));
          expect([...r.byQuery.keys()]).toEqual([...new Set(terms)]);
          // Every request stays within the batch size and sends each term once.
          for (const body of bodies) {
            expect(body.length).toBeLessThanOrEqual(batchSize);
            expect(new Set(body).size).toBe(body.length);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('genesStream yields every entry in input order for any batching', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(term, { maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 8 }),
        async (ids, batchSize, concurrency) => {
          const { fetch } = fakeFetch([3, 0, 1]);
          const mg = new MyGene({ fetch, retry: 0, concurrency });
          const seen: string[] = [];
          for await (const entry of mg.genesStream(ids, { batchSize })) seen.push(entry.query);
          expect(seen).toEqual(ids.flatMap((id) => answer(id).map((e) => e.query as string)));
        },
      ),
      { numRuns: 40 },
    );
  });
});
