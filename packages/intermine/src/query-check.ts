// Checking a query's parts against the data model (paths, operators, subclass casts, loops).
// Plain functions over the query's data: the builder (query.ts) calls them.
import { ValidationError } from '@bio/core-http';
import { constraintKind, type PathConstraint } from './constraints.js';
import { isNumericType, type Model, type PathInfo } from './model.js';
import type { Join, SortOrder } from './query-types.js';

/** The subclass casts of a query's constraints: path → class. */
export function subclassesOf(constraints: readonly PathConstraint[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of constraints) if (c.type !== undefined && c.op === undefined) out[c.path] = c.type;
  return out;
}

/** Check one constraint (its operator fits the path's type) with the casts of `all` applied. */
export function checkConstraint(model: Model, c: PathConstraint, all: readonly PathConstraint[]): void {
  const subclasses = subclassesOf(all);
  const kind = constraintKind(c);
  if (kind === 'subclass') {
    const without = { ...subclasses };
    delete without[c.path];
    const info = model.resolvePath(c.path, without);
    if (info.isAttribute) throw new ValidationError({ message: `subclass constraint on ${c.path}: it is an attribute, not a class`, field: 'type' });
    model.getClass(c.type!);
    if (!model.isA(c.type!, info.type)) {
      throw new ValidationError({ message: `subclass constraint: ${c.type} is not a subclass of ${info.type} (${c.path})`, field: 'type' });
    }
    return;
  }
  const info = model.resolvePath(c.path, subclasses);
  const op = c.op!;
  const where = `${c.path} ${op}`;
  const needClass = (what: string) => {
    if (info.isAttribute)
      throw new ValidationError({
        message: `operator ${op} is not valid for ${c.path}: ${what} needs a class path, and ${c.path} is an attribute (${info.type})`,
        field: 'op',
      });
  };
  const needAttribute = (what: string) => {
    if (!info.isAttribute)
      throw new ValidationError({
        message: `operator ${op} is not valid for ${c.path}: ${what} needs an attribute, and ${c.path} is a class (${info.type})`,
        field: 'op',
      });
  };
  switch (kind) {
    case 'null':
      return;
    case 'multi':
      needAttribute('ONE OF/NONE OF');
      if (isNumericType(info.type)) for (const v of c.values ?? []) checkNumber(v, info, where);
      return;
    case 'list':
    case 'ids':
    case 'lookup':
      needClass(kind === 'lookup' ? 'LOOKUP' : 'a list constraint');
      return;
    case 'type':
      needClass('ISA/ISNT');
      for (const v of c.values ?? []) {
        model.getClass(v);
        if (!model.isA(v, info.type)) throw new ValidationError({ message: `${where}: ${v} is not a kind of ${info.type}`, field: 'value' });
      }
      return;
    case 'range':
      // Which types take range operators is each mine's choice (a RangeHelper per type): the server decides.
      return;
    case 'loop': {
      needClass('a loop constraint');
      const other = model.resolvePath(c.loopPath!, subclasses);
      if (other.isAttribute) throw new ValidationError({ message: `${where}: loop path ${c.loopPath} is an attribute`, field: 'value' });
      if (!model.isA(info.type, other.type) && !model.isA(other.type, info.type)) {
        throw new ValidationError({ message: `${where} ${c.loopPath}: ${info.type} and ${other.type} are unrelated classes`, field: 'value' });
      }
      return;
    }
    case 'value':
      if (!info.isAttribute) {
        throw new ValidationError({
          message: `operator ${op} is not valid for ${c.path}: it is a class (${info.type}); constrain one of its attributes, or use LOOKUP, IN, a loop (${op === '!=' ? '!=' : '='} { loopPath: 'Other.path' }) or a subclass constraint`,
          field: 'op',
        });
      }
      if (isNumericType(info.type) && ['=', '==', '!=', '!==', '<', '<=', '>', '>='].includes(op)) checkNumber(c.value ?? '', info, where);
      if ((op === 'LIKE' || op === 'NOT LIKE' || op === 'CONTAINS' || op === 'DOES NOT CONTAIN') && info.type !== 'java.lang.String') {
        throw new ValidationError({
          message: `operator ${op} is not valid for ${c.path}: it needs a text attribute, and ${c.path} is ${info.type}`,
          field: 'op',
        });
      }
      return;
  }
}

/**
 * A form written without the model (`CONTAINS` with one value on a class is a range): rewrite it
 * now that the path's type is known. Values are never turned into paths (loops are explicit).
 */
export function promoteConstraint(model: Model, c: PathConstraint, subclasses: Record<string, string>): void {
  if (constraintKind(c) !== 'value' || c.value === undefined) return;
  if (c.op !== 'CONTAINS' && c.op !== 'DOES NOT CONTAIN') return;
  const info = model.resolvePath(c.path, subclasses);
  if (info.isAttribute) return;
  c.values = [c.value];
  delete c.value;
}

/** Check the view, joins and sort order against the model. */
export function checkQueryPaths(
  model: Model,
  parts: { views: readonly string[]; joins: readonly Join[]; sort: readonly SortOrder[] },
  subclasses: Record<string, string>,
): void {
  for (const view of parts.views) {
    if (view.endsWith('*')) throw new ValidationError({ message: `${view} has not been expanded (needs the model and summary fields)`, field: 'select' });
    const info = model.resolvePath(view, subclasses);
    if (!info.isAttribute) throw new ValidationError({ message: `cannot select ${view}: it is a class, not an attribute`, field: 'select' });
  }
  for (const j of parts.joins) {
    const info = model.resolvePath(j.path, subclasses);
    if (info.isAttribute || info.kind === 'root') throw new ValidationError({ message: `cannot join ${j.path}: not a reference or collection`, field: 'join' });
  }
  for (const s of parts.sort) {
    const info = model.resolvePath(s.path, subclasses);
    if (!info.isAttribute) throw new ValidationError({ message: `cannot sort on ${s.path}: it is a class`, field: 'orderBy' });
  }
}

function checkNumber(value: string, info: PathInfo, where: string): void {
  if (value.trim() === '' || !Number.isFinite(Number(value))) {
    throw new ValidationError({ message: `${where}: "${value}" is not a number, and ${info.path} is ${info.type}`, field: 'value' });
  }
}
