// One mine as the registry describes it: its own module, so registry.ts and across-mines.ts need not import each other.

/**
 * One mine as the registry describes it.
 *
 * @example
 * ```ts
 * const m: MineInstance = { id: '1', name: 'FlyMine', namespace: 'flymine', url: 'https://www.flymine.org/flymine', organisms: ['D. melanogaster'] };
 * ```
 */
export interface MineInstance {
  /** The registry's id for the mine. */
  id: string;
  /** The mine's name, e.g. `FlyMine`. */
  name: string;
  /** The mine's short registry name, e.g. `flymine`. */
  namespace: string;
  /** The mine's web address; its service is at `<url>/service`. */
  url: string;
  /** What the mine holds, in the registry's words. */
  description?: string;
  /** Organisms (full names) the mine holds data for. */
  organisms?: string[];
  /** The mine's group in the registry (e.g. `MODs`, `Plants`). */
  neighbours?: string[];
  /** The registry's status of the mine (e.g. `Running`). */
  status?: string;
  /** The mine's web-service API version. */
  api_version?: string;
  /** The mine's data release. */
  release_version?: string;
  /** The InterMine software version the mine runs. */
  intermine_version?: string;
  /** Other keys the registry sends, untyped. */
  [key: string]: unknown;
}
