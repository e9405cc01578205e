// GET /metadata and GET /metadata/fields.
import type { CallOptions } from '@bio/core-http';
import type { FieldsOptions } from './options.js';
import type { FieldsMap, Metadata } from './types.js';
import { requestOptions } from './internal/call-options.js';
import { type Context, isRecord } from './internal/context.js';
import { expectRecord } from './internal/response.js';
import { checkString } from './internal/validate.js';

export async function getMetadata(ctx: Context, o: CallOptions = {}): Promise<Metadata> {
  // The client's `email` goes with every request, as with the other calls.
  const searchParams: Record<string, string> = ctx.email === undefined ? {} : { email: ctx.email };
  return expectRecord(await ctx.http.get('metadata', { searchParams, ...requestOptions(o) }).json<unknown>(), 'GET metadata') as unknown as Metadata;
}

export async function getFields(ctx: Context, o: FieldsOptions = {}): Promise<FieldsMap> {
  const searchParams: Record<string, string> = {};
  if (o.search !== undefined) searchParams.search = checkString('search', o.search);
  if (o.prefix !== undefined) searchParams.prefix = checkString('prefix', o.prefix);
  if (ctx.email !== undefined) searchParams.email = ctx.email;
  const body = expectRecord(await ctx.http.get('metadata/fields', { searchParams, ...requestOptions(o) }).json<unknown>(), 'GET metadata/fields');
  const out: FieldsMap = {};
  for (const [key, value] of Object.entries(body)) {
    // `notes` is free text the server may add, not a field (the Py client drops it too).
    if (key === 'notes' && !isRecord(value)) continue;
    if (isRecord(value)) out[key] = value as FieldsMap[string];
  }
  return out;
}
