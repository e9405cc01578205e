import { describe, expect, it } from 'vitest';
import { defaultOperators, defineOperators, isRsqlNodeError, molgenisOperators, type Node, parse, RsqlNodeError, serialize } from '../../src/index.js';
import { AND, c, OR } from './helpers.js';

describe('serialize: canonical output', () => {
  it('writes FIQL symbols without spaces', () => {
    expect(serialize(AND(c('a', '==', '1'), c('b', '=gt=', '2')))).toBe('a==1;b=gt=2');
    expect(serialize(OR(c('a', '==', '1'), c('b', '!=', '2')))).toBe('a==1,b!=2');
  });

  it('writes aliases as their canonical symbol', () => {
    expect(serialize(AND(c('a', '<', '1'), c('b', '>=', '2')))).toBe('a=lt=1;b=ge=2');
  });

  it('parenthesizes an OR inside an AND only', () => {
    expect(serialize(AND(c('a', '==', '1'), OR(c('b', '==', '2'), c('c', '==', '3'))))).toBe('a==1;(b==2,c==3)');
    expect(serialize(OR(c('a', '==', '1'), AND(c('b', '==', '2'), c('c', '==', '3'))))).toBe('a==1,b==2;c==3');
    expect(serialize(AND(OR(c('a', '==', '1'), AND(c('b', '==', '2'), c('c', '==', '3'))), c('d', '==', '4')))).toBe('(a==1,b==2;c==3);d==4');
  });

  it('writes multi-valued operators as lists, even with one value', () => {
    expect(serialize(c('a', '=in=', 'x', 'y'))).toBe('a=in=(x,y)');
    expect(serialize(c('a', '=out=', 'x'))).toBe('a=out=(x)');
  });

  it('verbose uses and/or words', () => {
    const node = AND(c('a', '==', '1'), OR(c('b', '==', '2'), c('c', '==', '3')));
    expect(serialize(node, { verbose: true })).toBe('a==1 and (b==2 or c==3)');
    expect(parse(serialize(node, { verbose: true }))).toEqual(node);
  });

  it('writes a flat tree for same-type nesting', () => {
    expect(serialize(AND(AND(c('a', '==', '1'), c('b', '==', '2')), c('c', '==', '3')))).toBe('a==1;b==2;c==3');
  });
});

describe('serialize: quoting', () => {
  it.each([
    ['plain', 'plain'],
    ['Zoë😀', 'Zoë😀'],
    ['C:\\temp', 'C:\\temp'],
    ['*.:/@$-_+&#%', '*.:/@$-_+&#%'],
    ['', '""'],
    ['a b', '"a b"'],
    ['a\tb', '"a\tb"'],
    ['line\n', '"line\n"'],
    ['x\u00a0y', '"x\u00a0y"'],
    ['=gt=', '"=gt="'],
    ['(x)', '"(x)"'],
    ['a;b', '"a;b"'],
    ['a,b', '"a,b"'],
    ['!', '"!"'],
    ['~', '"~"'],
    ['<', '"<"'],
    ['>', '">"'],
    ["it's", `"it's"`],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash "q"', '"back\\\\slash \\"q\\""'],
    ['x and y', '"x and y"'],
    [' or ', '" or "'],
  ])('%j is written as %s', (value, expected) => {
    expect(serialize(c('a', '==', value))).toBe(`a==${expected}`);
    expect(parse(serialize(c('a', '==', value)))).toEqual(c('a', '==', value));
  });

  it('escapes only backslash and the chosen quote', () => {
    expect(serialize(c('a', '==', `it's "x" \\`), { quote: "'" })).toBe(`a=='it\\'s "x" \\\\'`);
    expect(serialize(c('a', '==', `it's "x" \\`), { quote: '"' })).toBe(`a=="it's \\"x\\" \\\\"`);
  });

  it('leaves keywords unquoted where they cannot be misread', () => {
    const node = AND(c('and', '==', 'or'), c('or', '==', 'and'));
    expect(serialize(node)).toBe('and==or;or==and');
    expect(serialize(node, { verbose: true })).toBe('and==or and or==and');
    expect(parse(serialize(node, { verbose: true }))).toEqual(node);
  });
});

