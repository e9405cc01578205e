// One request → the endpoint family that answers it; Django's 404 page for anything else.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { handleApi } from './api.js';
import type { RouteContext, SimSettings } from './context.js';
import { handleMapr } from './mapr.js';
import { handleSearchEngine } from './search-engine.js';
import type { IdrSimulatorState } from './state.js';
import { handleWebclient } from './webclient.js';
import { handleWebgateway } from './webgateway.js';
import { cookies, notFoundPage, uriTooLarge } from './wire.js';

/** Answer one request (CORS open, as on IDR: `Access-Control-Allow-Origin: *`). */
export function route(request: SimulatedRequest, state: IdrSimulatorState, path: string | undefined, settings: SimSettings, basePath: string): Response {
  const response = dispatch(request, state, path, settings, basePath);
  response.headers.set('access-control-allow-origin', '*');
  return response;
}

/** nginx's `large_client_header_buffers` default: a request line longer than 8 KB is refused. */
const NGINX_LINE_LIMIT = 8192;

function dispatch(request: SimulatedRequest, state: IdrSimulatorState, path: string | undefined, settings: SimSettings, basePath: string): Response {
  const line = `${request.method} ${request.url.pathname}${request.url.search} HTTP/1.1`;
  if (new TextEncoder().encode(line).length > NGINX_LINE_LIMIT) return uriTooLarge();
  if (path === undefined) return notFoundPage(request.url.pathname.slice(1));
  const session = state.sessions.get(cookies(request.headers).get(settings.sessionCookie) ?? '');
  if (session) session.requests++;
  const ctx: RouteContext = {
    request,
    state,
    path,
    params: request.url.searchParams,
    root: `${request.url.origin}${basePath}`,
    settings,
    session,
  };
  // Only the JSON API's login and the webclient's logout accept anything but GET (IDR is read-only);
  // the search engine (a Flask app) answers wrong methods itself.
  if (request.method !== 'GET' && request.method !== 'HEAD' && !path.startsWith('api/') && !path.startsWith('searchengine/') && path !== 'webclient/logout/')
    return new Response('', { status: 405, headers: { allow: 'GET' } });
  return handleApi(ctx) ?? handleWebclient(ctx) ?? handleWebgateway(ctx) ?? handleMapr(ctx) ?? handleSearchEngine(ctx) ?? notFoundPage(path);
}
