import { OPERATOR_SYNTAX } from './internal/chars.js';

/**
 * How many values an operator takes: `single` (`a==x`, also `a==(x)`) or `multi`
 * (`a=in=(x,y)`, also a bare `a=in=x`).
 *
 * @example
 * ```ts
 * const arity: Arity = 'multi';
 * ```
 */
export type Arity = 'single' | 'multi';

/**
 * A comparison operator as given to {@link defineOperators}. Every symbol and alias must have the
 * lexical form of an RSQL operator: `=[a-zA-Z]*=`, `!=`, `<`, `<=`, `>` or `>=`.
 *
 * @example
 * ```ts
 * const ilike: OperatorDefinition = { symbol: '=ilike=', aliases: ['=icase='], arity: 'single' };
 * ```
 */
export interface OperatorDefinition {
  /** Canonical symbol, e.g. `=lt=`. {@link parse} and {@link serialize} always use this spelling. */
  symbol: string;
  /** Other spellings that mean the same operator, e.g. `<` for `=lt=`. Default: none. */
  aliases?: readonly string[];
  /** Number of values. */
  arity: Arity;
}

/**
 * A registered operator (frozen).
 *
 * @example
 * ```ts
 * defaultOperators.get('<'); // { symbol: '=lt=', aliases: ['<'], arity: 'single' }
 * ```
 */
export interface Operator {
  /** The canonical symbol, e.g. `=gt=`; what {@link parse} and the builder put in `ComparisonNode.operator`. */
  readonly symbol: string;
  /** Other spellings resolved to `symbol`, e.g. `['>']`; may be empty. */
  readonly aliases: readonly string[];
  /** `'single'`: exactly one value; `'multi'`: a parenthesised list of one or more. */
  readonly arity: Arity;
}

/**
 * An immutable set of operators, looked up by symbol or alias. Iterating it yields the
 * {@link Operator}s, so `defineOperators([...defaultOperators, extra])` extends a registry.
 *
 * @example
 * ```ts
 * for (const op of molgenisOperators) console.log(op.symbol, op.arity);
 * molgenisOperators.get('=rng=')?.arity; // 'multi'
 * ```
 */
export interface OperatorRegistry extends Iterable<Operator> {
  /** All operators, in definition order. */
  readonly operators: readonly Operator[];
  /**
   * The operator with this symbol or alias, or `undefined`.
   *
   * @example
   * ```ts
   * defaultOperators.get('>=')?.symbol; // '=ge='
   * ```
   */
  get(symbolOrAlias: string): Operator | undefined;
  /**
   * Whether `symbolOrAlias` is known.
   *
   * @example
   * ```ts
   * defaultOperators.has('=rng='); // false (molgenisOperators has it)
   * ```
   */
  has(symbolOrAlias: string): boolean;
  /** Every accepted spelling (symbols and aliases), for error messages. */
  readonly spellings: readonly string[];
}

class Registry implements OperatorRegistry {
  readonly operators: readonly Operator[];
  readonly spellings: readonly string[];
  readonly #bySpelling: Map<string, Operator>;

  constructor(operators: readonly Operator[], bySpelling: Map<string, Operator>) {
    this.operators = operators;
    this.#bySpelling = bySpelling;
    this.spellings = Object.freeze([...bySpelling.keys()]);
    Object.freeze(this);
  }

  get(symbolOrAlias: string): Operator | undefined {
    return this.#bySpelling.get(symbolOrAlias);
  }

  has(symbolOrAlias: string): boolean {
    return this.#bySpelling.has(symbolOrAlias);
  }

  [Symbol.iterator](): Iterator<Operator> {
    return this.operators[Symbol.iterator]();
  }
}

/**
 * Build an operator registry for {@link parse}, {@link serialize} and the builder.
 * Throws a `TypeError` for a malformed symbol, an unknown arity, or a spelling used twice.
 *
 * @example
 * ```ts
 * import { defineOperators, molgenisOperators, parse } from '@bio/rsql';
 * const ops = defineOperators([
 *   ...molgenisOperators,
 *   { symbol: '=ilike=', aliases: ['=icase='], arity: 'single' },
 *   { symbol: '=bt=', arity: 'multi' },
 * ]);
 * parse('name=icase=jan', { operators: ops }); // operator: '=ilike='
 * ```
 */
export function defineOperators(definitions: Iterable<OperatorDefinition>): OperatorRegistry {
  const operators: Operator[] = [];
  const bySpelling = new Map<string, Operator>();
  for (const def of definitions) {
    if (def === null || typeof def !== 'object') throw new TypeError('operator definition must be an object');
    if (def.arity !== 'single' && def.arity !== 'multi') {
      throw new TypeError(`operator ${String(def.symbol)}: arity must be 'single' or 'multi', got ${String(def.arity)}`);
    }
    const aliases = def.aliases === undefined ? [] : [...def.aliases];
    const op: Operator = Object.freeze({ symbol: def.symbol, aliases: Object.freeze(aliases), arity: def.arity });
    for (const spelling of [def.symbol, ...aliases]) {
      if (typeof spelling !== 'string' || !OPERATOR_SYNTAX.test(spelling)) {
        throw new TypeError(`invalid operator symbol ${JSON.stringify(spelling)}: must match =[a-zA-Z]*=, !=, <, <=, > or >=`);
      }
      if (bySpelling.has(spelling)) throw new TypeError(`operator symbol ${spelling} is defined twice`);
      bySpelling.set(spelling, op);
    }
    operators.push(op);
  }
  return new Registry(Object.freeze(operators), bySpelling);
}

const DEFAULTS: readonly OperatorDefinition[] = [
  { symbol: '==', arity: 'single' },
  { symbol: '!=', arity: 'single' },
  { symbol: '=lt=', aliases: ['<'], arity: 'single' },
  { symbol: '=le=', aliases: ['<='], arity: 'single' },
  { symbol: '=gt=', aliases: ['>'], arity: 'single' },
  { symbol: '=ge=', aliases: ['>='], arity: 'single' },
  { symbol: '=in=', arity: 'multi' },
  { symbol: '=out=', arity: 'multi' },
];

/**
 * The standard RSQL/FIQL operators: `==`, `!=`, `=lt=` (`<`), `=le=` (`<=`), `=gt=` (`>`),
 * `=ge=` (`>=`) — single-valued — and `=in=`, `=out=` — multi-valued. The default of
 * {@link parse} and {@link serialize}.
 *
 * @example
 * ```ts
 * parse('age>=18', { operators: defaultOperators }); // operator '=ge='
 * ```
 */
export const defaultOperators: OperatorRegistry = /* @__PURE__ */ defineOperators(DEFAULTS);

/**
 * {@link defaultOperators} plus the MOLGENIS operators `=q=` (full-text), `=sq=` (structured
 * query), `=like=`, `=notlike=` (single-valued) and `=rng=` (range, multi-valued:
 * `=rng=(from,to)`). Note that the MOLGENIS server rejects `=out=` at query time.
 *
 * @example
 * ```ts
 * parse('*=q=celiac;age=rng=(18,65)', { operators: molgenisOperators });
 * ```
 */
export const molgenisOperators: OperatorRegistry = /* @__PURE__ */ defineOperators([
  ...DEFAULTS,
  { symbol: '=q=', arity: 'single' },
  { symbol: '=sq=', arity: 'single' },
  { symbol: '=like=', arity: 'single' },
  { symbol: '=notlike=', arity: 'single' },
  { symbol: '=rng=', arity: 'multi' },
]);
