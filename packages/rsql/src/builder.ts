import type { ComparisonNode, LogicNode, Node } from './ast.js';
import { RsqlNodeError } from './errors.js';
import { checkComparison } from './internal/validate.js';
import type { OperatorRegistry } from './operators.js';

/**
 * A value the builder accepts. Numbers, bigints and booleans become their `String()` form,
 * a `Date` becomes ISO 8601 (`toISOString()`). `NaN`, `±Infinity` and invalid dates are rejected.
 *
 * @example
 * ```ts
 * const values: Value[] = ['Jan', 42, 10n, true, new Date('2024-01-31T00:00:00Z')];
 * ```
 */
export type Value = string | number | bigint | boolean | Date;

/**
 * Options of {@link comparison} and {@link rsql}.
 *
 * @example
 * ```ts
 * comparison('name', '=ilike=', 'jan*', { operators: myOperators });
 * ```
 */
export interface BuilderOptions {
  /**
   * Registry to check the operator against (unknown operators raise, aliases become canonical,
   * arity is enforced). Default: none — operators of {@link molgenisOperators} (a superset of the
   * standard set) are canonicalized and arity-checked, any other operator of valid RSQL form is
   * accepted as written.
   */
  operators?: OperatorRegistry;
}

/**
 * Convert a builder value to the string stored in the tree.
 *
 * @example
 * ```ts
 * toValueString(new Date(Date.UTC(2024, 0, 31))); // '2024-01-31T00:00:00.000Z'
 * toValueString(-0); // '0'
 * ```
 */
export function toValueString(value: Value): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new RsqlNodeError(`value must be a finite number, got ${value}`);
      return String(value);
    case 'bigint':
    case 'boolean':
      return String(value);
    default:
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new RsqlNodeError('value is an invalid Date');
        return value.toISOString();
      }
      throw new RsqlNodeError(`unsupported value type ${value === null ? 'null' : typeof value}`);
  }
}

/**
 * Build a comparison with any operator. A single value or an array of values; arrays are for
 * multi-valued operators (`=in=`, `=out=`, `=rng=`, …). The selector and operator are validated
 * eagerly (see {@link BuilderOptions.operators}); invalid input raises {@link RsqlNodeError}.
 *
 * @example
 * ```ts
 * comparison('*', '=q=', 'coeliac disease');
 * comparison('age', '=rng=', [18, 65]);
 * comparison('age', '>', 30); // { operator: '=gt=', args: ['30'], ... }
 * ```
 */
export function comparison(selector: string, operator: string, value: Value | readonly Value[], options: BuilderOptions = {}): ComparisonNode {
  const args = Array.isArray(value) ? (value as readonly Value[]).map(toValueString) : [toValueString(value as Value)];
  const node: ComparisonNode = { type: 'comparison', selector, operator, args };
  const op = checkComparison(node, options.operators);
  if (typeof op === 'string') throw new RsqlNodeError(op);
  node.operator = op.symbol;
  return node;
}

// The named comparisons below differ only in their operator: each is one of these, bound to it.
function singleValued(operator: string): (selector: string, value: Value) => ComparisonNode {
  return (selector, value) => {
    if (Array.isArray(value)) throw new RsqlNodeError(`operator ${operator} takes a single value, got an array`);
    return comparison(selector, operator, value);
  };
}

function multiValued(operator: string): (selector: string, values: readonly Value[]) => ComparisonNode {
  return (selector, values) => {
    if (!Array.isArray(values)) throw new RsqlNodeError(`operator ${operator} takes an array of values`);
    return comparison(selector, operator, values);
  };
}

/**
 * `selector==value`.
 *
 * @example
 * ```ts
 * serialize(eq('name', 'Jan')); // 'name==Jan'
 * ```
 */
export const eq = /* @__PURE__ */ singleValued('==');

/**
 * `selector!=value`.
 *
 * @example
 * ```ts
 * serialize(ne('status', 'deleted')); // 'status!=deleted'
 * ```
 */
export const ne = /* @__PURE__ */ singleValued('!=');

/**
 * `selector=lt=value` (less than).
 *
 * @example
 * ```ts
 * serialize(lt('height', 180)); // 'height=lt=180'
 * ```
 */
export const lt = /* @__PURE__ */ singleValued('=lt=');

/**
 * `selector=le=value` (less than or equal).
 *
 * @example
 * ```ts
 * serialize(le('born', new Date('2000-01-01'))); // 'born=le=2000-01-01T00:00:00.000Z'
 * ```
 */
