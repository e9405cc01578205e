// A query that fails after HTTP 200: every shape InterMine's writers produce (JSONResultProcessor
// with JSONFormatter's footer; FlatFileFormatter/PlainFormatter's `[ERROR]` line, read from the
// server's source) must surface as the server's own error, after the good rows, never as a
// parse error or a short result. The simulator produces them on a `failAfter()` constraint;
// the chunk-boundary cases use an injected fetch with hand-cut bodies.
import { isResponseFormatError, isServerError, ServerError } from '@bio/core-http';
import { BadRequestError } from '@bio/core-http/errors';
import { describe, expect, it } from 'vitest';
import { InterMine, type Query } from '../../src/index.js';
import { findFailureTrailer } from '../../src/internal/trailer-rescue.js';
import { failAfter } from '../../src/testing/index.js';
import { client, ROOT, useSimulator } from '../simulator/setup.js';
import { drain } from './setup.js';

const GENERIC = 'Service failed. Please contact support.';

function demoGenes(mine: InterMine, failure: string): Query {
  return mine.query('Gene').select('symbol', 'length').where('Gene', 'IN', 'demo-list').where('symbol', '!=', failure).orderBy('symbol');
}

function expectServerFailure(error: unknown, status: number, message: string): void {
  expect(isResponseFormatError(error)).toBe(false);
  expect((error as ServerError).status).toBe(status);
  expect((error as ServerError).serviceMessage).toBe(message);
  expect((error as Error).message).toMatch(/after HTTP 200, part-way through the results/);
}

describe('a failure after HTTP 200 (simulator)', () => {
  useSimulator();
  const mine = client();

  it('rows(): the trailer after a dangling comma is the server error, after the good rows', async () => {
    const { items, error } = await drain(mine.rows(demoGenes(mine, failAfter(2))));
    expect(items).toEqual([
      ['Kr', 2534],
      ['bcd', 3837],
    ]);
    expect(error).toBeInstanceOf(ServerError);
    expectServerFailure(error, 500, GENERIC);
    expect(isResponseFormatError((error as Error).cause)).toBe(true);
  });

  it('rows(): a trailer with no rows, and one after the last complete row', async () => {
    const none = await drain(mine.rows(demoGenes(mine, failAfter(0))));
    expect(none.items).toEqual([]);
    expectServerFailure(none.error, 500, GENERIC);
    const all = await drain(mine.rows(demoGenes(mine, failAfter(5, { status: 400, message: 'Query would take too long to run' }))));
    expect(all.items).toHaveLength(5);
    expect(all.error).toBeInstanceOf(BadRequestError);
    expectServerFailure(all.error, 400, 'Query would take too long to run');
  });

  it('rows() in pages and toArray(): the error, never a short result', async () => {
    const q = demoGenes(mine, failAfter(3));
    await expect(mine.rows(q).toArray()).rejects.toSatisfy(isServerError);
    await expect(mine.rows(q, { pageSize: 2 }).toArray()).rejects.toSatisfy(isServerError);
  });

  it('records(): the trailer after a dangling comma', async () => {
    const { items, error } = await drain(mine.records(demoGenes(mine, failAfter(1, { message: 'ObjectStore broke off' }))));
    expect(items).toEqual([expect.objectContaining({ class: 'Gene', symbol: 'Kr' })]);
    expectServerFailure(error, 500, 'ObjectStore broke off');
  });

  it('every export: TSV, CSV (with headers), FASTA, GFF3 and BED end on the [ERROR] line', async () => {
    const tsv = await drain(mine.tsv(demoGenes(mine, failAfter(2))));
    expect(tsv.items).toEqual(['Kr\t2534', 'bcd\t3837']);
    expectServerFailure(tsv.error, 500, GENERIC);
    const csv = await drain(mine.csv(demoGenes(mine, failAfter(0, { status: 400, message: 'bad\nsecond line' })), { headers: 'path' }));
    expect(csv.items).toEqual(['"Gene.symbol","Gene.length"']);
    expectServerFailure(csv.error, 400, 'bad\nsecond line');
    for (const format of ['fasta', 'gff3', 'bed'] as const) {
      const { items, error } = await drain(mine[format](demoGenes(mine, failAfter(1))));
      expect(items.length, format).toBeGreaterThan(0);
      expectServerFailure(error, 500, GENERIC);
    }
  });

  it('template results fail the same way', async () => {
    const t = await mine.template('Gene_Pathways');
    const q = t.query.clone().where(`${t.query.root}.symbol`, '!=', failAfter(1));
    const { items, error } = await drain(mine.rows(q));
    expect(items).toHaveLength(1);
    expectServerFailure(error, 500, GENERIC);
  });
});

/** A client whose every results response is `body`, cut into the given chunks. */
function cutMine(chunks: string[]): InterMine {
  const encoder = new TextEncoder();
  const fetchCut = async (input: RequestInfo | URL): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith('/model?format=json')) return fetch(url);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(encoder.encode(c));
        controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return new InterMine({ baseUrl: ROOT, retry: 0, fetch: fetchCut as typeof fetch });
}

