// A field named "__proto__" in a MyGene document stays data in flatten(): the row keeps it as an
// own key and stays a plain object.
import { flatten } from '@bio/mygene';
import { expect, it } from 'vitest';

it('keeps a "__proto__" field as data and the row a plain object', () => {
  const row = flatten(JSON.parse('{"__proto__":["a","b"],"x":1}') as object);
  expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  expect(Object.keys(row)).toEqual(['__proto__', 'x']);
});

it('toRows and toColumns keep a "__proto__" column as data', async () => {
  const { toColumns, toRows } = await import('@bio/mygene');
  const docs = [JSON.parse('{"__proto__":"p","x":1}') as object];
  const [row] = toRows(docs);
  expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  expect(row).toEqual(JSON.parse('{"__proto__":"p","x":1}'));
  expect(Object.keys(toColumns(docs))).toEqual(['__proto__', 'x']);
});