export const le = /* @__PURE__ */ singleValued('=le=');

/**
 * `selector=gt=value` (greater than).
 *
 * @example
 * ```ts
 * serialize(gt('age', 30)); // 'age=gt=30'
 * ```
 */
export const gt = /* @__PURE__ */ singleValued('=gt=');

/**
 * `selector=ge=value` (greater than or equal).
 *
 * @example
 * ```ts
 * serialize(ge('weight', 80)); // 'weight=ge=80'
 * ```
 */
export const ge = /* @__PURE__ */ singleValued('=ge=');

/**
 * `selector=in=(v1,v2,...)`. Needs at least one value.
 *
 * @example
 * ```ts
 * serialize(inList('city', ['Amsterdam', 'Den Haag'])); // 'city=in=(Amsterdam,"Den Haag")'
 * ```
 */
export const inList = /* @__PURE__ */ multiValued('=in=');

/**
 * `selector=out=(v1,v2,...)` (not in). Needs at least one value.
 *
 * @example
 * ```ts
 * serialize(out('status', ['deleted', 'hidden'])); // 'status=out=(deleted,hidden)'
 * ```
 */
export const out = /* @__PURE__ */ multiValued('=out=');

function logic(type: 'and' | 'or', nodes: readonly Node[]): Node {
  if (nodes.length === 0) throw new RsqlNodeError(`${type}() needs at least one node`);
  const children: Node[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as Node;
    if (node === null || typeof node !== 'object') {
      throw new RsqlNodeError(`${type}(): argument ${i} is not a node`);
    }
    if (node.type === type) {
      for (const child of node.children) children.push(child);
    } else if (node.type === 'comparison' || node.type === 'and' || node.type === 'or') {
      children.push(node);
    } else {
      throw new RsqlNodeError(`${type}(): argument ${i} has unknown type ${JSON.stringify((node as { type?: unknown }).type)}`);
    }
  }
  if (children.length === 1) return children[0] as Node;
  return { type, children };
}

/**
 * AND of the given nodes. Nested AND nodes are flattened (`and(and(a, b), c)` = `a;b;c`);
 * a single node is returned as is (handy with spread lists); zero nodes raise {@link RsqlNodeError}.
 *
 * @example
 * ```ts
 * and(eq('name', 'Jan'), or(gt('age', 30), inList('city', ['Amsterdam', 'Den Haag'])));
 * and(...filters); // filters.length >= 1
 * ```
 */
export function and(first: Node, second: Node, ...rest: Node[]): LogicNode;
/** With a number of nodes known only at run time: one node returns it unchanged; none throws {@link RsqlNodeError}. */
export function and(...nodes: Node[]): Node;
export function and(...nodes: Node[]): Node {
  return logic('and', nodes);
}

/**
 * OR of the given nodes. Nested OR nodes are flattened; a single node is returned as is;
 * zero nodes raise {@link RsqlNodeError}.
 *
 * @example
 * ```ts
 * serialize(or(eq('gender', 'Female'), and(ge('weight', 80), lt('height', 180))));
 * // 'gender==Female,weight=ge=80;height=lt=180'
 * ```
 */
export function or(first: Node, second: Node, ...rest: Node[]): LogicNode;
/** With a number of nodes known only at run time: one node returns it unchanged; none throws {@link RsqlNodeError}. */
export function or(...nodes: Node[]): Node;
export function or(...nodes: Node[]): Node {
  return logic('or', nodes);
}

/**
 * The value type a field of `Row` accepts: the field type without `null`/`undefined`, the element
 * type for arrays, restricted to {@link Value}.
 *
 * @example
 * ```ts
 * type V = FieldValue<string[] | null>; // string
 * ```
 */
export type FieldValue<T> = NonNullable<T> extends readonly (infer E)[] ? Extract<NonNullable<E>, Value> : Extract<NonNullable<T>, Value>;

/**
 * The keys of `Row` usable as selectors.
 *
 * @example
 * ```ts
 * type S = Selector<{ name: string; age: number }>; // 'name' | 'age'
 * ```
 */
export type Selector<Row> = keyof Row & string;

/**
 * A builder whose selectors are the keys of `Row` and whose values are typed by the field.
 * Created by {@link rsql}.
 *
 * @example
 * ```ts
 * const q: TypedBuilder<{ name: string; age: number }> = rsql<{ name: string; age: number }>();
 * ```
 */
