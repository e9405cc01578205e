/**
 * Where the fixtures and the simulator are served by default (the public MyGene.info v3 root).
 *
 * @example
 * ```ts
 * const mg = new MyGene({ baseUrl: DEFAULT_BASE_URL });
 * ```
 */
export const DEFAULT_BASE_URL = 'https://mygene.info/v3';
