import { isResponseFormatError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { checkedLines } from '../../src/results.js';

function body(text: string): ReadableStream<Uint8Array> {
  return new Response(text).body as ReadableStream<Uint8Array>;
}

async function drain(text: string): Promise<{ lines: string[]; error: unknown }> {
  const lines: string[] = [];
  try {
    for await (const line of checkedLines(body(text), 'https://mine.example/service/query/results', 'POST', undefined)) lines.push(line);
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
});
