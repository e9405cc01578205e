import { ValidationError } from '@bio/core-http';

/** Server limits of the classic REST API. */
export const MAX_WRITE_BATCH = 1000;
export const MAX_PAGE_SIZE = 10_000;

export function assertEntity(entity: unknown): asserts entity is string {
  if (typeof entity !== 'string' || entity.trim() === '') {
    throw new ValidationError({ message: 'entity must be a non-empty entity type id, e.g. "demo_sightings"', field: 'entity' });
  }
}

export function assertId(id: unknown, field: string, hint = ''): asserts id is string | number {
  const ok = (typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id));
  if (!ok) throw new ValidationError({ message: `${field} must be a non-empty string or a finite number${hint}`, field });
}

export function assertAttributeName(name: unknown, field: string): asserts name is string {
  if (typeof name !== 'string' || name === '') {
    throw new ValidationError({ message: `${field} must be a non-empty attribute name`, field });
  }
  // attrs is a comma-separated list with (…) for expansion: these characters would change its meaning.
  if (/[,()]/.test(name)) {
    throw new ValidationError({ message: `${field} "${name}" contains ",", "(" or ")", which no MOLGENIS attribute name can`, field });
  }
}

export function assertInteger(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `between ${min} and ${max}`;
    throw new ValidationError({ message: `${field} must be an integer ${range}, got ${String(value)}`, field });
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function assertRow(row: unknown, field: string): asserts row is Record<string, unknown> {
  if (!isPlainObject(row)) {
    const kind =
      row === null
        ? 'null'
        : Array.isArray(row)
          ? 'an array'
          : typeof row === 'object'
            ? `a ${(row as object).constructor?.name ?? 'non-plain'} object`
            : typeof row;
    throw new ValidationError({ message: `${field} must be a plain object mapping attribute names to values, got ${kind}`, field });
  }
}

export function assertRows(rows: unknown, field: string): asserts rows is Record<string, unknown>[] {
  if (!Array.isArray(rows)) throw new ValidationError({ message: `${field} must be an array of plain objects`, field });
  for (const [i, row] of rows.entries()) assertRow(row, `${field}[${i}]`);
}

export function assertIds(ids: unknown, field: string): asserts ids is (string | number)[] {
  if (!Array.isArray(ids)) throw new ValidationError({ message: `${field} must be an array of ids`, field });
  for (const [i, id] of ids.entries()) assertId(id, `${field}[${i}]`);
}

export function batchSizeOf(value: number | undefined): number {
  const size = value ?? MAX_WRITE_BATCH;
  assertInteger(size, 'batchSize', 1, MAX_WRITE_BATCH);
  return size;
}
