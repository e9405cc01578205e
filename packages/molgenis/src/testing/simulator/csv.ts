// `GET /api/v1/csv/<entity>?q=&attributes=&start=&num=&sortColumn=&sortOrder=` (RestController
// v1 + CsvHttpMessageConverter): a header of attribute names, then one line per row, every
// value quoted (opencsv), null as an empty unquoted field, references as their labels (lists
// joined by commas), numbers and dates as Java prints them. num: default 100 (also for 0), at
// most 10,000; a refusal the method catches is `sendError(400, message)` (an HTML error page),
// one it does not a 500 (see `csvExport`).
import { htmlPage, SimRefusal } from './http.js';
import { matchingRows } from './read.js';
import type { MolgenisSimulatorState, SimAttribute, SimEntity, SimRow } from './types.js';
import { referencedIds, REFERENCE_TYPES } from './values.js';

function quote(value: string | null): string {
  return value === null ? '' : `"${value.replace(/"/g, '""')}"`;
}

/** What `toString()` gives for a stored value (Double prints `181.0`, Instant `…Z`). */
function javaText(attr: SimAttribute, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (attr.fieldType === 'DECIMAL' && typeof value === 'number' && Number.isInteger(value)) return `${value}.0`;
  return String(value);
}

function labelOf(state: MolgenisSimulatorState, attr: SimAttribute, id: string): string {
  const ref = state.entities.get(attr.refEntity ?? '');
  const row = ref?.rows.get(id);
  const label = ref === undefined || row === undefined ? undefined : row[ref.meta.labelAttribute];
  return label === null || label === undefined ? 'null' : String(label);
}

function cell(state: MolgenisSimulatorState, entity: SimEntity, attr: SimAttribute, row: SimRow): string | null {
  if (!REFERENCE_TYPES.has(attr.fieldType)) return javaText(attr, row[attr.name]);
  const ids = referencedIds(state, entity, attr, row);
  if (ids.length === 0) return attr.fieldType === 'MREF' || attr.fieldType === 'CATEGORICAL_MREF' || attr.fieldType === 'ONE_TO_MANY' ? '' : null;
  return ids.map((id) => labelOf(state, attr, id)).join(',');
}

/** `resp.sendError(400, message)`: the container's HTML error page, with the message. */
function badRequest(message: string): Response {
  return htmlPage(400, 'Bad Request', message);
}

/**
 * A refusal of `q` or `sortColumn` as the CSV export gives it. RestController's
 * `retrieveEntityCollection` for `/csv/{entityTypeId}` catches ConversionFailedException,
 * RSQLParserException, UnknownAttributeException, IllegalArgumentException (NumberFormatException
 * among them), UnsupportedOperationException and UnknownEntityException and answers
 * `sendError(400, e.getMessage())`: the simulator's refusals carrying an `exceptionMessage` are
 * those. Nothing else is caught there, so it is no 400: an RSQL syntax error (MolgenisRSQL.createQuery
 * rethrows the RSQLParserException as QueryParseException, a CodedRuntimeException), `=out=`
 * (MolgenisRSQLVisitor.visit(ComparisonNode): IllegalStateException "Unknown rsql operator"), `<`
 * on a string (MolgenisRSQLVisitor.validateNumericOrDate: UnsupportedRsqlOperationException), and
 * an unknown sort attribute, which fails only when the rows are fetched (the lazy
 * `dataService.findAll`, after the method returned). These leave the method uncaught. What is
 * sent then: ExceptionHandlerFacadeImpl picks ERROR_MESSAGES for this @RestController (JSON
 * `{"errors":[…]}` from FallbackExceptionHandler, 500, or the controller's own handlers, tried
 * first), but the client asks `Accept: text/csv` and the mapping `produces = "text/csv"`: no
 * message converter writes an ErrorMessageResponse as text/csv (CsvHttpMessageConverter takes
 * only an EntityCollection), so writing the error body fails, Spring's
 * ExceptionHandlerExceptionResolver gives up, the exception leaves the DispatcherServlet and the
 * servlet container (MOLGENIS is a WAR, MolgenisWebAppInitializer registers no error page) sends
 * its own 500 HTML page. Its markup is the container's, not in the MOLGENIS source: the simulator
 * sends its own HTML page.
 */
