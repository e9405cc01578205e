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

/** An Elasticsearch failure: 400 with the ES error type and `root_cause_line_NN` keys. */
export function searchError(rootCause: string): Response {
  return errorBody(400, 'search_phase_execution_exception', { root_cause_line_00: rootCause });
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
