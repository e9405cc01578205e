import { type CallOptions, path, ValidationError } from '@bio/core-http';
import { isMolgenisBatchError, MolgenisBatchError } from './errors.js';
import { createdIds, noContent } from './internal/answers.js';
import { chunked } from './internal/chunked.js';
import { type Context, callOf, discard } from './internal/context.js';
import { formatError } from './internal/format-error.js';
import { formValue, toFilePart } from './internal/files.js';
import { lastSegment } from './internal/url.js';
import { assertAttributeName, assertEntity, assertId, assertRow, assertRows, batchSizeOf, isPlainObject } from './internal/validate.js';
import { getEntityMetaData } from './metadata.js';
import { get } from './read.js';
import type { AddOptions, BatchWriteOptions, Row, UpsertResult } from './types.js';

/** `POST /api/v1/<entity>` (JSON, or multipart when there are files); the id comes from `Location`. */
export async function add(ctx: Context, entity: string, data: Row = {}, options: AddOptions = {}): Promise<string> {
  assertEntity(entity);
  assertRow(data, 'data');
  const { files } = options;
  if (files !== undefined && !isPlainObject(files)) throw new ValidationError({ message: 'files must map attribute names to files', field: 'files' });
  const url = path`api/v1/${entity}`;
  let response: Response;
  if (files !== undefined && Object.keys(files).length > 0) {
    const form = new FormData();
    for (const [key, value] of Object.entries(data)) {
      const text = formValue(value, `data.${key}`);
      if (text !== undefined) form.append(key, text);
    }
    for (const [key, file] of Object.entries(files)) {
      assertAttributeName(key, 'files');
      if (key in data) throw new ValidationError({ message: `"${key}" is both in data and in files`, field: `files.${key}` });
      const part = await toFilePart(file, `files.${key}`, key);
      form.append(key, part.blob, part.filename);
    }
    response = await ctx.http.post(url, { body: form, retry: false, ...callOf(options) });
  } else {
    response = await ctx.http.post(url, { json: data, retry: false, ...callOf(options) });
  }
  discard(response);
  const location = response.headers.get('location');
  const id = location === null ? undefined : lastSegment(location, ctx.root);
  if (id === undefined || id === '') {
    const problem = `answered ${response.status} without a Location header, so the new row's id is unknown (the row was probably created)`;
    throw formatError(ctx.http, { method: 'POST', path: url, response }, problem);
  }
  return id;
}

/** `POST /api/v2/<entity>` with `{"entities":[…]}` in batches of ≤ 1000; returns the new ids in input order. */
export async function addAll(ctx: Context, entity: string, rows: readonly Row[], options: BatchWriteOptions = {}): Promise<string[]> {
  assertEntity(entity);
  assertRows(rows, 'rows');
  const size = batchSizeOf(options.batchSize);
  if (rows.length === 0) return [];
  const url = path`api/v2/${entity}`;
  const { ids } = await chunked<Row, string[]>(rows, { operation: 'addAll', entity, size, options, idsOf: (_rows, result) => result }, (chunk, call) =>
    createdIds(ctx, url, chunk.length, ctx.http.post(url, { json: { entities: chunk }, retry: false, ...call })),
  );
  return ids;
}

/** `PUT /api/v1/<entity>/<id>/<attr>` with the bare JSON value. */
export async function updateOne(
  ctx: Context,
  entity: string,
  id: string | number,
  attribute: string,
  value: unknown,
  options: CallOptions = {},
): Promise<void> {
  assertEntity(entity);
  assertId(id, 'id');
  assertAttributeName(attribute, 'attribute');
  if (value === undefined) throw new ValidationError({ message: 'value is undefined; pass null to clear the attribute', field: 'value' });
  const response = await ctx.http.put(path`api/v1/${entity}/${id}/${attribute}`, { json: value, retry: false, ...callOf(options) });
  discard(response);
}

