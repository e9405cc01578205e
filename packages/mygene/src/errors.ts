import { BadRequestError, BioError, type BioHttpErrorInit, type ErrorCode, isBioError } from '@bio/core-http';
import type { Gene } from './types.js';

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

/**
 * {@link MyGene.gene} asked for one gene by an id that several genes share (an Ensembl gene id
 * mapped to several Entrez genes, a retired id): the server answers with all of them, and this
 * error carries them, in the server's order, rather than picking one. `code` is
 * `'MULTIPLE_GENES'`. `mg.genes([id])` asks for the same as a list.
 *
 * @example
 * ```ts
 * try { await mg.gene('ENSG00000268903'); }
 * catch (e) { if (isMultipleGenesError(e)) console.log(e.genes.map((g) => g._id)); }
 * ```
 */
export class MultipleGenesError extends BioError {
  /** Always `'MultipleGenesError'`. */
  override name = 'MultipleGenesError';
  /** Always `'MULTIPLE_GENES'`. */
  override readonly code: ErrorCode = 'MULTIPLE_GENES';
  /** The id asked for. */
  readonly id: string;
  /** Every gene the server answered for it, in its order. */
  readonly genes: Gene[];
  /**
   * Build the error from the id and the documents the server answered with.
   *
   * @param id - The id `gene()` was called with.
   * @param genes - The documents of the answer (two or more).
   */
  constructor(id: string, genes: Gene[]) {
    super(`GET gene/${id}: ${genes.length} genes have this id (${genes.map((g) => g._id).join(', ')}); use genes([id]) for all of them`);
    this.id = id;
    this.genes = genes;
  }

  /** A plain view with the id and the genes' ids (used by `JSON.stringify`). */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), id: this.id, geneIds: this.genes.map((g) => g._id) };
  }
}

/**
 * True for a {@link MultipleGenesError}, also across duplicated package copies.
 *
 * @example
 * ```ts
 * if (isMultipleGenesError(e)) for (const g of e.genes) console.log(g._id, g.symbol);
 * ```
 */
export function isMultipleGenesError(e: unknown): e is MultipleGenesError {
  return e instanceof MultipleGenesError || (isBioError(e) && e.name === 'MultipleGenesError');
}
