// `--sort` values, checked when the command line is parsed (before any request): a direction
// that is not asc/desc is an error naming it, never sent as ascending.
import { InvalidArgumentError } from 'commander';

/** The sort directions every `--sort` accepts. */
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
/**
 * A sort direction.
 *
 * @example
 * ```ts
 * const direction: SortDirection = 'desc';
 * ```
 */
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

function direction(text: string | undefined, whole: string): SortDirection {
  if (text === undefined || text === '') return 'asc';
  const d = text.toLowerCase();
  if (d === 'asc' || d === 'desc') return d;
  throw new InvalidArgumentError(`direction "${text}" in "${whole}" is not one of: ${SORT_DIRECTIONS.join(', ')}`);
}

/**
 * MOLGENIS `--sort`: comma-separated `attr[:asc|desc]`.
 *
 * @example
 * ```ts
 * parseAttrSort('age:desc,name'); // [{ attr: 'age', order: 'desc' }, { attr: 'name', order: 'asc' }]
 * ```
 */
export function parseAttrSort(value: string): { attr: string; order: SortDirection }[] {
  const keys = value
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (keys.length === 0) throw new InvalidArgumentError('expected attr[:asc|desc], e.g. age:desc,name');
  return keys.map((key) => {
    const parts = key.split(':');
    if (parts.length > 2 || !parts[0]) throw new InvalidArgumentError(`"${key}" is not attr[:asc|desc], e.g. age:desc`);
    return { attr: parts[0], order: direction(parts[1], key) };
  });
}

/**
 * InterMine `--sort`: `PATH [asc|desc]` (or `PATH:asc|desc`).
 *
 * @example
 * ```ts
 * parsePathSort('Gene.length desc'); // { path: 'Gene.length', direction: 'desc' }
 * ```
 */
export function parsePathSort(value: string): { path: string; direction: SortDirection } {
  const parts = value.trim().split(/\s+|:/);
  if (parts.length > 2 || !parts[0] || !/^[A-Za-z_][\w.]*$/.test(parts[0])) {
    throw new InvalidArgumentError(`expected PATH [asc|desc], e.g. 'Gene.length desc'`);
  }
  return { path: parts[0], direction: direction(parts[1], value.trim()) };
}
