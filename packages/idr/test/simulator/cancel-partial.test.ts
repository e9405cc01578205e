// Issue 16 items 4 and 7: the client-level signal cancels every kind of call with an AbortError,
// and one failed chunk of thumbnails() keeps what the other chunks fetched.
import { isAbortError, isBatchError, isServerError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { isThumbnailsError, ThumbnailsError } from '../../src/index.js';
import { calls, plate8958Images } from './cancel-calls.js';
import { createSimulator } from '../../src/testing/index.js';
import { failure, newIdr, serve } from './helpers.js';

const sim = createSimulator();
serve([sim]);

describe('cancelling through the client-level signal', () => {
  it.each(calls)('%s rejects with an AbortError, without a request, once the signal has fired', async (_name, call) => {
    const idr = newIdr({ signal: AbortSignal.abort() });
    expect(isAbortError(await failure(call(idr)))).toBe(true);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('thumbnails(): a failed chunk keeps the others', () => {
  it('returns every fetched thumbnail on a ThumbnailsError and names exactly the failed ids', async () => {
    sim.faults.set({ every: 2, status: 500 }); // the second of three requests: ids 50…99
    const error = await failure(newIdr({ concurrency: 1 }).thumbnails(plate8958Images));
    expect(isThumbnailsError(error)).toBe(true);
    expect(error).toBeInstanceOf(ThumbnailsError);
    expect(isBatchError(error)).toBe(true);
    const e = error as unknown as ThumbnailsError;
    expect(e.code).toBe('THUMBNAILS_INCOMPLETE');
    expect(e.failed).toEqual(plate8958Images.slice(50, 100));
    expect(e.processed).toEqual([...plate8958Images.slice(0, 50), ...plate8958Images.slice(100)]);
    expect(e.unprocessed).toEqual([]);
    expect(e.errors.map((x) => [x.batchIndex, x.items.length, isServerError(x.error)])).toEqual([[1, 50, true]]);
    expect([...e.thumbnails.keys()]).toEqual(e.processed);
    expect([...e.thumbnails.values()].every((b) => b instanceof Uint8Array)).toBe(true);
    expect(sim.requests).toHaveLength(3);
  });

  it('without failures returns the map', async () => {
    const thumbs = await newIdr().thumbnails(plate8958Images);
    expect(thumbs.size).toBe(120);
  });
});
