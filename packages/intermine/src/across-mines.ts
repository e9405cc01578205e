// One query across many mines: run the same work on every mine of the registry (or a chosen
// set), a bounded number at a time, keeping each mine's result or error apart so that a failing
// mine never hides the others, then summarise (row union with the mines that have each row).
import { type CallOptions, limitConcurrency, ValidationError } from '@bio/core-http';
import type { InterMine, InterMineOptions } from './intermine.js';
import type { Query } from './query.js';
import type { MineInstance } from './mine-instance.js';
import type { Cell } from './cell.js';
import type { TemplateValues } from './templates.js';

/**
 * Which mines, and how to run on them.
 *
 * @example
 * ```ts
 * const options: AcrossMinesOptions = { mines: ['flymine', 'humanmine'], concurrency: 2, client: { timeout: 60_000 } };
 * ```
 */
export interface AcrossMinesOptions extends CallOptions {
  /** Mines by name or namespace (case-insensitive). Default: every mine the registry lists (after `organism`). */
  mines?: readonly string[] | undefined;
  /** Only mines with this organism. */
  organism?: string | undefined;
  /** Development mines too (the registry's `mines=all`). Default false: production mines only. */
  development?: boolean | undefined;
  /** Mines worked on at once. Default 4. */
  concurrency?: number | undefined;
  /** Client options for every mine (or per mine): token, timeout, retry, … */
  client?: Omit<InterMineOptions, 'baseUrl'> | ((mine: MineInstance) => Omit<InterMineOptions, 'baseUrl'>) | undefined;
}

/**
 * What one mine gave: its value, or its error.
 *
 * @example
 * ```ts
 * for (const o of outcomes) console.log(o.mine.name, o.ok ? o.value : o.error);
 * ```
 */
export type MineOutcome<T> =
  | {
      /** The mine, as the registry describes it. */
      mine: MineInstance;
      /** The work succeeded on this mine. */
      ok: true;
      /** What the work returned. */
      value: T;
      /** How long the work took on this mine, in milliseconds. */
      ms: number;
    }
  | {
      /** The mine, as the registry describes it. */
      mine: MineInstance;
      /** The work failed on this mine. */
      ok: false;
      /** What it failed with (usually a `BioHttpError`). */
      error: unknown;
      /** How long until it failed, in milliseconds. */
      ms: number;
    };

/**
 * Every mine's outcome (in registry order), and which succeeded and failed (by mine name).
 *
 * @example
 * ```ts
 * const { outcomes, succeeded, failed } = await registry.acrossMines((mine) => mine.version());
 * ```
 */
export interface AcrossMinesResult<T> {
  /** One per mine, in registry (or `mines`) order. */
  outcomes: MineOutcome<T>[];
  /** Names of the mines that answered. */
  succeeded: string[];
  /** Names of the mines that failed (their errors are in `outcomes`). */
  failed: string[];
}

/**
 * Rows from many mines: each mine's outcome, the union of the rows (each distinct row once, with
 * the mines that returned it), and the row count per mine that answered.
 *
 * @example
 * ```ts
 * const { union, counts } = await registry.rowsAcrossMines(q);
 * ```
 */
export interface RowsAcrossMines extends AcrossMinesResult<Cell[][]> {
  /** Each distinct row once, in first-seen order, with the names of the mines that returned it. */
  union: { row: Cell[]; mines: string[] }[];
  /** Rows per mine that answered, by mine name. */
  counts: Record<string, number>;
}

/** The work of one mine (the call options carry the caller's signal). */
export type MineTask<T> = (mine: InterMine, info: MineInstance, call: CallOptions) => Promise<T>;

/** Pick the mines: by name/namespace when given (an unknown one is a ValidationError naming the nearest). */
export function chooseMines(
  all: readonly MineInstance[],
  wanted: readonly string[] | undefined,
  didYouMean: (name: string, names: string[]) => string,
): MineInstance[] {
  if (wanted === undefined) return [...all];
  if (!Array.isArray(wanted) || wanted.length === 0) throw new ValidationError({ message: 'mines must be a non-empty array of mine names', field: 'mines' });
  return wanted.map((name) => {
    const lower = String(name).toLowerCase();
    const found = all.find((m) => m.name.toLowerCase() === lower || m.namespace.toLowerCase() === lower);
    if (!found)
      throw new ValidationError({
        message: `the registry has no mine "${name}"${didYouMean(
          name,
          all.map((m) => m.namespace),
        )}`,
        field: 'mines',
      });
    return found;
  });
}

/** Run `task` on every mine, `concurrency` at a time; never rejects for one mine's failure. */
export async function runOnMines<T>(
  mines: readonly MineInstance[],
  connect: (info: MineInstance) => InterMine,
  task: MineTask<T>,
  options: AcrossMinesOptions,
): Promise<AcrossMinesResult<T>> {
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new ValidationError({ message: `concurrency must be an integer ≥ 1, got ${concurrency}`, field: 'concurrency' });
  const limit = limitConcurrency(concurrency);
  const call: CallOptions = {};
  if (options.signal !== undefined) call.signal = options.signal;
  if (options.timeout !== undefined) call.timeout = options.timeout;
  const outcomes = await Promise.all(
    mines.map((info) =>
      limit(async (): Promise<MineOutcome<T>> => {
        const t0 = performance.now();
        try {
          options.signal?.throwIfAborted();
          const value = await task(connect(info), info, call);
          return { mine: info, ok: true, value, ms: performance.now() - t0 };
        } catch (error) {
          return { mine: info, ok: false, error, ms: performance.now() - t0 };
        }
      }),
    ),
  );
  // An abort is the caller's, not a mine's failure: stop with it.
  options.signal?.throwIfAborted();
  return {
    outcomes,
    succeeded: outcomes.filter((o) => o.ok).map((o) => o.mine.name),
    failed: outcomes.filter((o) => !o.ok).map((o) => o.mine.name),
  };
}

/** The union of every mine's rows, each distinct row once with the mines that returned it. */
export function unionOfRows(result: AcrossMinesResult<Cell[][]>): RowsAcrossMines {
  const union = new Map<string, { row: Cell[]; mines: string[] }>();
  const counts: Record<string, number> = {};
  for (const o of result.outcomes) {
    if (!o.ok) continue;
    counts[o.mine.name] = o.value.length;
    for (const row of o.value) {
      const key = JSON.stringify(row);
      const entry = union.get(key) ?? { row, mines: [] };
      if (!entry.mines.includes(o.mine.name)) entry.mines.push(o.mine.name);
      union.set(key, entry);
    }
  }
  return { ...result, union: [...union.values()], counts };
}

/** The rows of a query on one mine (validated against that mine's own model). */
export function queryTask(query: Query, max: number | undefined): MineTask<Cell[][]> {
  return (mine, _info, call) => mine.rows(query, { ...call, max }).toArray();
}

/** The rows of a template run on one mine. */
export function templateTask(name: string, values: TemplateValues, max: number | undefined): MineTask<Cell[][]> {
  return async (mine, _info, call) => (await mine.template(name, call)).rows(values, { ...call, max }).toArray();
}
