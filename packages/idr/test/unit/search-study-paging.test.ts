// GET {resource}/search/ parameters as omero_search_engine reads them (query_handler.py simple_search):
// with `study` the bookmark is ignored (the client must stop after page 1), and `case_sensitive`
// is tested as a raw string (so `false` must not be sent).
import { expect, it } from 'vitest';
import { createSimulator, type IdrSeed } from '../../src/testing/index.js';
import { newIdr, serve } from '../simulator/helpers.js';

const image = (id: number) => ({ id, name: `img ${id}`, mapAnnotations: [{ ns: 'test', values: [['Marker', 'M1'] as [string, string]] }] });
const seed: IdrSeed = {
  projects: [{ id: 9201, name: 'idr9201-mine/experimentA', datasets: [{ id: 9301, name: 'D', images: [image(9401), image(9402), image(9403)] }] }],
};
const sim = createSimulator({ seed, searchPageSize: 2 });
serve([sim]);

it('reads one page of a study-restricted search, without repeating it', async () => {
  const hits = newIdr().search({ key: 'Marker', value: 'M1', study: 'idr9201' });
  expect((await hits.toArray()).map((h) => h.id)).toEqual([9401, 9402]);
  expect(sim.requests.filter((r) => r.url.pathname.endsWith('/search/'))).toHaveLength(1);
});

it('leaves case_sensitive out for caseSensitive: false (the server reads any value of it as true)', async () => {
  const hits = await newIdr().search({ key: 'Gene Symbol', value: 'cdc20', caseSensitive: false }).total();
  expect([hits, sim.requests.at(-1)?.url.searchParams.has('case_sensitive')]).toEqual([3, false]);
});
