// The shapes of a MOLGENIS error answer, as the client reads them (shared by errors.ts and the body reader).

/**
 * An RFC 7807 `application/problem+json` body, as sent by MOLGENIS `ApiController`s
 * (`/api/data`, `/api/metadata`, …).
 *
 * @example
 * ```ts
 * const details = errorDetails(error);
 * if (details?.problem) console.log(details.problem.errorCode, details.problem.errors);
 * ```
 */
export interface ProblemDetails {
  /** URI naming the kind of problem, e.g. `http://molgenis.org/problems/unknown-entity-type`. */
  type?: string;
  /** Short summary of the kind of problem, e.g. `Unknown entity type`. */
  title?: string;
  /** The HTTP status the server put in the body (a number; absent when not sent as one). */
  status?: number;
  /** The explanation of this occurrence, e.g. `Unknown entity type 'demo_x'.`: the first of `messages` (`title` when absent). */
  detail?: string;
  /** The path of the request that failed, e.g. `/api/metadata/demo_x`. */
  instance?: string;
  /** MOLGENIS error code, e.g. `D02`. */
  errorCode?: string;
  /** Per-field problems (validation errors): each one's code, field, refused value and detail (its `detail` or `message`). Absent when the body had no `errors` list. */
  errors?: { errorCode?: string; field?: string; value?: unknown; detail?: string }[];
}

/**
 * What MOLGENIS said in an error body, whatever its shape.
 *
 * @example
 * ```ts
 * // {"errors":[{"message":"Unknown entity with 'id' '999' of type 'Sightings'.","code":"D02"}]}
 * errorDetails(e); // { messages: ["Unknown entity with 'id' '999' of type 'Sightings'."], code: 'D02' }
 * ```
 */
export interface MolgenisErrorDetails {
  /** Every message found: `errors[].message`, problem `detail` and `errors[].detail`, or the text of a plain/HTML body. */
  messages: string[];
  /** The MOLGENIS error code (`errors[0].code` or the problem's `errorCode`), when present. */
  code?: string;
  /** The whole problem document when the body was RFC 7807. */
  problem?: ProblemDetails;
}
