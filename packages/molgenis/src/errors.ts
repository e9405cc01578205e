import { BatchError, BioHttpError, type BatchFailure, type BioHttpErrorInit } from '@bio/core-http';
import { parseErrorBody } from './internal/error-body.js';
import type { ImportRun } from './types.js';

/**
 * An RFC 7807 `application/problem+json` body, as sent by MOLGENIS `ApiController`s
 * (`/api/data`, `/api/metadata`, …).
 *
 * @example
 * ```ts
 * const details = errorDetails(error);
 * if (details?.problem) console.log(details.problem.errorCode, details.problem.errors);
 * ```
 */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  /** MOLGENIS error code, e.g. `D02`. */
  errorCode?: string;
  errors?: { errorCode?: string; field?: string; value?: unknown; detail?: string }[];
}

/**
 * What MOLGENIS said in an error body, whatever its shape.
 *
 * @example
 * ```ts
 * // {"errors":[{"message":"Unknown entity with 'id' '999' of type 'Sightings'.","code":"D02"}]}
 * errorDetails(e); // { messages: ["Unknown entity with 'id' '999' of type 'Sightings'."], code: 'D02' }
 * ```
 */
export interface MolgenisErrorDetails {
  /** Every message found: `errors[].message`, problem `detail` and `errors[].detail`, or the text of a plain/HTML body. */
  messages: string[];
  /** The MOLGENIS error code (`errors[0].code` or the problem's `errorCode`), when present. */
  code?: string;
  /** The whole problem document when the body was RFC 7807. */
  problem?: ProblemDetails;
}

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
 * Batches run one after the other and are never retried, so nothing was written twice:
 * `processed` rows are on the server (their new ids, for `addAll`, are in `ids`),
 * `failed` were in the batch the server refused (MOLGENIS writes a batch in one
 * transaction, so none of them was written), `unprocessed` were never sent. Resume with
 * `notWritten`.
 *
 * @example
 * ```ts
 * try { await m.addAll('demo_sightings', rows); }
 * catch (e) {
 *   if (e instanceof MolgenisBatchError) {
 *     console.log(`${e.ids.length} written; retrying ${e.notWritten.length}`);
 *     await m.addAll('demo_sightings', fix(e.notWritten));
 *   }
 * }
 * ```
 */
export class MolgenisBatchError<I = Record<string, unknown>> extends BatchError<I> {
  override name = 'MolgenisBatchError';
  /** Ids of the rows written before the failure (`addAll`: from the server; `deleteList`: the ids deleted; `updateAll`: the ids of rows updated when known). */
  readonly ids: string[];
  /** Which operation stopped: `addAll`, `updateAll`, `deleteList`, `upsert`. */
  readonly operation: string;

  constructor(
    init: BioHttpErrorInit & { operation: string; entity: string; ids: string[]; processed: I[]; failed: I[]; unprocessed: I[]; errors: BatchFailure<I>[] },
  ) {
    const first = init.errors[0]?.error;
    const reason = first instanceof BioHttpError ? (first.serviceMessage ?? first.message) : first instanceof Error ? first.message : String(first);
    const { operation, entity, ids, ...rest } = init;
    super({
      service: 'molgenis',
      ...rest,
      message:
        init.message ??
        `${operation}(${entity}) stopped at batch ${(init.errors[0]?.batchIndex ?? 0) + 1}: ${init.processed.length} written, ` +
          `${init.failed.length} refused, ${init.unprocessed.length} not sent — ${reason}`,
      ...(init.status === undefined && first instanceof BioHttpError ? { status: first.status } : {}),
    });
    this.ids = ids;
    this.operation = operation;
  }

  /** The rows (or ids) that are not on the server: `failed` followed by `unprocessed`. */
  get notWritten(): I[] {
    return [...this.failed, ...this.unprocessed];
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
  /** The `sys_ImportRun` row as last read. */
  readonly run: ImportRun;
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
export function isMolgenisBatchError(e: unknown): e is MolgenisBatchError<unknown> {
  return e instanceof MolgenisBatchError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'MolgenisBatchError');
}

/**
 * True for a {@link MolgenisImportError}, also across duplicated package copies.
 *
 * @example
 * ```ts
 * if (isMolgenisImportError(e)) console.error(e.run.message);
 * ```
 */
export function isMolgenisImportError(e: unknown): e is MolgenisImportError {
  return e instanceof MolgenisImportError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'MolgenisImportError');
}
