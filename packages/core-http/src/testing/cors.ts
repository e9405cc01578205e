// CORS for the loopback servers of the testing kit, so a page in a browser test can call them.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The `Access-Control-*` headers for an answer to `request` (credentials allowed when it has an Origin). */
export function corsHeaders(request: IncomingMessage): Record<string, string> {
  const origin = request.headers.origin;
  return origin
    ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin', 'access-control-expose-headers': '*' }
    : { 'access-control-allow-origin': '*', 'access-control-expose-headers': '*' };
}

/** Answer a CORS preflight (and return true), or return false for any other request. */
export function answerPreflight(request: IncomingMessage, response: ServerResponse): boolean {
  if ((request.method ?? '').toUpperCase() !== 'OPTIONS' || !request.headers['access-control-request-method']) return false;
  response.writeHead(204, {
    ...corsHeaders(request),
    'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '*',
    'access-control-max-age': '600',
  });
  response.end();
  return true;
}
