import { type CallOptions, path, ResponseFormatError } from '@bio/core-http';
import { type Context, callOf } from './internal/context.js';
import { assertAttributeName, assertEntity } from './internal/validate.js';
import type { AttributeMetaData, EntityMetaData } from './types.js';

/** `GET /api/v1/<entity>/meta?expand=attributes`; caches the id attribute for paging. */
export async function getEntityMetaData(ctx: Context, entity: string, options: CallOptions = {}): Promise<EntityMetaData> {
  assertEntity(entity);
  const meta = await ctx.http.get(path`api/v1/${entity}/meta`, { searchParams: { expand: 'attributes' }, ...callOf(options) }).json<EntityMetaData>();
  if (typeof meta?.idAttribute === 'string' && meta.idAttribute !== '') ctx.idAttributes.set(entity, meta.idAttribute);
  return meta;
}

/** `GET /api/v1/<entity>/meta/<attr>`. */
export async function getAttributeMetaData(ctx: Context, entity: string, attribute: string, options: CallOptions = {}): Promise<AttributeMetaData> {
  assertEntity(entity);
  assertAttributeName(attribute, 'attribute');
  return ctx.http.get(path`api/v1/${entity}/meta/${attribute}`, callOf(options)).json<AttributeMetaData>();
}

/** `GET /api/metadata/<entity>?flattenAttributes=…` (Metadata API v3), returning `data`. */
export async function getMeta(
  ctx: Context,
  entity: string,
  options: CallOptions & { flattenAttributes?: boolean | undefined } = {},
): Promise<Record<string, unknown>> {
  assertEntity(entity);
  const url = path`api/metadata/${entity}`;
  const body = await ctx.http
    .get(url, { searchParams: { flattenAttributes: options.flattenAttributes ?? false }, ...callOf(options) })
    .json<{ data?: Record<string, unknown> }>();
  if (typeof body !== 'object' || body === null || typeof body.data !== 'object' || body.data === null) {
    throw new ResponseFormatError({
      service: 'molgenis',
      method: 'GET',
      url: ctx.http.url(url),
      message: `GET ${url}: the Metadata API reply has no "data" object`,
    });
  }
  return body.data;
}

/** The id attribute of an entity (cached per client). */
export async function idAttributeOf(ctx: Context, entity: string, options: CallOptions = {}): Promise<string> {
  const cached = ctx.idAttributes.get(entity);
  if (cached !== undefined) return cached;
  const meta = await getEntityMetaData(ctx, entity, options);
  if (typeof meta.idAttribute !== 'string' || meta.idAttribute === '') {
    throw new ResponseFormatError({ service: 'molgenis', message: `metadata of ${entity} has no idAttribute` });
  }
  return meta.idAttribute;
}
