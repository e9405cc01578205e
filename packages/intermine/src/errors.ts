import { type BioHttpErrorInit, ServerError } from '@bio/core-http';

/**
 * An id resolution job ended with status `ERROR` on the server (`GET /ids/{uid}/status`).
 * `jobId` names the job; `retryable` is false (the same input fails the same way).
 *
 * @example
 * ```ts
 * try { await mine.resolveIds({ type: 'Gene', identifiers }); }
 * catch (e) { if (isIdResolutionError(e)) console.error(e.code, e.jobId, e.serviceMessage); }
 * ```
 */
export class IdResolutionError extends ServerError {
  /** Always `'IdResolutionError'`. */
  override name = 'IdResolutionError';
  /** Always `'ID_RESOLUTION_FAILED'`. */
  override readonly code = 'ID_RESOLUTION_FAILED';
  /** The server's job id. */
  readonly jobId: string;
  /**
   * Build the error for an id-resolution job the server reported as failed.
   *
   * @param init - The exchange's fields plus the server's `jobId`.
   */
  constructor(init: BioHttpErrorInit & { jobId: string }) {
    super(init, 'id resolution failed');
    this.jobId = init.jobId;
  }
  /** Always false: the job itself failed, so running it again gives the same answer. */
  override get retryable(): boolean {
    return false;
  }
}

/**
 * True for an {@link IdResolutionError}, also one from another installed copy of this package.
 *
 * @example
 * ```ts
 * if (isIdResolutionError(e)) console.error(`job ${e.jobId} failed`);
 * ```
 */
export function isIdResolutionError(e: unknown): e is IdResolutionError {
  return (
    e instanceof IdResolutionError ||
    (typeof e === 'object' && e !== null && (e as { isBioError?: unknown }).isBioError === true && (e as { name?: unknown }).name === 'IdResolutionError')
  );
}
