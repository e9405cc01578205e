// Routes a request to the database API, a schema API, the CSV/ZIP batch API or the task API,
// after resolving who asks (token header; a bad token is an error, never anonymous).
import type { SimulatedRequest } from '@bio/core-http/testing';
import { executeGraphql } from './execute.js';
import { importXlsx, schemaEmx1Xlsx, schemaXlsx, tableXlsx, XLSX_CONTENT_TYPE } from './excel.js';
import { deleteCsv, importCsv, importZip, schemaZip, startTask, tableCsv } from './files.js';
import { Emx2SimError, errorAnswer, jsonAnswer } from './json.js';
import { tableByName } from './model.js';
import { canView, type ExecContext } from './query.js';
import type { Emx2SimulatorState, SimSchema } from './types.js';

function who(state: Emx2SimulatorState, request: SimulatedRequest): { user: string; token: string | undefined } {
  const token = request.headers.get('x-molgenis-token') ?? request.headers.get('auth-key') ?? undefined;
  if (token === undefined) return { user: 'anonymous', token };
  if (token.split('.').length !== 3) throw new Emx2SimError('Cannot parse token: Invalid serialized unsecured/JWS/JWE object: Missing part delimiters');
  const known = state.tokens.get(token);
  if (!known) throw new Emx2SimError('Invalid token or token expired');
  return { user: known.user, token };
}

async function graphqlRequest(request: SimulatedRequest): Promise<{ query: string | undefined; variables: unknown }> {
  if (request.method === 'GET') return { query: request.url.searchParams.get('query') ?? '{ __typename }', variables: undefined };
  const type = request.headers.get('content-type');
  if (type === null)
    throw new Emx2SimError('Cannot invoke "String.startsWith(String)" because the return value of "io.javalin.http.Context.header(String)" is null');
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request(request.url, { method: 'POST', headers: request.headers, body: new Uint8Array(request.body) }).formData();
    const variables = form.get('variables');
    return { query: String(form.get('query') ?? ''), variables: typeof variables === 'string' ? JSON.parse(variables) : undefined };
  }
  let body: unknown;
  try {
    body = request.json();
  } catch (error) {
    throw new Emx2SimError(`Unrecognized token: ${(error as Error).message}`);
  }
  const { query, variables } = (body ?? {}) as { query?: unknown; variables?: unknown };
  return { query: typeof query === 'string' ? query : undefined, variables };
}

async function graphql(
  state: Emx2SimulatorState,
  request: SimulatedRequest,
  schema: SimSchema | undefined,
  caller: { user: string; token: string | undefined },
): Promise<Response> {
  const { query, variables } = await graphqlRequest(request);
  if (query === undefined || query.trim() === '') throw new Emx2SimError("Invalid syntax with offending token '<EOF>' at line 1 column 1");
  if (request.method === 'GET' && /^\s*mutation\b/.test(query)) {
    throw new Emx2SimError('Only query operations are allowed via HTTP GET. Use a POST request to execute mutations.');
  }
  const ctx: ExecContext = { state, schema, user: caller.user, variables: {}, token: caller.token };
  return jsonAnswer({ data: executeGraphql(ctx, query, variables) });
}

function visibleSchema(state: Emx2SimulatorState, name: string, user: string, graphqlPath: boolean): SimSchema {
  const schema = state.schemas.get(name);
  if (!schema || !canView(state, schema, user)) {
    throw graphqlPath
      ? new Emx2SimError(`Schema '${name}' unknown. Might you need to sign in or ask permission?`, 404)
      : new Emx2SimError(`Schema ${name} unknown`);
  }
  return schema;
}

async function fileUpload(request: SimulatedRequest): Promise<{ name: string; bytes: Uint8Array }> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) throw new Emx2SimError('File upload failed: no multipart file');
  const form = await new Request(request.url, { method: 'POST', headers: request.headers, body: new Uint8Array(request.body) }).formData();
  const file = form.get('file');
  if (file === null || typeof file === 'string') throw new Emx2SimError('File upload failed: no part named file');
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

