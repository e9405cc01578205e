import { lines, ValidationError } from '@bio/core-http';
import type { CliIO } from './context.js';

/**
 * Non-empty, trimmed lines of stdin (`#` comments skipped), read lazily, so input of any size streams.
 *
 * @example
 * ```ts
 * for await (const term of stdinTerms(processIO())) console.log(term);
 * ```
 */
export async function* stdinTerms(io: CliIO): AsyncGenerator<string> {
  const bytes = (async function* () {
    const encoder = new TextEncoder();
    for await (const chunk of io.stdin) yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
  })();
  for await (const line of lines(bytes)) {
    const term = line.trim();
    if (term.length > 0 && !term.startsWith('#')) yield term;
  }
}

/**
 * Split `a,b,c` options into lists; `undefined` (and an empty list) stays undefined.
 *
 * @example
 * ```ts
 * list('symbol, name'); // ['symbol', 'name']
 * ```
 */
export function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return items.length > 0 ? items : undefined;
}

/**
 * Parse a count option (`--max`, `--start`, `--size`, …): a whole number ≥ 0.
 *
 * @example
 * ```ts
 * count('10'); // 10
 * count('-1'); // throws ValidationError
 * ```
 */
export function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ValidationError({ message: `expected a whole number, got ${value}` });
  return n;
}

/**
 * Parse an option that must be a whole number ≥ 1 (`--page-size`, `--concurrency`, ids, …).
 *
 * @example
 * ```ts
 * positive('100'); // 100
 * positive('0'); // throws ValidationError
 * ```
 */
export function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ValidationError({ message: `expected a positive whole number, got ${value}` });
  return n;
}
