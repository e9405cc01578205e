// What the client makes of each summary row as the mine writes it: JSONSummaryProcessor turns a
// row into an org.json JSONObject built from a map, which leaves out null values (org.json
// 20170516, JSONObject(Map)). So the null value of an item summary is `{"count": N}` and the
// nulls' row of a histogram has no `bucket`. A row the client cannot read is a ResponseFormatError,
// never a NaN count or an object passed off as a cell.
import { isResponseFormatError } from '@bio/core-http';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { client, ROOT, useSimulatorServer } from './setup.js';

const { server } = useSimulatorServer();

/** The summary answer is `results` (the rest of the simulator answers as usual). */
function summaryAnswers(results: unknown[], uniqueValues?: number): void {
  server.use(
    http.post(`${ROOT}/service/query/results`, () =>
      HttpResponse.json({ modelName: 'genomic', columnHeaders: ['item', 'count'], start: 0, uniqueValues, results, wasSuccessful: true, statusCode: 200 }),
    ),
  );
}

const mine = client();
const query = () => mine.query('Gene').select('symbol', 'length').where('Gene', 'IN', 'demo-list');

describe('client: the rows of a column summary', () => {
  it('reads an item row without "item" as the null value, with its count', async () => {
    summaryAnswers([{ item: 'eve', count: 2 }, { count: 3 }], 2);
    expect(await mine.summarise(query(), 'symbol')).toEqual({
      kind: 'items',
      items: [
        { item: 'eve', count: 2 },
        { item: null, count: 3 },
      ],
      uniqueValues: 2,
    });
  });

  it('leaves the nulls’ histogram row (no bucket) out of the histogram and reads the rest', async () => {
    const stats = { min: 1, max: 9, average: 5, stdev: 2, buckets: 2 };
    summaryAnswers(
      [
        { ...stats, bucket: 1, count: 4 },
        { ...stats, bucket: 2, count: 1 },
        { ...stats, count: 7 },
      ],
      3,
    );
    expect(await mine.summarise(query(), 'length')).toMatchObject({
      kind: 'numeric',
      histogram: [
        { bucket: 1, count: 4 },
        { bucket: 2, count: 1 },
      ],
    });
  });

  it('reports the count of the nulls’ histogram row as nulls, and no nulls when there is no such row', async () => {
    const stats = { min: 1, max: 9, average: 5, stdev: 2, buckets: 2 };
    summaryAnswers(
      [
        { ...stats, bucket: 1, count: 4 },
        { ...stats, count: 7 },
      ],
      3,
    );
    expect(await mine.summarise(query(), 'length')).toMatchObject({ kind: 'numeric', histogram: [{ bucket: 1, count: 4 }], nulls: 7 });
    summaryAnswers([{ ...stats, bucket: 1, count: 4 }], 2);
    expect(await mine.summarise(query(), 'length')).not.toHaveProperty('nulls');
  });

  it('keeps the header’s filteredCount of a filtered item summary', async () => {
    server.use(
      http.post(`${ROOT}/service/query/results`, () =>
        HttpResponse.json({
          columnHeaders: ['item', 'count'],
          start: 0,
          uniqueValues: 5,
          filteredCount: 2,
          results: [{ item: 'eve', count: 1 }],
          wasSuccessful: true,
          statusCode: 200,
        }),
      ),
    );
    expect(await mine.summarise(query(), 'symbol', { filter: 'e', max: 1 })).toEqual({
      kind: 'items',
      items: [{ item: 'eve', count: 1 }],
      uniqueValues: 5,
      filteredCount: 2,
    });
    summaryAnswers([{ item: 'eve', count: 1 }], 5);
    expect(await mine.summarise(query(), 'symbol')).not.toHaveProperty('filteredCount');
  });

  it('refuses a row without a numeric count instead of counting NaN', async () => {
    summaryAnswers([{ item: 'eve' }]);
    await expect(mine.summarise(query(), 'symbol')).rejects.toSatisfy(isResponseFormatError);
    summaryAnswers([{ min: 1, max: 9, average: 5, stdev: 2, buckets: 2, bucket: 1 }]);
    await expect(mine.summarise(query(), 'length')).rejects.toSatisfy(isResponseFormatError);
  });

  it('refuses an item that is not a cell, and a bucket that is not a number', async () => {
    summaryAnswers([{ item: { value: 'eve' }, count: 1 }]);
    await expect(mine.summarise(query(), 'symbol')).rejects.toSatisfy(isResponseFormatError);
    summaryAnswers([{ min: 1, max: 9, average: 5, stdev: 2, buckets: 2, bucket: '1', count: 1 }]);
    await expect(mine.summarise(query(), 'length')).rejects.toSatisfy(isResponseFormatError);
    summaryAnswers([7]);
    await expect(mine.summarise(query(), 'symbol')).rejects.toSatisfy(isResponseFormatError);
  });
});
