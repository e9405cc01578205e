// TSV and CSV cells as the mine writes them (RowFormatterImpl): CSV quotes every cell; TSV leaves
// cells bare but quotes an empty one (a null too) and one holding a tab. The client reads a web
// page stored in a CSV value as that value; TSV cannot tell it from an error page.
import { isResponseFormatError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { client, useSimulator } from './setup.js';

const PAGE = '<!DOCTYPE html><html lang="en"><body>stored</body></html>';

describe('flat exports of unusual cells', () => {
  useSimulator({
    seed: {
      genes: [
        { primaryIdentifier: 'FBgn9000001', symbol: 'webby', description: PAGE },
        { primaryIdentifier: 'FBgn9000002', symbol: 'tabby', description: 'one\ttwo "quoted"' },
        { primaryIdentifier: 'FBgn9000003', symbol: 'blank' },
      ],
    },
  });
  const mine = client();
  const lines = async (read: AsyncIterable<string>): Promise<{ lines: string[]; error: unknown }> => {
    const out: string[] = [];
    try {
      for await (const line of read) out.push(line);
      return { lines: out, error: undefined };
    } catch (error) {
      return { lines: out, error };
    }
  };
  const genes = (...symbols: string[]) => mine.query('Gene').select('symbol', 'description').where('symbol', 'ONE OF', symbols).orderBy('symbol');

  it('CSV: a value holding a web page is a value', async () => {
    const { lines: rows, error } = await lines(mine.csv(genes('webby', 'blank')));
    expect(error).toBeUndefined();
    expect(rows).toEqual(['"blank",""', `"webby","${PAGE.replaceAll('"', '""')}"`]);
  });

  it('TSV: an empty cell and a cell with a tab come quoted, other cells bare', async () => {
    const { lines: rows, error } = await lines(mine.tsv(genes('tabby', 'blank')));
    expect(error).toBeUndefined();
    expect(rows).toEqual(['blank\t""', 'tabby\t"one\ttwo ""quoted"""']);
  });

  it('TSV: a value holding a web page cannot be told from an error page; the rows before it are delivered', async () => {
    const { lines: rows, error } = await lines(mine.tsv(genes('webby', 'blank')));
    expect(rows).toEqual(['blank\t""']);
    expect(isResponseFormatError(error)).toBe(true);
  });
});
