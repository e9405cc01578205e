import { describe, expect, it } from 'vitest';
import { defineOperators, molgenisOperators, parse } from '../../src/index.js';
import { AND, c, OR } from './helpers.js';

describe('parse: comparisons', () => {
  it('reads selector, operator and a bare value', () => {
    expect(parse('name==Jan')).toEqual(c('name', '==', 'Jan'));
  });

  it.each([
    ['a==1', '=='],
    ['a!=1', '!='],
    ['a=lt=1', '=lt='],
    ['a<1', '=lt='],
    ['a=le=1', '=le='],
    ['a<=1', '=le='],
    ['a=gt=1', '=gt='],
    ['a>1', '=gt='],
    ['a=ge=1', '=ge='],
    ['a>=1', '=ge='],
  ])('%s has canonical operator %s', (input, operator) => {
    expect(parse(input)).toEqual(c('a', operator, '1'));
  });

  it('reads multi-value lists', () => {
    expect(parse('a=in=(x,y,z)')).toEqual(c('a', '=in=', 'x', 'y', 'z'));
    expect(parse('a=out=(x)')).toEqual(c('a', '=out=', 'x'));
  });

  it('accepts a bare value for a multi-valued operator and (x) for a single-valued one', () => {
    expect(parse('a=in=x')).toEqual(c('a', '=in=', 'x'));
    expect(parse('a==(x)')).toEqual(c('a', '==', 'x'));
  });

  it('skips whitespace between all tokens, including tabs and newlines', () => {
    expect(parse(' a == 1 ')).toEqual(c('a', '==', '1'));
    expect(parse('( a==1 ; b==2 )')).toEqual(AND(c('a', '==', '1'), c('b', '==', '2')));
    expect(parse('a=in=( x , y )')).toEqual(c('a', '=in=', 'x', 'y'));
    expect(parse('a==1\n;\tb==2\r\n')).toEqual(AND(c('a', '==', '1'), c('b', '==', '2')));
  });

  it('allows any unreserved character in selectors and values, including non-ASCII and astral', () => {
    expect(parse('ref.attr==*.:/@$-_+&#%\\')).toEqual(c('ref.attr', '==', '*.:/@$-_+&#%\\'));
    expect(parse('naam==Zoë;😀==𝄞')).toEqual(AND(c('naam', '==', 'Zoë'), c('😀', '==', '𝄞')));
    expect(parse('path==C:\\temp')).toEqual(c('path', '==', 'C:\\temp'));
    // other Unicode spaces are ordinary characters; only space, tab, CR and LF separate tokens
    expect(parse('a==x\u00a0y')).toEqual(c('a', '==', 'x\u00a0y'));
  });
});

describe('parse: quoting', () => {
  it('reads single and double quoted values', () => {
    expect(parse(`a=='x y';b=="p;q"`)).toEqual(AND(c('a', '==', 'x y'), c('b', '==', 'p;q')));
  });

  it('reads empty strings', () => {
    expect(parse(`a=='';b==""`)).toEqual(AND(c('a', '==', ''), c('b', '==', '')));
  });

  it('unescapes backslash + any character', () => {
    expect(parse(String.raw`a=='it\'s'`)).toEqual(c('a', '==', "it's"));
    expect(parse(String.raw`a=="say \"hi\""`)).toEqual(c('a', '==', 'say "hi"'));
    expect(parse(String.raw`a=='\\'`)).toEqual(c('a', '==', '\\'));
    expect(parse(String.raw`a=='\n\u0041'`)).toEqual(c('a', '==', 'nu0041'));
    expect(parse(String.raw`a=='\😀'`)).toEqual(c('a', '==', '😀'));
  });

  it('allows the other quote and reserved characters inside quotes', () => {
    expect(parse(`a=="it's (a) ; , = ! ~ < >"`)).toEqual(c('a', '==', "it's (a) ; , = ! ~ < >"));
    expect(parse(`a=in=('x,y',"z")`)).toEqual(c('a', '=in=', 'x,y', 'z'));
  });

  it('keeps newlines inside quotes', () => {
    expect(parse("a=='line1\nline2'")).toEqual(c('a', '==', 'line1\nline2'));
  });
});

