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
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  /** MOLGENIS error code, e.g. `D02`. */
  errorCode?: string;
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
