// A full garbage collection on demand, for the long streaming commands. Their pipelined batches
// outlive young-generation collections and are promoted, and V8 then lets the old generation
// fill with tens of MB of such garbage before it collects (live data stays ~20 MB): a full
// collection every few dozen batches keeps `bio mygene map` over a million ids under its 150 MB
// peak-RSS goal for a few ms each. `--expose-gc` set at run time makes `gc` available to new
// contexts only, hence the one-line context.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/**
 * Run a full garbage collection (a no-op if the runtime refuses).
 *
 * @example
 * ```ts
 * if (batches % 50 === 0) collectGarbage();
 * ```
 */
export function collectGarbage(): void {
  if (!collect) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = () => {};
    }
  }
  collect();
}
