import { type CallOptions, path, type ResponseFormatError, ValidationError } from '@bio/core-http';
import { type Context, callOf } from './internal/context.js';
import { formatError, jsonSnippet } from './internal/format-error.js';
import { lastSegment } from './internal/url.js';
import { assertAttributeName, assertEntity, isPlainObject } from './internal/validate.js';
import type { AttributeMetaData, EntityMetaData, GetMetaOptions, V2Collection, V2EntityMeta } from './types.js';

/** `GET /api/v1/<entity>/meta?expand=attributes`; caches the id attribute for paging. */
export async function getEntityMetaData(ctx: Context, entity: string, options: CallOptions = {}): Promise<EntityMetaData> {
  assertEntity(entity);
  return (await entityMeta(ctx, entity, options)).meta;
}

/** `GET /api/v1/<entity>/meta?expand=attributes`, and the error for an answer without what is needed. */
async function entityMeta(
  ctx: Context,
  entity: string,
  options: CallOptions,
): Promise<{ meta: EntityMetaData; fail: (problem: string) => ResponseFormatError }> {
  const exchange = { method: 'GET', path: path`api/v1/${entity}/meta`, searchParams: { expand: 'attributes' } };
  const answer = ctx.http.get(exchange.path, { searchParams: exchange.searchParams, ...callOf(options) });
  const meta = await answer.json<EntityMetaData>();
  if (typeof meta?.idAttribute === 'string' && meta.idAttribute !== '') ctx.idAttributes.set(entity, meta.idAttribute);
  const response = await answer;
  return { meta, fail: (problem) => formatError(ctx.http, { ...exchange, response }, problem, jsonSnippet(meta)) };
}

/** `GET /api/v1/<entity>/meta/<attr>`. */
export async function getAttributeMetaData(ctx: Context, entity: string, attribute: string, options: CallOptions = {}): Promise<AttributeMetaData> {
  assertEntity(entity);
  assertAttributeName(attribute, 'attribute');
  return ctx.http.get(path`api/v1/${entity}/meta/${attribute}`, callOf(options)).json<AttributeMetaData>();
}

/** `GET /api/metadata/<entity>?flattenAttributes=…` (Metadata API v3), returning `data`. */
async function metaData(ctx: Context, entity: string, flattenAttributes: boolean, options: CallOptions): Promise<Record<string, unknown>> {
  const url = path`api/metadata/${entity}`;
  const searchParams = { flattenAttributes };
  const answer = ctx.http.get(url, { searchParams, ...callOf(options) });
  const body = await answer.json<{ data?: Record<string, unknown> }>();
  if (typeof body !== 'object' || body === null || typeof body.data !== 'object' || body.data === null) {
    throw formatError(
      ctx.http,
      { method: 'GET', path: url, searchParams, response: await answer },
      'the Metadata API reply has no "data" object',
      jsonSnippet(body),
    );
  }
  return body.data;
}

/** The `data` of every attribute item of a v3 entity type. */
function attributeItems(meta: Record<string, unknown>): Record<string, unknown>[] {
  const items = (meta.attributes as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items)) return [];
  return items.map((item) => (isPlainObject(item) ? item.data : undefined)).filter((d): d is Record<string, unknown> => isPlainObject(d));
}

/**
 * `getMeta`: the Metadata API v3 answer's `data`. With `expand`, every attribute's
 * `refEntityType` link (`{ self }`) is replaced by that entity type's own metadata (fetched with
 * `flattenAttributes: true`, once per entity type), as Python's `get_meta(expand=True)` does.
 */
export async function getMeta(ctx: Context, entity: string, options: GetMetaOptions = {}): Promise<Record<string, unknown>> {
  assertEntity(entity);
  for (const key of ['flattenAttributes', 'expand'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'boolean') throw new ValidationError({ message: `${key} must be true or false`, field: key });
  }
  const meta = await metaData(ctx, entity, options.flattenAttributes ?? false, options);
  if (options.expand !== true) return meta;
  const refs = new Map<string, Promise<Record<string, unknown>>>();
  const expanded = attributeItems(meta).map(async (attr) => {
    const link = attr.refEntityType;
    const self = isPlainObject(link) ? (link.self ?? (isPlainObject(link.links) ? link.links.self : undefined)) : undefined;
    if (typeof self !== 'string') return;
    const ref = lastSegment(self, ctx.root);
    if (ref === undefined || ref === '') return;
    if (!refs.has(ref)) refs.set(ref, metaData(ctx, ref, true, options));
    attr.refEntityType = await (refs.get(ref) as Promise<Record<string, unknown>>);
  });
  await Promise.all(expanded);
  return meta;
}

/**
 * The `meta` of a v2 answer — attribute types, and the id and label attributes of referenced
 * entity types — with one `GET /api/v2/<entity>?num=0` (no rows).
 */
export async function v2Meta(ctx: Context, entity: string, options: CallOptions = {}): Promise<V2EntityMeta> {
  assertEntity(entity);
  const url = path`api/v2/${entity}`;
  const searchParams = { num: 0 };
  const answer = ctx.http.get(url, { searchParams, ...callOf(options) });
  const page = await answer.json<V2Collection>();
  if (!isPlainObject(page) || !isPlainObject(page.meta) || !Array.isArray(page.meta.attributes)) {
    throw formatError(
      ctx.http,
      { method: 'GET', path: url, searchParams, response: await answer },
      'the reply has no "meta" with attributes',
      jsonSnippet(page),
    );
  }
  const meta = page.meta as V2EntityMeta;
  if (typeof meta.idAttribute === 'string' && meta.idAttribute !== '') ctx.idAttributes.set(entity, meta.idAttribute);
  return meta;
}

/** The id attribute of an entity (cached per client). */
export async function idAttributeOf(ctx: Context, entity: string, options: CallOptions = {}): Promise<string> {
  const cached = ctx.idAttributes.get(entity);
  if (cached !== undefined) return cached;
  const { meta, fail } = await entityMeta(ctx, entity, options);
  if (typeof meta?.idAttribute !== 'string' || meta.idAttribute === '') throw fail(`the metadata of ${entity} has no idAttribute`);
  return meta.idAttribute;
}
