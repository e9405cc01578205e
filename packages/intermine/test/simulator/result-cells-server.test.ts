// The simulator's result cells as the mine writes them (webservice/server/output):
// JSONResultsIterator for `jsonobjects`, TableCellFormatter for `jsonrows`.
import { describe, expect, it } from 'vitest';
import { client, ROOT, useSimulator } from './setup.js';

const RESULTS = `${ROOT}/service/query/results`;

async function results(query: string, format: string): Promise<unknown[]> {
  const response = await fetch(RESULTS, { method: 'POST', body: new URLSearchParams({ query, format }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: unknown[] }).results;
}

describe('simulator: result cells as the mine writes them', () => {
  useSimulator();
  const mine = client();

  it('jsonobjects: an id column is the objectId, never an "id" key', async () => {
    const q =
      '<query model="genomic" view="Gene.id Gene.symbol Gene.organism.id Gene.organism.shortName"><constraint path="Gene.symbol" op="=" value="eve" code="A"/></query>';
    const [eve] = (await results(q, 'jsonobjects')) as Record<string, unknown>[];
    expect(eve).toEqual({
      class: 'Gene',
      objectId: 1016298,
      symbol: 'eve',
      organism: { class: 'Organism', objectId: expect.any(Number), shortName: 'D. melanogaster' },
    });
    const [record] = await mine.records(mine.query('Gene').select('id', 'symbol').where('symbol', '=', 'eve')).toArray();
    expect(record).not.toHaveProperty('id');
  });

  it('jsonrows: the cell of a missing outer join is {}; a present one has value, id, class, url and column', async () => {
    const q =
      '<query model="genomic" view="Gene.symbol Gene.pathways.identifier" sortOrder="Gene.symbol asc"><join path="Gene.pathways" style="OUTER"/></query>';
    const rows = (await results(q, 'jsonrows')) as Record<string, unknown>[][];
    const empty = rows.filter((r) => Object.keys(r[1]!).length === 0);
    expect(empty.length).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThan(empty.length);
    for (const [symbol, pathway] of rows) {
      expect(symbol).toEqual({ value: expect.any(String), id: expect.any(Number), class: 'Gene', url: `/report.do?id=${symbol!.id}`, column: 'Gene.symbol' });
      if (Object.keys(pathway!).length > 0) expect(pathway).toMatchObject({ class: 'Pathway', column: 'Gene.pathways.identifier' });
    }
  });
});
