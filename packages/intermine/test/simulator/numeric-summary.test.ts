// A numeric column's summary is a histogram: QueryResultService.runResults runs the query of
// MainHelper.getHistogram (one row per bucket holding a value, `WIDTH_BUCKET(value, min, max * 1.01,
// LEAST(20, max - min))` for whole numbers), and JSONSummaryProcessor writes each 7-column row as
// `min, max, average, stdev, buckets, bucket, count`. The client reads every row, not just the first.
import { describe, expect, it } from 'vitest';
import { client, ROOT, useSimulator } from './setup.js';

const RESULTS = `${ROOT}/service/query/results`;

async function summary(query: string, path: string, form: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(RESULTS, { method: 'POST', body: new URLSearchParams({ query, format: 'jsonrows', summaryPath: path, ...form }) });
  return (await response.json()) as Record<string, unknown>;
}

const DEMO_LENGTHS = '<query model="genomic" view="Gene.symbol Gene.length"><constraint path="Gene" op="IN" value="demo-list" code="A"/></query>';

function oneOf(ids: string[]): string {
  return `<query model="genomic" view="Gene.primaryIdentifier Gene.length"><constraint path="Gene.primaryIdentifier" op="ONE OF" code="A">${ids
    .map((id) => `<value>${id}</value>`)
    .join('')}</constraint></query>`;
}

describe('simulator: the summary of a numeric column', () => {
  useSimulator();

  it('is one row per bucket holding a value, each repeating the statistics', async () => {
    // demo-list lengths: zen 1326, eve 1478, Kr 2534, hb 3291, bcd 3837 → 20 buckets of (3837 × 1.01 − 1326) / 20.
    const body = await summary(DEMO_LENGTHS, 'Gene.length');
    const stats = { min: 1326, max: 3837, average: 2493.2, buckets: 20 };
    expect(body.results).toEqual([
      { ...stats, stdev: expect.closeTo(1099.6516, 3), bucket: 1, count: 1 },
      { ...stats, stdev: expect.closeTo(1099.6516, 3), bucket: 2, count: 1 },
      { ...stats, stdev: expect.closeTo(1099.6516, 3), bucket: 10, count: 1 },
      { ...stats, stdev: expect.closeTo(1099.6516, 3), bucket: 16, count: 1 },
      { ...stats, stdev: expect.closeTo(1099.6516, 3), bucket: 20, count: 1 },
    ]);
    // The header counts the distinct values; the rows do not. setHeaderAttributes compares the
    // type string `java.lang.Integer` with "Integer", so the column headers are item and count.
    expect(body).toMatchObject({ uniqueValues: 5, columnHeaders: ['item', 'count'], wasSuccessful: true });
  });

  it('fails with a filterTerm, which becomes a CONTAINS constraint a number refuses (a 500)', async () => {
    for (const filterTerm of ['3', 'abc']) {
      const response = await fetch(RESULTS, {
        method: 'POST',
        body: new URLSearchParams({ query: DEMO_LENGTHS, format: 'jsonrows', summaryPath: 'Gene.length', filterTerm }),
      });
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ wasSuccessful: false, error: 'Service failed. Please contact support.', statusCode: 500 });
    }
    // A blank filterTerm is none (getOptionalParameter): the histogram as usual.
    expect(await summary(DEMO_LENGTHS, 'Gene.length', { filterTerm: ' ' })).toMatchObject({ uniqueValues: 5, wasSuccessful: true });
  });

  it('reaches the client as a ServerError for a filter on a numeric column', async () => {
    const mine = client();
    const q = mine.query('Gene').select('symbol', 'length').where('Gene', 'IN', 'demo-list');
    const error = await mine.summarise(q, 'length', { filter: '3' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ServerError', status: 500, serviceMessage: 'Service failed. Please contact support.' });
  });

  it('is paged with start and size like any summary (FilteringResultIterator)', async () => {
    const body = await summary(DEMO_LENGTHS, 'Gene.length', { start: '1', size: '2' });
    expect((body.results as { bucket: number }[]).map((r) => r.bucket)).toEqual([2, 10]);
    expect(body).toMatchObject({ start: 1, uniqueValues: 5 });
  });
});

