import { type CallOptions, path, ValidationError } from '@bio/core-http';
import { noContent } from './internal/answers.js';
import { chunked } from './internal/chunked.js';
import { type Context, callOf, discard } from './internal/context.js';
import { assertEntity, assertId, assertIds, batchSizeOf } from './internal/validate.js';
import type { BatchWriteOptions } from './types.js';

const NO_ID_HINT = '; delete() never deletes a whole table — use deleteAll(entity, { confirm: true }) for that';

/** `DELETE /api/v1/<entity>/<id>`. Without an id this refuses (the Python client deletes every row). */
export async function deleteOne(ctx: Context, entity: string, id: string | number, options: CallOptions = {}): Promise<void> {
  assertEntity(entity);
  assertId(id, 'id', NO_ID_HINT);
  const response = await ctx.http.delete(path`api/v1/${entity}/${id}`, { retry: false, ...callOf(options) });
  discard(response);
}

/** `DELETE /api/v2/<entity>` with `{"entityIds":[…]}` in batches of ≤ 1000. */
export async function deleteList(ctx: Context, entity: string, ids: readonly (string | number)[], options: BatchWriteOptions = {}): Promise<void> {
  assertEntity(entity);
  assertIds(ids, 'ids');
  const size = batchSizeOf(options.batchSize);
  if (ids.length === 0) return;
  const url = path`api/v2/${entity}`;
  await chunked<string | number, undefined>(
    ids,
    { operation: 'deleteList', entity, size, options, idsOf: (chunk) => chunk.map(String) },
    async (chunk, call) => {
      // The server reads entityIds as strings (then converts them to the id attribute's type).
      await noContent(ctx, 'DELETE', url, ctx.http.delete(url, { json: { entityIds: chunk.map(String) }, retry: false, ...call }));
      return undefined;
    },
  );
}

/** `DELETE /api/v1/<entity>`: every row. Needs `{ confirm: true }`. */
export async function deleteAll(ctx: Context, entity: string, options: CallOptions & { confirm: true }): Promise<void> {
  assertEntity(entity);
  if (typeof options !== 'object' || options === null || options.confirm !== true) {
    throw new ValidationError({ message: `deleteAll deletes every row of ${entity}; pass { confirm: true } to do that`, field: 'confirm' });
  }
  const response = await ctx.http.delete(path`api/v1/${entity}`, { retry: false, ...callOf(options) });
  discard(response);
}
