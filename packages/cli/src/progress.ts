import { SingleBar } from 'cli-progress';
import type { Progress } from '@bio/core-http';
import type { CliIO } from './context.js';

/**
 * A progress bar (cli-progress) on stderr when it is a terminal; silent otherwise (pipes, CI, tests).
 *
 * @example
 * ```ts
 * const progress = progressReporter(processIO(), 'mygene map');
 * progress.update({ done: 1000, total: 5000 });
 * progress.stop();
 * ```
 */
export function progressReporter(io: CliIO, label: string): { update(p: Pick<Progress, 'done' | 'total'>): void; stop(): void } {
  if (!io.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new SingleBar({ format: `${label} {value} terms done{totalText}`, stream: io.stderr as NodeJS.WritableStream, hideCursor: true });
  let started = false;
  return {
    update({ done, total }) {
      if (!started) {
        bar.start(total ?? 0, 0, { totalText: '' });
        started = true;
      }
      if (total !== undefined) bar.setTotal(total);
      bar.update(done, { totalText: total === undefined ? '' : ` of ${total}` });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
