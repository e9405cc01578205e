// The public surface of @bio/core-http, listed by hand (errors.ts, public whole, excepted). src/internal/ is never exported.

// errors: errors.ts is public whole (it is also the `./errors` entry every client re-exports),
// so it is exported whole here too rather than listed a second time.
export * from './errors.js';
export { redactSecrets, redactUrl, SECRET_QUERY_PARAMS } from './redact.js';
export { CsvHtmlDocumentScan, containsHtmlDocument, htmlErrorMessage } from './html-message.js';

// query strings and paths
export { buildSearchParams, encodePathSegment, path } from './query.js';
export type { ArrayFormat, QueryParams, QueryValue } from './query.js';

// the client contract (contract.ts, service-client.ts): options every client shares
export type { CallOptions, ClientOptions, ListOptions, Progress } from './contract.js';
export { createServiceClient, userAgentFor } from './service-client.js';
export type { ServiceDefinition } from './service-client.js';

// client, retry, auth (client.ts, retry.ts, auth.ts, session-auth.ts)
export { createHttpClient } from './client.js';
export type { HttpClient, HttpClientOptions, HttpHooks, RequestOptions, ResponsePromise } from './client.js';
export { computeBackoff, parseRetryAfter } from './retry.js';
export type { RetryOptions } from './retry.js';
export { basicAuth, headerAuth, tokenAuth } from './auth.js';
export type { AuthStrategy } from './auth.js';
export { sessionAuth } from './session-auth.js';
export type { SessionAuth, SessionAuthOptions } from './session-auth.js';

// streaming (lines.ts, json-array-items.ts)
export { lines } from './lines.js';
export type { ByteSource, LinesOptions } from './lines.js';
export { jsonArrayItems } from './json-array-items.js';
export type { JsonArrayItemsOptions, JsonArrayStream } from './json-array-items.js';

// paging, polling, batching, waiting (paged.ts, paginate.ts, poll.ts, batch.ts, sleep.ts, limit.ts)
export { checkListOptions, paged } from './paged.js';
export type { Page, PageRequest, PageSource, Paged } from './paged.js';
export { collect, cursorPages, numberedPages, offsetPages, paginateCursor, paginateOffset, paginatePages } from './paginate.js';
export type { OffsetPageOptions, PageOptions } from './paginate.js';
export { poll } from './poll.js';
export type { PollOptions, PollResult } from './poll.js';
export { sleep } from './sleep.js';
export { limitConcurrency } from './limit.js';
export type { ConcurrencyLimit } from './limit.js';
export { batch } from './batch.js';
export type { BatchOptions, BatchOutcome } from './batch.js';