async function batchApi(request: SimulatedRequest, schema: SimSchema, rest: string[], ctx: ExecContext): Promise<Response | undefined> {
  const [kind, tableName, ...more] = rest;
  const q = request.url.searchParams;
  if (more.length > 0) return undefined;
  if (kind === 'csv' && tableName !== undefined) {
    const table = tableByName(schema, tableName);
    if (request.method === 'GET') {
      const filter = parseFilter(q.get('filter'));
      const separator = q.get('separator') === 'TAB' ? '\t' : ',';
      const text = tableCsv(schema, table, { filter, separator, system: q.get('includeSystemColumns') === 'true' });
      return new Response(text, { headers: { 'content-type': 'text/csv;charset=utf-8', 'content-disposition': `attachment; filename="${table.name}.csv"` } });
    }
    if (request.method === 'POST') {
      importCsv(ctx, schema, table, request.text());
      return new Response('null', { headers: { 'content-type': 'text/csv' } });
    }
    if (request.method === 'DELETE') return new Response(String(deleteCsv(ctx, schema, table, request.text())), { headers: { 'content-type': 'text/csv' } });
    return undefined;
  }
  if (kind === 'csv' && request.method === 'POST') {
    const fileName = request.headers.get('fileName');
    if (fileName === null) throw new Emx2SimError('the EMX2 simulator does not implement metadata uploads');
    const table = tableByName(schema, fileName);
    const text = request.text();
    if (q.has('async')) return startTask(ctx, schema, `Import ${table.name}`, () => importCsv(ctx, schema, table, text));
    const n = importCsv(ctx, schema, table, text);
    return new Response(`{ "message": "imported number of rows: " + ${n} }`, { headers: { 'content-type': 'application/json' } });
  }
  if (kind === 'zip' && request.method === 'GET') {
    const only = tableName === undefined ? undefined : tableByName(schema, tableName);
    const zip = schemaZip(schema, only, q.get('includeSystemColumns') === 'true');
    return new Response(new Uint8Array(zip), {
      headers: { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${schema.name}.zip"` },
    });
  }
  if (kind === 'zip' && request.method === 'POST' && tableName === undefined) {
    const { name, bytes } = await fileUpload(request);
    const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')) : name;
    if (ext === '.xlsx') {
      // `ZipApi#postZip` imports an .xlsx synchronously, `?async` or not
      const started = Date.now();
      importXlsx(ctx, schema, bytes);
      return new Response(`Import success in ${Date.now() - started}ms`, { headers: { 'content-type': 'text/plain' } });
    }
    if (ext !== '.zip') throw new Emx2SimError(`File upload failed: extension ${ext} not supported`);
    if (q.has('async')) return startTask(ctx, schema, `Import ${name}`, () => importZip(ctx, schema, bytes), true);
    const started = Date.now();
    importZip(ctx, schema, bytes);
    return new Response(`Import success in ${Date.now() - started}ms`, { headers: { 'content-type': 'text/plain' } });
  }
  if (kind === 'excel') return excelApi(request, schema, tableName, ctx);
  return undefined;
}

// `web/ExcelApi.java`: file names are unquoted and carry the time in ms, as the server sends them.
async function excelApi(request: SimulatedRequest, schema: SimSchema, tableName: string | undefined, ctx: ExecContext): Promise<Response | undefined> {
  const q = request.url.searchParams;
  const download = (bytes: Uint8Array, fileName: string): Response =>
    new Response(new Uint8Array(bytes), { headers: { 'content-type': XLSX_CONTENT_TYPE, 'content-disposition': `attachment; filename=${fileName}` } });
  const system = q.get('includeSystemColumns') === 'true';
  if (request.method === 'GET' && tableName === undefined) {
    const bytes = q.has('emx1') ? schemaEmx1Xlsx(schema) : schemaXlsx(schema, system);
    return download(bytes, `${schema.name}${Date.now()}.xlsx`);
  }
  if (request.method === 'GET') {
    const table = tableByName(schema, tableName as string);
    const filter = parseFilter(q.get('filter'));
    return download(tableXlsx(schema, table, { filter, system }), `${schema.name}_${table.name}${Date.now()}.xlsx`);
  }
  if (request.method === 'POST' && tableName === undefined) {
    const { bytes } = await fileUpload(request); // no extension check here (unlike `/api/zip`)
    if (q.has('async')) return startTask(ctx, schema, 'Import excel file', () => importXlsx(ctx, schema, bytes), true);
    const started = Date.now();
    importXlsx(ctx, schema, bytes);
    return new Response(`Import success in ${Date.now() - started}ms`, { headers: { 'content-type': 'text/plain' } });
  }
  return undefined;
}

function parseFilter(raw: string | null): unknown {
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new Emx2SimError(`Invalid filter JSON: ${(error as Error).message}`);
  }
}

/** Answer one request; anything the simulator does not know is a 404 naming it. */
export async function route(state: Emx2SimulatorState, request: SimulatedRequest, path: string | undefined): Promise<Response> {
  try {
    const segments = (path ?? '')
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
    const caller = who(state, request);
    const last = segments.at(-1);
    if (last === 'graphql' && (request.method === 'GET' || request.method === 'POST')) {
      const first = segments[0];
      if (segments.length === 2 && (first === 'api' || first === 'apps')) return await graphql(state, request, undefined, caller);
      if (segments.length === 2 || segments.length === 3)
        return await graphql(state, request, visibleSchema(state, first as string, caller.user, true), caller);
    }
    if (segments[0] === 'api' && segments[1] === 'tasks' && segments.length === 3 && request.method === 'GET') {
      if (!state.users.get(caller.user)?.admin) throw new Emx2SimError('Unable to get task: can only be done by admin');
      const task = state.tasks.get(segments[2] as string);
      if (!task) throw new Emx2SimError(`getTask(${segments[2]}) failed: task not found`);
      return jsonAnswer({ id: task.id, status: task.status, description: task.description, subTasks: task.subTasks });
    }
    if (segments.length >= 3 && segments[1] === 'api') {
      const schema = visibleSchema(state, segments[0] as string, caller.user, false);
      const ctx: ExecContext = { state, schema, user: caller.user, variables: {}, token: caller.token };
      const answer = await batchApi(request, schema, segments.slice(2), ctx);
      if (answer) return answer;
    }
    return errorAnswer(`the EMX2 simulator has no endpoint ${request.method} ${request.url.pathname}`, 404);
  } catch (error) {
    if (error instanceof Emx2SimError) return errorAnswer(error.message, error.status);
    throw error;
  }
}