describe('a failure after HTTP 200 (chunk boundaries)', () => {
  useSimulator(); // answers /model
  const head = '{"rootClass":"Gene","modelName":"genomic","start":0,"views":["Gene.symbol"],"results":[\n';
  const foot = (error: string) => `],"executionTime":"2026.12.07 00:00::00","wasSuccessful":false,"error":${JSON.stringify(error)},"statusCode":500}`;
  const body = `${head}["eve"],\n["zen"],\n${foot('broke [off], "here" ],')}`;

  it.each([
    ['in one chunk', [body]],
    ['comma | bracket', [`${head}["eve"],\n["zen"],`, `\n${foot('broke [off], "here" ],')}`]],
    [
      'inside the trailer',
      [`${head}["eve"],\n["zen"],\n],"executionTime":"2026`, `.12.07 00:00::00","wasSuccessful":false,"error":"broke [off], \\"here\\" ],","statusCode":500}`],
    ],
    ['byte by byte', [...body]],
  ])('%s', async (_label, chunks) => {
    const mine = cutMine(chunks);
    const { items, error } = await drain(mine.rows(mine.query('Gene').select('symbol')));
    expect(items).toEqual([['eve'], ['zen']]);
    expectServerFailure(error, 500, 'broke [off], "here" ],');
  });

  it('a body that is broken without a failure trailer stays a ResponseFormatError', async () => {
    const mine = cutMine([`${head}["eve"],\n["zen"`]);
    const { items, error } = await drain(mine.rows(mine.query('Gene').select('symbol')));
    expect(items).toEqual([['eve']]);
    expect(isResponseFormatError(error)).toBe(true);
    const bad = cutMine([`${head}["eve"],\n["zen"],\n],"executionTime":"x","wasSuccessful":true,"error":null,"statusCode":200}`]);
    expect(isResponseFormatError((await drain(bad.rows(bad.query('Gene').select('symbol')))).error)).toBe(true);
  });

  it('finds the trailer after the bracket that closes the array, not one inside the message', () => {
    expect(findFailureTrailer('["a"],\n],"wasSuccessful":false,"error":"x ],\\"y\\"","statusCode":503}')).toEqual({
      wasSuccessful: false,
      error: 'x ],"y"',
      statusCode: 503,
    });
    expect(findFailureTrailer('["a"],\n],"wasSuccessful":true}')).toBeUndefined();
    expect(findFailureTrailer('["a"],\n')).toBeUndefined();
  });
});

describe('TSV and CSV cut short with a clean end of message (no trailer in these formats)', () => {
  useSimulator();
  /** A client whose export answers (format=tsv/csv) are replaced by `cut(original text)`. */
  const cutting = (cut: (text: string) => string) =>
    client({
      hooks: {
        afterResponse: [
          async ({ request, response }: { request: Request; response: Response }) => {
            const format = new URLSearchParams(await request.clone().text()).get('format');
            if (format !== 'tsv' && format !== 'csv') return undefined;
            return new Response(cut(await response.text()), { status: 200, headers: response.headers });
          },
        ],
      },
    });
  const genes = (mine: InterMine) => mine.query('Gene').select('symbol', 'length').where('Gene', 'IN', 'demo-list').orderBy('symbol');

  it('a last row without its line break is an error, never a row; the whole rows before it are delivered', async () => {
    const full = await drain(client().tsv(genes(client())));
    expect(full.error).toBeUndefined();
    const mine = cutting((text) => text.slice(0, text.lastIndexOf('\n', text.length - 2) + 3));
    const { items, error } = await drain(mine.tsv(genes(mine)));
    expect(isResponseFormatError(error)).toBe(true);
    expect((error as Error).message).toMatch(/ends inside a row/);
    expect(items).toEqual(full.items.slice(0, -1));
  });

  it('an answer cut at a row boundary is found short by the count (one request more), for TSV and CSV', async () => {
    const full = await drain(client().csv(genes(client())));
    expect(full.items.length).toBeGreaterThan(2);
    const mine = cutting((text) => text.slice(0, text.indexOf('\n') + 1)); // only the first row
    for (const read of [mine.tsv(genes(mine)), mine.csv(genes(mine))]) {
      const { items, error } = await drain(read);
      expect(items).toHaveLength(1);
      expect(isResponseFormatError(error)).toBe(true);
      expect((error as Error).message).toContain(`ended after 1 of ${full.items.length} rows`);
    }
    // Complete answers (also with headers, start and max) pass the same check.
    const ok = client();
    expect((await drain(ok.tsv(genes(ok), { headers: 'path' }))).items).toHaveLength(full.items.length + 1);
    expect((await drain(ok.tsv(genes(ok), { start: 1, max: 1 }))).items).toHaveLength(1);
  });

  it("a template's TSV gets the same checks: a cut row, and a cut at a row boundary found by the template's count", async () => {
    const ok = client();
    const full = await drain((await ok.template('Gene_Pathways')).tsv({ A: { op: 'LOOKUP', value: 'zen' } }, { headers: 'path' }));
    expect(full.error).toBeUndefined();
    expect(full.items).toEqual([
      'Gene.symbol\tGene.pathways.identifier\tGene.pathways.name',
      'zen\tdme04320\tDorso-ventral axis formation - Drosophila melanogaster (fruit fly)',
      'zen\tR-DME-212436\tGeneric Transcription Pathway',
    ]);
    const midRow = cutting((text) => text.slice(0, -5));
    const cut = await drain((await midRow.template('Gene_Pathways')).tsv({ A: { op: 'LOOKUP', value: 'zen' } }, { headers: 'path' }));
    expect(cut.items).toEqual(full.items.slice(0, -1));
    expect((cut.error as Error).message).toMatch(/ends inside a row/);
    const atRowEnd = cutting((text) => text.slice(0, text.indexOf('\n', text.indexOf('\n') + 1) + 1)); // headers and one row
    const short = await drain((await atRowEnd.template('Gene_Pathways')).tsv({ A: { op: 'LOOKUP', value: 'zen' } }, { headers: 'path' }));
    expect(short.items).toEqual(full.items.slice(0, 2));
    expect(isResponseFormatError(short.error)).toBe(true);
    expect((short.error as Error).message).toContain('ended after 1 of 2 rows');
  });
});
