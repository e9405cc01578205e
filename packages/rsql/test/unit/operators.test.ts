import { describe, expect, it } from 'vitest';
import { defaultOperators, defineOperators, molgenisOperators } from '../../src/index.js';

describe('operator registries', () => {
  it('defaultOperators holds the standard set with aliases and arity', () => {
    expect([...defaultOperators].map((op) => [op.symbol, op.aliases, op.arity])).toEqual([
      ['==', [], 'single'],
      ['!=', [], 'single'],
      ['=lt=', ['<'], 'single'],
      ['=le=', ['<='], 'single'],
      ['=gt=', ['>'], 'single'],
      ['=ge=', ['>='], 'single'],
      ['=in=', [], 'multi'],
      ['=out=', [], 'multi'],
    ]);
    expect(defaultOperators.get('<')?.symbol).toBe('=lt=');
    expect(defaultOperators.has('=q=')).toBe(false);
  });

  it('molgenisOperators adds =q= =sq= =like= =notlike= (single) and =rng= (multi)', () => {
    const extra = molgenisOperators.operators.filter((op) => !defaultOperators.has(op.symbol));
    expect(extra.map((op) => [op.symbol, op.arity])).toEqual([
      ['=q=', 'single'],
      ['=sq=', 'single'],
      ['=like=', 'single'],
      ['=notlike=', 'single'],
      ['=rng=', 'multi'],
    ]);
    expect(molgenisOperators.spellings).toContain('>=');
  });

  it('defineOperators extends a registry by spreading it', () => {
    const ops = defineOperators([...defaultOperators, { symbol: '=null=', arity: 'single' }]);
    expect(ops.get('=null=')?.arity).toBe('single');
    expect(ops.get('<=')?.symbol).toBe('=le=');
  });

  it('registries are immutable', () => {
    expect(Object.isFrozen(defaultOperators)).toBe(true);
    expect(Object.isFrozen(defaultOperators.operators)).toBe(true);
    expect(Object.isFrozen(defaultOperators.get('==')!)).toBe(true);
  });

  it.each([
    [[{ symbol: 'eq', arity: 'single' }], /invalid operator symbol "eq"/],
    [[{ symbol: '=a b=', arity: 'single' }], /invalid operator symbol/],
    [[{ symbol: '=a1=', arity: 'single' }], /invalid operator symbol/],
    [[{ symbol: '=x=', aliases: ['~'], arity: 'single' }], /invalid operator symbol "~"/],
    [[{ symbol: '=x=', arity: 'none' }], /arity must be 'single' or 'multi'/],
    [[{ symbol: '=x=' }], /=x=: arity must be 'single' or 'multi', got undefined/],
    [[null], /operator definition must be an object/],
    [['=x='], /operator definition must be an object/],
    [
      [
        { symbol: '=x=', arity: 'single' },
        { symbol: '=y=', aliases: ['=x='], arity: 'multi' },
      ],
      /=x= is defined twice/,
    ],
  ])('rejects invalid definitions %#', (defs, message) => {
    expect(() => defineOperators(defs as never)).toThrow(TypeError);
    expect(() => defineOperators(defs as never)).toThrow(message);
  });
});