export interface TypedBuilder<Row> {
  /**
   * `selector==value`, typed by the field ({@link eq}). Throws {@link RsqlNodeError} for a value it cannot write.
   *
   * @example
   * ```ts
   * rsql<{ name: string }>().eq('name', 'Jan'); // name==Jan
   * ```
   */
  eq<K extends Selector<Row>>(selector: K, value: FieldValue<Row[K]>): ComparisonNode;
  /**
   * `selector!=value`, typed by the field ({@link ne}).
   *
   * @example
   * ```ts
   * rsql<{ name: string }>().ne('name', 'Jan'); // name!=Jan
   * ```
   */
  ne<K extends Selector<Row>>(selector: K, value: FieldValue<Row[K]>): ComparisonNode;
  /**
   * `selector=lt=value`, typed by the field ({@link lt}).
   *
   * @example
   * ```ts
   * rsql<{ age: number }>().lt('age', 18); // age=lt=18
   * ```
   */
  lt<K extends Selector<Row>>(selector: K, value: FieldValue<Row[K]>): ComparisonNode;
  /**
   * `selector=le=value`, typed by the field ({@link le}).
   *
   * @example
   * ```ts
   * rsql<{ age: number }>().le('age', 65); // age=le=65
   * ```
   */
  le<K extends Selector<Row>>(selector: K, value: FieldValue<Row[K]>): ComparisonNode;
  /**
   * `selector=gt=value`, typed by the field ({@link gt}).
   *
   * @example
   * ```ts
   * rsql<{ born: Date }>().gt('born', new Date('2000-01-01')); // born=gt=2000-01-01T00:00:00.000Z
   * ```
   */
  gt<K extends Selector<Row>>(selector: K, value: FieldValue<Row[K]>): ComparisonNode;
  /**
   * `selector=ge=value`, typed by the field ({@link ge}).
   *
   * @example
   * ```ts
   * rsql<{ weight: number }>().ge('weight', 80); // weight=ge=80
   * ```
   */
  ge<K extends Selector<Row>>(selector: K, value: FieldValue<Row[K]>): ComparisonNode;
  /**
   * `selector=in=(v1,…)`, typed by the field ({@link inList}); needs at least one value.
   *
   * @example
   * ```ts
   * rsql<{ city: string }>().inList('city', ['Amsterdam', 'Utrecht']); // city=in=(Amsterdam,Utrecht)
   * ```
   */
  inList<K extends Selector<Row>>(selector: K, values: readonly FieldValue<Row[K]>[]): ComparisonNode;
  /**
   * `selector=out=(v1,…)`, typed by the field ({@link out}); needs at least one value.
   *
   * @example
   * ```ts
   * rsql<{ status: string }>().out('status', ['deleted']); // status=out=(deleted)
   * ```
   */
  out<K extends Selector<Row>>(selector: K, values: readonly FieldValue<Row[K]>[]): ComparisonNode;
  /**
   * Any operator known to the builder's registry, typed by the field ({@link comparison}).
   * Throws {@link RsqlNodeError} for an unknown operator or a wrong number of values.
   *
   * @example
   * ```ts
   * rsql<{ age: number }>({ operators: molgenisOperators }).comparison('age', '=rng=', [18, 65]); // age=rng=(18,65)
   * ```
   */
  comparison<K extends Selector<Row>>(selector: K, operator: string, value: FieldValue<Row[K]> | readonly FieldValue<Row[K]>[]): ComparisonNode;
  /** AND of nodes, flattened ({@link and}). */
  and: typeof and;
  /** OR of nodes, flattened ({@link or}). */
  or: typeof or;
}

/**
 * A typed builder for rows of type `Row`: selectors must be keys of `Row`, values must match the
 * field type. At runtime it is the plain builder (with `options.operators` for `comparison`).
 *
 * @example
 * ```ts
 * interface Patient { name: string; age: number; born: Date; city: string | null }
 * const q = rsql<Patient>();
 * serialize(q.and(q.eq('name', 'Jan'), q.inList('city', ['Amsterdam', 'Den Haag']), q.gt('age', 30)));
 * // q.eq('age', 'thirty') and q.eq('nmae', 'Jan') are compile errors
 * ```
 */
export function rsql<Row>(options: BuilderOptions = {}): TypedBuilder<Row> {
  return {
    eq,
    ne,
    lt,
    le,
    gt,
    ge,
    inList,
    out,
    comparison: (selector, operator, value) => comparison(selector, operator, value, options),
    and,
    or,
  };
}
