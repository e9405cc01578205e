import { BadRequestError, type BioHttpErrorInit, type ErrorCode, isBioError } from '@bio/core-http';

/**
 * The scroll of {@link MyGene.fetchAll} expired (the server keeps it 60 s after each page) or
 * was rejected: 400 `"Invalid or stale scroll_id."`. `code` is `'SCROLL_EXPIRED'`; `yielded`
 * says how many hits had been delivered; pass `restartOnExpiry: true` to start over and skip
 * them instead. A `BadRequestError` (status 400) like any other refused request.
 *
 * @example
 * ```ts
 * try { for await (const hit of mg.fetchAll('brain')) await slowWork(hit); }
 * catch (e) { if (isScrollExpiredError(e)) console.error(`${e.code}: scroll expired after ${e.yielded} hits`); }
 * ```
 */
export class ScrollExpiredError extends BadRequestError {
  /** Always `'ScrollExpiredError'`. */
  override name = 'ScrollExpiredError';
  /** Always `'SCROLL_EXPIRED'`. */
  override readonly code: ErrorCode = 'SCROLL_EXPIRED';
  /** Hits delivered before the scroll expired. */
  readonly yielded: number;
  /**
   * Build the error (a 400 answer to a scroll request whose id the server no longer knows).
   *
   * @param init - The exchange's fields plus `yielded`, the hits delivered before it expired.
   */
  constructor(init: BioHttpErrorInit & { yielded: number }) {
    super(init, 'scroll expired');
    this.yielded = init.yielded;
  }
}

/**
 * True for a {@link ScrollExpiredError}, also across duplicated package copies (checks the
 * `isBioError` marker and `name`, as core-http's guards do).
 *
 * @example
 * ```ts
 * if (isScrollExpiredError(e)) restart();
 * ```
 */
export function isScrollExpiredError(e: unknown): e is ScrollExpiredError {
  return e instanceof ScrollExpiredError || (isBioError(e) && e.name === 'ScrollExpiredError');
}
