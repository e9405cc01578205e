// Rows by column name (issue 15 item 8): `mine.namedRows(q)` and a template's `namedRows()`
// against the simulator, and the shared column index.
import { isServerError, isValidationError, ValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { Columns, Row } from '../../src/index.js';
import { failAfter } from '../../src/testing/index.js';
import { client, useSimulator } from '../simulator/setup.js';

describe('rows by column name', () => {
  useSimulator();
  const mine = client();

  it('gives cells by full path, by path without the root, by unique last field and by position', async () => {
    const q = mine.query('Gene').select('symbol', 'length', 'organism.name').where('symbol', 'ONE OF', ['eve', 'zen']).orderBy('symbol');
    const rows = await mine.namedRows(q).toArray();
    expect(rows.map((r) => r.cells)).toEqual(await mine.rows(q).toArray());
    const [eve, zen] = rows;
    expect(eve!.get('symbol')).toBe('eve');
    expect(eve!.get('Gene.symbol')).toBe('eve');
    expect(eve!.get('organism.name')).toBe('Drosophila melanogaster');
    expect(eve!.get('name')).toBe('Drosophila melanogaster'); // the only column ending in "name"
    expect(zen!.get(1)).toBe(1326);
    const [symbol, length] = zen!;
    expect([symbol, length]).toEqual(['zen', 1326]);
    expect(eve!.toObject()).toEqual({ symbol: 'eve', length: 1478, 'organism.name': 'Drosophila melanogaster' });
    expect(eve!.toObject('path')).toEqual({ 'Gene.symbol': 'eve', 'Gene.length': 1478, 'Gene.organism.name': 'Drosophila melanogaster' });
    expect(JSON.stringify(eve)).toBe('["eve",1478,"Drosophila melanogaster"]');
    expect(eve!.columns).toBe(zen!.columns); // one index per query
  });

  it('refuses an unknown column with the nearest names, and an out-of-range position', async () => {
    const [row] = await mine.namedRows(mine.query('Gene').select('symbol', 'length').where('symbol', '=', 'eve')).toArray();
    expect(() => row!.get('symbl')).toThrow(ValidationError);
    expect(() => row!.get('symbl')).toThrow(/no column "symbl".*did you mean "symbol"/);
    expect(() => row!.get(2)).toThrow(/out of range/);
  });

  it('expands * before naming the columns, pages, and keeps the trailer check', async () => {
    const [row] = await mine.namedRows(mine.query('Gene').select('*').where('symbol', '=', 'eve')).toArray();
    expect(row!.get('primaryIdentifier')).toBe('FBgn0000606');
    expect(row!.get('organism.name')).toBe('Drosophila melanogaster');
    const q = mine.query('Gene').select('symbol').where('Gene', 'IN', 'demo-list');
    const paged = await mine.namedRows(q, { pageSize: 2 }).toArray();
    expect(paged.map((r) => r.get('symbol')).sort()).toEqual((await mine.rows(q).toArray()).map((r) => r[0]).sort());
    const failing = mine.query('Gene').select('symbol').where('symbol', '!=', failAfter(1));
    await expect(mine.namedRows(failing).toArray()).rejects.toSatisfy(isServerError);
  });

  it('names template columns', async () => {
    const t = await mine.template('Gene_Pathways');
    const rows = await t.namedRows({ A: 'eve' }).toArray();
    expect(rows.length).toBeGreaterThan(0);
    const first = t.query.views[0]!;
    expect(rows[0]!.get(first)).toBe(rows[0]!.cells[0]);
  });

  it('Columns: a last field shared by two columns is not a name', () => {
    const columns = new Columns(['Gene.name', 'Gene.organism.name']);
    expect(columns.indexOf('organism.name')).toBe(1);
    expect(columns.has('name')).toBe(true); // "Gene.name" without its root
    expect(columns.indexOf('name')).toBe(0);
    const other = new Columns(['Gene.symbol', 'Gene.organism.name', 'Gene.pathways.name']);
    expect(other.has('name')).toBe(false);
    expect(
      isValidationError(
        (() => {
          try {
            return new Row(['a', 'b', 'c'], other).get('name');
          } catch (e) {
            return e;
          }
        })(),
      ),
    ).toBe(true);
  });
});
