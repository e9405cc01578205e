import { ValidationError } from '@bio/core-http';

/**
 * Operators comparing an attribute with one value.
 *
 * @example
 * ```ts
 * VALUE_OPERATORS.includes('>'); // true
 * ```
 */
export const VALUE_OPERATORS = ['=', '==', '!=', '!==', '<', '<=', '>', '>=', 'CONTAINS', 'DOES NOT CONTAIN', 'LIKE', 'NOT LIKE'] as const;
/**
 * Operators comparing an attribute with several values.
 *
 * @example
 * ```ts
 * q.where('symbol', MULTI_VALUE_OPERATORS[0], ['eve', 'zen']);
 * ```
 */
export const MULTI_VALUE_OPERATORS = ['ONE OF', 'NONE OF'] as const;
/**
 * Null checks, valid on any path.
 *
 * @example
 * ```ts
 * q.where('name', 'IS NULL');
 * ```
 */
export const NULL_OPERATORS = ['IS NULL', 'IS NOT NULL'] as const;
/**
 * List membership (value = list name, or object ids).
 *
 * @example
 * ```ts
 * q.where('Gene', 'IN', 'demo-list');
 * ```
 */
export const LIST_OPERATORS = ['IN', 'NOT IN'] as const;
/**
 * Range operators (values are range strings such as genomic regions). Each mine decides which
 * types take them (locations, and sometimes attributes), so they are sent as written and the
 * server answers.
 *
 * @example
 * ```ts
 * q.where('chromosomeLocation', 'OVERLAPS', ['2L:14614843..14619614']);
 * ```
 */
export const RANGE_OPERATORS = ['WITHIN', 'OVERLAPS', 'OUTSIDE', 'DOES NOT OVERLAP', 'CONTAINS', 'DOES NOT CONTAIN'] as const;
/**
 * Type membership on a class path (values are class names).
 *
 * @example
 * ```ts
 * q.where('overlappingFeatures', 'ISA', ['Exon', 'Intron']);
 * ```
 */
export const TYPE_OPERATORS = ['ISA', 'ISNT'] as const;
/**
 * Loop operators (class path compared with another class path). A loop is always explicit: the
 * other path is given as `{ loopPath }` (or with the `IS`/`IS NOT` aliases); a plain string
 * after `=`/`!=` is always a value, never a path.
 *
 * @example
 * ```ts
 * q.where('homologues.homologue', '=', { loopPath: 'Gene' });
 * q.where('homologues.homologue', 'IS NOT', 'Gene'); // the same as '!=' with { loopPath: 'Gene' }
 * ```
 */
export const LOOP_OPERATORS = ['=', '!='] as const;

/**
 * Every PathQuery operator.
 *
 * @example
 * ```ts
 * const op: Operator = 'ONE OF';
 * ```
 */
export type Operator =
  | (typeof VALUE_OPERATORS)[number]
  | (typeof MULTI_VALUE_OPERATORS)[number]
  | (typeof NULL_OPERATORS)[number]
  | (typeof LIST_OPERATORS)[number]
  | (typeof RANGE_OPERATORS)[number]
  | (typeof TYPE_OPERATORS)[number]
  | 'LOOKUP'
  | 'IS'
  | 'IS NOT';

const ALL = new Set<string>([
  ...VALUE_OPERATORS,
  ...MULTI_VALUE_OPERATORS,
  ...NULL_OPERATORS,
  ...LIST_OPERATORS,
  ...RANGE_OPERATORS,
  ...TYPE_OPERATORS,
  'LOOKUP',
  'IS',
  'IS NOT',
]);

/**
 * Whether a template constraint may be switched off, and its state.
 *
 * @example
 * ```ts
 * const c: PathConstraint = { path: 'Gene.symbol', op: '=', value: 'eve', editable: true, switchable: 'off' };
 * ```
 */
export type Switchable = 'on' | 'off' | 'locked';

