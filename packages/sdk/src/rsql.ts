/**
 * `@bio/rsql` under the umbrella: the RSQL/FIQL parser, serializer, typed builder and operator registries.
 *
 * @example
 * ```ts
 * import { rsql } from '@bio/sdk';
 * rsql.serialize(rsql.and(rsql.eq('name', 'Jan'), rsql.gt('age', 30))); // 'name==Jan;age=gt=30'
 * ```
 *
 * @packageDocumentation
 */
// `@bio/sdk/rsql`: the RSQL/FIQL toolkit, name by name (the same list as `@bio/rsql`'s index; a test
// compares the two, so a name added there must be added here).
export {
  and,
  comparison,
  defaultOperators,
  defineOperators,
  eq,
  fold,
  ge,
  gt,
  inList,
  isComparisonNode,
  isLogicNode,
  isRsqlNodeError,
  isRsqlSyntaxError,
  le,
  lt,
  molgenisOperators,
  ne,
  normalize,
  or,
  out,
  parse,
  rsql,
  RsqlNodeError,
  RsqlSyntaxError,
  serialize,
  toQueryParam,
  toValueString,
  walk,
} from '@bio/rsql';
export type {
  Arity,
  BuilderOptions,
  ComparisonNode,
  FieldValue,
  FoldVisitor,
  LogicNode,
  Node,
  Operator,
  OperatorDefinition,
  OperatorRegistry,
  ParseOptions,
  Selector,
  SerializeOptions,
  TypedBuilder,
  Value,
  WalkContext,
  WalkVisitor,
} from '@bio/rsql';
