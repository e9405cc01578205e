import { describe, expect, it } from 'vitest';
import { defaultOperators, isRsqlSyntaxError, parse, RsqlSyntaxError } from '../../src/index.js';

function fail(input: string): RsqlSyntaxError {
  try {
    parse(input);
  } catch (error) {
    expect(error).toBeInstanceOf(RsqlSyntaxError);
    return error as RsqlSyntaxError;
  }
  throw new Error(`expected ${JSON.stringify(input)} to fail`);
}

describe('RsqlSyntaxError', () => {
  it('has a stable name, code, position, length, expected and a caret message', () => {
    const error = fail('name==Jan;');
    expect(error.name).toBe('RsqlSyntaxError');
    expect(error.code).toBe('RSQL_SYNTAX');
    expect(error.position).toBe(10);
    expect(error.length).toBe(0);
    expect(error.expected).toEqual(['selector', "'('"]);
    expect(error.input).toBe('name==Jan;');
    expect(error.message).toBe("Unexpected end of input at position 10: expected selector or '('.\n  name==Jan;\n            ^");
    expect(error).toBeInstanceOf(Error);
  });

  it('underlines the whole offending token', () => {
    expect(fail('a=foo=1').message).toBe(
      "Unknown operator '=foo=' at position 1: expected ==, !=, =lt=, <, =le=, <=, =gt=, >, =ge=, >=, =in= or =out=.\n  a=foo=1\n   ^^^^^",
    );
  });

  it('shows a window of long inputs, with the caret still aligned', () => {
    const input = `${'a==1;'.repeat(1000)}b==2)${'c==3;'.repeat(1000)}c==3`;
    const error = fail(input);
    expect(error.position).toBe(5004);
    const [, excerpt, caret] = error.message.split('\n') as [string, string, string];
    expect(excerpt.length).toBeLessThan(100);
    expect(excerpt[caret.indexOf('^')]).toBe(')');
  });

  it('aligns the caret after astral characters and tabs', () => {
    const error = fail('😀==1;\t!');
    const [, excerpt, caret] = error.message.split('\n') as [string, string, string];
    expect([...excerpt][caret.indexOf('^')]).toBe('!');
  });

  it('isRsqlSyntaxError also matches by name and code (other package copies)', () => {
    expect(isRsqlSyntaxError(fail('('))).toBe(true);
    const foreign = Object.assign(new Error('x'), { name: 'RsqlSyntaxError', code: 'RSQL_SYNTAX' });
    expect(isRsqlSyntaxError(foreign)).toBe(true);
    expect(isRsqlSyntaxError(new Error('x'))).toBe(false);
    expect(isRsqlSyntaxError(Object.assign(new Error('x'), { name: 'RsqlSyntaxError' }))).toBe(false);
    expect(isRsqlSyntaxError('RsqlSyntaxError')).toBe(false);
  });
});

