// InterMine's wire conventions shared by every endpoint: the JSON envelope with its trailer,
// error bodies (JSON, flat `[ERROR]` lines, Tomcat's HTML 404 page) and request parameters.
import type { SimulatedRequest } from '@bio/core-http/testing';

/** InterMine's JSON content type. */
export const JSON_TYPE = 'application/json;charset=UTF-8';

/** `executionTime` in InterMine's own pattern, `yyyy.MM.dd HH:mm::ss`. */
export function executionTime(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}.${p(now.getMonth() + 1)}.${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}::${p(now.getSeconds())}`;
}

/** The trailer every JSON answer ends with. */
export function trailer(status = 200, error: string | null = null): Record<string, unknown> {
  return { executionTime: executionTime(), wasSuccessful: status < 400, error, statusCode: status };
}

/** A successful JSON answer: the payload, then the trailer. */
export function ok(payload: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ ...payload, ...trailer() }), { status: 200, headers: { 'content-type': JSON_TYPE, ...headers } });
}

/**
 * A header value as JSONFormatter.quoteValue writes it: `null`, `true`, `false` and digit-only
 * strings (StringUtils.isNumeric) unquoted — so a list called `2024` comes back as the number
 * 2024 in `listName` — anything else a string. (A digit string with leading zeros is written
 * unquoted too, which no JSON reader accepts; here it is the number.)
 */
export function headerValue(value: string): string | number | boolean | null {
  if (value === 'null') return null;
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** A failed JSON answer: the HTTP status, the (usually empty) payload key and the trailer with the message. */
export function fail(status: number, message: string, payload: Record<string, unknown> = {}): Response {
  // As the server does outside dev mode, 5xx messages are replaced.
  const error = status >= 500 ? 'Service failed. Please contact support.' : message;
  return new Response(JSON.stringify({ ...payload, ...trailer(status, error) }), { status, headers: { 'content-type': JSON_TYPE } });
}

/** A thrown refusal: the handlers catch it and answer with {@link fail}. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly payload: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Refuse with 400 Bad Request. */
export function badRequest(message: string, payload: Record<string, unknown> = {}): never {
  throw new Refusal(400, message, payload);
}

/** Tomcat's HTML 404 page, for paths no servlet is mapped to. */
export function htmlNotFound(path: string): Response {
  const html = `<!doctype html><html lang="en"><head><title>HTTP Status 404 – Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1><hr class="line" /><p><b>Type</b> Status Report</p><p><b>Message</b> ${path}</p><p><b>Description</b> The origin server did not find a current representation for the target resource or is not willing to disclose that one exists.</p><hr class="line" /><h3>Apache Tomcat</h3></body></html>`;
  return new Response(html, { status: 404, headers: { 'content-type': 'text/html;charset=utf-8' } });
}

/** The request's parameters: query string, then form fields (form bodies only), as InterMine reads them. */
export function params(request: SimulatedRequest): URLSearchParams {
  const all = new URLSearchParams(request.url.searchParams);
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) for (const [k, v] of request.form()) all.append(k, v);
  return all;
}

/** Every value of a repeated or `;`-joined parameter (`lists`, `tags`, `references`, `subtract`). */
export function multi(all: URLSearchParams, name: string): string[] {
  return all
    .getAll(name)
    .flatMap((v) => v.split(';'))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** A required parameter, or the server's 400. */
export function required(all: URLSearchParams, name: string, payload: Record<string, unknown> = {}): string {
  const v = all.get(name);
  if (v === null || v.trim() === '') badRequest(`Required parameter '${name}' is missing`, payload);
  return v;
}
