// The default service root, one constant for the client and its testing kit.

/**
 * The public MyGene.info v3 service root: the default `baseUrl`. Every client with a public
 * default names it `DEFAULT_BASE_URL` (as `@bio/idr` does).
 *
 * @example
 * ```ts
 * new MyGene({ baseUrl: DEFAULT_BASE_URL }); // the default
 * ```
 */
export const DEFAULT_BASE_URL = 'https://mygene.info/v3';

/**
 * The same URL under its first name.
 *
 * @deprecated Use {@link DEFAULT_BASE_URL}, the family's name for a client's default `baseUrl`.
 * @example
 * ```ts
 * MYGENE_BASE_URL === DEFAULT_BASE_URL; // true
 * ```
 */
export const MYGENE_BASE_URL = DEFAULT_BASE_URL;