/** `PUT /api/v2/<entity>` with `{"entities":[…]}` (whole rows) in batches of ≤ 1000. */
export async function updateAll(ctx: Context, entity: string, rows: readonly Row[], options: BatchWriteOptions = {}): Promise<void> {
  assertEntity(entity);
  assertRows(rows, 'rows');
  const size = batchSizeOf(options.batchSize);
  if (rows.length === 0) return;
  const url = path`api/v2/${entity}`;
  const idAttribute = ctx.idAttributes.get(entity);
  await chunked<Row, undefined>(
    rows,
    {
      operation: 'updateAll',
      entity,
      size,
      options,
      idsOf: (chunk) => (idAttribute === undefined ? [] : chunk.map((r) => String(r[idAttribute]))),
    },
    async (chunk, call) => {
      await noContent(ctx, 'PUT', url, ctx.http.put(url, { json: { entities: chunk }, retry: false, ...call }));
      return undefined;
    },
  );
}

function hasId(row: Row, idAttribute: string): boolean {
  const id = row[idAttribute];
  return id !== undefined && id !== null && id !== '';
}

/**
 * Client-side upsert, as the Python client does it: read the existing ids (one column,
 * pages of 10,000), add the rows whose id is absent or new (without ONE_TO_MANY attributes,
 * which the server computes), then update the rest.
 */
export async function upsert(ctx: Context, entity: string, rows: readonly Row[], options: BatchWriteOptions = {}): Promise<UpsertResult> {
  assertEntity(entity);
  assertRows(rows, 'rows');
  batchSizeOf(options.batchSize);
  if (rows.length === 0) return { added: [], updated: [] };
  const meta = await getEntityMetaData(ctx, entity, options);
  const idAttribute = meta.idAttribute;
  const oneToMany = Object.values(meta.attributes ?? {})
    .filter((a) => a?.fieldType === 'ONE_TO_MANY')
    .map((a) => a.name);
  const existing = new Set<string>();
  for await (const row of get(ctx, entity, { attributes: [idAttribute], signal: options.signal, timeout: options.timeout }))
    existing.add(String(row[idAttribute]));

  const toAdd: Row[] = [];
  const original = new Map<Row, Row>();
  const toUpdate: Row[] = [];
  for (const row of rows) {
    if (hasId(row, idAttribute) && existing.has(String(row[idAttribute]))) {
      toUpdate.push(row);
    } else {
      const copy = { ...row };
      for (const name of oneToMany) delete copy[name];
      original.set(copy, row);
      toAdd.push(copy);
    }
  }
  const updating = new Set(toUpdate);
  const back = (items: Row[]): Row[] => items.map((r) => original.get(r) ?? r);
  const { onProgress } = options;
  const total = rows.length;
  let batchesBefore = 0; // batches of addAll, counted on in updateAll's progress
  const sub = (offset: number): BatchWriteOptions => ({
    ...options,
    onProgress:
      onProgress &&
      ((p) => {
        if (offset === 0) batchesBefore = p.batches;
        onProgress({ done: offset + p.done, total, batches: (offset === 0 ? 0 : batchesBefore) + p.batches });
      }),
  });

  let added: string[];
  try {
    added = await addAll(ctx, entity, toAdd, sub(0));
  } catch (error) {
    if (!isMolgenisBatchError(error)) throw error;
    throw new MolgenisBatchError<Row>({
      operation: 'upsert',
      entity,
      ids: error.ids,
      processed: back(error.processed as Row[]),
      failed: back(error.failed as Row[]),
      unknown: back(error.unknown as Row[]),
      unprocessed: [...back(error.unprocessed as Row[]), ...toUpdate],
      errors: error.errors as MolgenisBatchError<Row>['errors'],
    });
  }
  try {
    await updateAll(ctx, entity, toUpdate, sub(toAdd.length));
  } catch (error) {
    if (!isMolgenisBatchError(error)) throw error;
    throw new MolgenisBatchError<Row>({
      operation: 'upsert',
      entity,
      ids: [...added, ...error.ids],
      processed: [...rows.filter((r) => !updating.has(r)), ...(error.processed as Row[])],
      failed: error.failed as Row[],
      unknown: error.unknown as Row[],
      unprocessed: error.unprocessed as Row[],
      errors: error.errors as MolgenisBatchError<Row>['errors'],
    });
  }
  return { added, updated: toUpdate.map((r) => String(r[idAttribute])) };
}
