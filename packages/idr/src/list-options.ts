import type { ListOptions, Progress } from '@bio/core-http';

/**
 * Options of every list call: the family's {@link ListOptions} (`max`, `pageSize`, `signal`,
 * `timeout`) and a progress callback.
 *
 * @example
 * ```ts
 * idr.wells({ plate: 8958 }, { onProgress: ({ done, total }) => console.error(`${done}/${total ?? '?'}`) });
 * ```
 */
export interface IdrListOptions extends ListOptions {
  /** Called after every page with the family's {@link Progress}: items so far, the server's count when it sends one, pages so far. */
  onProgress?: ((progress: Progress) => void) | undefined;
}