describe('parse: logical operators and precedence', () => {
  it('AND binds tighter than OR', () => {
    const [a, b, cc, d] = ['a', 'b', 'c', 'd'].map((s) => c(s, '==', '1')) as [never, never, never, never];
    expect(parse('a==1;b==1,c==1;d==1')).toEqual(OR(AND(a, b), AND(cc, d)));
    expect(parse('a==1,b==1;c==1')).toEqual(OR(a, AND(b, cc)));
  });

  it('flattens chains into n-ary nodes', () => {
    expect(parse('a==1;b==2;c==3')).toEqual(AND(c('a', '==', '1'), c('b', '==', '2'), c('c', '==', '3')));
    expect(parse('a==1,b==2,c==3')).toEqual(OR(c('a', '==', '1'), c('b', '==', '2'), c('c', '==', '3')));
  });

  it('parentheses override precedence', () => {
    expect(parse('a==1;(b==2,c==3)')).toEqual(AND(c('a', '==', '1'), OR(c('b', '==', '2'), c('c', '==', '3'))));
  });

  it('redundant parentheses leave no trace', () => {
    expect(parse('((a==1))')).toEqual(c('a', '==', '1'));
    expect(parse('(a==1;b==2);c==3')).toEqual(parse('a==1;b==2;c==3'));
    expect(parse('a==1;(b==2;(c==3;d==4))')).toEqual(parse('a==1;b==2;c==3;d==4'));
    expect(parse('(a==1,b==2),(c==3,(d==4))')).toEqual(parse('a==1,b==2,c==3,d==4'));
    expect(parse('(a==1;b==2),c==3')).toEqual(parse('a==1;b==2,c==3'));
    expect(parse('((a==1,b==2));c==3')).toEqual(parse('(a==1,b==2);c==3'));
    expect(parse('x==0,((a==1,b==2))')).toEqual(parse('x==0,a==1,b==2'));
  });

  it('flattens wide groups (more than 16 children) too', () => {
    const items = Array.from({ length: 20 }, (_, i) => c(`a${i}`, '==', String(i)));
    const ands = items.map((n) => `${n.selector}==${n.args[0]}`).join(';');
    const ors = items.map((n) => `${n.selector}==${n.args[0]}`).join(',');
    const b = c('b', '==', 'x');
    expect(parse(`(${ands});b==x`)).toEqual(AND(...items, b));
    expect(parse(`b==x;(${ands})`)).toEqual(AND(b, ...items));
    expect(parse(`((${ands}))`)).toEqual(AND(...items));
    expect(parse(`b==x,(${ors})`)).toEqual(OR(b, ...items));
    expect(parse(`(${ors}),b==x`)).toEqual(OR(...items, b));
    expect(parse(`(${ors});b==x`)).toEqual(AND(OR(...items), b));
    expect(parse(`b==x;((${ands}),(${ands}))`)).toEqual(AND(b, OR(AND(...items), AND(...items))));
  });

  it('reads verbose and/or with surrounding whitespace', () => {
    expect(parse('a==1 and b==2 or c==3')).toEqual(OR(AND(c('a', '==', '1'), c('b', '==', '2')), c('c', '==', '3')));
    expect(parse('a==1   and\tb==2')).toEqual(AND(c('a', '==', '1'), c('b', '==', '2')));
    expect(parse('(a==1) or (b==2)')).toEqual(OR(c('a', '==', '1'), c('b', '==', '2')));
  });

  it('treats and/or without surrounding whitespace as ordinary strings', () => {
    expect(parse('and==2 and or>3')).toEqual(AND(c('and', '==', '2'), c('or', '=gt=', '3')));
    expect(parse('a==and;b==or')).toEqual(AND(c('a', '==', 'and'), c('b', '==', 'or')));
    expect(parse('a==x and and==y')).toEqual(AND(c('a', '==', 'x'), c('and', '==', 'y')));
    expect(parse('a=in=(and,or)')).toEqual(c('a', '=in=', 'and', 'or'));
  });

  it('mixes symbols and words', () => {
    expect(parse('a==1;b==2 or c==3,d==4 and e==5')).toEqual(
      OR(AND(c('a', '==', '1'), c('b', '==', '2')), c('c', '==', '3'), AND(c('d', '==', '4'), c('e', '==', '5'))),
    );
  });
});

describe('parse: operator registries', () => {
  it('accepts the MOLGENIS operators only with molgenisOperators', () => {
    const input = '*=q=celiac;name=like=Jan;x=notlike=y;q=sq=z;age=rng=(18,65)';
    expect(parse(input, { operators: molgenisOperators })).toEqual(
      AND(c('*', '=q=', 'celiac'), c('name', '=like=', 'Jan'), c('x', '=notlike=', 'y'), c('q', '=sq=', 'z'), c('age', '=rng=', '18', '65')),
    );
    expect(() => parse('*=q=celiac')).toThrow(/Unknown operator '=q='/);
  });

  it('resolves user-defined aliases to the canonical symbol', () => {
    const ops = defineOperators([{ symbol: '=ilike=', aliases: ['=icase=', '=ILIKE='], arity: 'single' }]);
    expect(parse('a=icase=x', { operators: ops })).toEqual(c('a', '=ilike=', 'x'));
    expect(parse('a=ILIKE=x', { operators: ops })).toEqual(c('a', '=ilike=', 'x'));
    expect(() => parse('a==x', { operators: ops })).toThrow(/Unknown operator '=='/);
  });
});
