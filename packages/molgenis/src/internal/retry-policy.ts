import type { BioHttpError, RetryOptions } from '@bio/core-http';

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
 * up at once on {@link isDeterministicFailure} and leaves everything else to core-http's rules
 * (the caller's statuses, network switch, `Retry-After`). A caller's own `shouldRetry` is used
 * unchanged.
 */
export function molgenisRetry(caller: RetryOptions | number | undefined): RetryOptions {
  const options: RetryOptions = typeof caller === 'number' ? { limit: caller } : { ...caller };
  if (options.shouldRetry !== undefined) return options;
  options.shouldRetry = ({ error }) => (isDeterministicFailure(error) ? false : undefined);
  return options;
}
