import { isBatchError, isBioHttpError, isValidationError } from '@bio/core-http';
import { isEmx2BatchError } from '@bio/molgenis/emx2';
import { isRsqlSyntaxError } from '@bio/rsql';

function hint(status: number, code: string): string | undefined {
  if (status === 401) return 'check the token (INTERMINE_TOKEN / MOLGENIS_TOKEN or the config file); it may have expired';
  if (status === 403) return 'the account is not allowed to do this';
  if (status === 404) return 'check the identifier or name';
  if (status === 429) return 'the service is rate limiting: try again later or lower --concurrency';
  if (status >= 500) return 'the service failed; try again later';
  if (code === 'NETWORK') return 'the service could not be reached (use --offline to try the built-in simulators)';
  if (code === 'TIMEOUT') return 'the service did not answer in time';
  if (code === 'RESPONSE_FORMAT') return 'the service answered with something other than the expected data (an error page?)';
  return undefined;
}

/** The request `--offline` had no simulator for (an `OfflineUnhandledError` in the cause chain). */
function offlineUnhandled(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error && e.name === 'OfflineUnhandledError') return e.message;
  }
  return undefined;
}

/**
 * One clear line for a failed command — status, service, the service's message, a hint — plus the
 * stack with `--debug`. An RSQL syntax error keeps its excerpt and caret lines.
 *
 * @example
 * ```ts
 * describeError(new NotFoundError({ status: 404, service: 'mygene', message: 'no gene with id 0' }), false);
 * // 'error: 404 mygene: no gene with id 0 (check the identifier or name)\n'
 * ```
 */
export function describeError(error: unknown, debug: boolean): string {
  // A batch that failed: its first request's error is the one to show (the CLI itself says how
  // many rows were written before it).
  // An EMX2 write adds which rows are on the server and which are not (to resume without writing twice).
  if (isEmx2BatchError(error)) {
    const cause = error.errors[0]?.error ?? error.cause;
    const first = cause instanceof Error ? describeError(cause, debug) : `error: ${error.message}\n`;
    return `${first}${error.operation} ${error.table}: ${error.written.length} written, ${error.refused.length} refused, ${error.unknown.length} unknown (sent, answer lost), ${error.unsent.length} unsent\n`;
  }
  if (isBatchError(error) && isBioHttpError(error.cause)) return describeError(error.cause, debug);
  let line: string;
  const unhandled = offlineUnhandled(error);
  if (unhandled !== undefined) {
    line = `error: --offline: no simulator answers ${unhandled}; offline, every service runs at its default address (drop --root/--url and the config file's base URLs)`;
  } else if (isRsqlSyntaxError(error)) {
    line = `error: ${error.message}`;
  } else if (isValidationError(error)) {
    line = `error: invalid argument: ${error.message}`;
  } else if (isBioHttpError(error)) {
    const status = error.status ? `${error.status} ` : '';
    // A service message may span lines (InterMine's "…contains errors:\nYou do not have…"): one line.
    const what = (error.serviceMessage ?? error.message).replace(/\s*\n\s*/g, ' ');
    const extra = hint(error.status, error.code);
    line = `error: ${status}${error.service ? `${error.service}: ` : ''}${what}${extra ? ` (${extra})` : ''}`;
  } else {
    line = `error: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (debug && error instanceof Error && error.stack) line += `\n${error.stack}`;
  return `${line}\n`;
}
