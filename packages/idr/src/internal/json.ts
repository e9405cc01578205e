import { redactUrl, ResponseFormatError, type ResponsePromise } from '@bio/core-http';

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The exchange a body came from: the request's method and URL, and the response's status once known. */
export interface Exchange {
  method: string;
  url: string;
  status?: number | undefined;
}

/**
 * `GET https://…`: the request as core-http's own ResponseFormatErrors name it (secret query
 * parameters redacted); the status is on the error, not in the message (it is no failure here).
 */
export function describeExchange(at: Exchange): string {
  return `${at.method.toUpperCase()} ${redactUrl(at.url)}`;
}

/** A ResponseFormatError whose message opens with the request (method, URL) and says what went wrong; `status` is set too. */
export function formatError(
  at: Exchange,
  problem: string,
  extra: { contentType?: string | undefined; snippet?: string | undefined } = {},
): ResponseFormatError {
  return new ResponseFormatError({
    message: `${describeExchange(at)}: ${problem}`,
    method: at.method,
    url: at.url,
    ...(at.status === undefined ? {} : { status: at.status }),
    service: 'idr',
    ...(extra.contentType === undefined ? {} : { contentType: extra.contentType }),
    ...(extra.snippet === undefined ? {} : { snippet: extra.snippet }),
  });
}

/** The JSON body of `pending` with the exchange it came from (its status read from the same response). */
export async function jsonOf(pending: ResponsePromise, method: string, url: string): Promise<{ body: unknown; at: Exchange }> {
  const body = await pending.json<unknown>();
  const response = await pending; // settled with the response the body was read from
  return { body, at: { method, url, status: response.status } };
}

/** A ResponseFormatError naming the exchange and what was expected when a body has the wrong shape. */
export function unexpectedShape(what: string, at: Exchange, body: unknown): ResponseFormatError {
  const snippet = typeof body === 'string' ? body : JSON.stringify(body);
  return formatError(at, `expected ${what}`, snippet === undefined ? {} : { snippet: snippet.slice(0, 300) });
}

/** Read `body[key]` as an array or throw a ResponseFormatError. */
export function arrayAt<T>(body: unknown, key: string, at: Exchange): T[] {
  if (isObject(body) && Array.isArray(body[key])) return body[key] as T[];
  throw unexpectedShape(`a JSON object with an array "${key}"`, at, body);
}
