// The GraphQL transport: POST `{query, variables}` as JSON (EMX2 reads no variables over GET).
// Queries are retried as reads; mutations never.
import { type CallOptions, path, ResponseFormatError } from '@bio/core-http';
import { callOf, type Ctx } from './context.js';

/** The path of a schema's GraphQL API (`pet%20store/graphql`), or the database API's. */
export function graphqlPath(schema: string | undefined): string {
  return schema === undefined ? 'api/graphql' : path`${schema}/graphql`;
}

/**
 * Run a document; returns `data` (a missing key means an empty result). GraphQL errors come as
 * HTTP 400 and are thrown by the HTTP layer, typed by the error hook.
 */
export async function graphql<T = Record<string, unknown>>(
  ctx: Ctx,
  schema: string | undefined,
  query: string,
  variables: Record<string, unknown> | undefined,
  options: CallOptions & { mutation?: boolean } = {},
): Promise<T> {
  const url = graphqlPath(schema);
  const body = await ctx.http
    .post(url, {
      json: variables === undefined ? { query } : { query, variables },
      ...(options.mutation ? { retry: false } : { idempotent: true }),
      ...callOf(options),
    })
    .json<unknown>();
  if (
    typeof body !== 'object' ||
    body === null ||
    Array.isArray(body) ||
    typeof (body as { data?: unknown }).data !== 'object' ||
    (body as { data?: unknown }).data === null
  ) {
    throw new ResponseFormatError({
      service: 'molgenis',
      method: 'POST',
      url: ctx.http.url(url),
      message: `POST ${url}: the answer has no "data" object`,
      body,
    });
  }
  return (body as { data: T }).data;
}
