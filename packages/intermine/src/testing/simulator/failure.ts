// A query that fails part-way through its answer, after HTTP 200, the way a real mine does when
// the object store breaks off mid-stream. Asked for with a constraint whose value is
// `simulator:fail-after=<rows>[:<status>[:<message>]]` (see `failAfter()`), so a test, the CLI
// or the chaos suite can trigger it with an ordinary query.
import { badRequest } from './envelope.js';
import type { SimQuery } from './pathquery.js';

const MARK = /^simulator:fail-after=(\d+)(?::(\d{3}))?(?::([\s\S]*))?$/;

/** Where and how an answer fails. */
export interface StreamFailure {
  /** Rows (records, features) written before the failure. */
  afterRows: number;
  status: number;
  message: string;
}

/**
 * The constraint value that makes the simulator fail after `rows` rows (or after the last row,
 * when the answer has fewer) with HTTP 200 already sent: JSON answers end with InterMine's failure
 * trailer (after a dangling comma when more rows were due, as the server writes it), flat formats
 * with an `[ERROR] <status> <message>` line.
 * The constraint itself filters nothing; put it on any string attribute, ANDed with the rest.
 *
 * @example
 * ```ts
 * const q = mine.query('Gene').select('symbol').where('symbol', '!=', failAfter(2));
 * await mine.rows(q).toArray(); // ServerError 500 'Service failed. Please contact support.'
 * mine.query('Gene').select('symbol').where('symbol', '!=', failAfter(1, { status: 400, message: 'Query would take too long to run' }));
 * ```
 */
export function failAfter(rows: number, options: { status?: number | undefined; message?: string | undefined } = {}): string {
  const status = options.status ?? 500;
  return `simulator:fail-after=${rows}:${status}${options.message === undefined ? '' : `:${options.message}`}`;
}

/** As the server does outside dev mode, a 5xx message is replaced unless the caller chose one. */
const GENERIC = 'Service failed. Please contact support.';

/** Take the failure request out of a query (it must not filter rows); undefined when there is none. */
export function takeStreamFailure(q: SimQuery): StreamFailure | undefined {
  const index = q.constraints.findIndex((c) => MARK.test(c.value ?? c.values[0] ?? ''));
  if (index === -1) return undefined;
  const [constraint] = q.constraints.splice(index, 1);
  const m = MARK.exec(constraint!.value ?? constraint!.values[0]!)!;
  const code = constraint!.code;
  if (q.logic && code && new RegExp(`\\b${code}\\b`).test(q.logic)) {
    const logic = q.logic.replace(new RegExp(`\\s+and\\s+${code}\\b|\\b${code}\\s+and\\s+`, 'i'), '');
    if (new RegExp(`\\b${code}\\b`).test(logic)) badRequest(`simulator:fail-after must be ANDed with the other constraints (logic: ${q.logic})`);
    q.logic = logic;
  }
  const status = m[2] === undefined ? 500 : Number(m[2]);
  return { afterRows: Number(m[1]), status, message: m[3] ?? (status >= 500 ? GENERIC : 'Query failed') };
}

/** The items up to the failure point, then a marker telling the writer to fail (and whether more rows were due). */
export function* untilFailure<T>(items: Iterable<T>, failure: StreamFailure): Generator<{ item: T } | { fail: true; more: boolean }> {
  let n = 0;
  for (const item of items) {
    if (n === failure.afterRows) {
      yield { fail: true, more: true };
      return;
    }
    yield { item };
    n++;
  }
  yield { fail: true, more: false };
}
