import { describe, expect, it } from 'vitest';
import {
  and,
  comparison,
  defineOperators,
  eq,
  ge,
  gt,
  inList,
  le,
  lt,
  ne,
  or,
  out,
  parse,
  RsqlNodeError,
  rsql,
  serialize,
  toValueString,
} from '../../src/index.js';
import { AND, c, OR } from './helpers.js';

describe('builder', () => {
  it('builds the issue example', () => {
    const node = and(eq('name', 'Jan'), or(gt('age', 30), inList('city', ['Amsterdam', 'Den Haag'])));
    expect(node).toEqual(AND(c('name', '==', 'Jan'), OR(c('age', '=gt=', '30'), c('city', '=in=', 'Amsterdam', 'Den Haag'))));
    expect(serialize(node)).toBe('name==Jan;(age=gt=30,city=in=(Amsterdam,"Den Haag"))');
    expect(parse(serialize(node))).toEqual(node);
  });

  it('has one function per standard operator', () => {
    expect([eq, ne, lt, le, gt, ge].map((f) => f('a', 1).operator)).toEqual(['==', '!=', '=lt=', '=le=', '=gt=', '=ge=']);
    expect(inList('a', [1, 2])).toEqual(c('a', '=in=', '1', '2'));
    expect(out('a', ['x'])).toEqual(c('a', '=out=', 'x'));
  });

  it('converts numbers, bigints, booleans and dates to strings', () => {
    expect(eq('a', 42).args).toEqual(['42']);
    expect(eq('a', -1.5).args).toEqual(['-1.5']);
    expect(eq('a', -0).args).toEqual(['0']);
    expect(eq('a', 10n).args).toEqual(['10']);
    expect(eq('a', true).args).toEqual(['true']);
    expect(eq('a', new Date(Date.UTC(2024, 0, 31, 12))).args).toEqual(['2024-01-31T12:00:00.000Z']);
    expect(toValueString(false)).toBe('false');
  });

  it('rejects values that have no faithful string form', () => {
    expect(() => eq('a', Number.NaN)).toThrow(RsqlNodeError);
    expect(() => eq('a', Number.POSITIVE_INFINITY)).toThrow(/finite/);
    expect(() => eq('a', new Date('nope'))).toThrow(/invalid Date/);
    expect(() => eq('a', null as unknown as string)).toThrow(/unsupported value type null/);
    expect(() => eq('a', ['x'] as unknown as string)).toThrow(/single value/);
  });

  it('validates selectors and arity eagerly', () => {
    expect(() => eq('', 'x')).toThrow(/invalid selector/);
    expect(() => eq('a b', 'x')).toThrow(/invalid selector/);
    expect(() => inList('a', [])).toThrow(/at least one value/);
    expect(() => comparison('a', '==', ['x', 'y'])).toThrow(/single value/);
    expect(() => comparison('a', 'eq', 'x')).toThrow(/invalid operator/);
    expect(() => comparison('a', '=like=', ['x', 'y'])).toThrow(/single value/);
    expect(() => inList('a', 'x' as unknown as string[])).toThrow(/array/);
  });

  it('comparison resolves aliases and accepts MOLGENIS and custom operators', () => {
    expect(comparison('a', '>=', 5)).toEqual(c('a', '=ge=', '5'));
    expect(comparison('*', '=q=', 'coeliac disease')).toEqual(c('*', '=q=', 'coeliac disease'));
    expect(comparison('age', '=rng=', [18, 65])).toEqual(c('age', '=rng=', '18', '65'));
    expect(comparison('a', '=custom=', ['x', 'y'])).toEqual(c('a', '=custom=', 'x', 'y'));
  });

  it('comparison with a registry enforces it', () => {
    const ops = defineOperators([{ symbol: '=ilike=', aliases: ['=icase='], arity: 'single' }]);
    expect(comparison('a', '=icase=', 'x', { operators: ops })).toEqual(c('a', '=ilike=', 'x'));
    expect(() => comparison('a', '==', 'x', { operators: ops })).toThrow(/unknown operator/);
    expect(() => comparison('a', '=ilike=', ['x', 'y'], { operators: ops })).toThrow(/single value/);
  });

  it('and/or flatten same-type children', () => {
    const a = eq('a', 1);
    const b = eq('b', 2);
    const d = eq('d', 4);
    expect(and(and(a, b), d)).toEqual(AND(a, b, d));
    expect(or(a, or(b, d))).toEqual(OR(a, b, d));
    expect(and(or(a, b), d)).toEqual(AND(OR(a, b), d));
  });

  it('and/or with one node return it; with none they raise', () => {
    const a = eq('a', 1);
    expect(and(a)).toBe(a);
    expect(or(...[a])).toBe(a);
    expect(() => and()).toThrow(RsqlNodeError);
    expect(() => or(null as never, a)).toThrow(/not a node/);
    expect(() => and({ type: 'xor' } as never, a)).toThrow(/unknown type/);
  });

  it('rsql<Row>() builds the same nodes', () => {
    interface Patient {
      name: string;
      age: number;
      born: Date;
      city: string | null;
    }
    const q = rsql<Patient>();
    const node = q.and(q.eq('name', 'Jan'), q.inList('city', ['Amsterdam']), q.gt('age', 30), q.le('born', new Date(0)));
    expect(serialize(node)).toBe('name==Jan;city=in=(Amsterdam);age=gt=30;born=le=1970-01-01T00:00:00.000Z');
    const ops = defineOperators([{ symbol: '=ilike=', arity: 'single' }]);
    expect(rsql<Patient>({ operators: ops }).comparison('name', '=ilike=', 'j*')).toEqual(c('name', '=ilike=', 'j*'));
  });
});
