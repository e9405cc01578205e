// Writes: `POST /api/v1/E` (JSON, form or multipart with files; 201 + Location), `POST /api/v2/E`
// (≤ 1000 entities, one transaction; 201 with location and resources), `PUT /api/v2/E` (whole
// rows), `PUT /api/v2/E/<attr>` (one attribute of many rows), `PUT /api/v1/E/<id>` and
// `PUT /api/v1/E/<id>/<attr>` (a bare JSON value).
import type { SimulatedRequest } from '@bio/core-http/testing';
import { classicError, empty, formDataOf, json, nextId, rowHref, unknownAttribute } from './http.js';
import { rowOf } from './read.js';
import type { MolgenisSimulatorState, SimAttribute, SimEntity, SimRow } from './types.js';
import { MULTI_TYPES, storedValue } from './values.js';

/** The most entities one v2 batch may hold (`@Size(max = 1000)`). */
export const MAX_ENTITIES = 1000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON body, or MOLGENIS's 400 for an unreadable one. */
function jsonBody(request: SimulatedRequest): unknown {
  try {
    return request.json();
  } catch (error) {
    throw classicError(400, `JSON parse error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A stored value for `attr`, with MOLGENIS's 400s for a bad value or a dangling reference. */
function valueFor(state: MolgenisSimulatorState, entity: SimEntity, attr: SimAttribute, value: unknown): unknown {
  const stored = storedValue(attr, value);
  if ('problem' in stored) throw classicError(400, stored.problem.replace(/\.$/, ` of entity [${entity.meta.name}].`));
  if (stored.value !== null && attr.refEntity !== undefined && attr.fieldType !== 'ONE_TO_MANY') {
    const ref = state.entities.get(attr.refEntity);
    const ids = MULTI_TYPES.has(attr.fieldType) ? (stored.value as string[]) : [stored.value as string];
    for (const id of ids) {
      if (!ref?.rows.has(id)) throw classicError(400, `Unknown xref value '${id}' for attribute '${attr.name}' of entity '${entity.meta.name}'.`);
    }
  }
  return stored.value;
}

/**
 * A whole row from the values a client sent (unknown attributes are ignored, as MOLGENIS
 * does). Adds generate an `auto` id; a missing non-nillable value is a 400.
 */
export function buildRow(state: MolgenisSimulatorState, entity: SimEntity, input: Record<string, unknown>, id?: string): SimRow {
  const row: SimRow = {};
  for (const attr of entity.meta.attributes) {
    if (attr.fieldType === 'ONE_TO_MANY') continue;
    let value = attr.name === entity.meta.idAttribute && id !== undefined ? id : input[attr.name];
    if ((value === undefined || value === null || value === '') && attr.auto) value = nextId(state);
    const stored = valueFor(state, entity, attr, value);
    if (stored === null && !attr.nillable) throw classicError(400, `The attribute '${attr.name}' of entity '${entity.meta.name}' can not be null.`);
    row[attr.name] = stored;
  }
  return row;
}

function refuseDuplicate(entity: SimEntity, id: string): never {
  throw classicError(400, `Duplicate value '${id}' for unique attribute '${entity.meta.idAttribute}' from entity '${entity.meta.name}'.`);
}

/** The form or multipart fields of a v1 add; files are stored as `sys_FileMeta` rows. */
async function formInput(state: MolgenisSimulatorState, request: SimulatedRequest, type: string): Promise<Record<string, unknown>> {
  const input: Record<string, unknown> = {};
  if (type.includes('multipart/form-data')) {
    const form = await formDataOf(request.body, type);
    for (const [key, value] of form) {
      if (typeof value === 'string') input[key] = value;
      else {
        const id = nextId(state);
        state.files.set(id, { id, filename: value.name, contentType: value.type || 'application/octet-stream', size: value.size });
        input[key] = id;
      }
    }
  } else {
    for (const [key, value] of request.form()) input[key] = value;
  }
  return input;
}

/** `POST /api/v1/E`: 201 with `Location: /api/v1/E/<id>`. */
export async function v1Add(state: MolgenisSimulatorState, entity: SimEntity, request: SimulatedRequest): Promise<Response> {
  const type = request.headers.get('content-type') ?? '';
  const input =
    type.includes('multipart/form-data') || type.includes('application/x-www-form-urlencoded') ? await formInput(state, request, type) : jsonBody(request);
  if (!isObject(input)) throw classicError(400, 'Request body must be a JSON object');
  const row = buildRow(state, entity, input);
  const id = String(row[entity.meta.idAttribute]);
  if (entity.rows.has(id)) refuseDuplicate(entity, id);
  entity.rows.set(id, row);
  return empty(201, { location: rowHref('v1', entity.meta.name, id) });
}

/**
 * A v2 request body. RestControllerV2.handleHttpMessageNotReadableException answers any body
 * Gson cannot read (not JSON, or an entity that is no JSON object) with one fixed message.
 */
export function v2Body(request: SimulatedRequest): Record<string, unknown> {
  let body: unknown;
  try {
    body = request.json();
  } catch {
    body = undefined;
  }
  // A missing (or `null`) body is "Required request body is missing", and Gson reads no array or
  // bare value into the request object: the same handler for both.
  if (!isObject(body)) throw classicError(400, 'Invalid request body.');
  return body;
}

/** The `entities` of a v2 batch, with the server's two size checks. */
function batchOf(request: SimulatedRequest): Record<string, unknown>[] {
  const entities = v2Body(request).entities;
  if (!Array.isArray(entities) || entities.length === 0) throw classicError(400, 'Please provide at least one entity in the entities property.');
  if (entities.length > MAX_ENTITIES) throw classicError(400, `Number of entities cannot be more than ${MAX_ENTITIES}.`);
  if (!entities.every(isObject)) throw classicError(400, 'Invalid request body.');
  return entities;
}

/** `POST /api/v2/E` with `{"entities":[…]}`: all or nothing; 201 with location and resources. */
export function v2AddAll(state: MolgenisSimulatorState, entity: SimEntity, request: SimulatedRequest): Response {
  const rows = batchOf(request).map((input) => buildRow(state, entity, input));
  const ids = rows.map((row) => String(row[entity.meta.idAttribute]));
  const seen = new Set<string>();
  for (const id of ids) {
    if (entity.rows.has(id) || seen.has(id)) refuseDuplicate(entity, id);
    seen.add(id);
  }
  for (const [i, row] of rows.entries()) entity.rows.set(ids[i] as string, row);
  const name = encodeURIComponent(entity.meta.name);
  return json(
    {
      location: `/api/v2/${name}?q=${entity.meta.idAttribute}=in=(${ids.map((id) => `"${id}"`).join(',')})`,
      resources: ids.map((id) => ({ href: rowHref('v2', entity.meta.name, id) })),
    },
    201,
  );
}

/** `PUT /api/v2/E` with `{"entities":[…]}`: whole rows, all or nothing; 200 with no body. */
export function v2UpdateAll(state: MolgenisSimulatorState, entity: SimEntity, request: SimulatedRequest): Response {
  const updates = batchOf(request).map((input) => {
    const id = input[entity.meta.idAttribute];
    if (id === undefined || id === null || id === '')
      throw classicError(400, `The attribute '${entity.meta.idAttribute}' of entity '${entity.meta.name}' can not be null.`);
    rowOf(entity, String(id));
    return buildRow(state, entity, input, String(id));
  });
  for (const row of updates) entity.rows.set(String(row[entity.meta.idAttribute]), row);
  return empty(200);
}

/**
 * The attribute a cell update writes. Unknown: UnknownAttributeException (404 D04). Read-only
 * (the id attribute, computed ONE_TO_MANY): a MolgenisDataAccessException, which both
 * controllers answer with 401 (RestController.updateAttribute, RestControllerV2.updateAttribute).
 */
function writableAttribute(entity: SimEntity, name: string, version: 'v1' | 'v2'): SimAttribute {
  const attr = entity.meta.attributes.find((a) => a.name === name);
  if (attr === undefined) throw unknownAttribute(entity.meta.label, name);
  if (attr.readOnly || attr.fieldType === 'ONE_TO_MANY') {
    const message = `Attribute '${name}' of entity '${entity.meta.name}' is readonly`;
    throw classicError(401, version === 'v2' ? `Operation failed. ${message}` : message);
  }
  return attr;
}

function setCell(state: MolgenisSimulatorState, entity: SimEntity, row: SimRow, attr: SimAttribute, value: unknown): void {
  const stored = valueFor(state, entity, attr, value);
  if (stored === null && !attr.nillable) throw classicError(400, `The attribute '${attr.name}' of entity '${entity.meta.name}' can not be null.`);
  row[attr.name] = stored;
}

/** `PUT /api/v2/E/<attr>` with `{"entities":[{id, attr}]}`: one attribute of many rows. */
export function v2UpdateAttribute(state: MolgenisSimulatorState, entity: SimEntity, name: string, request: SimulatedRequest): Response {
  // The body is validated (@Valid @RequestBody) before the method looks at the attribute.
  const batch = batchOf(request);
  const attr = writableAttribute(entity, name, 'v2');
  const changes = batch.map((input) => {
    const row = rowOf(entity, String(input[entity.meta.idAttribute]));
    const copy = { ...row };
    setCell(state, entity, copy, attr, input[name]);
    return copy;
  });
  for (const row of changes) entity.rows.set(String(row[entity.meta.idAttribute]), row);
  return empty(200);
}

/** `PUT /api/v1/E/<id>` with a JSON map (or form fields): the whole row. */
export async function v1Update(state: MolgenisSimulatorState, entity: SimEntity, id: string, request: SimulatedRequest): Promise<Response> {
  rowOf(entity, id);
  const type = request.headers.get('content-type') ?? '';
  const input =
    type.includes('multipart/form-data') || type.includes('application/x-www-form-urlencoded') ? await formInput(state, request, type) : jsonBody(request);
  if (!isObject(input)) throw classicError(400, 'Request body must be a JSON object');
  entity.rows.set(id, buildRow(state, entity, input, id));
  return empty(200);
}

/** `PUT /api/v1/E/<id>/<attr>` with the bare JSON value. */
export function v1UpdateCell(state: MolgenisSimulatorState, entity: SimEntity, id: string, name: string, request: SimulatedRequest): Response {
  const row = rowOf(entity, id);
  const attr = writableAttribute(entity, name, 'v1');
  const value = jsonBody(request);
  const copy = { ...row };
  setCell(state, entity, copy, attr, value);
  entity.rows.set(id, copy);
  return empty(200);
}
