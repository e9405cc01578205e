// `GET /api/v1/csv/<entity>?q=&attributes=&start=&num=&sortColumn=&sortOrder=` (RestController
// v1 + CsvHttpMessageConverter): a header of attribute names, then one line per row, every
// value quoted (opencsv), null as an empty unquoted field, references as their labels (lists
// joined by commas), numbers and dates as Java prints them. num: default 100 (also for 0), at
// most 10,000; a bad parameter is `sendError(400, message)` (an HTML error page).
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
 * `dataService.findAll`, after the method returned). These reach FallbackExceptionHandler, a 500.
 * The body is not settled by the source: FallbackExceptionHandler's `{"errors":[…]}` JSON does
 * not match the client's `Accept: text/csv` (CsvHttpMessageConverter.supports takes only an
 * EntityCollection), and what the container then sends is not in the MOLGENIS source; the
 * simulator sends its HTML error page.
 */
function queryRefusal(error: unknown, url: URL): Response {
  if (!(error instanceof SimRefusal)) throw error;
  const message = error.exceptionMessage;
  return message === undefined ? htmlPage(500, 'Internal Server Error', url.pathname) : badRequest(message);
}

export function csvExport(state: MolgenisSimulatorState, entity: SimEntity, url: URL): Response {
  const params = url.searchParams;
  const num = Number(params.get('num') ?? '0') || 100;
  const start = Number(params.get('start') ?? '0');
  if (!Number.isInteger(num) || !Number.isInteger(start) || start < 0 || num < 0) return badRequest('Failed to convert num/start');
  if (num > 10_000) return badRequest('Num exceeded the maximum of 10000 rows');
  const wanted = params.get('attributes');
  const selected = wanted === null ? undefined : new Set(wanted.split(',').map((a) => a.trim().toLowerCase()));
  const names = new Set(entity.meta.attributes.map((a) => a.name.toLowerCase()));
  const unknown = [...(selected ?? [])].filter((a) => !names.has(a));
  if (unknown.length > 0) return badRequest(`Unknown attributes [${unknown.join(', ')}]`);
  const attributes = entity.meta.attributes.filter((a) => selected === undefined || selected.has(a.name.toLowerCase()));
  const order = params.get('sortOrder') ?? 'ASC';
  const sortColumn = params.get('sortColumn');
  if (sortColumn !== null && order !== 'ASC' && order !== 'DESC')
    return new Response('unknown sort order', { status: 500, headers: { 'content-type': 'text/plain' } });
  let rows: SimRow[];
  try {
    rows = matchingRows(state, entity, params.get('q'), sortColumn === null || sortColumn === '' ? null : `${sortColumn}:${order.toLowerCase()}`);
  } catch (error) {
    return queryRefusal(error, url);
  }
  const lines = [attributes.map((a) => quote(a.name)).join(',')];
  for (const row of rows.slice(start, start + num)) lines.push(attributes.map((a) => quote(cell(state, entity, a, row))).join(','));
  return new Response(`${lines.join('\n')}\n`, { status: 200, headers: { 'content-type': 'text/csv;charset=UTF-8' } });
}
