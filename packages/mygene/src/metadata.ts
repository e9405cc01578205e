// GET /metadata and GET /metadata/fields.
import type { CallOptions, FieldsOptions } from './options.js';
import type { FieldsMap, Metadata } from './types.js';
import { type Context, isRecord } from './internal/context.js';
import { checkString } from './internal/validate.js';

export function getMetadata(ctx: Context, o: CallOptions = {}): Promise<Metadata> {
  return ctx.http.get('metadata', o.signal === undefined ? {} : { signal: o.signal }).json<Metadata>();
}

export async function getFields(ctx: Context, o: FieldsOptions = {}): Promise<FieldsMap> {
  const searchParams: Record<string, string> = {};
  if (o.search !== undefined) searchParams.search = checkString('search', o.search);
  if (o.prefix !== undefined) searchParams.prefix = checkString('prefix', o.prefix);
  const body = await ctx.http.get('metadata/fields', { searchParams, ...(o.signal === undefined ? {} : { signal: o.signal }) }).json<Record<string, unknown>>();
  const out: FieldsMap = {};
  if (!isRecord(body)) return out;
  for (const [key, value] of Object.entries(body)) {
    // `notes` is free text the server may add, not a field (the Py client drops it too).
    if (key === 'notes' && !isRecord(value)) continue;
    if (isRecord(value)) out[key] = value as FieldsMap[string];
  }
  return out;
}
