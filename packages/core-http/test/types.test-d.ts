// Never executed: type-checked by `tsc -p tsconfig.json --noEmit`. Pins the public types of @bio/core-http.
import { expectTypeOf } from 'vitest';
import {
  type AuthStrategy,
  type BatchError,
  type BatchOutcome,
  type BioHttpError,
  batch,
  collect,
  createHttpClient,
  type ErrorCode,
  type HttpClient,
  type HttpClientOptions,
  type HttpHooks,
  isBatchError,
  isBioHttpError,
  isNotFoundError,
  isResponseFormatError,
  isResponseTooLargeError,
  isValidationError,
  type JsonArrayStream,
  jsonArrayItems,
  lines,
  type NotFoundError,
  paginateCursor,
  paginateOffset,
  paginatePages,
  type ResponsePromise,
  type ResponseFormatError,
  type ResponseTooLargeError,
  type RetryOptions,
  sessionAuth,
  tokenAuth,
  type ValidationError,
} from '../src/index.js';

// createHttpClient: options in, HttpClient out.
expectTypeOf(createHttpClient).parameter(0).toEqualTypeOf<HttpClientOptions>();
expectTypeOf(createHttpClient).returns.toEqualTypeOf<HttpClient>();
expectTypeOf<HttpClientOptions['baseUrl']>().toEqualTypeOf<string>();
expectTypeOf<HttpClientOptions['timeout']>().toEqualTypeOf<number | false | undefined>();
expectTypeOf<HttpClientOptions['fetch']>().toEqualTypeOf<typeof fetch | undefined>();
expectTypeOf<HttpClientOptions['auth']>().toEqualTypeOf<AuthStrategy | undefined>();
expectTypeOf<HttpClientOptions['arrayFormat']>().toEqualTypeOf<'repeat' | 'comma' | undefined>();
declare const client: HttpClient;
expectTypeOf(client.get('x')).toEqualTypeOf<ResponsePromise>();
expectTypeOf(client.get('x')).toMatchTypeOf<Promise<Response>>();
expectTypeOf(client.get('x').json<{ a: number }>()).toEqualTypeOf<Promise<{ a: number }>>();
expectTypeOf(client.get('x').json()).toEqualTypeOf<Promise<unknown>>();
expectTypeOf(client.get('x').text()).toEqualTypeOf<Promise<string>>();
expectTypeOf(client.get('x').bytes()).toEqualTypeOf<Promise<Uint8Array>>();
expectTypeOf(client.get('x').stream()).toEqualTypeOf<Promise<ReadableStream<Uint8Array>>>();
expectTypeOf(client.url('x')).toEqualTypeOf<string>();
expectTypeOf(client.auth).toEqualTypeOf<AuthStrategy | undefined>();
expectTypeOf(client.setAuth).parameter(0).toEqualTypeOf<AuthStrategy | undefined>();

// Error fields.
declare const e: BioHttpError;
expectTypeOf(e.code).toEqualTypeOf<ErrorCode>();
expectTypeOf(e.status).toEqualTypeOf<number>();
expectTypeOf(e.method).toEqualTypeOf<string | undefined>();
expectTypeOf(e.url).toEqualTypeOf<string | undefined>();
expectTypeOf(e.service).toEqualTypeOf<string | undefined>();
expectTypeOf(e.serviceMessage).toEqualTypeOf<string | undefined>();
expectTypeOf(e.body).toEqualTypeOf<unknown>();
expectTypeOf(e.retryAfter).toEqualTypeOf<number | undefined>();
expectTypeOf(e.attempts).toEqualTypeOf<number | undefined>();
expectTypeOf(e.toJSON()).toEqualTypeOf<Record<string, unknown>>();
expectTypeOf<ResponseFormatError['contentType']>().toEqualTypeOf<string | undefined>();
expectTypeOf<ResponseFormatError['snippet']>().toEqualTypeOf<string | undefined>();
expectTypeOf<ResponseTooLargeError['limit']>().toEqualTypeOf<number>();
expectTypeOf<ValidationError['field']>().toEqualTypeOf<string | undefined>();
expectTypeOf<BatchError<number>['processed']>().toEqualTypeOf<number[]>();
expectTypeOf<BatchError<number>['failed']>().toEqualTypeOf<number[]>();
expectTypeOf<BatchError<number>['unprocessed']>().toEqualTypeOf<number[]>();
expectTypeOf<BatchError<number>['errors'][number]['items']>().toEqualTypeOf<number[]>();
expectTypeOf<BatchError<number>['errors'][number]['batchIndex']>().toEqualTypeOf<number>();
expectTypeOf<NotFoundError>().toMatchTypeOf<BioHttpError>();
expectTypeOf<BatchError>().toMatchTypeOf<BioHttpError>();

