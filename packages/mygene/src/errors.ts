import { BadRequestError, type BioHttpErrorInit } from '@bio/core-http';

/**
 * The scroll of {@link MyGene.fetchAll} expired (the server keeps it 60 s after each page) or
 * was rejected: 400 `"Invalid or stale scroll_id."`. `yielded` says how many hits had been
 * delivered; pass `restartOnExpiry: true` to start over and skip them instead.
 *
 * @example
 * ```ts
 * try { for await (const hit of mg.fetchAll('brain')) await slowWork(hit); }
 * catch (e) { if (isScrollExpiredError(e)) console.error(`scroll expired after ${e.yielded} hits`); }
 * ```
 */
export class ScrollExpiredError extends BadRequestError {
  override name = 'ScrollExpiredError';
  /** Hits delivered before the scroll expired. */
  readonly yielded: number;
  constructor(init: BioHttpErrorInit & { yielded: number }) {
    super(init, 'scroll expired');
    this.yielded = init.yielded;
  }
}

/**
 * True for a {@link ScrollExpiredError}, also across duplicated package copies (checks `name`).
 *
 * @example
 * ```ts
 * if (isScrollExpiredError(e)) restart();
 * ```
 */
export function isScrollExpiredError(e: unknown): e is ScrollExpiredError {
  return e instanceof ScrollExpiredError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ScrollExpiredError');
}
