import { describe, expect, it } from 'vitest';
import { and, comparison, ge, lt, molgenisOperators, or, eq, parse, serialize, toQueryParam } from '../../src/index.js';
import { AND, c, OR } from './helpers.js';

describe('MOLGENIS examples', () => {
  const expected = OR(AND(c('celiac_weight', '=ge=', '80'), c('celiac_height', '=lt=', '180')), c('celiac_gender', '==', 'Female'));

  it('verbose and symbolic forms parse to the same tree', () => {
    const verbose = parse('(celiac_weight>=80 and celiac_height<180) or (celiac_gender==Female)', {
      operators: molgenisOperators,
    });
    const symbolic = parse('(celiac_weight>=80;celiac_height<180),(celiac_gender==Female)', {
      operators: molgenisOperators,
    });
    expect(verbose).toEqual(expected);
    expect(symbolic).toEqual(verbose);
    expect(serialize(verbose)).toBe('celiac_weight=ge=80;celiac_height=lt=180,celiac_gender==Female');
  });

  it('the builder makes the same tree', () => {
    expect(or(and(ge('celiac_weight', 80), lt('celiac_height', 180)), eq('celiac_gender', 'Female'))).toEqual(expected);
  });

  it('reads the MOLGENIS operators, the * selector and dotted reference paths', () => {
    const node = parse("*=q='coeliac disease';patient.city=like=Ams;age=rng=(18,65);x=sq='a:b'", {
      operators: molgenisOperators,
    });
    expect(node).toEqual(AND(c('*', '=q=', 'coeliac disease'), c('patient.city', '=like=', 'Ams'), c('age', '=rng=', '18', '65'), c('x', '=sq=', 'a:b')));
  });

  it('empty values (MOLGENIS null) survive the round trip', () => {
    const node = comparison('comment', '==', '');
    expect(serialize(node)).toBe('comment==""');
    expect(serialize(node, { quote: "'" })).toBe("comment==''");
    expect(parse("comment==''")).toEqual(node);
  });

  it('builds a q parameter safe for Spring (+ is encoded)', () => {
    const q = toQueryParam(and(eq('drug', 'A+B'), comparison('*', '=q=', 'x y')), { operators: molgenisOperators });
    expect(q).toBe('drug==A%2BB;*=q=%22x%20y%22');
  });
});