// Guards narrow.
declare const u: unknown;
if (isBioHttpError(u)) expectTypeOf(u).toEqualTypeOf<BioHttpError>();
if (isNotFoundError(u)) expectTypeOf(u).toEqualTypeOf<NotFoundError>();
if (isResponseFormatError(u)) expectTypeOf(u).toEqualTypeOf<ResponseFormatError>();
if (isResponseTooLargeError(u)) expectTypeOf(u).toEqualTypeOf<ResponseTooLargeError>();
if (isValidationError(u)) expectTypeOf(u).toEqualTypeOf<ValidationError>();
if (isBatchError(u)) expectTypeOf(u).toMatchTypeOf<BatchError>();

// AuthStrategy.
expectTypeOf(tokenAuth({ token: 't' })).toEqualTypeOf<AuthStrategy>();
expectTypeOf<AuthStrategy['kind']>().toEqualTypeOf<'token' | 'header' | 'basic' | 'session'>();
expectTypeOf<AuthStrategy['headerNames']>().toEqualTypeOf<readonly string[]>();
expectTypeOf<ReturnType<AuthStrategy['secrets']>>().toEqualTypeOf<readonly string[]>();
expectTypeOf(sessionAuth()).toMatchTypeOf<AuthStrategy>();
expectTypeOf(sessionAuth().cookies()).toEqualTypeOf<Record<string, string>>();
expectTypeOf(sessionAuth().setCsrfToken).parameter(0).toEqualTypeOf<string>();

// Paging generics.
const offsetPages = paginateOffset(async ({ offset, limit }) => ({ items: [offset + limit], total: 10 }), { pageSize: 5 });
expectTypeOf(offsetPages).toEqualTypeOf<AsyncGenerator<number>>();
const numbered = paginatePages(async ({ page }) => ({ items: [String(page)] }), {});
expectTypeOf(numbered).toEqualTypeOf<AsyncGenerator<string>>();
const cursored = paginateCursor<boolean, string>(async ({ cursor }) => ({ items: [cursor === undefined] }), {});
expectTypeOf(cursored).toEqualTypeOf<AsyncGenerator<boolean>>();
expectTypeOf(collect(numbered)).toEqualTypeOf<Promise<string[]>>();

// Batch generics.
const outcomes = batch([1, 2, 3], { size: 2 }, async (items) => items.map(String));
expectTypeOf(outcomes).toEqualTypeOf<AsyncGenerator<BatchOutcome<number, string[]>>>();
declare const outcome: BatchOutcome<number, string[]>;
if (outcome.ok) expectTypeOf(outcome.result).toEqualTypeOf<string[]>();
else expectTypeOf(outcome.error).toEqualTypeOf<unknown>();

// Streaming.
declare const response: Response;
const rows = jsonArrayItems<[number, string]>(response, 'results');
expectTypeOf(rows).toEqualTypeOf<JsonArrayStream<[number, string]>>();
expectTypeOf(rows).toMatchTypeOf<AsyncIterable<[number, string]>>();
expectTypeOf(rows.trailer()).toEqualTypeOf<Promise<Record<string, unknown>>>();
expectTypeOf(lines(response)).toEqualTypeOf<AsyncIterableIterator<string>>();

// Retry policy and hooks: our own types, no ky types; optional fields take `undefined`.
expectTypeOf<RetryOptions['jitter']>().toEqualTypeOf<boolean | undefined>();
expectTypeOf<Parameters<NonNullable<RetryOptions['shouldRetry']>>[0]>().toEqualTypeOf<{ error: BioHttpError; attempt: number }>();
expectTypeOf<ReturnType<NonNullable<RetryOptions['shouldRetry']>>>().toEqualTypeOf<boolean | undefined | Promise<boolean | undefined>>();
expectTypeOf<Parameters<NonNullable<HttpHooks['beforeRequest']>[number]>[0]>().toEqualTypeOf<{ request: Request; attempt: number }>();
// biome-ignore lint/suspicious/noConfusingVoidType: pins the hook return type, which allows void as ky does
expectTypeOf<ReturnType<NonNullable<HttpHooks['afterResponse']>[number]>>().toEqualTypeOf<Response | void | Promise<Response | void>>();
expectTypeOf<Parameters<NonNullable<HttpHooks['beforeRetry']>[number]>[0]['error']>().toEqualTypeOf<BioHttpError>();
const undefinedEverywhere: HttpClientOptions = { baseUrl: 'https://x.org/', timeout: undefined, retry: undefined, hooks: undefined, concurrency: undefined };
expectTypeOf(undefinedEverywhere).toMatchTypeOf<HttpClientOptions>();
