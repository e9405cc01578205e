// RSQL (string or @bio/rsql tree) compiled to EMX2 filters, EMX2 filter objects checked.
import { and, eq, gt, inList, parse } from '@bio/rsql';
import { describe, expect, it } from 'vitest';
import { isValidationError, ValidationError } from '../../src/emx2/index.js';
import { emx2, sentQueries, useEmx2Simulator } from './helpers.js';

const sim = useEmx2Simulator();
const pets = () => emx2().schema('pet store').table<{ name: string; weight: number | null }>('Pet');
const samples = () => emx2().schema('synthetic').table<{ id: string; index: number; value: number | null }>('Sample');
const names = async (filter: Parameters<ReturnType<typeof pets>['rows']>[0]) =>
  (
    await pets()
      .rows({ ...filter, columns: ['name'] })
      .toArray()
  )
    .map((r) => r.name)
    .sort();

/** The filter variable sent with the last row query. */
function lastFilter(): unknown {
  return sentQueries(sim)
    .filter((q) => q.query.includes('Pet(') || q.query.includes('Sample('))
    .at(-1)?.variables?.filter;
}

describe('RSQL to EMX2', () => {
  it('compiles == and =in= on a reference to the key, and/or to _and/_or', async () => {
    expect(await names({ filter: 'category==cat' })).toEqual(['pooky', 'sylvester', 'tom']);
    expect(lastFilter()).toEqual({ category: { name: { equals: ['cat'] } } });
    expect(await names({ filter: 'category.name=in=(dog,bird),name==tom' })).toEqual(['spike', 'tom', 'tweety']);
    expect(lastFilter()).toEqual({ _or: [{ category: { name: { equals: ['dog', 'bird'] } } }, { name: { equals: ['tom'] } }] });
  });

  it('compiles strict comparisons exactly (between plus not_equals) and inclusive ones to between', async () => {
    const lt = await samples()
      .rows({ filter: 'index=lt=3', columns: ['index'] })
      .toArray();
    expect(lt.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(lastFilter()).toEqual({ _and: [{ index: { between: [null, 3] } }, { index: { not_equals: [3] } }] });
    const ge = await samples().count('index=ge=2497');
    expect(ge).toBe(3);
    expect(await names({ filter: 'weight=gt=9.4' })).toEqual(['smaug', 'spike']);
    expect(await names({ filter: 'weight=rng=(1,4)' })).toEqual(['sylvester', 'tom']);
  });

  it('compiles != and =out= to not_equals (EMX2 includes empty values) and =like=', async () => {
    expect(await names({ filter: 'status!=available' })).toEqual(['smaug', 'spike', 'yakul']);
    expect(lastFilter()).toEqual({ status: { not_equals: ['available'] } });
    expect(await names({ filter: 'name=like=ER' })).toEqual(['jerry', 'sylvester', 'the very hungry caterpillar']);
    expect(await names({ filter: 'name=notlike=e' })).toEqual(['pooky', 'smaug', 'tom', 'yakul']);
  });

  it('compiles =like= on an array of references to the referenced key (a value, not an array)', async () => {
    const tagged = await names({ filter: 'tags=like=re' });
    expect(lastFilter()).toEqual({ tags: { name: { like: ['re'] } } });
    expect(tagged.length).toBeGreaterThan(0);
    const all = await pets()
      .rows({ columns: ['name', 'tags'] })
      .toArray();
    const expected = all.filter((p) => ((p as { tags?: { name: string }[] }).tags ?? []).some((t) => t.name.toLowerCase().includes('re'))).map((p) => p.name);
    expect(tagged).toEqual(expected.sort());
  });

  it('compiles *=q= to _search (every term must occur)', async () => {
    expect(await names({ filter: '*=q="hungry cat"' })).toEqual(['the very hungry caterpillar']);
    expect(lastFilter()).toEqual({ _search: 'hungry cat' });
  });

  it('takes an @bio/rsql tree as well as a string', async () => {
    expect(await names({ filter: and(eq('category', 'cat'), gt('weight', 2)) })).toEqual(['pooky', 'tom']);
    expect(await names({ filter: inList('name', ['tom', 'jerry']) })).toEqual(['jerry', 'tom']);
    expect(await names({ filter: parse('name==tom') })).toEqual(['tom']);
  });

  it('types values per column and refuses what EMX2 cannot express, before any data request', async () => {
    const from = sim.requests.length;
    expect(() => pets().rows({ filter: 'name=sq=x' })).toThrow(/=sq=.*no EMX2 equivalent/);
    expect(() => pets().rows({ filter: 'name==' })).toThrow(ValidationError);
    expect(sim.requests.length).toBe(from);
    const cases: [string, RegExp][] = [
      ['name=lt=m', /=lt= on "name" \(STRING\)/],
      ['photoUrls=like=x', /never matches array columns/],
      ['weight=like=1', /=like= on "weight" \(DECIMAL\): EMX2 matches only text columns/],
      ['name=q=x', /whole row; write \*=q=x/],
      ['weight==heavy', /"heavy" is not a number/],
      ['colour==red', /unknown column of table "Pet" "colour"/],
      ['status.name==x', /not a reference/],
    ];
    for (const [filter, message] of cases) {
      const error = await pets()
        .rows({ filter })
        .toArray()
        .catch((e: unknown) => e);
      expect(isValidationError(error), filter).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
    // metadata only: no row query was sent for any of them
    expect(sentQueries(sim, from).filter((q) => q.query.includes('Pet('))).toEqual([]);
  });
});

describe('EMX2 filter objects', () => {
  it('are passed on with names resolved to ids, Dates and bigints as text', async () => {
    expect(await samples().count({ 'measured at': { between: [new Date('2020-01-02T00:00:00Z'), new Date('2020-01-02T23:59:59Z')] } })).toBe(2); // rows 1 and 1501
    expect(await samples().count({ _or: [{ index: { equals: [1, 2] } }, { id: { like: 'S00001' } }] })).toBe(12);
  });

  it('refuses two operators on a column, unknown operators and unknown columns', async () => {
    await expect(samples().count({ index: { equals: 1, between: [0, 1] } })).rejects.toThrow(/exactly one operator/);
    await expect(samples().count({ index: { greater: 1 } })).rejects.toThrow(/unknown operator "greater"/);
    await expect(samples().count({ indx: { equals: 1 } })).rejects.toThrow(/did you mean "index"/);
  });
});