describe('simulator: the histogram of whole numbers, with a null', () => {
  useSimulator({
    seed: {
      genes: [
        { primaryIdentifier: 'FBgn9000001', length: 10 },
        { primaryIdentifier: 'FBgn9000002', length: 11 },
        { primaryIdentifier: 'FBgn9000003', length: 12 },
        { primaryIdentifier: 'FBgn9000004', length: 12 },
        { primaryIdentifier: 'FBgn9000005', length: 20 },
        { primaryIdentifier: 'FBgn9000006' },
        { primaryIdentifier: 'FBgn9000007', length: 5 },
        { primaryIdentifier: 'FBgn9000008', length: 7 },
      ],
    },
  });
  const SIX = ['FBgn9000001', 'FBgn9000002', 'FBgn9000003', 'FBgn9000004', 'FBgn9000005', 'FBgn9000006'];

  it('caps the buckets at max − min, groups values per bucket and puts the nulls last, without a bucket', async () => {
    // 10..20 → LEAST(20, 10) = 10 buckets of 1.02 (20 × 1.01 = 20.2): 10, 11 → 1; 12, 12 → 2; 20 → 10.
    const body = await summary(oneOf(SIX), 'Gene.length');
    const stats = { min: 10, max: 20, average: 13, stdev: expect.closeTo(4, 6), buckets: 10 };
    expect(body.results).toEqual([
      { ...stats, bucket: 1, count: 2 },
      { ...stats, bucket: 2, count: 2 },
      { ...stats, bucket: 10, count: 1 },
      { ...stats, count: 1 },
    ]);
    expect(body.uniqueValues).toBe(5);
  });

  it('is an item summary below two distinct values', async () => {
    const body = await summary(oneOf(['FBgn9000001']), 'Gene.length');
    expect(body).toMatchObject({ results: [{ item: 10, count: 1 }], uniqueValues: 1 });
    // Still a numeric column: a filterTerm is a CONTAINS constraint it refuses, even on an item summary.
    expect(await summary(oneOf(['FBgn9000001']), 'Gene.length', { filterTerm: '1' })).toMatchObject({ statusCode: 500, wasSuccessful: false });
  });

  it('fails as the database does when one value and a null leave LEAST(20, max − min) = 0 buckets', async () => {
    const response = await fetch(RESULTS, {
      method: 'POST',
      body: new URLSearchParams({ query: oneOf(['FBgn9000001', 'FBgn9000006']), format: 'jsonrows', summaryPath: 'Gene.length' }),
    });
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ results: [], error: 'Service failed. Please contact support.', statusCode: 500 });
  });

  it('reaches the client as statistics, the bucket count and a typed histogram', async () => {
    const mine = client();
    const q = mine.query('Gene').select('primaryIdentifier', 'length').where('primaryIdentifier', 'ONE OF', SIX);
    expect(await mine.summarise(q, 'length')).toEqual({
      kind: 'numeric',
      min: 10,
      max: 20,
      average: 13,
      stdev: expect.closeTo(4, 6),
      uniqueValues: 5,
      buckets: 10,
      histogram: [
        { bucket: 1, count: 2 },
        { bucket: 2, count: 2 },
        { bucket: 10, count: 1 },
      ],
      // The last row, without a bucket, counts the nulls (FBgn9000006 has no length).
      nulls: 1,
    });
    const demo = await mine.summarise(mine.query('Gene').select('symbol', 'length').where('Gene', 'IN', 'demo-list'), 'length');
    expect(demo).toMatchObject({ kind: 'numeric', buckets: 20, histogram: [1, 2, 10, 16, 20].map((bucket) => ({ bucket, count: 1 })) });
    // `max` is sent as size, which pages the histogram rows.
    const page = await mine.summarise(mine.query('Gene').select('symbol', 'length').where('Gene', 'IN', 'demo-list'), 'length', { max: 2 });
    expect(page).toMatchObject({ kind: 'numeric', min: 1326, max: 3837, histogram: [{ bucket: 1 }, { bucket: 2 }] });
  });

  it('cuts a range of 2 into LEAST(20, 2) = 2 buckets of (7 × 1.01 − 5) / 2', async () => {
    const body = await summary(oneOf(['FBgn9000007', 'FBgn9000008']), 'Gene.length');
    expect(body.results).toEqual([
      { min: 5, max: 7, average: 6, stdev: expect.closeTo(Math.SQRT2, 6), buckets: 2, bucket: 1, count: 1 },
      { min: 5, max: 7, average: 6, stdev: expect.closeTo(Math.SQRT2, 6), buckets: 2, bucket: 2, count: 1 },
    ]);
  });
});
