// The public mines `bio` names: the InterMine default (FlyMine) and gene-context's two.

/**
 * FlyMine's root: `bio intermine`'s default mine and gene-context's fly mine.
 *
 * @example
 * ```ts
 * new InterMine({ baseUrl: FLYMINE_URL });
 * ```
 */
export const FLYMINE_URL = 'https://www.flymine.org/flymine';

/**
 * HumanMine's root: gene-context's human mine.
 *
 * @example
 * ```ts
 * new InterMine({ baseUrl: HUMANMINE_URL });
 * ```
 */
export const HUMANMINE_URL = 'https://www.humanmine.org/humanmine';
