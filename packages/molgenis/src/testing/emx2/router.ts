// Routes a request to the database API, a schema API, the CSV/ZIP batch API or the task API,
// after resolving who asks (token header; a bad token is an error, never anonymous).
import type { SimulatedRequest } from '@bio/core-http/testing';
import { executeGraphql } from './execute.js';
import { operationTypes } from './graphql-parse.js';
import { importXlsx, schemaEmx1Xlsx, schemaXlsx, tableXlsx, XLSX_CONTENT_TYPE } from './excel.js';
import { deleteCsv, importCsv, importZip, saveCsv, schemaZip, startTask, tableCsv } from './files.js';
import { Emx2SimError, errorAnswer, jsonAnswer } from './json.js';
import { findTable, tableByName } from './model.js';
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

/** What EMX2 runs for a GET of `/graphql` without `query` (GraphqlApi.getQueryFromRequest). */
const DEFAULT_GET_QUERY = '{\n  __schema {\n    types {\n      name\n    }\n  }\n}';

async function graphqlRequest(request: SimulatedRequest): Promise<{ query: string; variables: unknown }> {
  // GraphqlApi.getQueryFromRequest: a GET without `query` runs the type listing below
  if (request.method === 'GET') return { query: request.url.searchParams.get('query') ?? DEFAULT_GET_QUERY, variables: undefined };
  const type = request.headers.get('content-type');
  if (type === null)
    throw new Emx2SimError('Cannot invoke "String.startsWith(String)" because the return value of "io.javalin.http.Context.header(String)" is null');
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request(request.url, { method: 'POST', headers: request.headers, body: new Uint8Array(request.body) }).formData();
    return { query: String(form.get('query') ?? ''), variables: formVariables(form.get('variables')) };
  }
  let body: unknown;
  try {
    body = request.json();
  } catch (error) {
    throw new Emx2SimError(`Unrecognized token: ${(error as Error).message}`);
  }
  const fields = (body ?? {}) as { query?: unknown; variables?: unknown };
  return { query: queryText(fields.query), variables: variablesMap(fields.variables) };
}

// `GraphqlApi#getVariablesFromRequest` hands the `variables` form field to Jackson's
// `readValue(String, Map.class)`, which rejects a missing field (null) before parsing; the
// MolgenisException wrapping that appends the cause's message after its own text.
function formVariables(variables: FormDataEntryValue | null): unknown {
  if (variables === null) {
    const cause = 'argument "content" is null';
    throw new Emx2SimError(`Parsing of graphql variables failed. Should be an object with each graphql variable a key. ${cause}: ${cause}`);
  }
  return typeof variables === 'string' ? JSON.parse(variables) : undefined;
}

// `GraphqlApi#getQueryFromRequest` reads `node.get("query").asText()`: a missing key is a
// NullPointerException, other JSON values become their text (objects and lists an empty text).
function queryText(query: unknown): string {
  if (query === undefined)
    throw new Emx2SimError(
      'Cannot invoke "com.fasterxml.jackson.databind.JsonNode.asText()" because the return value of "com.fasterxml.jackson.databind.node.ObjectNode.get(String)" is null',
    );
  if (query === null) return 'null';
  return typeof query === 'object' ? '' : String(query);
}

