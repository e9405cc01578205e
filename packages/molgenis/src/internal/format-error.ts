// The one way this package builds a `ResponseFormatError`: it names the request it is about
// (method, full url with its query, the answer's status and content type) and scrubs the
// session's secrets from message, url and snippet. Classic and EMX2 code both use it.
import { type HttpClient, type QueryParams, ResponseFormatError } from '@bio/core-http';

/** The request an unexpected answer came to, and the answer when one was read. */
export interface Exchange {
  /** The HTTP method, upper case. */
  method: string;
  /** The path as requested, relative to the base URL; the message names it, `url` is the full one. */
  path: string;
  /** The query sent, so that `url` is the one requested. */
  searchParams?: QueryParams | undefined;
  /** The answer, for its status and `Content-Type`. */
  response?: Response | undefined;
}

/**
 * A `ResponseFormatError` for `exchange`: message `${method} ${path}: ${problem}`, `snippet` the
 * part of the body at fault (at most 300 characters are kept); the client's auth secrets are redacted.
 */
export function formatError(http: HttpClient, exchange: Exchange, problem: string, snippet?: string): ResponseFormatError {
  const { method, path, searchParams, response } = exchange;
  const contentType = response?.headers.get('content-type') ?? null;
  const secrets = http.auth?.secrets() ?? [];
  return new ResponseFormatError({
    service: 'molgenis',
    ...(response === undefined ? {} : { status: response.status }),
    method,
    url: http.url(path, searchParams),
    message: `${method} ${path}: ${problem}`,
    ...(contentType === null ? {} : { contentType }),
    ...(snippet === undefined || snippet === '' ? {} : { snippet }), // redacted whole, then cut, by the error
    secrets,
  });
}

/**
 * `decode()`, where a `ResponseFormatError` that names no request (a decoder's: it sees values,
 * not the exchange) is thrown again as `fail` makes it for the request the values came in.
 */
export function decodingAnswer<T>(fail: (problem: string) => ResponseFormatError, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof ResponseFormatError && error.url === undefined) throw fail(error.message);
    throw error;
  }
}

/**
 * A value of an answer for a message: its JSON when short, else only its length. Never cut: a
 * secret cut in half can no longer be redacted.
 */
export function valueForMessage(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length <= 80 ? text : `a value of ${text.length} characters`;
}

/** A value of a JSON answer as a snippet (undefined stays undefined). */
export function jsonSnippet(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}
