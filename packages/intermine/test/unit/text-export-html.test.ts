import { isResponseFormatError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { checkedLines } from '../../src/results.js';

function body(text: string): ReadableStream<Uint8Array> {
  return new Response(text).body as ReadableStream<Uint8Array>;
}

async function drain(text: string, format?: 'csv'): Promise<{ lines: string[]; error: unknown }> {
  const lines: string[] = [];
  try {
    for await (const line of checkedLines(body(text), 'https://mine.example/service/query/results', 'POST', undefined, format)) lines.push(line);
    return { lines, error: undefined };
  } catch (error) {
    return { lines, error };
  }
}

describe('text exports', () => {
  it('end with a ResponseFormatError when the answer turns into an HTML page, after the whole rows before it', async () => {
    const { lines, error } = await drain('eve\tFBgn0000606\nzen\tFBgn00040<!DOCTYPE html>\n<html><body><h1>502 Bad Gateway</h1></body></html>\n');
    expect(lines).toEqual(['eve\tFBgn0000606']); // the cut row is not yielded
    expect(isResponseFormatError(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/HTML page after 1 lines/);
  });

  it('keep a value that merely mentions html', async () => {
    const { lines, error } = await drain('geneA\thtml5 markup in a description\ngeneB\tuses <b> tags\n');
    expect(error).toBeUndefined();
    expect(lines).toHaveLength(2);
  });

  it('CSV: keep a quoted value that holds a web page, also across the lines of a multi-line value', async () => {
    const page = '"<!DOCTYPE html><html lang=""en""><body>stored</body></html>"';
    const text = `"eve",${page}\n"zen","first line\n<html><body>second line</body></html>"\n"Kr","x"\n`;
    const { lines, error } = await drain(text, 'csv');
    expect(error).toBeUndefined();
    expect(lines).toEqual([`"eve",${page}`, '"zen","first line', '<html><body>second line</body></html>"', '"Kr","x"']);
  });

  it('CSV: an HTML page outside the quoted cells still ends the answer, after the rows before it', async () => {
    const { lines, error } = await drain('"eve","FBgn0000606"\n"zen","<html>a value</html>"\n<!DOCTYPE html><html><body>502</body></html>\n', 'csv');
    expect(lines).toEqual(['"eve","FBgn0000606"', '"zen","<html>a value</html>"']);
    expect(isResponseFormatError(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/HTML page after 2 lines/);
  });

  it('TSV: cells are bare (a quote is a plain character there), so any HTML start ends the answer', async () => {
    const { lines, error } = await drain('eve\t5" UTR\nzen\t<html lang="en">stored</html>\n');
    expect(lines).toEqual(['eve\t5" UTR']);
    expect(isResponseFormatError(error)).toBe(true);
  });
});