/**
 * One constraint of a PathQuery, in the shape of its XML element (`values` = `<value>` children).
 * A subclass constraint has `type` and no `op`/`code`.
 *
 * @example
 * ```ts
 * const c: PathConstraint = { path: 'Gene.symbol', op: 'ONE OF', values: ['eve', 'zen'], code: 'A' };
 * ```
 */
export interface PathConstraint {
  /** The absolute path constrained, e.g. `Gene.symbol`. */
  path: string;
  /** The operator, normalised (e.g. `=`, `ONE OF`, `IN`, `LOOKUP`); absent for a subclass constraint. */
  op?: string;
  /** The single value as a string (for `IN`/`NOT IN`, the list name; for `LOOKUP`, the identifier). */
  value?: string;
  /** The values of a `ONE OF`/`NONE OF`, `ISA`/`ISNT` or range (`WITHIN`, `OVERLAPS`, …) constraint. */
  values?: string[];
  /** The constraint's code letter (`A`–`Z`) used in the constraint logic; absent for subclass constraints. */
  code?: string;
  /** For `LOOKUP`: the organism (short name) that narrows the lookup. */
  extraValue?: string;
  /** For a loop constraint: the other class path it is compared with. */
  loopPath?: string;
  /** For an id constraint: the InterMine object ids. */
  ids?: number[];
  /** Subclass cast (subclass constraint). */
  type?: string;
  /** Template: the user may change this constraint. */
  editable?: boolean;
  /** Template: whether the constraint may be switched off, and its current state. */
  switchable?: Switchable;
  /** Template: the help text shown for this constraint. */
  description?: string;
  /** Template: a stable name for this constraint. */
  identifier?: string;
}

/**
 * What the `value` argument of `where()` can be. Strings, numbers and booleans are always values
 * (never read as paths); `{ ids }` is an id constraint (with `IN`/`NOT IN`); `{ loopPath }` makes
 * a loop constraint (with `=`/`!=`), comparing the path with another class path of the query.
 *
 * @example
 * ```ts
 * q.where('Gene', 'IN', { ids: [1016298] });                      // ids
 * q.where('organism.shortName', '=', 'D. melanogaster');         // a value, even with dots and spaces
 * q.where('homologues.homologue', '!=', { loopPath: 'Gene' });   // a loop
 * ```
 */
export type ConstraintValue =
  | string
  | number
  | boolean
  | readonly (string | number)[]
  | {
      /** InterMine object ids, for `IN`/`NOT IN`. */
      ids: readonly number[];
    }
  | {
      /** Another class path of the query, for a loop constraint (`=`/`!=`). */
      loopPath: string;
    };

/** The kind of a constraint, decided from its operator and value shape. */
export type ConstraintKind = 'subclass' | 'null' | 'multi' | 'list' | 'ids' | 'lookup' | 'loop' | 'range' | 'type' | 'value';

/** Upper-case and collapse spaces; {@link ValidationError} for unknown operators. */
export function normaliseOperator(op: string): string {
  const norm = String(op).trim().replace(/\s+/g, ' ').toUpperCase();
  if (!ALL.has(norm)) {
    throw new ValidationError({ message: `unknown operator "${op}"; valid: ${[...ALL].join(', ')}`, field: 'op' });
  }
  return norm;
}

/** Classify a constraint by operator and shape. */
export function constraintKind(c: PathConstraint): ConstraintKind {
  if (c.op === undefined) return 'subclass';
  if (c.op === 'IS NULL' || c.op === 'IS NOT NULL') return 'null';
  if (c.op === 'ONE OF' || c.op === 'NONE OF') return 'multi';
  if (c.op === 'LOOKUP') return 'lookup';
  if (c.op === 'ISA' || c.op === 'ISNT') return 'type';
  if (c.op === 'IN' || c.op === 'NOT IN') return c.ids ? 'ids' : 'list';
  if (c.loopPath !== undefined) return 'loop';
  if ((RANGE_OPERATORS as readonly string[]).includes(c.op) && c.values !== undefined) return 'range';
  return 'value';
}

