import { BatchError, type BatchFailure, BioHttpError, type BioHttpErrorInit, type ErrorCode } from '@bio/core-http';
import { firstFailure, refusedOf } from './internal/batch-failure.js';
import { parseErrorBody } from './internal/error-body.js';
import { guard } from './internal/error-guard.js';
import type { MolgenisErrorDetails } from './error-details.js';
import type { ImportRun } from './types.js';

/**
 * Read the MOLGENIS error body carried by an error thrown by this client: the classic
 * `{"errors":[{"message","code"}]}`, RFC 7807 problem+json, or a plain-text / HTML page.
 * Returns `undefined` for errors that carry no response body.
 *
 * @example
 * ```ts
 * try { await m.get('demo_sightings', { q: 'height=rng=(1,2)' }); }
 * catch (e) { console.error(e.status, errorDetails(e)?.code, errorDetails(e)?.messages); }
 * ```
 */
export function errorDetails(error: unknown): MolgenisErrorDetails | undefined {
  if (typeof error !== 'object' || error === null || !('body' in error)) return undefined;
  const { body, headers } = error as { body?: unknown; headers?: Record<string, string> };
  if (body === undefined) return undefined;
  const contentType = headers === undefined ? undefined : Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  return parseErrorBody(body, contentType);
}

/**
 * A chunked write (`addAll`, `updateAll`, `deleteList`, `upsert`) stopped part-way.
 * Batches run one after the other and are never retried, so this client never sends a row
 * twice by itself. Every input is in exactly one of `processed`, `failed` and `unprocessed`
 * (the {@link BatchError} fields), and the rows of `failed` are split further:
 *
 * - `processed`: on the server (their new ids, for `addAll`, are in `ids`);
 * - `refused`: in the batch the server answered with a 4xx/5xx refusal (MOLGENIS writes a batch
 *   in one transaction, so none of them was written), or one that was never sent;
 * - `unknown`: in the batch whose answer was lost after it was sent — connection reset, timeout,
 *   caller's abort, a gateway's 502/504, or a 2xx that is not a MOLGENIS answer (an HTML page,
 *   invalid or truncated JSON, a redirect to the login page). The server may have stored them,
 *   or not;
 * - `unprocessed`: never sent.
 *
 * `notWritten` (`refused` + `unprocessed`) is safe to send again. Do NOT resend `unknown` blindly
 * after `addAll` (the rows would be written twice) or `deleteList` (the server refuses ids that are
 * gone): re-read those ids first and resend only what is missing (or still there). `updateAll`
 * sends whole rows, so resending its `unknown` rows writes the same values again. Rows without an
 * id (the server makes one up) cannot be checked by id — look at the data.
 *
 * @example
 * ```ts
 * import { inList } from '@bio/rsql';
 *
 * try { await m.addAll('demo_sightings', rows); }
 * catch (e) {
 *   if (!(e instanceof MolgenisBatchError)) throw e;
 *   // Which rows of the batch whose answer was lost did the server store? 100 ids per request.
 *   const stored = new Set<string>();
 *   for (let i = 0; i < e.unknown.length; i += 100) {
 *     const ids = e.unknown.slice(i, i + 100).map((r) => String(r.id));
 *     for await (const r of m.get('demo_sightings', { q: inList('id', ids), attributes: ['id'], max: 100 })) stored.add(String(r.id));
 *   }
 *   const missing = e.unknown.filter((r) => !stored.has(String(r.id)));
 *   await m.addAll('demo_sightings', [...missing, ...e.notWritten]);
 * }
 * ```
 */
export class MolgenisBatchError<I = Record<string, unknown>> extends BatchError<I> {
  override name = 'MolgenisBatchError';
  override readonly code: ErrorCode = 'BATCH_WRITE_STOPPED';
  /** Ids of the rows written before the failure (`addAll`: from the server; `deleteList`: the ids deleted; `updateAll`: the ids of rows updated when known). */
  readonly ids: string[];
  /** Which operation stopped: `addAll`, `updateAll`, `deleteList`, `upsert`. */
  readonly operation: string;
  /**
   * Rows (or ids) of the batch whose outcome is unknown: sent, but the answer was lost
   * (network error, timeout, abort, 502/504 from a gateway, a 2xx that is not MOLGENIS's answer).
   * They may be on the server. They are also in `failed`, and never in `notWritten`.
   * Re-read them before sending them again.
   */
  readonly unknown: I[];

