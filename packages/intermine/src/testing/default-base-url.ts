/**
 * Where the mine fixtures were recorded, and where `createSimulator()` answers: FlyMine's service root.
 *
 * @example
 * ```ts
 * setupServer(...handlers({ baseUrl: DEFAULT_BASE_URL }));
 * ```
 */
export const DEFAULT_BASE_URL = 'https://www.flymine.org/flymine/service';