function scalar(value: unknown, op: string, path: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new ValidationError({ message: `${path} ${op}: the value must be a finite number`, field: 'value' });
    return String(value);
  }
  if (Array.isArray(value)) {
    throw new ValidationError({
      message: `${path} ${op} takes one value, not a list${op === '=' ? ' (use ONE OF)' : op === '!=' ? ' (use NONE OF)' : ''}`,
      field: 'value',
    });
  }
  throw new ValidationError({ message: `${path} ${op} needs a value`, field: 'value' });
}

function list(value: unknown, op: string, path: string): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? [value] : undefined;
  if (!items || items.length === 0) throw new ValidationError({ message: `${path} ${op} needs at least one value`, field: 'value' });
  return items.map((v) => scalar(v, op, path));
}

/**
 * Build a constraint from `where(path, op, value, extra)` arguments, before model checks.
 * `classPath` tells whether the path ends on a class (when the model is known). A string value is
 * always a value: loops are made only from `{ loopPath }` or the `IS`/`IS NOT` aliases.
 */
export function buildConstraint(path: string, rawOp: string, value: unknown, extraValue: string | undefined, classPath: boolean | undefined): PathConstraint {
  let op = normaliseOperator(rawOp);
  const objectValue = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  if (op === 'IS' || op === 'IS NOT') {
    op = op === 'IS' ? '=' : '!=';
    const loopPath = objectValue ? objectValue.loopPath : value;
    if (typeof loopPath !== 'string' || loopPath.length === 0)
      throw new ValidationError({ message: `${path} ${rawOp} needs another class path`, field: 'value' });
    return { path, op, loopPath };
  }
  if (op === 'IS NULL' || op === 'IS NOT NULL') {
    if (value !== undefined) throw new ValidationError({ message: `${path} ${op} takes no value`, field: 'value' });
    return { path, op };
  }
  if (op === 'ONE OF' || op === 'NONE OF') return { path, op, values: list(value, op, path) };
  if (op === 'ISA' || op === 'ISNT') return { path, op, values: list(value, op, path) };
  if (op === 'LOOKUP') {
    const c: PathConstraint = { path, op, value: scalar(value, op, path) };
    if (extraValue !== undefined) c.extraValue = extraValue;
    return c;
  }
  if (op === 'IN' || op === 'NOT IN') {
    if (objectValue && 'ids' in objectValue) {
      const ids = objectValue.ids;
      if (!Array.isArray(ids) || ids.length === 0 || !ids.every((n) => Number.isInteger(n))) {
        throw new ValidationError({ message: `${path} ${op} { ids } needs a non-empty array of integer object ids`, field: 'value' });
      }
      return { path, op, ids: [...(ids as number[])] };
    }
    const name = scalar(value, op, path);
    if (name.trim().length === 0) throw new ValidationError({ message: `${path} ${op} needs a list name`, field: 'value' });
    return { path, op, value: name };
  }
  if (objectValue && 'loopPath' in objectValue) {
    if (op !== '=' && op !== '!=') throw new ValidationError({ message: `loop constraints use = or != (got ${op})`, field: 'op' });
    if (typeof objectValue.loopPath !== 'string') throw new ValidationError({ message: `${path} ${op}: loopPath must be a path`, field: 'value' });
    return { path, op, loopPath: objectValue.loopPath };
  }
  const rangeOnly = op === 'WITHIN' || op === 'OVERLAPS' || op === 'OUTSIDE' || op === 'DOES NOT OVERLAP';
  if (rangeOnly || ((op === 'CONTAINS' || op === 'DOES NOT CONTAIN') && (Array.isArray(value) || classPath === true))) {
    return { path, op, values: list(value, op, path) };
  }
  return { path, op, value: scalar(value, op, path) };
}
