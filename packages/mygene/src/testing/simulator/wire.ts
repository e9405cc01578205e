// MyGene's answers on the wire: JSON with `application/json; charset=UTF-8`, error bodies in the
// BaseAPIHandler shape ({"code","success":false,"error",…}), and tornado's HTML 404 page for
// routes the server does not have.

const JSON_TYPE = 'application/json; charset=UTF-8';

/** A JSON answer. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': JSON_TYPE } });
}

/** An error body: `{"code":<status>,"success":false,"error":<reason>, …extra}`. */
export function errorBody(status: number, error: string, extra: Record<string, unknown> = {}): Response {
  return json({ code: status, success: false, error, ...extra }, status);
}

/**
 * Elasticsearch refusing a request (a 400 the ES client raises as RequestError, pipeline.py
 * capturesESExceptions): `error` is the ES error type, then the first root cause's reason
 * line by line as `root_cause_line_NN` (_simplify_ES_exception, `"` written as `'`).
 */
export function requestError(type: string, rootCause: string): Response {
  const lines = Object.fromEntries(
    rootCause
      .replace(/"/g, "'")
      .split('\n')
      .map((line, i) => [`root_cause_line_${String(i).padStart(2, '0')}`, line]),
  );
  return errorBody(400, type, lines);
}

/** An Elasticsearch failure while searching: 400 `search_phase_execution_exception` with `root_cause_line_NN` keys. */
export function searchError(rootCause: string): Response {
  return requestError('search_phase_execution_exception', rootCause);
}

/** Tornado's default 404 page (an unknown route). */
export function routeNotFound(): Response {
  return new Response('<html><title>404: Not Found</title><body>404: Not Found</body></html>', {
    status: 404,
    headers: { 'content-type': 'text/html; charset=UTF-8' },
  });
}

/** A known route called with a method it does not serve. */
export function methodNotAllowed(): Response {
  return errorBody(405, 'Method Not Allowed');
}

/** Thrown inside a handler to answer with `response` (caught by the router). */
export class Refusal extends Error {
  constructor(readonly response: Response) {
    super('refused');
  }
}

/** Stop handling and answer with `response`. */
export function refuse(response: Response): never {
  throw new Refusal(response);
}
