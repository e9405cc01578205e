// Issue 16, bulk tables: rows paged past the server's 10 000-row cap, and a whole table streamed
// as CSV (omero_table's csv view: at most one page of rows per request).
import { isBadRequestError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { failure, newIdr, serve } from './helpers.js';

const sim = createSimulator();
serve([sim]);

const BIG = 77_000_001;
function addBigTable(rows: number): void {
  sim.state.tables.set(BIG, {
    fileId: BIG,
    annotationId: 8368945,
    columns: [
      { name: 'Well', type: 'WellColumn' },
      { name: 'Gene', type: 'StringColumn' },
    ],
    rows: Array.from({ length: rows }, (_, i) => [i, i === 1 ? 'a "quoted", multi\nline gene' : `G${i % 7}`]),
    addedOn: 1,
  });
}

describe('tableRows', () => {
  it('reads 25,000 rows in pages under the 10,000-row cap, in order, with the total', async () => {
    addBigTable(25_000);
    const idr = newIdr();
    const rows = idr.tableRows(BIG, { pageSize: 10_000 });
    expect(await rows.total()).toBe(25_000);
    const all = await rows.toArray();
    expect(all.map((r) => r.Well)).toEqual(Array.from({ length: 25_000 }, (_, i) => i));
    const asked = sim.requests.map((r) => [r.url.searchParams.get('offset'), r.url.searchParams.get('limit')]);
    expect(asked).toEqual([
      ['0', '10000'],
      ['10000', '10000'],
      ['20000', '5000'],
    ]);
  });

  it('filters with a query and picks columns; refuses a pageSize over the cap', async () => {
    addBigTable(100);
    const g3 = await newIdr()
      .tableRows(BIG, { query: "(Gene=='G3')", columns: ['Well'], pageSize: 5 })
      .toArray();
    expect(g3).toEqual([3, 10, 17, 24, 31, 38, 45, 52, 59, 66, 73, 80, 87, 94].map((Well) => ({ Well })));
    expect(() => newIdr().tableRows(BIG, { pageSize: 10_001 })).toThrow(/at most 10000/);
  });
});

describe('tableCsv', () => {
  it('streams the whole table as CSV, page by page (header once, quoting kept)', async () => {
    addBigTable(1_200);
    const text = await new Response(newIdr().tableCsv(BIG, { pageSize: 500 })).text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Well,Gene');
    expect(lines[2]).toBe('1,"a ""quoted"", multi\nline gene"');
    expect(lines.at(-2)).toBe('1199,G2');
    expect(lines).toHaveLength(1 + 1200 + 1); // header, rows, the empty string after the last \r\n
    const csvRequests = sim.requests.filter((r) => r.url.pathname.endsWith('/csv/'));
    expect(csvRequests.map((r) => [r.url.searchParams.get('offset'), r.url.searchParams.get('header')])).toEqual([
      ['0', null],
      ['500', 'false'],
      ['1000', 'false'],
      ['1200', 'false'], // the short page is not trusted as the end: the empty page after it is
    ]);
  });

  it('a web page stored in a string cell is a value (quoted), not an error page', async () => {
    addBigTable(3);
    const page = '<!DOCTYPE html>\n<html lang="en"><body>notes</body></html>';
    (sim.state.tables.get(BIG)?.rows[2] as unknown[])[1] = page;
    const text = await new Response(newIdr().tableCsv(BIG, { pageSize: 2 })).text();
    expect(text).toContain(`2,"${page.replaceAll('"', '""')}"`);
  });

  it('a query error is an error of the stream', async () => {
    addBigTable(10);
    const error = await failure(new Response(newIdr().tableCsv(BIG, { query: '((' })).text());
    expect(isBadRequestError(error)).toBe(true);
  });
});

describe('bulkTable', () => {
  it("finds a screen's bulk annotation table and reads it as rows or CSV", async () => {
    const table = await newIdr().bulkTable({ screen: 206 });
    expect([table.tableId, table.annotationId]).toEqual([15026339, 8368945]);
    expect((await table.rows().toArray()).map((r) => r.Well)).toEqual([45216, 45217]);
    const csv = await new Response(table.csv()).text();
    expect(csv.split('\r\n')[0]).toBe('Plate,Well Number,Well,Plate_Well,Characteristics [Organism],Gene Symbol,Phenotype,Plate Name,Well Name');
    expect(csv.split('\r\n')).toHaveLength(4);
  });

  it('a screen without one is a NoTableError', async () => {
    await expect(newIdr().bulkTable({ screen: 102 })).rejects.toMatchObject({ name: 'NoTableError', code: 'NO_TABLE', target: 'screen 102' });
    const before = sim.requests.length;
    await expect(newIdr().bulkTable({ well: 1 } as never)).rejects.toThrow(/exactly one of/);
    expect(sim.requests.length).toBe(before); // refused before any request
  });
});

describe('several bulk tables on one screen', () => {
  it("a well's bulk annotations come from the highest file id, as OMERO.web picks (not the latest addedOn)", async () => {
    const original = sim.state.tables.get(15026339)!;
    const copy = (fileId: number, addedOn: number, gene: string) => ({
      ...original,
      fileId,
      addedOn,
      rows: original.rows.map((r) => r.map((v, i) => (i === 5 ? gene : v))),
    });
    sim.state.tables.set(15026340, copy(15026340, 1, 'highest-id'));
    sim.state.tables.set(15026338, copy(15026338, Date.now(), 'newest-addedOn'));
    try {
      const bulk = await newIdr().bulkAnnotations({ well: 45217 });
      expect(bulk.rows[0]).toMatchObject({ Well: 45217, 'Gene Symbol': 'highest-id' });
    } finally {
      sim.state.tables.delete(15026340);
      sim.state.tables.delete(15026338);
    }
  });
});
