// The EMX2 client's own errors: a chunked write that stopped, and a server task that failed.
import { BatchError, type BatchFailure, BioHttpError, type BioHttpErrorInit, type ErrorCode } from '@bio/core-http';
import { firstFailure, refusedOf } from '../internal/batch-failure.js';
import { guard } from '../internal/error-guard.js';
import type { Emx2Task } from './types.js';

/**
 * A chunked write (`insert`, `update`, `save`, `delete`) stopped part-way. Chunks run one after
 * the other and are never retried; each chunk is one mutation, which EMX2 runs in one transaction
 * (all rows or none). Every input row is in exactly one of:
 *
 * - `written`: in chunks the server confirmed;
 * - `refused`: in the chunk the server refused (an error answer: nothing of it was written);
 * - `unknown`: in the chunk whose answer was lost after sending (network error, timeout, abort,
 *   a gateway's 502/504, a 2xx that was not EMX2's answer) — the server may have written it;
 * - `unsent`: never sent.
 *
 * Resume without writing anything twice: fix or drop `refused`, then send `notWritten`
 * (`refused` + `unsent`). For `unknown`: `save` and `update` write whole values, so sending them
 * again stores the same thing; `delete` of a missing key is no error; after `insert`, re-read
 * the keys (`table.get`) and insert only the missing ones — or `save` them.
 *
 * @example
 * ```ts
 * try { await pets.insert(rows); }
 * catch (e) {
 *   if (!isEmx2BatchError(e)) throw e;
 *   await pets.save([...e.unknown, ...e.notWritten]); // save is idempotent: nothing is written twice
 * }
 * ```
 */
export class Emx2BatchError<I = Record<string, unknown>> extends BatchError<I> {
  /** Always `'Emx2BatchError'`. */
  override name = 'Emx2BatchError';
  /** Always `'BATCH_WRITE_STOPPED'`. */
  override readonly code: ErrorCode = 'BATCH_WRITE_STOPPED';
  /** `insert`, `update`, `save` or `delete`. */
  readonly operation: string;
  /** The table written to. */
  readonly table: string;
  /** Rows of the chunk whose answer was lost: perhaps written. Also in `failed`. */
  readonly unknown: I[];

  /**
   * Made by the chunked writes when a chunk fails. Without `message`, the message names the
   * operation, the table, the failed chunk (1-based), the counts of written / refused / unknown /
   * unsent rows and the first error's server message; `status` defaults to the first error's.
   */
  constructor(
    init: BioHttpErrorInit & { operation: string; table: string; processed: I[]; failed: I[]; unprocessed: I[]; unknown: I[]; errors: BatchFailure<I>[] },
  ) {
    const failure = firstFailure(init.errors);
    const { operation, table, unknown, ...rest } = init;
    const refused = init.failed.length - unknown.length;
    super({
      service: 'molgenis',
      ...rest,
      message:
        init.message ??
        `${operation}(${table}) stopped at chunk ${failure.batch}: ${init.processed.length} written, ${refused} refused, ${unknown.length} unknown, ${init.unprocessed.length} unsent — ${failure.reason}`,
      ...(init.status === undefined && failure.status !== undefined ? { status: failure.status } : {}),
    });
    this.operation = operation;
    this.table = table;
    this.unknown = unknown;
  }

  /** Rows the server confirmed (`processed`). */
  get written(): I[] {
    return this.processed;
  }
  /** Rows the server refused: certainly not written. */
  get refused(): I[] {
    return refusedOf(this.failed, this.unknown);
  }
  /** Rows never sent (`unprocessed`). */
  get unsent(): I[] {
    return this.unprocessed;
  }
  /** `refused` then `unsent`: certainly not on the server. */
  get notWritten(): I[] {
    return [...this.refused, ...this.unprocessed];
  }
}

/**
 * A server task (an asynchronous import) ended with status `ERROR` (or `CANCELLED`); the message
 * is the task's own description.
 *
 * @example
 * ```ts
 * try { await petStore.importZip(zip); }
 * catch (e) { if (isEmx2TaskError(e)) console.error(e.task.description); }
 * ```
 */
export class Emx2TaskError extends BioHttpError {
  /** Always `'Emx2TaskError'`. */
  override name = 'Emx2TaskError';
  /** Always `'TASK_FAILED'`. */
  override readonly code: ErrorCode = 'TASK_FAILED';
  /** The task as last polled. */
  readonly task: Emx2Task;
  /**
   * Made when a polled task ends `ERROR` or `CANCELLED`: the message is
   * `EMX2 task <id> ended <status>: <description>`, and the description (the status when there is
   * none) is also the `serviceMessage`.
   */
  constructor(task: Emx2Task, init: BioHttpErrorInit = {}) {
    const description = task.description ?? task.status;
    super({ service: 'molgenis', ...init, serviceMessage: description, message: `EMX2 task ${task.id} ended ${task.status}: ${description}` }, 'task failed');
    this.task = task;
  }
}

/**
 * True for an {@link Emx2BatchError}, also across duplicated package copies.
 *
 * @example
 * ```ts
 * if (isEmx2BatchError(e)) await pets.save(e.notWritten);
 * ```
 */
export const isEmx2BatchError: (e: unknown) => e is Emx2BatchError<unknown> = guard(Emx2BatchError<unknown>, 'Emx2BatchError');

/**
 * True for an {@link Emx2TaskError}, also across duplicated package copies.
 *
 * @example
 * ```ts
 * if (isEmx2TaskError(e)) console.error(e.task.status);
 * ```
 */
export const isEmx2TaskError: (e: unknown) => e is Emx2TaskError = guard(Emx2TaskError, 'Emx2TaskError');
