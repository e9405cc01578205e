import type { BioHttpError, RetryOptions } from '@bio/core-http';

/** core-http's default retry statuses (the contract's): 408, 429, 500, 502, 503, 504. */
const DEFAULT_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];

/**
 * A 500 that carries MOLGENIS's own error document (`{"errors":[{"message"…}]}` from a classic
 * controller, a problem+json from an ApiController) is the server's exception handler answering:
 * the same request fails the same way again (`=out=`, `<` on a string, `int==abc` all end in
 * MOLGENIS's fallback handler as a 500). A 500 without one (an HTML page from Tomcat or a
 * proxy, an empty body) may be a passing failure, and stays retried.
 */
export function isDeterministicFailure(error: BioHttpError): boolean {
  if (error.status !== 500) return false;
  const body = error.body;
  if (typeof body !== 'object' || body === null) return false;
  const { errors, detail, errorCode } = body as { errors?: unknown; detail?: unknown; errorCode?: unknown };
  if (Array.isArray(errors) && errors.some((e) => typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string')) return true;
  return typeof detail === 'string' || typeof errorCode === 'string';
}

/**
 * The client's retry policy: the caller's (a number is `limit`), with a `shouldRetry` that gives
 * up at once on {@link isDeterministicFailure} and otherwise applies the caller's statuses and
 * network switch. A caller's own `shouldRetry` is used unchanged. (A `shouldRetry` makes ky
 * wait its backoff instead of a `Retry-After`; MOLGENIS sends none.)
 */
export function molgenisRetry(caller: RetryOptions | number | undefined): RetryOptions {
  const options: RetryOptions = typeof caller === 'number' ? { limit: caller } : { ...caller };
  if (options.shouldRetry !== undefined) return options;
  const statuses = options.statusCodes ?? DEFAULT_STATUSES;
  const network = options.retryOnNetworkError ?? true;
  options.shouldRetry = ({ error }) => {
    if (error.status === 0) return error.name === 'NetworkError' && network;
    return statuses.includes(error.status) && !isDeterministicFailure(error);
  };
  return options;
}
