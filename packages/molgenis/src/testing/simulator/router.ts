// One request → the endpoint family that answers it. Method tunnelling (`POST …?_method=GET|PUT|
// DELETE`), permissions, and the not-found answers: classic JSON under /api/, HTML elsewhere.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { callerOf, entityOf, login, logout, requirePermission } from './auth.js';
import { csvExport } from './csv.js';
import { dataApi } from './data-api.js';
import { deleteAllRows, deleteEntityType, deleteList, deleteRow } from './delete.js';
import { classicError, htmlPage, SimRefusal } from './http.js';
import { importFile, importRun } from './import.js';
import { attributeMeta, v1EntityMeta, v1MetaQuery, v3Meta } from './metadata.js';
import { v1Collection, v1Row, v2Collection, v2Row } from './read.js';
import type { MolgenisSimulatorState } from './types.js';
import { v1Add, v1Update, v1UpdateCell, v2AddAll, v2UpdateAll, v2UpdateAttribute } from './write.js';

function notAllowed(method: string): never {
  throw classicError(405, `Request method '${method}' not supported`);
}

/** The path segments after the base path, each percent-decoded once. */
function segmentsOf(request: SimulatedRequest, path: string): string[] {
  const count = path.split('/').filter(Boolean).length;
  const raw = request.url.pathname.split('/').filter(Boolean);
  return raw.slice(raw.length - count).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
}

async function dispatch(state: MolgenisSimulatorState, request: SimulatedRequest, path: string): Promise<Response> {
  const tunnel = request.method === 'POST' ? request.url.searchParams.get('_method')?.toUpperCase() : undefined;
  const method = tunnel ?? request.method;
  const params = new URLSearchParams(request.url.searchParams);
  if (tunnel === 'GET' && (request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of request.form()) params.append(k, v);
  }
  const segments = segmentsOf(request, path);
  const [root, version, name, second, third, ...rest] = segments;
  const user = callerOf(request, state);

  if (root === 'login' && segments.length === 1 && method === 'GET') {
    return new Response(
      '<!DOCTYPE html>\n<html><head><title>Login</title></head><body><form method="post" action="/login"><input name="username"><input name="password" type="password"></form></body></html>\n',
      {
        status: 200,
        headers: { 'content-type': 'text/html;charset=UTF-8' },
      },
    );
  }
  if (root === 'plugin' && version === 'importwizard' && name === 'importFile' && segments.length === 3) {
    if (method !== 'POST') notAllowed(method);
    // Not an API path: an anonymous user is sent to the login page, as Spring Security does.
    if (user === undefined) return new Response(null, { status: 302, headers: { location: `${request.url.origin}/login` } });
    return importFile(state, request, user);
  }
  if (root !== 'api') return htmlPage(404, 'Not Found', request.url.pathname);
  if (version === 'v1' && name === 'login' && segments.length === 3) return method === 'POST' ? login(request, state) : notAllowed(method);
  if (version === 'v1' && name === 'logout' && segments.length === 3) return method === 'POST' ? logout(request, state) : notAllowed(method);
  if (version === 'v1' && name === 'csv' && second !== undefined && third === undefined) {
    if (method !== 'GET') notAllowed(method);
    const entity = entityOf(state, second);
    requirePermission(entity, user, 'Read data');
    return csvExport(state, entity, request.url);
  }
  if (name === undefined || rest.length > 0) throw classicError(404, `No handler found for ${method} ${request.url.pathname}`);

  if (version === 'metadata' && second === undefined) {
    if (method !== 'GET') notAllowed(method);
    const entity = state.entities.get(name);
    if (entity !== undefined) requirePermission(entity, user, 'Read metadata');
    return v3Meta(entity, name, request.url);
  }
  if (version === 'data' && third === undefined) {
    if (method !== 'GET') notAllowed(method);
    const entity = state.entities.get(name);
    if (entity !== undefined) requirePermission(entity, user, 'Read data');
    return dataApi(state, name, second, request.url);
  }
  if (version === 'v2' && name === 'sys_ImportRun' && second !== undefined && third === undefined && method === 'GET') {
    if (user === undefined) throw classicError(401, "No 'Read data' permission on entity type 'Import' with id 'sys_ImportRun'.", 'DS04');
    const answer = importRun(state, second);
    if (answer !== undefined) return answer;
    throw classicError(404, `Unknown entity with 'id' '${second}' of type 'Import'.`, 'D02');
  }
  if (version !== 'v1' && version !== 'v2') throw classicError(404, `No handler found for ${method} ${request.url.pathname}`);

  const entity = entityOf(state, name);
  if (second === 'meta') {
    if (third === undefined && version === 'v1') {
      if (method === 'GET') {
        requirePermission(entity, user, 'Read metadata');
        return v1EntityMeta(entity, v1MetaQuery(params), user);
      }
      if (method === 'DELETE') {
        requirePermission(entity, user, 'Delete data');
        return deleteEntityType(state, entity);
      }
      notAllowed(method);
    }
    if (third !== undefined) {
      if (method !== 'GET') notAllowed(method);
      requirePermission(entity, user, 'Read metadata');
      return attributeMeta(version, entity, third);
    }
  }
  if (second === undefined) {
    switch (method) {
      case 'GET':
        requirePermission(entity, user, 'Read data');
        return version === 'v2' ? v2Collection(state, entity, request.url, params, user) : v1Collection(state, entity, params, user);
      case 'POST':
        requirePermission(entity, user, 'Add data');
        return version === 'v2' ? v2AddAll(state, entity, request) : v1Add(state, entity, request);
      case 'PUT':
        if (version === 'v1') notAllowed(method);
        requirePermission(entity, user, 'Update data');
        return v2UpdateAll(state, entity, request);
      case 'DELETE':
        requirePermission(entity, user, 'Delete data');
        return version === 'v2' ? deleteList(state, entity, request) : deleteAllRows(state, entity);
      default:
        notAllowed(method);
    }
  }
  if (third === undefined) {
    switch (method) {
      case 'GET':
        requirePermission(entity, user, 'Read data');
        return version === 'v2' ? v2Row(state, entity, second, params, user) : v1Row(state, entity, second, params);
      case 'PUT':
        requirePermission(entity, user, 'Update data');
        // v2: PUT /api/v2/E/<attr> updates one attribute of many rows; v1: the whole row.
        return version === 'v2' ? v2UpdateAttribute(state, entity, second, request) : v1Update(state, entity, second, request);
      case 'DELETE':
        requirePermission(entity, user, 'Delete data');
        return deleteRow(state, entity, second);
      default:
        notAllowed(method);
    }
  }
  if (version === 'v1' && method === 'PUT') {
    requirePermission(entity, user, 'Update data');
    return v1UpdateCell(state, entity, second, third, request);
  }
  return notAllowed(method);
}

/**
 * Answer one request from the state: the endpoint's own answer, or the refusal it throws, in
 * the shape MOLGENIS sends it.
 */
export async function route(state: MolgenisSimulatorState, request: SimulatedRequest, path: string | undefined): Promise<Response> {
  if (path === undefined) return htmlPage(404, 'Not Found', request.url.pathname);
  try {
    return await dispatch(state, request, path);
  } catch (error) {
    if (error instanceof SimRefusal) return error.response;
    throw error;
  }
}
