// The GraphQL transport: POST `{query, variables}` as JSON (EMX2 reads no variables over GET).
// Queries are retried as reads; mutations never.
import { type CallOptions, path, type ResponseFormatError } from '@bio/core-http';
import { formatError, jsonSnippet } from '../../internal/format-error.js';
import { callOf, type Ctx } from './context.js';

/** The path of a schema's GraphQL API (`pet%20store/graphql`), or the database API's. */
export function graphqlPath(schema: string | undefined): string {
  return schema === undefined ? 'api/graphql' : path`${schema}/graphql`;
}

/** A GraphQL answer's `data`, and the error for a `data` that is not what was asked. */
export interface GraphqlAnswer<T> {
  data: T;
  /** A `ResponseFormatError` naming this request (POST, url, status); `part` is the snippet of the answer at fault. */
  fail(problem: string, part?: unknown): ResponseFormatError;
}

/**
 * Run a document; returns `data` (a missing key means an empty result) and `fail` for its
 * checks. GraphQL errors come as HTTP 400 and are thrown by the HTTP layer, typed by the error hook.
 */
export async function graphqlAnswer<T = Record<string, unknown>>(
  ctx: Ctx,
  schema: string | undefined,
  query: string,
  variables: Record<string, unknown> | undefined,
  options: CallOptions & { mutation?: boolean } = {},
): Promise<GraphqlAnswer<T>> {
  const url = graphqlPath(schema);
  const answer = ctx.http.post(url, {
    json: variables === undefined ? { query } : { query, variables },
    ...(options.mutation ? { retry: false } : { idempotent: true }),
    ...callOf(options),
  });
  const body = await answer.json<unknown>();
  const response = await answer;
  const fail = (problem: string, part?: unknown): ResponseFormatError =>
    formatError(ctx.http, { method: 'POST', path: url, response }, problem, jsonSnippet(part));
  if (
    typeof body !== 'object' ||
    body === null ||
    Array.isArray(body) ||
    typeof (body as { data?: unknown }).data !== 'object' ||
    (body as { data?: unknown }).data === null
  ) {
    throw fail('the answer has no "data" object', body);
  }
  return { data: (body as { data: T }).data, fail };
}

/** {@link graphqlAnswer}'s `data`. */
export async function graphql<T = Record<string, unknown>>(...args: Parameters<typeof graphqlAnswer<T>>): Promise<T> {
  return (await graphqlAnswer<T>(...args)).data;
}