// The Java class Jackson reads a non-object JSON value into (`ObjectMapper#readValue(…, Map.class)`).
function javaClassOf(value: unknown): string {
  if (Array.isArray(value)) return 'java.util.ArrayList';
  if (typeof value === 'string') return 'java.lang.String';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (!Number.isInteger(value)) return 'java.lang.Double';
  return (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31 ? 'java.lang.Integer' : 'java.lang.Long';
}

// `GraphqlApi#getVariablesFromRequest` casts `variables` to a Map; any other JSON value fails the
// cast, and the message is Java's ClassCastException text, twice (`MolgenisException(String, cause)`).
function variablesMap(variables: unknown): unknown {
  if (variables === undefined || variables === null || (typeof variables === 'object' && !Array.isArray(variables))) return variables;
  const javaClass = javaClassOf(variables);
  const cast = `class ${javaClass} cannot be cast to class java.util.Map (${javaClass} and java.util.Map are in module java.base of loader 'bootstrap')`;
  throw new Emx2SimError(`Parsing of graphql variables failed. Should be an object with each graphql variable a key. ${cast}: ${cast}`);
}

async function graphql(
  state: Emx2SimulatorState,
  request: SimulatedRequest,
  schema: SimSchema | undefined,
  caller: { user: string; token: string | undefined },
): Promise<Response> {
  const { query, variables } = await graphqlRequest(request);
  if (query.trim() === '') throw new Emx2SimError("Invalid syntax with offending token '<EOF>' at line 1 column 1");
  if (request.method === 'GET' && operationTypes(query)?.some((type) => type !== 'query')) {
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
  if (kind === 'csv' && request.method === 'POST') return tableUpload(request, schema, ctx);
  if (kind === 'zip' && request.method === 'GET') {
    const only = tableName === undefined ? undefined : tableByName(schema, tableName);
    const zip = schemaZip(schema, only, q.get('includeSystemColumns') === 'true');
    // `ZipApi#getZip`/`#getZipTable`: unquoted names carrying the time in ms
    const fileName = only === undefined ? `${schema.name}${Date.now()}.zip` : `${schema.name}_${only.name}${Date.now()}.zip`;
    return new Response(new Uint8Array(zip), {
      headers: { 'content-type': 'application/zip', 'content-disposition': `attachment; filename=${fileName}` },
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
    if (q.has('async')) return startTask(ctx, schema, `Import ${name}`, () => importZip(ctx, schema, bytes), { oneTransaction: true });
    const started = Date.now();
    importZip(ctx, schema, bytes);
    return new Response(`Import success in ${Date.now() - started}ms`, { headers: { 'content-type': 'text/plain' } });
  }
  if (kind === 'excel') return excelApi(request, schema, tableName, ctx);
  return undefined;
}

// `CsvApi#mergeMetadata`: a `fileName` header naming a table imports the body into it — with `?async`
// as an import task (100-row transactions), else as one `Table#save` (one transaction, no
// `mg_delete`) answered as `text/csv`; any other body is metadata, which the simulator does not do.
function tableUpload(request: SimulatedRequest, schema: SimSchema, ctx: ExecContext): Response {
  const fileName = request.headers.get('fileName');
  const table = fileName === null ? undefined : findTable(schema, fileName);
  if (table === undefined) throw new Emx2SimError('the EMX2 simulator does not implement metadata uploads');
  const text = request.text();
  if (request.url.searchParams.has('async'))
    return startTask(ctx, schema, `Import ${table.name}`, () => importCsv(ctx, schema, table, text), { contentType: 'text/plain' });
  const n = saveCsv(ctx, schema, table, text);
  return new Response(`{ "message": "imported number of rows: " + ${n} }`, { headers: { 'content-type': 'text/csv' } });
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
    if (q.has('async')) return startTask(ctx, schema, 'Import excel file', () => importXlsx(ctx, schema, bytes), { oneTransaction: true });
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

// `TaskApi#create` serves one task at `/api/tasks/{id}`, `/{schema}/api/tasks/{id}` (the `url` an
// async upload answers) and `/{schema}/{app}/api/tasks/{id}`; the schema segment is not looked up.
function taskPathId(segments: string[]): string | undefined {
  const n = segments.length;
  if (n < 3 || n > 5 || segments[n - 3] !== 'api' || segments[n - 2] !== 'tasks') return undefined;
  return segments[n - 1];
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
    const taskId = taskPathId(segments);
    if (taskId !== undefined && request.method === 'GET') {
      if (!state.users.get(caller.user)?.admin) throw new Emx2SimError('Unable to get task: can only be done by admin');
      const task = state.tasks.get(taskId);
      if (!task) throw new Emx2SimError(`getTask(${taskId}) failed: task not found`);
      // `TaskApi#getTask` writes `Task#toString` (compact JSON, empty lists left out) with `ctx.result`: text/plain
      const view = { id: task.id, description: task.description, status: task.status, ...(task.subTasks.length > 0 ? { subTasks: task.subTasks } : {}) };
      return new Response(JSON.stringify(view), { headers: { 'content-type': 'text/plain' } });
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
