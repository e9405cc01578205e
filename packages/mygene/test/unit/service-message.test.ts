import { BadRequestError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { groupByQuery } from '../../src/internal/batching.js';
import { mygeneServiceMessage } from '../../src/internal/service-message.js';

describe('mygeneServiceMessage', () => {
  it('reads the BaseAPIHandler error bodies', () => {
    expect(mygeneServiceMessage({ code: 404, success: false, error: 'Not Found.' })).toBe('Not Found.');
    expect(mygeneServiceMessage({ code: 400, success: false, error: 'ValueError', details: 'Invalid or stale scroll_id.' })).toBe(
      'ValueError: Invalid or stale scroll_id.',
    );
    expect(mygeneServiceMessage({ code: 400, success: false, error: 'Bad Request', keyword: 'id', max: 1000, size: 1001 })).toBe(
      'Bad Request (parameter "id", max 1000, got 1001 entries)',
    );
    expect(mygeneServiceMessage({ code: 400, success: false, error: 'Bad Request', keyword: 'size', reason: null, max: 1000, num: 2000 })).toBe(
      'Bad Request (parameter "size", max 1000, got 2000)',
    );
    expect(mygeneServiceMessage({ code: 400, success: false, error: 'Bad Request', missing: 'id', alias: 'ids' })).toBe(
      'Bad Request: missing required parameter "id" (also accepted as "ids")',
    );
    expect(mygeneServiceMessage({ code: 400, success: false, error: 'Bad Request', missing: '_source', alias: ['fields', 'field'] })).toBe(
      'Bad Request: missing required parameter "_source" (also accepted as "fields" or "field")',
    );
    expect(mygeneServiceMessage({ code: 400, success: false, error: 'Bad Request', missing: 'q' })).toBe('Bad Request: missing required parameter "q"');
    expect(mygeneServiceMessage({ code: 400, success: false, error: 'Bad Request', keyword: 'size', min: 1, num: 0 })).toBe(
      'Bad Request (parameter "size", min 1, got 0)',
    );
    expect(mygeneServiceMessage({ success: false, error: "Expected 'size' parameter to have integer type" })).toBe(
      "Expected 'size' parameter to have integer type",
    );
    expect(
      mygeneServiceMessage({ code: 400, success: false, error: 'query_shard_exception', root_cause_line_00: 'Failed to parse query [symbol:(cdk2]' }),
    ).toBe('query_shard_exception: Failed to parse query [symbol:(cdk2]');
  });
  it('reads HTML pages and text', () => {
    expect(mygeneServiceMessage('<html>\r\n<head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>')).toBe('502 Bad Gateway');
    expect(mygeneServiceMessage('<html><body><h1>Service  Unavailable</h1></body></html>')).toBe('Service Unavailable');
    // A page with neither title nor heading: its text (shared with every client via htmlErrorMessage).
    expect(mygeneServiceMessage('<html><body>oops</body></html>')).toBe('oops');
    expect(mygeneServiceMessage('<html><body></body></html>')).toBe('HTML error page');
    expect(mygeneServiceMessage('Too Many Matches.')).toBe('Too Many Matches.');
    expect(mygeneServiceMessage('')).toBeUndefined();
    expect(mygeneServiceMessage(undefined)).toBeUndefined();
    expect(mygeneServiceMessage([1, 2])).toBeUndefined();
  });
});

describe('groupByQuery', () => {
  it('groups hits sharing one query and fills in notfound', () => {
    const groups = groupByQuery(
      [
        { query: 'tp53', _id: '7157' },
        { query: 'tp53', _id: '24842' },
        { query: '1017', _id: '1017' },
      ],
      ['tp53', '1017', 'dummy'],
      'test',
    );
    expect(groups.get('tp53')?.map((h) => h._id)).toEqual(['7157', '24842']);
    expect(groups.get('dummy')).toEqual([{ query: 'dummy', notfound: true }]);
  });
  it('accepts the with_total shape and refuses anything else', () => {
    expect(groupByQuery({ max_total: 1, hits: [{ query: 'a', _id: '1' }] }, ['a'], 't').get('a')).toEqual([{ query: 'a', _id: '1' }]);
    expect(() => groupByQuery({ success: true }, ['a'], 'POST query')).toThrow(/POST query: expected a JSON array of hits/);
    expect(() => groupByQuery({ code: 400, success: false, error: 'Invalid JSON body.' }, ['a'], 'POST query')).toThrow(BadRequestError);
  });
});
