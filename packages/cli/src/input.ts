import { lines } from '@bio/core-http';
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
