import type { CallOptions } from '@bio/core-http';
import type { Context } from './internal/context.js';
import { attributesOf, toUploadable } from './internal/row-shapes.js';
import { assertRows } from './internal/validate.js';
import { v2Meta } from './metadata.js';
import type { Row } from './types.js';

/** `toUploadFormat`: rows as read → rows to send back, with the entity type's v2 metadata. */
export async function toUploadFormat(ctx: Context, entity: string, rows: readonly Row[], options: CallOptions = {}): Promise<Row[]> {
  assertRows(rows, 'rows');
  const attributes = attributesOf(await v2Meta(ctx, entity, options));
  return rows.map((row) => toUploadable(row, attributes, ctx.root));
}
