// The recorded-fixture format: plain JSON data, one file per scenario.

/** One file part of a multipart body: its name, optional type, and its content as text or base64. */
export interface FixtureFilePart {
  /** The part's file name, as sent in `Content-Disposition`. */
  filename: string;
  /** The part's content type (e.g. `text/plain`); not checked when absent. */
  type?: string;
  /** The content as text (use for text files). */
  text?: string;
  /** The content as base64 (use for binary files). */
  base64?: string;
}

/**
 * A request or response body, tagged by how it is compared and served.
 *
 * - `json`: compared as data (deep-equal), served as `application/json` unless the fixture headers say otherwise.
 * - `text`: compared exactly.
 * - `form`: `application/x-www-form-urlencoded`, compared as data (field order does not matter).
 * - `xml`: compared as a tree (attribute order and whitespace between elements do not matter).
 * - `base64`: bytes, compared byte for byte.
 * - `multipart`: `multipart/form-data` fields; files by name, type and content.
 *
 * @example
 * ```ts
 * const body: FixtureBody = { form: { query: '<query model="genomic" view="Gene.symbol"/>', format: 'json' } };
 * ```
 */
export type FixtureBody =
  | {
      /** A JSON body, as parsed data. */
      json: unknown;
    }
  | {
      /** A text body, compared exactly. */
      text: string;
    }
  | {
      /** A URL-encoded form, field by field; a repeated field is an array. */
      form: Record<string, string | string[]>;
    }
  | {
      /** An XML body, compared as a tree. */
      xml: string;
    }
  | {
      /** A binary body, base64-encoded. */
      base64: string;
    }
  | {
      /** `multipart/form-data` fields: a string for a plain field, a {@link FixtureFilePart} for a file. */
      multipart: Record<string, string | FixtureFilePart>;
    };

/**
 * What a fixture expects the client to send. `path` is the full URL path (e.g. `/v3/gene/1017`);
 * `query` is data (decoded values, order-insensitive; an absent `query` means no query string).
 * `headers`, when present, must be sent with these values (names case-insensitive).
 * A `body`, when present, must match as data; an absent `body` is not checked.
 *
 * @example
 * ```ts
 * const request: FixtureRequest = { method: 'GET', path: '/v3/query', query: { q: 'cdk2', size: '10' } };
 * ```
 */
export interface FixtureRequest {
  /** HTTP method, e.g. `GET`. */
  method: string;
  /** The full URL path, without query string (e.g. `/v3/gene/1017`). */
  path: string;
  /** Decoded query parameters (a repeated one as an array); absent means no query string at all. */
  query?: Record<string, string | string[]>;
  /** Headers that must be sent with these values (names case-insensitive); others are not checked. */
  headers?: Record<string, string>;
  /** The body the request must carry; not checked when absent. */
  body?: FixtureBody;
}

/**
 * What the service answered. Several `Set-Cookie` headers are written as one value joined by `\n`.
 *
 * @example
 * ```ts
 * const response: FixtureResponse = { status: 404, headers: { 'content-type': 'application/json' }, body: { json: { success: false } } };
 * ```
 */
export interface FixtureResponse {
  /** HTTP status to answer with. */
  status: number;
  /** Response headers; several `Set-Cookie` values joined by `\n`. */
  headers?: Record<string, string>;
  /** Response body; an empty body when absent. */
  body?: FixtureBody;
  /** Wait this long before answering (timeouts, slow pages). Default 0. */
  delayMs?: number;
}

/**
 * One recorded request and its response.
 *
 * @example
 * ```ts
 * const exchange: FixtureExchange = {
 *   request: { method: 'GET', path: '/v3/gene/1017' },
 *   response: { status: 200, body: { json: { _id: '1017', symbol: 'CDK2' } } },
 * };
 * ```
 */
export interface FixtureExchange {
  /** What the client must send. */
  request: FixtureRequest;
  /** What is answered when it does. */
  response: FixtureResponse;
}

/**
 * Where a fixture's exchanges come from: `recorded` from the live service (when, from where,
 * which version of the service answered), or `written` by hand or by a script from a reference
 * (the service's documentation, its source code, published examples).
 *
 * @example
 * ```ts
 * const written: FixtureProvenance = { kind: 'written', from: 'shared/reference/mygene.md and biothings.api 1.x source' };
 * const recorded: FixtureProvenance = { kind: 'recorded', date: '2027-01-05T10:00:00.000Z', from: 'https://mygene.info', serviceVersion: '3.2' };
 * ```
 */
export type FixtureProvenance =
  | {
      /** Recorded from the live service by a re-record scenario. */
      kind: 'recorded';
      /** When (ISO 8601). */
      date: string;
      /** The origin the requests went to. */
      from: string;
      /** The service's version as it reported it (`unknown` when it does not say). */
      serviceVersion: string;
    }
  | {
      /** Written from a reference, not recorded. */
      kind: 'written';
      /** The reference: documents, source files or examples the exchanges were written from. */
      from: string;
    };

/**
 * A fixture file: a named, ordered list of exchanges (one request, a scroll, a poll loop).
 *
 * @example
 * ```ts
 * const fixture: Fixture = {
 *   name: 'gene-1017',
 *   source: 'https://mygene.info/v3',
 *   exchanges: [{ request: { method: 'GET', path: '/v3/gene/1017' }, response: { status: 200, body: { json: { _id: '1017' } } } }],
 * };
 * ```
 */
export interface Fixture {
  /** Unique name of the scenario (the file name without `.json`, by convention). */
  name: string;
  /** What the scenario shows, in a sentence. */
  description?: string;
  /** Where it came from, in words (service base URL, date, script). See also {@link Fixture.provenance}. */
  source?: string;
  /** Recorded from the live service, or written from a reference: see {@link FixtureProvenance}. */
  provenance?: FixtureProvenance;
  /** The exchanges, in the order a client makes them; each is served once, in order, when requests repeat. */
  exchanges: FixtureExchange[];
}

/**
 * What {@link scrubExchange} removes besides the defaults.
 *
 * Defaults: headers `authorization`, `proxy-authorization`, `cookie`, `set-cookie`, `x-molgenis-token`,
 * `x-csrftoken`, `x-csrf-token`; query parameters and form fields `token`, `access_token`, `api_key`,
 * `apikey`, `password`, `csrfmiddlewaretoken`, `sessionid`; JSON fields `password`, `token`,
 * `access_token`, `api_key`, `csrfmiddlewaretoken`. Every value removed that way is also replaced
 * wherever else it appears.
 *
 * @example
 * ```ts
 * const scrub: ScrubOptions = { secrets: [process.env.MOLGENIS_TOKEN ?? ''], fields: ['apiKey'] };
 * ```
 */
export interface ScrubOptions {
  /** Known secret values, replaced by `[REDACTED]` anywhere in paths, queries, headers and bodies. */
  secrets?: readonly string[];
  /** Extra header names to redact (case-insensitive). */
  headers?: readonly string[];
  /** Extra query parameter / form field names to redact (case-insensitive). */
  params?: readonly string[];
  /** Extra JSON field names to redact at any depth (case-insensitive). */
  fields?: readonly string[];
}
