// Issue 21 §3 (mutation testing of src/emx2/filter.ts): RSQL compiled to EMX2 filter objects, and
// EMX2 filter objects checked, against hand-written metadata. A wrong value type, a lost nesting
// level or a wrong operator is a different query that still runs (silently wrong rows).
import { isValidationError, type ValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/emx2/internal/catalog.js';
import { compileFilter, prepareFilter } from '../../src/emx2/filter.js';
import type { ColumnMetadata, Filter, SchemaMetadata, TableMetadata } from '../../src/emx2/types.js';

const col = (name: string, columnType: string, extra: Partial<ColumnMetadata> = {}): ColumnMetadata => ({
  id: name.replace(/ (\w)/g, (_m, c: string) => c.toUpperCase()),
  name,
  columnType,
  required: false,
  readonly: false,
  ...extra,
});

const table = (name: string, columns: ColumnMetadata[], primaryKey: string[]): TableMetadata => ({
  id: name,
  name,
  tableType: 'DATA',
  schemaName: 'shop',
  columns,
  primaryKey,
});

const pet = table(
  'Pet',
  [
    col('name', 'STRING', { key: 1 }),
    col('age', 'INT'),
    col('legs', 'NON_NEGATIVE_INT'),
    col('big', 'LONG'),
    col('weight', 'DECIMAL'),
    col('alive', 'BOOL'),
    col('born', 'DATE'),
    col('seen at', 'DATETIME'),
    col('tags', 'STRING_ARRAY'),
    col('scores', 'INT_ARRAY'),
    col('category', 'REF', { refTableName: 'Category' }),
    col('owner', 'REF', { refTableName: 'Owner' }),
    col('friends', 'REF_ARRAY', { refTableName: 'Pet' }),
    col('details', 'HEADING'),
  ],
  ['name'],
);
const category = table('Category', [col('name', 'STRING', { key: 1 }), col('parent', 'REF', { refTableName: 'Category' })], ['name']);
const owner = table('Owner', [col('first', 'STRING', { key: 1 }), col('last', 'STRING', { key: 1 })], ['first', 'last']);
const schema: SchemaMetadata = { name: 'shop', tables: [pet, category, owner] };
const catalog: Catalog = new Map([['shop', schema]]);

const compile = (filter: Filter | undefined) => compileFilter(catalog, pet, prepareFilter(filter));

function refusal(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    expect(isValidationError(error)).toBe(true);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('prepareFilter', () => {
  it('no filter, or blank RSQL, is no filter', () => {
    expect(prepareFilter(undefined)).toEqual({ kind: 'none' });
    expect(prepareFilter('')).toEqual({ kind: 'none' });
    expect(prepareFilter('  \t')).toEqual({ kind: 'none' });
    expect(compile(undefined)).toBeUndefined();
    expect(compile(' ')).toBeUndefined();
  });

  it('invalid RSQL is a ValidationError with the syntax error as cause', () => {
    const error = refusal(() => prepareFilter('name=='));
    expect(error.message).toMatch(/^filter is not valid RSQL: /);
    expect(error.field).toBe('filter');
    expect((error.cause as Error).name).toBe('RsqlSyntaxError');
  });

  it('refuses values that are neither RSQL nor a filter object', () => {
    for (const bad of [42, null, true, ['name==x']]) {
      const error = refusal(() => prepareFilter(bad as never));
      expect(error.message).toBe('filter must be an RSQL string, an @bio/rsql node or an EMX2 filter object');
    }
  });

  it('checks operators anywhere in the tree, and =rng= takes exactly two values', () => {
    expect(refusal(() => prepareFilter('name==a;(age==1,name=sq=x)')).message).toMatch(/^RSQL operator =sq= \(on "name"\) has no EMX2 equivalent; use == != /);
    expect(refusal(() => prepareFilter('age=rng=(1,2,3)')).message).toBe('=rng= takes two values (from,to), got 3');
    expect(refusal(() => prepareFilter('age=rng=(1)')).message).toBe('=rng= takes two values (from,to), got 1');
    expect(prepareFilter('age=rng=(1,2)').kind).toBe('rsql');
  });

  it('takes an @bio/rsql node (checked) and passes any other object on as an EMX2 filter', () => {
    const node = { type: 'comparison', selector: 'age', operator: '=rng=', args: ['1'] };
    expect(refusal(() => prepareFilter(node as never)).message).toBe('=rng= takes two values (from,to), got 1');
    const or = { type: 'or', children: [{ type: 'comparison', selector: 'age', operator: '==', args: ['1'] }] };
    expect(prepareFilter(or as never)).toEqual({ kind: 'rsql', node: or });
    // Not a node: a comparison needs a string selector, and/or need a children array.
    for (const other of [{ type: 'comparison', selector: 3 }, { type: 'and', children: 'x' }, { type: 'xor', children: [] }, { age: { equals: [1] } }]) {
      expect(prepareFilter(other as never)).toEqual({ kind: 'emx2', filter: other });
    }
  });
});

describe('RSQL values typed by column', () => {
  it('integers, longs, decimals and booleans become numbers and booleans', () => {
    expect(compile('age==-3')).toEqual({ age: { equals: [-3] } });
    expect(compile('legs==4')).toEqual({ legs: { equals: [4] } });
    expect(compile('big==12')).toEqual({ big: { equals: [12] } });
    // A LONG beyond the safe integers stays text, never a rounded number.
    expect(compile('big==9007199254740993')).toEqual({ big: { equals: ['9007199254740993'] } });
    expect(compile('weight==2.5')).toEqual({ weight: { equals: [2.5] } });
    expect(compile('weight==1e3')).toEqual({ weight: { equals: [1000] } });
    expect(compile('alive==true')).toEqual({ alive: { equals: [true] } });
    expect(compile('alive==false')).toEqual({ alive: { equals: [false] } });
    expect(compile('scores=in=(1,2)')).toEqual({ scores: { equals: [1, 2] } });
    expect(compile('tags==x')).toEqual({ tags: { equals: ['x'] } });
    expect(compile('born=ge=2020-01-02')).toEqual({ born: { between: ['2020-01-02', null] } });
  });

  it('refuses text that is not of the column type, naming value, column and type', () => {
    const cases: [string, string][] = [
      ['age==1.5', 'filter: "1.5" is not an integer (column "age" is INT)'],
      ['age==x3', 'filter: "x3" is not an integer (column "age" is INT)'],
      ['age==3x', 'filter: "3x" is not an integer (column "age" is INT)'],
      ['scores==a', 'filter: "a" is not an integer (column "scores" is INT_ARRAY)'],
      ['big==1e3', 'filter: "1e3" is not an integer (column "big" is LONG)'],
      ['big==x1', 'filter: "x1" is not an integer (column "big" is LONG)'],
      ['big==1x', 'filter: "1x" is not an integer (column "big" is LONG)'],
      ['weight==heavy', 'filter: "heavy" is not a number (column "weight" is DECIMAL)'],
      ['weight==Infinity', 'filter: "Infinity" is not a number (column "weight" is DECIMAL)'],
      ['weight==" "', 'filter: " " is not a number (column "weight" is DECIMAL)'],
      ['alive==TRUE', 'filter: "TRUE" is not true or false (column "alive" is BOOL)'],
      ['alive==1', 'filter: "1" is not true or false (column "alive" is BOOL)'],
    ];
    for (const [filter, message] of cases) {
      const error = refusal(() => compile(filter));
      expect(error.message, filter).toBe(message);
      expect(error.field).toBe('filter');
    }
  });
});

describe('RSQL selectors', () => {
  it('a selector resolves to the column id (any case); a dotted path nests through references', () => {
    expect(compile('seenAt=le=2020-01-02T10:00')).toEqual({ seenAt: { between: [null, '2020-01-02T10:00'] } });
    expect(compile('AGE==1')).toEqual({ age: { equals: [1] } });
    expect(compile('category.parent.name==pets')).toEqual({ category: { parent: { name: { equals: ['pets'] } } } });
    expect(compile('friends.name==tom')).toEqual({ friends: { name: { equals: ['tom'] } } });
  });

  it('a reference compared to a value compares its one-column key, through several levels', () => {
    expect(compile('category==cat')).toEqual({ category: { name: { equals: ['cat'] } } });
    expect(compile('category.parent==animal')).toEqual({ category: { parent: { name: { equals: ['animal'] } } } });
    expect(compile('friends=in=(tom,jerry)')).toEqual({ friends: { name: { equals: ['tom', 'jerry'] } } });
  });

  it('refuses a path through a non-reference and a reference to a table with a composite key', () => {
    const notReference = refusal(() => compile('name.first==x'));
    expect(notReference.message).toBe('filter: "name" of "Pet" is not a reference, so "name.first" goes nowhere');
    expect(notReference.field).toBe('filter');
    const composite = refusal(() => compile('owner==x'));
    expect(composite.message).toBe('filter: "owner" refers to "Owner", whose key has 2 columns; name one (owner.first)');
    expect(composite.field).toBe('filter');
    const unknown = refusal(() => compile('category.nmae==x'));
    expect(unknown.field).toBe('filter');
    expect(unknown.message).toMatch(/"nmae".*did you mean "name"/);
    expect(compile('owner.last==x')).toEqual({ owner: { last: { equals: ['x'] } } });
  });
});

describe('RSQL operators', () => {
  it('maps each comparison to its EMX2 operator', () => {
    expect(compile('name=in=(a,b)')).toEqual({ name: { equals: ['a', 'b'] } });
    expect(compile('name!=a')).toEqual({ name: { not_equals: ['a'] } });
    expect(compile('name=out=(a,b)')).toEqual({ name: { not_equals: ['a', 'b'] } });
    expect(compile('age=le=3')).toEqual({ age: { between: [null, 3] } });
    expect(compile('age=ge=3')).toEqual({ age: { between: [3, null] } });
    expect(compile('age=lt=3')).toEqual({ _and: [{ age: { between: [null, 3] } }, { age: { not_equals: [3] } }] });
    expect(compile('age=gt=3')).toEqual({ _and: [{ age: { between: [3, null] } }, { age: { not_equals: [3] } }] });
    expect(compile('age=rng=(1,4)')).toEqual({ age: { between: [1, 4] } });
    expect(compile('name=like=om')).toEqual({ name: { like: ['om'] } });
    expect(compile('name=notlike=om')).toEqual({ name: { not_like: ['om'] } });
    expect(compile('*=q="big cat"')).toEqual({ _search: 'big cat' });
  });

  it('combines with _and and _or, nested', () => {
    expect(compile('name==a;(age==1,age==2)')).toEqual({
      _and: [{ name: { equals: ['a'] } }, { _or: [{ age: { equals: [1] } }, { age: { equals: [2] } }] }],
    });
  });

  it('refuses order comparisons on unordered columns, like on arrays and =q= on a column', () => {
    for (const op of ['=lt=', '=le=', '=gt=', '=ge=']) {
      const error = refusal(() => compile(`name${op}m`));
      expect(error.message).toBe(`${op} on "name" (STRING): EMX2 compares only numbers, dates and periods by order`);
      expect(error.field).toBe('filter');
    }
    expect(refusal(() => compile('tags=like=x')).field).toBe('filter');
    expect(refusal(() => compile('name=q=x')).field).toBe('filter');
    expect(refusal(() => compile('name=rng=(a,b)')).message).toMatch(/^=rng= on "name" \(STRING\)/);
    expect(refusal(() => compile('alive=ge=true')).message).toMatch(/^=ge= on "alive" \(BOOL\)/);
    for (const c of ['age', 'legs', 'big', 'weight', 'scores'])
      expect(compile(`${c}=gt=1`)).toEqual({ _and: [{ [c]: { between: [1, null] } }, { [c]: { not_equals: [1] } }] });
    expect(compile('seenAt=lt=2020-01-01')).toEqual({ _and: [{ seenAt: { between: [null, '2020-01-01'] } }, { seenAt: { not_equals: ['2020-01-01'] } }] });
    expect(refusal(() => compile('tags=like=x')).message).toBe(`=like= on "tags": EMX2's like never matches array columns; use ==`);
    // Through a reference array the comparison is on the referenced key, a plain column.
    expect(compile('friends=notlike=x')).toEqual({ friends: { name: { not_like: ['x'] } } });
    expect(refusal(() => compile('name=q=x')).message).toBe(`=q= on "name": EMX2's text search covers the whole row; write *=q=x`);
  });
});

describe('EMX2 filter objects', () => {
  it('resolve column names to ids, recurse into references and _and/_or (a single object too)', () => {
    expect(
      compile({
        'seen at': { between: [new Date('2020-01-02T03:04:05.678Z'), null] },
        big: { equals: [12n, 3] },
        category: { parent: { name: { equals: ['pets'] } } },
        _or: { age: { equals: [1] } },
        _and: [{ name: { like: 'x' } }],
        _search: 'cat',
        name: undefined,
      }),
    ).toEqual({
      seenAt: { between: ['2020-01-02T03:04:05.678', null] },
      big: { equals: ['12', 3] },
      category: { parent: { name: { equals: ['pets'] } } },
      _or: [{ age: { equals: [1] } }],
      _and: [{ name: { like: 'x' } }],
      _search: 'cat',
    });
  });

  it('passes object-level equals / not_equals on, with Dates as EMX2 text', () => {
    expect(compile({ equals: [{ name: 'tom' }], not_equals: new Date('2020-01-02T00:00:00Z') })).toEqual({
      equals: [{ name: 'tom' }],
      not_equals: '2020-01-02T00:00:00.000',
    });
  });

  it('refuses a column value that is not { operator: value }, two operators, and unknown operators', () => {
    expect(refusal(() => compile({ age: 3 } as never)).message).toBe('filter.age must be { operator: value }, e.g. { equals: [...] }');
    expect(refusal(() => compile({ age: [3] } as never)).field).toBe('filter.age');
    expect(refusal(() => compile({ age: null } as never)).field).toBe('filter.age');
    expect(refusal(() => compile({ age: { equals: [1], between: [0, 2] } } as never)).message).toBe(
      'filter.age: EMX2 takes exactly one operator per column, got 2 (combine with _and)',
    );
    expect(refusal(() => compile({ age: {} } as never)).message).toMatch(/got 0 \(combine with _and\)$/);
    // An undefined operator does not count.
    expect(compile({ age: { equals: [1], between: undefined } } as never)).toEqual({ age: { equals: [1] } });
    expect(refusal(() => compile({ age: { greater: 1 } } as never)).message).toMatch(/^filter\.age: unknown operator "greater" \(equals, not_equals, like, /);
    expect(refusal(() => compile({ _and: [{ age: 1 }] } as never)).message).toBe('filter._and[0].age must be { operator: value }, e.g. { equals: [...] }');
    expect(refusal(() => compile({ _or: ['x'] } as never)).message).toBe('filter._or[0] must be a filter object');
    expect(refusal(() => compile({ category: { parent: 3 } } as never)).message).toBe('filter.category.parent must be a filter object');
  });

  it('accepts every EMX2 column operator', () => {
    for (const op of [
      'equals',
      'not_equals',
      'like',
      'not_like',
      'between',
      'not_between',
      'is_null',
      'match_any',
      'match_all',
      'text_search',
      'trigram_search',
    ]) {
      expect(compile({ name: { [op]: ['x'] } } as never)).toEqual({ name: { [op]: ['x'] } });
    }
  });
});
