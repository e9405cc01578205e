// Issue 16, the search engine fully: the query language (POST submitquery/, AND/OR filters,
// operators, case sensitivity), bookmark paging, the count from the first page, and export jobs
// (async_submitquery/ → check_query_job/ polled with poll() → return_query_results/ CSV).
import { isNotFoundError, isTimeoutError, isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { failure, newIdr, serve } from './helpers.js';

const sim = createSimulator({ searchPageSize: 2 });
serve([sim]);

const posts = () => sim.requests.filter((r) => r.method === 'POST').map((r) => r.json() as { query_details: unknown; bookmark?: unknown });

describe('query language', () => {
  it('AND filters: every one holds; hits follow the bookmark; total() from the first page, not asked again', async () => {
    const idr = newIdr();
    const hits = idr.query({
      and: [
        { key: 'Organism', value: 'Homo sapiens' },
        { key: 'Gene Symbol', value: 'cdc20' },
      ],
    });
    expect(await hits.total()).toBe(3);
    expect((await hits.toArray()).map((h) => h.id)).toEqual([1900000, 1900001, 1938559]);
    expect(posts().map((b) => b.bookmark)).toEqual([undefined, [1900001]]); // 2 requests: total() kept its page
    expect(posts()[0]?.query_details).toEqual({
      and_filters: [
        { name: 'Organism', value: 'Homo sapiens', operator: 'equals', resource: 'image' },
        { name: 'Gene Symbol', value: 'cdc20', operator: 'equals', resource: 'image' },
      ],
      or_filters: [],
    });
  });

  it('OR groups, operators and case sensitivity', async () => {
    const idr = newIdr();
    const either = await idr
      .query({
        or: [
          [
            { key: 'Gene Symbol', value: 'CDK5RAP2' },
            { key: 'Gene Symbol', value: 'Act57B' },
          ],
        ],
      })
      .toArray();
    expect(either.map((h) => h.id)).toEqual([122770, 1884807]);
    const notHuman = await idr.query({ and: [{ key: 'Organism', value: 'Homo sapiens', operator: 'not_equals' }] }).toArray();
    expect(notHuman.map((h) => h.id)).toEqual([122770, 1229801]);
    expect(await idr.query({ and: [{ key: 'Gene Symbol', value: 'cdc20' }], caseSensitive: true }).toArray()).toEqual([]);
  });

  it('bad queries are ValidationErrors before any request', () => {
    const idr = newIdr();
    for (const q of [{}, { and: [{ key: '', value: 'x' }] }, { or: [[]] }, { and: [{ key: 'k', value: 'v', operator: 'like' as never }] }]) {
      let error: unknown;
      try {
        idr.query(q);
      } catch (e) {
        error = e;
      }
      expect(isValidationError(error)).toBe(true);
    }
    expect(sim.requests).toHaveLength(0);
  });
});

describe('export jobs', () => {
  it('submits, polls the job with poll() until SUCCESS, and streams the CSV', async () => {
    const exported = await newIdr().exportQuery({ and: [{ key: 'Gene Symbol', value: 'CDC20' }] }, { interval: 5 });
    expect(exported.total).toBe(3);
    expect(exported.filename).toBe(`${exported.queryId}.csv`);
    const csv = (await new Response(exported.stream).text()).trim().split('\n');
    expect(csv[0]).toBe('id,name,screen_id,plate_id,well_id,project_id,dataset_id');
    expect(csv.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([1900000, 1900001, 1938559]);
    const checks = sim.requests.filter((r) => r.url.pathname.endsWith('/check_query_job/'));
    expect(checks).toHaveLength(3); // PENDING, STARTED, SUCCESS
  });

  it('a query with no hits is a NotFoundError; a deadline is a TimeoutError', async () => {
    expect(isNotFoundError(await failure(newIdr().exportQuery({ and: [{ key: 'Gene Symbol', value: 'NOSUCH' }] }, { interval: 5 })))).toBe(true);
    const slow = await failure(newIdr().exportQuery({ and: [{ key: 'Gene Symbol', value: 'CDK5RAP2' }] }, { interval: 50, backoff: 1, deadline: 60 }));
    expect(isTimeoutError(slow)).toBe(true);
  });
});