  /**
   * Made by the chunked writes when a batch fails. Without `message`, the message names the
   * operation, the entity, the failed batch (1-based), the counts of written / refused / unknown /
   * not sent rows and the first error's server message; `status` defaults to the first error's.
   */
  constructor(
    init: BioHttpErrorInit & {
      operation: string;
      entity: string;
      ids: string[];
      processed: I[];
      failed: I[];
      unprocessed: I[];
      errors: BatchFailure<I>[];
      /** The part of `failed` whose outcome is unknown (default: none). */
      unknown?: I[] | undefined;
    },
  ) {
    const failure = firstFailure(init.errors);
    const { operation, entity, ids, unknown = [], ...rest } = init;
    const refused = init.failed.length - unknown.length;
    const counts = [
      `${init.processed.length} written`,
      ...(refused > 0 || unknown.length === 0 ? [`${refused} refused`] : []),
      ...(unknown.length > 0 ? [`${unknown.length} unknown (sent, answer lost: may be written)`] : []),
      `${init.unprocessed.length} not sent`,
    ];
    super({
      service: 'molgenis',
      ...rest,
      message: init.message ?? `${operation}(${entity}) stopped at batch ${failure.batch}: ${counts.join(', ')} — ${failure.reason}`,
      ...(init.status === undefined && failure.status !== undefined ? { status: failure.status } : {}),
    });
    this.ids = ids;
    this.operation = operation;
    this.unknown = unknown;
  }

  /** The rows (or ids) of `failed` that are certainly not on the server: `failed` without `unknown`. */
  get refused(): I[] {
    return refusedOf(this.failed, this.unknown);
  }

  /** The rows (or ids) certainly not on the server, safe to send again: `refused` followed by `unprocessed` (never `unknown`). */
  get notWritten(): I[] {
    return [...this.refused, ...this.unprocessed];
  }
}

/**
 * An EMX import (`uploadZip`) ended with status `FAILED`. `serviceMessage` and `run.message`
 * hold the server's explanation.
 *
 * @example
 * ```ts
 * try { await m.uploadZip(zip); }
 * catch (e) { if (e instanceof MolgenisImportError) console.error(e.run.message); }
 * ```
 */
export class MolgenisImportError extends BioHttpError {
  override name = 'MolgenisImportError';
  override readonly code: ErrorCode = 'IMPORT_FAILED';
  /** The `sys_ImportRun` row as last read. */
  readonly run: ImportRun;
  /**
   * Made by `waitForImport` (and `uploadZip`) from the run that ended `FAILED`: the message is
   * `EMX import <id> failed: <run.message>`, and `run.message` is also the `serviceMessage`.
   */
  constructor(run: ImportRun, init: BioHttpErrorInit = {}) {
    const message = typeof run.message === 'string' && run.message !== '' ? run.message : undefined;
    super(
      {
        service: 'molgenis',
        ...init,
        ...(message === undefined ? {} : { serviceMessage: message }),
        message: `EMX import ${run.id} failed${message === undefined ? '' : `: ${message}`}`,
      },
      'import failed',
    );
    this.run = run;
  }
}

/**
 * True for a {@link MolgenisBatchError}, also across duplicated package copies.
 *
 * @example
 * ```ts
 * if (isMolgenisBatchError(e)) await m.addAll(entity, e.notWritten);
 * ```
 */
export const isMolgenisBatchError: (e: unknown) => e is MolgenisBatchError<unknown> = guard(MolgenisBatchError<unknown>, 'MolgenisBatchError');

/**
 * True for a {@link MolgenisImportError}, also across duplicated package copies.
 *
 * @example
 * ```ts
 * if (isMolgenisImportError(e)) console.error(e.run.message);
 * ```
 */
export const isMolgenisImportError: (e: unknown) => e is MolgenisImportError = guard(MolgenisImportError, 'MolgenisImportError');
