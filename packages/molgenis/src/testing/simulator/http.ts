// Answers in MOLGENIS's own shapes: classic `{"errors":[…]}` JSON, RFC 7807 problem+json (the
// ApiController family: /api/data, /api/metadata), text/plain (import wizard) and HTML pages.
import type { MolgenisSimulatorState } from './types.js';

const JSON_TYPE = 'application/json;charset=UTF-8';

/** A refusal, thrown anywhere below the router and turned into the response it carries. */
export class SimRefusal extends Error {
  /** The Java exception's getMessage(), for answers that send it instead (the CSV export's sendError). */
  exceptionMessage: string | undefined;

  constructor(readonly response: Response) {
    super(`simulated refusal ${response.status}`);
  }
}

/** A refusal that also carries its Java exception's getMessage(). */
export function withExceptionMessage(refusal: SimRefusal, message: string): SimRefusal {
  refusal.exceptionMessage = message;
  return refusal;
}

/** A JSON answer with MOLGENIS's content type. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': JSON_TYPE, ...headers } });
}

/** An empty answer (`200` for PUT, `204` for DELETE, …). */
export function empty(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

/** The classic controllers' error body: `{"errors":[{"message","code"?}]}`. */
export function classicError(status: number, message: string, code?: string): SimRefusal {
  return classicErrors(status, [{ message, code }]);
}

/** One classic error body holding several messages (a binding failure names every bad field). */
export function classicErrors(status: number, errors: readonly { message: string; code?: string | undefined }[]): SimRefusal {
  return new SimRefusal(json({ errors: errors.map(({ message, code }) => (code === undefined ? { message } : { message, code })) }, status));
}

/**
 * UnknownAttributeException (code D04), which GlobalControllerExceptionHandler answers with 404
 * as an UnknownDataException; its message names the entity type by label.
 */
export function unknownAttribute(entityLabel: string, name: string): SimRefusal {
  return classicError(404, `Unknown attribute '${name}' of entity type '${entityLabel}'.`, 'D04');
}

/** An ApiController's RFC 7807 problem document. */
export function problem(status: number, init: { type: string; title: string; detail: string; instance: string; errorCode?: string }): SimRefusal {
  const body = {
    type: init.type,
    title: init.title,
    status,
    detail: init.detail,
    instance: init.instance,
    ...(init.errorCode ? { errorCode: init.errorCode } : {}),
  };
  return new SimRefusal(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } }));
}

/** A `text/plain` refusal (the import wizard's). */
export function textError(status: number, text: string): SimRefusal {
  return new SimRefusal(new Response(text, { status, headers: { 'content-type': 'text/plain;charset=UTF-8' } }));
}

/** The HTML error page MOLGENIS's web layer sends for paths it has no controller for. */
export function htmlPage(status: number, title: string, path: string): Response {
  const page = `<!DOCTYPE html>\n<html>\n<head><title>${status} ${title}</title></head>\n<body>\n<h1>${status} ${title}</h1>\n<p>${escapeHtml(path)}</p>\n</body>\n</html>\n`;
  return new Response(page, { status, headers: { 'content-type': 'text/html;charset=UTF-8' } });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

/** `/api/v2/<entity>/<id>` with the segments encoded. */
export function rowHref(version: 'v1' | 'v2', entity: string, id: string): string {
  return `/api/${version}/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;
}

/** A MOLGENIS-style 26-character id (`aaaac3zv…`), unique within the state. */
export function nextId(state: MolgenisSimulatorState): string {
  state.sequence += 1;
  return `aaaac3zv${state.sequence.toString(32).padStart(5, '0')}hpcqtrv6yaaae`;
}

/** The multipart fields of a request (a `Request` reads them, as a server would). */
export function formDataOf(body: Uint8Array, contentType: string): Promise<FormData> {
  return new Request('http://simulator.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(body) }).formData();
}
