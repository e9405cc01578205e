import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { type ComparisonNode, isRsqlSyntaxError, molgenisOperators, type Node, normalize, parse, serialize, toQueryParam } from '../../src/index.js';

// Fewer runs under mutation testing (scripts/mutation.mjs sets BIO_PROPERTY_RUNS), where every mutant re-runs them.
const RUNS = Number(process.env.BIO_PROPERTY_RUNS ?? 2500);
// thousands of runs per property: allow for a busy CI machine
vi.setConfig({ testTimeout: 120_000 });
const RESERVED = new Set([...`"'();,=!~<> \t\n\r`]);

/** Characters and tokens that exercise the grammar. */
const ALPHABET = [
  ...`"'();,=!~<>\\ \t\n\r`,
  ...'abxyz019_.*-:/@$+&#%',
  'é',
  '中',
  '😀',
  '\u00a0',
  '\u2028',
  ' and ',
  ' or ',
  'and',
  'or',
  '==',
  '!=',
  '=in=',
  '=out=',
  '=gt=',
  '<=',
  '>=',
  '=q=',
  '=rng=',
  '=foo=',
];

const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
const alphabetString = fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 30 });

const selector = fc.string({
  unit: fc.oneof(fc.constantFrom(...'abcXYZ019_.*-:/@$+&#%\\é中😀\u00a0'), anyChar).filter((ch) => !RESERVED.has(ch)),
  minLength: 1,
  maxLength: 8,
});

const value = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 8 }),
  fc.constantFrom('', ' ', '\t', '\n', '\\', "'", '"', 'and', 'or', ' and ', ' or ', '=gt=', '()', '😀', '\u{10FFFF}'),
);

const comparisonNode: fc.Arbitrary<ComparisonNode> = fc
  .tuple(selector, fc.constantFrom(...molgenisOperators.operators), fc.array(value, { minLength: 1, maxLength: 4 }))
  .map(([sel, op, values]) => ({
    type: 'comparison' as const,
    selector: sel,
    operator: op.symbol,
    args: op.arity === 'single' ? values.slice(0, 1) : values,
  }));

/** Random flat trees: no logic node has a child of its own type (the form parse produces). */
const tree = fc.letrec<{ node: Node; and: Node; or: Node }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', maxDepth: 6 }, comparisonNode, tie('and'), tie('or')),
  and: fc
    .array(fc.oneof({ depthSize: 'small', maxDepth: 6 }, comparisonNode, tie('or')), { minLength: 2, maxLength: 4 })
    .map((children) => ({ type: 'and' as const, children })),
  or: fc
    .array(fc.oneof({ depthSize: 'small', maxDepth: 6 }, comparisonNode, tie('and')), { minLength: 2, maxLength: 4 })
    .map((children) => ({ type: 'or' as const, children })),
})).node;

const options = { operators: molgenisOperators };

describe('property: parse(serialize(ast)) equals ast', () => {
  it.each([
    ['"', false],
    ["'", false],
    ['"', true],
    ["'", true],
  ] as const)(`quote %s, verbose %s (${RUNS} runs)`, (quote, verbose) => {
    let runs = 0;
    fc.assert(
      fc.property(tree, (ast) => {
        runs++;
        const text = serialize(ast, { ...options, quote, verbose });
        expect(parse(text, options)).toEqual(ast);
      }),
      { numRuns: RUNS },
    );
    expect(runs).toBeGreaterThanOrEqual(RUNS);
  });
});

/** Trees that may nest same-type nodes, with wide nodes (more than the parser's splice limit of 16). */
const looseTree = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    comparisonNode,
    fc
      .tuple(fc.constantFrom('and' as const, 'or' as const), fc.array(tie('node'), { minLength: 2, maxLength: 20, size: 'small' }))
      .map(([type, children]) => ({ type, children })),
  ),
})).node;

/** Print with every logic child in parentheses (sometimes doubled): always valid, never flat. */
function printGrouped(node: Node, extra: () => boolean): string {
  if (node.type === 'comparison') return serialize(node, options);
  const parts = node.children.map((child) => {
    const text = printGrouped(child, extra);
    if (child.type === 'comparison') return extra() ? `(${text})` : text;
    return extra() ? `((${text}))` : `(${text})`;
  });
  return parts.join(node.type === 'and' ? (extra() ? ' and ' : ';') : extra() ? ' or ' : ',');
}

describe('property: redundant parentheses leave no trace', () => {
  it(`parse(grouped print of any tree) equals normalize(tree) (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(looseTree, fc.infiniteStream(fc.boolean()), (ast, coins) => {
        const iterator = coins[Symbol.iterator]();
        const text = printGrouped(ast, () => iterator.next().value as boolean);
        const expected = normalize(ast);
        expect(parse(text, options)).toEqual(expected);
        expect(parse(serialize(expected, options), options)).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('property: parse never throws anything but RsqlSyntaxError', () => {
  const check = (input: string) => {
    let node: Node;
    try {
      node = parse(input, options);
    } catch (error) {
      if (!isRsqlSyntaxError(error)) throw error;
      expect(error.position).toBeGreaterThanOrEqual(0);
      expect(error.position).toBeLessThanOrEqual(input.length);
      expect(error.position + error.length).toBeLessThanOrEqual(input.length);
      return;
    }
    // what parses is canonical after one round: serialize is idempotent on parse output
    expect(parse(serialize(node, options), options)).toEqual(node);
  };

  it(`random unicode strings (${RUNS} runs)`, () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), check), { numRuns: RUNS });
  });

  it(`strings built from the RSQL alphabet (${RUNS} runs)`, () => {
    fc.assert(fc.property(alphabetString, check), { numRuns: RUNS });
  });

  it(`serialized trees with one random edit (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(tree, fc.nat(), fc.constantFrom(...ALPHABET, ''), (ast, at, insert) => {
        const text = serialize(ast, options);
        const i = at % (text.length + 1);
        check(text.slice(0, i) + insert + text.slice(i + (insert === '' ? 1 : 0)));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('property: toQueryParam', () => {
  it(`decodes back to the input and never leaves + & # % or spaces raw (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), alphabetString), (text) => {
        const encoded = toQueryParam(text);
        expect(decodeURIComponent(encoded)).toBe(text);
        expect(encoded).not.toMatch(/[+&# \u0080-\uffff]|%(?![0-9A-F]{2})/);
      }),
      { numRuns: RUNS },
    );
  });
});