describe('serialize: invalid nodes raise RsqlNodeError', () => {
  it.each<[string, unknown, RegExp]>([
    ['empty selector', c('', '==', 'x'), /invalid selector ""/],
    ['selector with space', c('a b', '==', 'x'), /invalid selector/],
    ['selector with reserved character', c('a=b', '==', 'x'), /invalid selector/],
    ['quoted selector', c("'a'", '==', 'x'), /invalid selector/],
    ['malformed operator', c('a', '===', 'x'), /invalid operator "==="/],
    ['word operator', c('a', 'eq', 'x'), /invalid operator "eq"/],
    ['MOLGENIS single-valued operator with two values', c('a', '=like=', 'x', 'y'), /takes a single value, got 2/],
    ['arity violation', c('a', '==', 'x', 'y'), /takes a single value, got 2/],
    ['no values', c('a', '=in='), /needs at least one value/],
    ['non-string value', { type: 'comparison', selector: 'a', operator: '==', args: [1] }, /must be a string/],
    ['empty and', AND(), /and node needs at least 2 children, got 0/],
    ['or with one child', OR(c('a', '==', '1')), /or node needs at least 2 children, got 1/],
    ['unknown type', { type: 'not', children: [] }, /unknown node type "not"/],
    ['null', null, /expected a node, got null/],
  ])('%s', (_label, node, message) => {
    expect(() => serialize(node as Node)).toThrow(RsqlNodeError);
    expect(() => serialize(node as Node)).toThrow(message);
  });

  it('reports the path to the offending node', () => {
    const node = AND(c('a', '==', '1'), OR(c('b', '==', '2'), c('', '==', '3')));
    try {
      serialize(node);
      expect.unreachable();
    } catch (error) {
      expect(isRsqlNodeError(error)).toBe(true);
      expect((error as RsqlNodeError).path).toEqual([1, 1]);
      expect((error as RsqlNodeError).name).toBe('RsqlNodeError');
      expect((error as RsqlNodeError).code).toBe('RSQL_INVALID_NODE');
    }
  });

  it('rejects cycles instead of hanging', () => {
    const node = { type: 'and', children: [c('a', '==', '1')] } as { type: 'and'; children: Node[] };
    node.children.push(node);
    expect(() => serialize(node)).toThrow(/cyclic tree/);
  });

  it('accepts shared subtrees', () => {
    const shared = OR(c('a', '==', '1'), c('b', '==', '2'));
    expect(serialize(AND(shared, shared))).toBe('(a==1,b==2);(a==1,b==2)');
  });

  it('rejects an invalid quote option', () => {
    expect(() => serialize(c('a', '==', 'x'), { quote: '`' as '"' })).toThrow(RsqlNodeError);
  });

  it('isRsqlNodeError matches by name and code', () => {
    expect(isRsqlNodeError(Object.assign(new Error('x'), { name: 'RsqlNodeError', code: 'RSQL_INVALID_NODE' }))).toBe(true);
    expect(isRsqlNodeError(new Error('x'))).toBe(false);
  });
});

describe('serialize: registries', () => {
  it('without a registry writes MOLGENIS and custom operators (like parse output with any registry)', () => {
    expect(serialize(c('*', '=q=', 'x y'))).toBe('*=q="x y"');
    expect(serialize(c('age', '=rng=', '18', '65'))).toBe('age=rng=(18,65)');
    expect(serialize(c('a', '=custom=', 'x'))).toBe('a=custom=x');
    expect(serialize(c('a', '=custom=', 'x', 'y'))).toBe('a=custom=(x,y)');
    expect(serialize(c('a', '>', '1'))).toBe('a=gt=1');
  });

  it('with a registry rejects operators it does not know', () => {
    expect(() => serialize(c('a', '=q=', 'x'), { operators: defaultOperators })).toThrow(/unknown operator "=q="/);
    expect(() => serialize(c('a', '=q=', 'x'), { operators: defaultOperators })).toThrow(RsqlNodeError);
  });

  it('uses the registry for aliases and arity', () => {
    expect(serialize(c('age', '=rng=', '18', '65'), { operators: molgenisOperators })).toBe('age=rng=(18,65)');
    const ops = defineOperators([{ symbol: '=ilike=', aliases: ['=icase='], arity: 'single' }]);
    expect(serialize(c('a', '=icase=', 'x'), { operators: ops })).toBe('a=ilike=x');
  });

  it('serializes 10,000 levels of nesting iteratively', () => {
    let node: Node = c('x', '==', '0');
    for (let i = 0; i < 10_000; i++) node = i % 2 === 0 ? AND(c('a', '==', '1'), node) : OR(c('a', '==', '1'), node);
    const text = serialize(node);
    expect(text.startsWith('a==1,a==1;(a==1,a==1;(')).toBe(true);
    // (deep equality of 10,000 levels would overflow the test runner's recursive comparison)
    expect(serialize(parse(text))).toBe(text);
  });
});