describe('every invalid input raises RsqlSyntaxError at the right place', () => {
  it.each([
    // [input, position, expected (subset), message fragment]
    ['', 0, ['selector'], 'Empty expression'],
    ['   \t\n', 5, ['selector'], 'Empty expression'],
    ['==1', 0, ['selector', "'('"], "Unexpected '='"],
    ['a', 1, ['comparison operator'], 'end of input'],
    ['a 1', 2, ['comparison operator'], "Unexpected '1'"],
    ['a==', 3, ['value', "'('"], 'end of input'],
    ['a==;b==1', 3, ['value', "'('"], "Unexpected ';'"],
    ['a==1;;b==1', 5, ['selector'], "Unexpected ';'"],
    ['a==1,,b==1', 5, ['selector'], "Unexpected ','"],
    [';a==1', 0, ['selector'], "Unexpected ';'"],
    ['a==1,', 5, ['selector'], 'end of input'],
    ['a==1 and', 8, ['selector'], 'end of input'],
    ['a==1 or ', 8, ['selector'], 'end of input'],
    ['a==1 and or b==1', 12, ['comparison operator'], "Unexpected 'b'"],
    ['a==1 AND b==1', 5, ["';'"], "Unexpected 'A'"],
    ['a==1 and(b==1)', 5, ["';'"], "Unexpected 'a'"],
    ['(a==1', 5, ["')'"], "the '(' at position 0 is not closed"],
    ['((a==1)', 7, ["')'"], "the '(' at position 0 is not closed"],
    ['a==1)', 4, ['end of input'], "Unexpected ')'"],
    ['()', 1, ['selector', "'('"], "Unexpected ')'"],
    ['(a==1)(b==1)', 6, ["';'"], "Unexpected '('"],
    ['a==b(c', 4, ["';'"], "Unexpected '('"],
    ['a==b c', 5, ["';'"], "Unexpected 'c'"],
    ['a==b~c', 4, ["';'"], "Unexpected '~'"],
    ['a==b!', 4, ["';'"], "Unexpected '!'"],
    ['a~=b', 1, ['comparison operator'], "Unexpected '~'"],
    ['a=b', 1, ['=='], 'Invalid comparison operator'],
    ['a=', 1, ['=='], 'Invalid comparison operator'],
    ['a!b', 1, ['=='], 'Invalid comparison operator'],
    ['a=foo=1', 1, ['=='], "Unknown operator '=foo='"],
    ['a=GT=1', 1, ['=gt='], "Unknown operator '=GT='"],
    ['a=q=1', 1, ['=='], "Unknown operator '=q='"],
    ['a==(b,c)', 3, ['a single value'], "Operator '==' takes a single value but got 2"],
    ['a<(1,2)', 2, ['a single value'], 'takes a single value'],
    ['a=in=()', 6, ['value'], "Unexpected ')'"],
    ['a=in=(x,)', 8, ['value'], "Unexpected ')'"],
    ['a=in=(,x)', 6, ['value'], "Unexpected ','"],
    ['a=in=(x;y)', 7, ["','", "')'"], "Unexpected ';'"],
    ['a=in=(x or y)', 8, ["','", "')'"], "Unexpected 'o'"],
    ['a=in=(x', 7, ["','", "')'"], 'end of input'],
    ['a=in=((x))', 6, ['value'], "Unexpected '('"],
    ["a=='x", 3, [`closing "'"`], 'Unclosed quote'],
    ['a=="x\\"', 3, [`closing '"'`], 'Unclosed quote'],
    ["a=='x\\", 3, [`closing "'"`], 'Unclosed quote'],
    ["a=='a''b'", 6, ["';'"], `Unexpected "'"`],
    ["a=='a'b", 6, ["';'"], "Unexpected 'b'"],
    ["'a'==b", 0, ['selector'], `Unexpected "'"`],
    ['"a"==b', 0, ['selector'], `Unexpected '"'`],
    ['a==b\u0000;', 6, ['selector'], 'end of input'],
  ])('%j fails at %i', (input, position, expected, fragment) => {
    const error = fail(input);
    expect(error.position).toBe(position);
    expect(error.expected).toEqual(expect.arrayContaining(expected));
    expect(error.message).toContain(fragment);
    expect(error.position).toBeLessThanOrEqual(input.length);
  });

  it('reports the length of the offending token', () => {
    expect(fail('a==(b,c)').length).toBe(5);
    expect(fail("a=='xyz").length).toBe(4);
    expect(fail('😀==1;😀').length).toBe(0);
    expect(fail('a==1 😀').length).toBe(2);
  });

  it('parses correctly after a failed parse (the parser object is reused)', () => {
    expect(() => parse("a=='unclosed")).toThrow(RsqlSyntaxError);
    expect(() => parse('((a==1', { maxDepth: 1 })).toThrow(/maxDepth/);
    expect(() => parse('a=q=1')).toThrow(/Unknown operator/);
    expect(parse('(a==1)')).toEqual({ type: 'comparison', selector: 'a', operator: '==', args: ['1'] });
  });

  it('survives a registry that calls parse while parsing', () => {
    const reentrant = Object.create(defaultOperators, {
      get: {
        value: (symbol: string) => {
          expect(parse('inner==1;x==2')).toEqual(parse('inner==1;x==2'));
          return defaultOperators.get(symbol);
        },
      },
    });
    expect(parse('a==1;b=in=(x,y)', { operators: reentrant })).toEqual(parse('a==1;b=in=(x,y)'));
  });

  it('rejects non-string input with RsqlSyntaxError', () => {
    expect(() => parse(42 as unknown as string)).toThrow(RsqlSyntaxError);
    expect(() => parse(undefined as unknown as string)).toThrow(RsqlSyntaxError);
  });
});

describe('deep nesting', () => {
  it('parses 10,000 nested parentheses without a stack overflow', () => {
    const depth = 10_000;
    expect(parse(`${'('.repeat(depth)}a==1${')'.repeat(depth)}`)).toEqual({
      type: 'comparison',
      selector: 'a',
      operator: '==',
      args: ['1'],
    });
  });

  it('parses 10,000 alternating nested groups into a deep tree', () => {
    const depth = 10_000;
    let input = 'x==0';
    for (let i = 0; i < depth; i++) input = `a==${i}${i % 2 === 0 ? ';' : ','}(${input})`;
    let node = parse(input);
    let levels = 0;
    while (node.type !== 'comparison') {
      levels++;
      node = node.children[1] as typeof node;
    }
    expect(levels).toBe(depth);
  });

  it('flattens 10,000 right-nested same-type groups in linear time', () => {
    const depth = 10_000;
    const input = `${'a==1;('.repeat(depth)}a==1${')'.repeat(depth)}`;
    const node = parse(input);
    expect(node.type === 'and' && node.children.length).toBe(depth + 1);
  });

  it('unclosed deep nesting is a syntax error', () => {
    expect(fail(`${'('.repeat(100_000)}a==1`).position).toBe(100_004);
  });

  it('maxDepth limits nesting with a syntax error', () => {
    expect(() => parse('((a==1))', { maxDepth: 1 })).toThrow(/Nesting deeper than maxDepth 1/);
    expect(parse('((a==1))', { maxDepth: 2 })).toEqual({ type: 'comparison', selector: 'a', operator: '==', args: ['1'] });
  });
});
