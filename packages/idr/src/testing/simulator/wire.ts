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

/** Django's CSRF failure page (403 HTML) with its "Reason given for failure". */
export function csrfFailure(reason: string): Response {
  const text = `<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta http-equiv="content-type" content="text/html; charset=utf-8">\n  <meta name="robots" content="NONE,NOARCHIVE">\n  <title>403 Forbidden</title>\n</head>\n<body>\n<div id="summary">\n  <h1>Forbidden <span>(403)</span></h1>\n  <p>CSRF verification failed. Request aborted.</p>\n</div>\n<div id="info">\n  <h2>Help</h2>\n    <p>Reason given for failure:</p>\n    <pre>\n    ${reason}\n    </pre>\n</div>\n</body>\n</html>`;
  return new Response(text, { status: 403, headers: { 'content-type': HTML } });
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
