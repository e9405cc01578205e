// Known bug of @bio/mygene flatten (minor): a field named "__proto__" is dropped and the row's
// prototype is replaced (row[key] = value on a plain object). No global pollution.
// Run with `npx vitest run -c vitest.known-bugs.config.ts`; FAILS while the bug is there.
import { flatten } from '@bio/mygene';
import { expect, it } from 'vitest';

it('keeps a "__proto__" field as data and the row a plain object', () => {
  const row = flatten(JSON.parse('{"__proto__":["a","b"],"x":1}') as object);
  expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  expect(Object.keys(row)).toEqual(['__proto__', 'x']);
});
