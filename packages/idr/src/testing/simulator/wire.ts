// How OMERO.web, webgateway, Django and the search engine answer: content types, error bodies and
// HTML pages, as in the wire reference and the package's fixtures.

/** Every `/api/v0` answer carries this header. */
const API_HEADERS = { 'content-type': 'application/json', 'x-omero-apiversion': '0.2' };

/** JSON from `/api/v0` (`json_response`: a real status, `X-OMERO-ApiVersion`). */
export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...API_HEADERS, ...headers } });
}

/** `/api/v0` error: `{"message": …}` with a real status. */
export function apiError(status: number, message: string): Response {
  return apiJson({ message }, status);
}

/** Plain JSON (webclient, webgateway, mapr, search engine). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

const HTML = 'text/html; charset=utf-8';

/** Django's 404 page (unknown route, missing trailing slash, non-numeric id in a URL, Http404). */
export function notFoundPage(path: string): Response {
  const text = `<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n<!-- /${path} -->`;
  return new Response(text, { status: 404, headers: { 'content-type': HTML } });
}

/**
 * OMERO.web's own 404 page (`handler404` → feedback `404.html`): a "Go back to OMERO.web" heading,
 * then the error. What an `Http404` raised in an OMERO.web view answers (`render_thumbnail` of an
 * image without one, a sized thumbnail IDR does not render), read from ome/omero-web's templates.
 */
export function omeroNotFoundPage(): Response {
  const text = `<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n  <title>OMERO.web - support</title>\n</head>\n<body>\n<div class="bodyWrapper">\n  <div><h1>\n    Go back to <a href="/webclient/">OMERO.web</a>\n  </h1>\n  <div class="error"><h1>Page not found. <em>(404)</em></h1>\n  <p>The requested object or URL was not found on this server. The link you followed is either outdated, inaccurate, or the server has been instructed not to let you have it.</p></div>\n  </div>\n</div>\n</body>\n</html>`;
  return new Response(text, { status: 404, headers: { 'content-type': HTML } });
}

/** OMERO.web's "object not found" page (`handlerInternalError` → feedback `error.html`, status 404), e.g. a missing file annotation's download. */
export function omeroErrorPage(message: string): Response {
  const text = `<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n  <title>Web - Internal Error</title>\n</head>\n<body>\n<div class="error">\n  <h1>\n    Go back to: <a href="/webclient/" target="_top">OMERO.web</a>\n  </h1>\n  <div class="error"><h1>${message}</h1></div>\n</div>\n</body>\n</html>`;
  return new Response(text, { status: 404, headers: { 'content-type': HTML } });
}

/**
 * A webgateway `@jsonp` view that raised: JSON `{"message", "stacktrace"}` with 500 (403 for a
 * SecurityViolation, 400 for an ApiUsageException). The plate grid of an unknown plate returns
 * Django's `Http404` class, which JSON cannot encode: "Object of type type is not JSON serializable".
 */
export function jsonpError(status: number, message: string, exception = 'TypeError'): Response {
  const stacktrace = `Traceback (most recent call last):\n  File "/opt/omero/web/venv3/lib/python3.9/site-packages/omeroweb/webgateway/views.py", line 1464, in wrap\n    return JsonResponse(rv, safe=safe, json_dumps_params=json_params)\n${exception}: ${message}\n`;
  return json({ message, stacktrace }, status);
}

/** nginx's answer to a request line longer than its header buffer (8 KB by default). */
export function uriTooLarge(): Response {
  const text =
    '<html>\r\n<head><title>414 Request-URI Too Large</title></head>\r\n<body>\r\n<center><h1>414 Request-URI Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
  return new Response(text, { status: 414, headers: { 'content-type': 'text/html' } });
}

/** Django's 500 page (an exception in a view: missing annotation, unknown plate grid, > 50 thumbnail ids). */
export function serverErrorPage(): Response {
  const text =
    '<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>';
  return new Response(text, { status: 500, headers: { 'content-type': HTML } });
}

/** webclient/mapr bad parameter: HTTP 400, body `Invalid parameter value` (Django's HttpResponseBadRequest, text/html). */
export function invalidParameter(): Response {
  return new Response('Invalid parameter value', { status: 400, headers: { 'content-type': HTML } });
}

/**
 * A CSRF refusal: omero-web sets `CSRF_FAILURE_VIEW` (settings.py) to feedback/views.py
 * `csrf_failure`, which answers JSON `{"message": "CSRF Failed: <Django's reason>"}` with 403
 * instead of Django's HTML page.
 */
export function csrfFailure(reason: string): Response {
  return json({ message: `CSRF Failed: ${reason}` }, 403);
}

/** IDR's proxy answers: 403 with an empty body (render_image, imgData for the public user). */
export function emptyForbidden(): Response {
  return new Response('', { status: 403, headers: { 'content-type': 'text/html' } });
}

/** A 302 (IDR's nginx redirects of `/mapr/api/…` and `/webclient/login`). */
export function redirect(location: string): Response {
  return new Response('', { status: 302, headers: { location, 'content-type': 'text/html' } });
}

/** An HTML page at 200 (the end of a redirect). */
export function htmlPage(text: string): Response {
  return new Response(text, { status: 200, headers: { 'content-type': HTML } });
}

/** JPEG bytes. */
export function jpeg(bytes: Uint8Array): Response {
  return new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200, headers: { 'content-type': 'image/jpeg' } });
}

/** The search engine's Swagger page (where IDR's nginx sends every removed mapr route). */
export const FLASGGER_PAGE =
  '<!DOCTYPE html>\n<html>\n<head>\n  <title>Flasgger</title>\n  <meta charset="UTF-8">\n  <link rel="stylesheet" type="text/css" href="/searchengine/flasgger_static/swagger-ui.css" >\n</head>\n<body>\n  <div id="swagger-ui"></div>\n  <script src="/searchengine/flasgger_static/swagger-ui-bundle.js"></script>\n</body>\n</html>';

/** A non-negative integer query value, `fallback` when absent, `undefined` when malformed. */
export function intParam(params: URLSearchParams, name: string, fallback: number): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}

/** The request's cookies. */
export function cookies(headers: Headers): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}
