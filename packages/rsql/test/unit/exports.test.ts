import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

describe('public surface', () => {
  it('exports every name of the contract', () => {
    const names = [
      'parse',
      'serialize',
      'eq',
      'ne',
      'lt',
      'le',
      'gt',
      'ge',
      'inList',
      'out',
      'and',
      'or',
      'comparison',
      'defaultOperators',
      'molgenisOperators',
      'defineOperators',
      'RsqlSyntaxError',
      'isRsqlSyntaxError',
      'RsqlNodeError',
      'isRsqlNodeError',
      'walk',
      'fold',
      'toQueryParam',
      'rsql',
    ];
    for (const name of names) expect(api, name).toHaveProperty(name);
  });

  it('exports nothing unexpected', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'RsqlNodeError',
        'RsqlSyntaxError',
        'and',
        'comparison',
        'defaultOperators',
        'defineOperators',
        'eq',
        'fold',
        'ge',
        'gt',
        'inList',
        'isComparisonNode',
        'isLogicNode',
        'isRsqlNodeError',
        'isRsqlSyntaxError',
        'le',
        'lt',
        'molgenisOperators',
        'ne',
        'normalize',
        'or',
        'out',
        'parse',
        'rsql',
        'serialize',
        'toQueryParam',
        'toValueString',
        'walk',
      ].sort(),
    );
  });
});