function queryRefusal(error: unknown, url: URL): Response {
  if (!(error instanceof SimRefusal)) throw error;
  const message = error.exceptionMessage;
  return message === undefined ? htmlPage(500, 'Internal Server Error', url.pathname) : badRequest(message);
}

/** A refusal the CSV method does not catch: the container's 500 page, as the simulator sends it (see {@link queryRefusal}). */
function uncaught(url: URL): Response {
  return htmlPage(500, 'Internal Server Error', url.pathname);
}

/**
 * `num`/`start` as QueryStringParser reads them: `DataConverter.toInt`, Spring's String→Integer
 * conversion (trimmed; decimal, or hex with `0x`/`#`; an empty text is null). A failure is a
 * DataConversionException (its cause a ConversionFailedException, which RestController's own
 * `handleConversionException` would answer 400 in JSON), and null is unboxed into
 * `pageSize(int)`/`offset(int)`, a NullPointerException (FallbackExceptionHandler). Neither is
 * among the exceptions the method catches and neither JSON body can be sent as text/csv, so
 * both are the container's 500 page (see {@link queryRefusal}).
 */
function javaInt(text: string): number | undefined {
  const t = text.trim();
  const hex = /^([+-]?)(?:0x|0X|#)([0-9a-fA-F]+)$/.exec(t);
  const n = hex !== null ? (hex[1] === '-' ? -1 : 1) * Number.parseInt(hex[2] as string, 16) : /^[+-]?\d+$/.test(t) ? Number(t) : Number.NaN;
  return Number.isSafeInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 ? n : undefined;
}

/**
 * RestController's `/csv/{entityTypeId}` in its order: the query parameters (QueryStringParser,
 * in the order sent: `num`, `start`, `q`), the sort order (only with a non-empty `sortColumn`;
 * an empty `sortOrder` is ASC, another than ASC/DESC a RuntimeException, 500), the page size
 * (0 → 100, above 10,000 → 400), the attribute names (400), and last, while the rows are
 * fetched, the sort attribute. A negative `num` or `start` is no error: PostgreSqlQueryGenerator
 * writes LIMIT and OFFSET only when they are above 0.
 */
export function csvExport(state: MolgenisSimulatorState, entity: SimEntity, url: URL): Response {
  const params = url.searchParams;
  let num = 0;
  let start = 0;
  let q: string | null = null;
  for (const [name, value] of params) {
    const key = name.toLowerCase();
    if (key === 'num' || key === 'start') {
      const n = javaInt(value);
      if (n === undefined) return uncaught(url);
      if (key === 'num') num = n;
      else start = n;
    } else if (key === 'q') {
      q = value;
      try {
        matchingRows(state, entity, q, null); // MolgenisRSQL.createQuery: the refusals of q
      } catch (error) {
        return queryRefusal(error, url);
      }
    }
  }
  const sortColumn = params.get('sortColumn') ?? '';
  const sortOrder = params.get('sortOrder') || 'ASC';
  if (sortColumn !== '' && sortOrder !== 'ASC' && sortOrder !== 'DESC') return uncaught(url); // RuntimeException("unknown sort order")
  if (num === 0) num = 100;
  if (num > 10_000) return badRequest('Num exceeded the maximum of 10000 rows');
  const wanted = params.get('attributes');
  const selected = wanted === null ? undefined : new Set(wanted.split(',').map((a) => a.trim().toLowerCase()));
  const names = new Set(entity.meta.attributes.map((a) => a.name.toLowerCase()));
  const unknown = [...(selected ?? [])].filter((a) => !names.has(a));
  if (unknown.length > 0) return badRequest(`Unknown attributes [${unknown.join(', ')}]`);
  const attributes = entity.meta.attributes.filter((a) => selected === undefined || selected.has(a.name.toLowerCase()));
  let rows: SimRow[];
  try {
    rows = matchingRows(state, entity, q, sortColumn === '' ? null : `${sortColumn}:${sortOrder.toLowerCase()}`);
  } catch (error) {
    return queryRefusal(error, url);
  }
  const from = Math.max(0, start);
  const lines = [attributes.map((a) => quote(a.name)).join(',')];
  for (const row of rows.slice(from, num < 0 ? undefined : from + num)) lines.push(attributes.map((a) => quote(cell(state, entity, a, row))).join(','));
  return new Response(`${lines.join('\n')}\n`, { status: 200, headers: { 'content-type': 'text/csv;charset=UTF-8' } });
}
