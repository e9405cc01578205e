// `max` of the text exports and of summaries is sent as `size`, which the mine refuses below 1
// (WebServiceRequestParser: "Invalid size parameter: 0"): a ValidationError before any request.
import { isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { client, useSimulator } from './setup.js';

describe('max of text exports and summaries', () => {
  const sim = useSimulator();
  const mine = client();
  const genes = () => mine.query('Gene').select('symbol').where('symbol', 'ONE OF', ['eve', 'zen']);
  const drain = async (lines: AsyncIterable<string>): Promise<unknown> => {
    try {
      for await (const _ of lines);
      return undefined;
    } catch (error) {
      return error;
    }
  };

  it('below 1 is refused before any request, naming max', async () => {
    for (const max of [0, -1, 1.5]) {
      for (const error of [
        await drain(mine.tsv(genes(), { max })),
        await drain(mine.csv(genes(), { max })),
        await mine.summarise(genes(), 'symbol', { max }).catch((e: unknown) => e),
      ]) {
        expect(isValidationError(error)).toBe(true);
        expect((error as { field?: string }).field).toBe('max');
        expect((error as Error).message).toBe(`max must be a positive integer (it is sent as size, which the mine refuses below 1), got ${max}`);
      }
    }
    expect(sim.requests).toHaveLength(0);
  });

  it('1 gives one row or value', async () => {
    const rows: string[] = [];
    for await (const line of mine.tsv(genes(), { max: 1 })) rows.push(line);
    expect(rows).toHaveLength(1);
    expect(await mine.summarise(genes(), 'symbol', { max: 1 })).toMatchObject({ kind: 'items', items: [expect.anything()] });
  });
});
