import { SingleBar } from 'cli-progress';
import type { CliIO } from './context.js';

/**
 * Progress of a long command: `update(done, total?)` after each request; `finish()` clears the
 * bar. What it shows depends on where stderr goes — see {@link progressReporter}.
 *
 * @example
 * ```ts
 * const progress = progressReporter(processIO(), { label: 'mygene map', unit: 'terms' });
 * progress.update({ done: 1000, total: 5000, requests: 1, totalRequests: 5 });
 * progress.finish();
 * ```
 */
export interface ProgressReporter {
  update(p: ProgressState): void;
  finish(): void;
}

/**
 * Where a command stands: items done (and their total when known) and requests made (and
 * their expected total when known).
 *
 * @example
 * ```ts
 * const state: ProgressState = { done: 1000, total: 5000, requests: 1, totalRequests: 5 };
 * ```
 */
export interface ProgressState {
  done: number;
  total?: number | undefined;
  requests: number;
  totalRequests?: number | undefined;
}

/**
 * Options of {@link progressReporter}.
 *
 * @example
 * ```ts
 * progressReporter(io, { label: 'idr thumbnails', unit: 'images', quiet: false });
 * ```
 */
export interface ProgressOptions {
  label: string;
  /** What is counted: `terms`, `images`, … */
  unit: string;
  /** `--quiet`: nothing at all. */
  quiet?: boolean | undefined;
}

/** A command shows a bar only when it makes more requests than this. */
export const BAR_AFTER_REQUESTS = 10;

/** Items per second since `start`, one decimal below 10. */
function rate(done: number, start: number): string {
  const seconds = (Date.now() - start) / 1000;
  const r = seconds > 0 ? done / seconds : 0;
  return r < 10 ? r.toFixed(1) : String(Math.round(r));
}

/**
 * A progress bar (cli-progress) on stderr when it is a terminal — done/total, rate and ETA
 * (done and rate when the total is unknown) — for a command that makes more than
 * {@link BAR_AFTER_REQUESTS} requests; nothing otherwise (pipes, CI, logs), the command then
 * prints at most one summary line itself. Nothing with `quiet`.
 *
 * @example
 * ```ts
 * const progress = progressReporter(processIO(), { label: 'mygene map', unit: 'terms' });
 * ```
 */
export function progressReporter(io: CliIO, options: ProgressOptions): ProgressReporter {
  if (!io.stderr.isTTY || options.quiet) return { update() {}, finish() {} };
  const start = Date.now();
  let bar: SingleBar | undefined;
  return {
    update(p) {
      const many = p.requests > BAR_AFTER_REQUESTS || (p.totalRequests ?? 0) > BAR_AFTER_REQUESTS;
      if (!bar && !many) return;
      const payload = { label: options.label, unit: options.unit, rate: rate(p.done, start) };
      if (!bar) {
        const format =
          p.total === undefined ? '{label} {value} {unit} | {rate} {unit}/s' : '{label} [{bar}] {value}/{total} {unit} | {rate} {unit}/s | ETA {eta_formatted}';
        bar = new SingleBar({ format, stream: io.stderr as NodeJS.WritableStream, hideCursor: true, etaBuffer: 50, fps: 10, clearOnComplete: true });
        bar.start(p.total ?? 0, p.done, payload);
        return;
      }
      bar.update(p.done, payload);
    },
    finish() {
      bar?.stop();
      bar = undefined;
    },
  };
}
