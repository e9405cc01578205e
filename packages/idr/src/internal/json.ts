import { ResponseFormatError } from '@bio/core-http';

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A ResponseFormatError naming what was expected when a body has the wrong shape. */
export function unexpectedShape(what: string, url: string, body: unknown): ResponseFormatError {
  const snippet = typeof body === 'string' ? body : JSON.stringify(body);
  return new ResponseFormatError({
    message: `${url}: expected ${what}`,
    url,
    service: 'idr',
    ...(snippet === undefined ? {} : { snippet: snippet.slice(0, 300) }),
  });
}

/** Read `body[key]` as an array or throw a ResponseFormatError. */
export function arrayAt<T>(body: unknown, key: string, url: string): T[] {
  if (isObject(body) && Array.isArray(body[key])) return body[key] as T[];
  throw unexpectedShape(`a JSON object with an array "${key}"`, url, body);
}
