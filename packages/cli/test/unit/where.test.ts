import { describe, expect, it } from 'vitest';
import { isValidationError } from '@bio/core-http';
import { parseWhere } from '../../src/commands/intermine.js';

describe('bio intermine --where', () => {
  it.each([
    ['Gene.length>5000', { path: 'Gene.length', op: '>', value: '5000' }],
    ['Gene.length >= 5000', { path: 'Gene.length', op: '>=', value: '5000' }],
    ['Gene.symbol=eve', { path: 'Gene.symbol', op: '=', value: 'eve' }],
    ['Gene.symbol != eve', { path: 'Gene.symbol', op: '!=', value: 'eve' }],
    ['Gene.symbol ONE OF eve, zen', { path: 'Gene.symbol', op: 'ONE OF', value: ['eve', 'zen'] }],
    ['Gene.symbol none of eve', { path: 'Gene.symbol', op: 'NONE OF', value: ['eve'] }],
    ['Gene IN demo-list', { path: 'Gene', op: 'IN', value: 'demo-list' }],
    ['Gene LOOKUP eve', { path: 'Gene', op: 'LOOKUP', value: 'eve' }],
    ['Gene.name CONTAINS even skipped', { path: 'Gene.name', op: 'CONTAINS', value: 'even skipped' }],
    ['Gene.symbol IS NOT NULL', { path: 'Gene.symbol', op: 'IS NOT NULL' }],
  ])('%s', (text, expected) => {
    expect(parseWhere(text)).toEqual(expected);
  });

  it.each(['Gene.symbol', 'Gene.symbol ~ eve', 'Gene.length>', 'Gene.symbol ONE OF', '>5'])('rejects %j with a ValidationError', (text) => {
    let caught: unknown;
    try {
      parseWhere(text);
    } catch (error) {
      caught = error;
    }
    expect(isValidationError(caught)).toBe(true);
  });
});
