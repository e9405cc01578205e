import type { CallOptions } from './contract.js';
import { TimeoutError, ValidationError } from './errors.js';
import { throwIfAborted } from './internal/abort-reason.js';
import { sleep } from './sleep.js';

/**
 * How {@link poll} waits between checks.
 *
 * @example
 * ```ts
 * const options: PollOptions = { interval: 500, backoff: 2, maxInterval: 5000, deadline: 600_000 };
 * ```
 */
export interface PollOptions {
  /** First wait between two checks, ms. Default 1000. */
  interval?: number | undefined;
  /** Each wait is the previous one times this (≥ 1). Default 1 (a fixed interval). */
  backoff?: number | undefined;
  /** Longest wait between two checks, ms. Default 30 000. */
  maxInterval?: number | undefined;
  /** Give up with a `TimeoutError` when the next check would start later than this many ms after the first. Default: none. */
  deadline?: number | undefined;
  /** Cancels the waiting (and is passed to every check). */
  signal?: AbortSignal | undefined;
  /** Describes what is awaited, for the `TimeoutError` message (e.g. `'import run 42'`). */
  what?: string | undefined;
}

/** What one check found: done (with the value), or not yet. */
export type PollResult<T> =
  | {
      /** The job finished. */
      done: true;
      /** What the finished job produced; {@link poll} resolves to it. */
      value: T;
    }
  | {
      /** Not yet: {@link poll} waits and checks again. */
      done: false;
    };

function checkMs(value: number | undefined, field: string, min: number): void {
  if (value !== undefined && (!Number.isFinite(value) || value < min)) {
    throw new ValidationError({ message: `${field} must be a number ≥ ${min}, got ${value}`, field });
  }
}

/**
 * Run `check` until it reports done, waiting between checks (interval × backoff, capped),
 * within an overall deadline, cancelled by `signal`. The first check runs at once.
 *
 * @example
 * ```ts
 * const run = await poll(async ({ signal }) => {
 *   const r = await http.get(`api/v2/sys_ImportRun/${id}`, { signal }).json<{ status: string }>();
 *   return r.status === 'RUNNING' ? { done: false } : { done: true, value: r };
 * }, { interval: 1000, deadline: 600_000, what: `import run ${id}` });
 * ```
 */
export async function poll<T>(check: (attempt: { attempt: number } & CallOptions) => Promise<PollResult<T>>, options: PollOptions = {}): Promise<T> {
  checkMs(options.interval, 'interval', 0);
  checkMs(options.backoff, 'backoff', 1);
  checkMs(options.maxInterval, 'maxInterval', 0);
  checkMs(options.deadline, 'deadline', 0);
  const { signal } = options;
  const started = Date.now();
  const maxInterval = options.maxInterval ?? 30_000;
  let wait = Math.min(options.interval ?? 1000, maxInterval);
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(signal);
    const result = await check(signal === undefined ? { attempt } : { attempt, signal });
    if (result.done) return result.value;
    if (options.deadline !== undefined && Date.now() + wait - started > options.deadline) {
      throw new TimeoutError({
        message: `${options.what ?? 'the job'} still not done after ${Date.now() - started} ms and ${attempt} checks (deadline ${options.deadline} ms)`,
      });
    }
    await sleep(wait, { signal });
    wait = Math.min(wait * (options.backoff ?? 1), maxInterval);
  }
}
