import { ValidationError } from '@bio/core-http';

/** Server-side limits (biothings.web defaults + mygene config_web). */
export const LIMITS = {
  size: 1000,
  from: 10_000,
  window: 10_000,
  sort: 10,
  fields: 1000,
  facets: 1000,
  facetSize: 1000,
  scopes: 1000,
  batchSize: 1000,
  concurrency: 8,
} as const;

export function fail(field: string, message: string): never {
  throw new ValidationError({ message: `${field}: ${message}`, field });
}

export function checkInt(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail(field, `expected an integer, got ${describe(value)}`);
  if (value < min || value > max) fail(field, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function checkNonNegative(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(field, `expected a non-negative number, got ${describe(value)}`);
  return value;
}

export function checkBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(field, `expected a boolean, got ${describe(value)}`);
  return value;
}

export function checkString(field: string, value: unknown): string {
  if (typeof value !== 'string') fail(field, `expected a string, got ${describe(value)}`);
  if (value.trim().length === 0) fail(field, 'must not be empty');
  return value;
}

/** `string | string[]` (a CSV string is split) → a list of non-empty names, at most `max`. */
export function checkList(field: string, value: unknown, max: number): string[] {
  let list: unknown[];
  if (typeof value === 'string') list = value.split(',').map((s) => s.trim());
  else if (Array.isArray(value)) list = value;
  else fail(field, `expected a string or a list of strings, got ${describe(value)}`);
  if (list.length === 0) fail(field, 'must not be empty');
  if (list.length > max) fail(field, `at most ${max} entries, got ${list.length}`);
  return list.map((item, i) => {
    if (typeof item !== 'string' || item.trim().length === 0) fail(field, `entry ${i} must be a non-empty string, got ${describe(item)}`);
    return item.trim();
  });
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return typeof value;
}

/** An id or term from the caller's input: must be a non-empty string. */
export function checkTerm(field: string, value: unknown, index: number): string {
  if (typeof value !== 'string') fail(field, `item ${index} must be a string, got ${describe(value)}`);
  if (value.trim().length === 0) fail(field, `item ${index} is an empty string`);
  return value;
}
