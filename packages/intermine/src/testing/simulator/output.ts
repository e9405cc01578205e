// The formats a request asks for, as the server reads them, and the output an early error of a
// flat-format service is written through. WebService.service calls initOutput, which picks the
// output from WebService.getFormat (the service's getDefaultFormat and canServe), before
// authenticate; a refusal then goes through sendError into that output, so a bad token on a
// request that asked for TSV, CSV or text (or on a FASTA/GFF3/BED export, whose default output is
// plain text) is a flat `[ERROR] <code> <message>` body, not JSON. The results services
// (`/query/results`, `/template/results`) map the same formats to what they write in results.ts.
import type { Refusal } from './envelope.js';

/** WebServiceRequestParser's Format values a request can ask for. */
export type Format = 'DEFAULT' | 'UNKNOWN' | 'HTML' | 'TEXT' | 'XML' | 'CSV' | 'TSV' | 'JSON' | 'OBJECTS' | 'TABLE' | 'ROWS' | 'RDF' | 'N_TRIPLES';

/** `format` values (WebServiceRequestParser.FORMAT_MAPPING, case-sensitive; anything else is UNKNOWN). */
export const FORMAT_PARAM: Readonly<Record<string, Format>> = {
  '*/*': 'DEFAULT',
  json: 'JSON',
  jsonp: 'JSON',
  jsonobjects: 'OBJECTS',
  jsonpobjects: 'OBJECTS',
  jsontable: 'TABLE',
  jsonptable: 'TABLE',
  jsonrows: 'ROWS',
  jsonprows: 'ROWS',
  jsoncount: 'JSON',
  jsonpcount: 'JSON',
  count: 'TEXT',
  tab: 'TSV',
  tsv: 'TSV',
  csv: 'CSV',
  xml: 'XML',
  html: 'HTML',
  text: 'TEXT',
  rdf: 'RDF',
  ntriples: 'N_TRIPLES',
};

/** Accept types mapped by the `ws.accept.*` web properties (global.web.properties). */
const ACCEPT: Record<string, Format> = {
  'text/xml': 'XML',
  'application/xml': 'XML',
  'text/html': 'HTML',
  'text/plain': 'TEXT',
  'text/count': 'TEXT',
  'text/tab-separated-values': 'TSV',
  'text/comma-separated-values': 'CSV',
  'application/tsv': 'TSV',
  'application/csv': 'CSV',
};

const JSON_ACCEPT = new Set(['application/json', 'text/javascript', 'application/javascript', 'application/jsonp']);
const JSON_SUBTYPE: Record<string, Format> = { objects: 'OBJECTS', table: 'TABLE', rows: 'ROWS' };

/** WebServiceRequestParser.parseAcceptHeader: one Format (or two, for a JSON subtype) per entry. */
function fromAccept(accept: string): Format[] {
  return accept.split(',').flatMap((entry): Format[] => {
    const pref = entry.trim().toLowerCase();
    if (pref.startsWith('*')) return ['DEFAULT'];
    const [type = '', ...options] = pref.split(';').map((p) => p.trim());
    if (Object.hasOwn(ACCEPT, type)) return [ACCEPT[type]!];
    if (!JSON_ACCEPT.has(type)) return ['UNKNOWN'];
    const subtypes = options.filter((o) => o.startsWith('type=')).map((o) => JSON_SUBTYPE[o.slice(5)]);
    return [...subtypes.filter((f): f is Format => f !== undefined), 'JSON'];
  });
}

/** What a service can write: its default format, the ones canServe accepts, and the content type of its default output. */
interface ServiceFormats {
  fallback: Format;
  serves: readonly Format[];
  /** The content type of the plain output a bio export's getDefaultOutput sets (ResponseUtil.setCustomTypeHeader). */
  plainType?: string;
  /** The file suffix of that output's Content-Disposition (the service's getSuffix). */
  suffix?: string;
}

/** getSuffix of the BioQueryService subclasses (FastaQueryService `.fa`, GFFQueryService, BEDQueryService). */
export const QUERY_EXPORT_SUFFIX: Readonly<Record<string, string>> = { fasta: '.fa', gff3: '.gff3', bed: '.bed' };
/** getSuffix of the AbstractRegionExportService subclasses (GenomicRegionFastaService serves `sequence` too). */
export const REGION_EXPORT_SUFFIX: Readonly<Record<string, string>> = { fasta: '.fasta', sequence: '.fasta', gff3: '.gff3', bed: '.bed' };

let exportFileNumber = 0;

/**
 * The headers ResponseUtil.setCustomTypeHeader adds beside the content type when a bio export's
 * getDefaultOutput runs (uncompressed): setNoCache (`Pragma`, `Cache-Control`) and setFileName,
 * `attachment; filename="results<n><suffix>"` (getDefaultFileName: StringUtil.uniqueString, a
 * process-wide counter, so the number is not predictable).
 */
export function exportFileHeaders(suffix: string): Record<string, string> {
  return {
    pragma: 'no-cache',
    'cache-control': 'must-revalidate, max-age=0',
    'content-disposition': `attachment; filename="results${exportFileNumber++}${suffix}"`,
  };
}

/**
 * A bio export: default format UNKNOWN, whose output (getDefaultOutput) is a PlainFormatter.
 * BioQueryService keeps WebService.canServe (only its default); AbstractRegionExportService
 * inherits ListMakerService.canServe (JSON or TEXT, so not UNKNOWN when it is asked for by name).
 */
function bioExport(plainType: string, suffix: string, serves: readonly Format[] = ['UNKNOWN']): ServiceFormats {
  return { fallback: 'UNKNOWN', serves, plainType, suffix };
}

/** What AbstractRegionExportService serves (ListMakerService.canServe). */
const REGION_EXPORT: readonly Format[] = ['JSON', 'TEXT'];

/**
 * The bio exports' content types: BioQueryService and AbstractRegionExportService.getDefaultOutput
 * call ResponseUtil.setCustomTypeHeader with getContentType() (FastaQueryService,
 * GFFQueryService, BEDQueryService and the GenomicRegion* services), which is setContentType
 * alone — no charset (the output is the raw stream, so the container adds none).
 */
export const BIO_CONTENT_TYPE = { fasta: 'text/x-fasta', gff3: 'text/x-gff3', bed: 'text/x-ucsc-bed' } as const;
const FASTA = BIO_CONTENT_TYPE.fasta;
const GFF3 = BIO_CONTENT_TYPE.gff3;
const BED = BIO_CONTENT_TYPE.bed;

/** The simulated services that can write a flat format, with the server's getDefaultFormat and canServe. */
function serviceFormats(path: string, method: string, all: URLSearchParams): ServiceFormats | undefined {
  switch (path) {
    case 'lists':
      // AvailableListsServlet: GET is AvailableListsService (JSON, HTML, TEXT, TSV, CSV); the
      // other methods are other services, left as they are.
      return method === 'GET' ? { fallback: 'JSON', serves: ['JSON', 'HTML', 'TEXT', 'TSV', 'CSV'] } : undefined;
    // BioQueryService subclasses.
    case 'query/results/fasta':
      return bioExport(FASTA, QUERY_EXPORT_SUFFIX.fasta!);
    case 'query/results/gff3':
      return bioExport(GFF3, QUERY_EXPORT_SUFFIX.gff3!);
    case 'query/results/bed':
      return bioExport(BED, QUERY_EXPORT_SUFFIX.bed!);
    // AbstractRegionExportService subclasses (GenomicRegionFastaService serves both paths).
    case 'regions/fasta':
    case 'regions/sequence':
      return bioExport(FASTA, REGION_EXPORT_SUFFIX.fasta!, REGION_EXPORT);
    case 'regions/gff3':
      return bioExport(GFF3, REGION_EXPORT_SUFFIX.gff3!, REGION_EXPORT);
    case 'regions/bed':
      return bioExport(BED, REGION_EXPORT_SUFFIX.bed!, REGION_EXPORT);
    case 'query/code':
      // CodeService.
      return { fallback: 'TEXT', serves: ['JSON', 'TEXT'] };
    case 'path/values':
      // PossibleValuesService.
      return { fallback: 'OBJECTS', serves: ['OBJECTS', 'JSON', 'TEXT'] };
    default:
      if (path === 'version' || path.startsWith('version/')) {
        // VersionService: JSON by default when there is a callback, else text.
        const callback = (all.get('callback') ?? '').trim() !== '';
        return { fallback: callback ? 'JSON' : 'TEXT', serves: ['JSON', 'HTML', 'TEXT'] };
      }
      return undefined;
  }
}

/** One format a request asks for, with the `format` value that asked for it (none for an Accept entry). */
export interface AskedFormat {
  format: Format;
  param?: string;
}

/** What WebService.getFormat weighs, in order: the `format` parameter (when not blank), then the Accept entries. */
export function askedFormats(all: URLSearchParams, accept: string | null): AskedFormat[] {
  const asked: AskedFormat[] = [];
  const param = all.get('format')?.trim();
  if (param) asked.push({ format: Object.hasOwn(FORMAT_PARAM, param) ? (FORMAT_PARAM[param] as Format) : 'UNKNOWN', param });
  if (accept !== null) for (const format of fromAccept(accept)) asked.push({ format });
  return asked;
}

/**
 * WebService.getFormat: none asked is the service's default, `*` is the default, otherwise the
 * first one canServe accepts; `undefined` when it accepts none (NotAcceptableException).
 */
function chosen(formats: ServiceFormats, all: URLSearchParams, accept: string | null): Format | undefined {
  const asked = askedFormats(all, accept);
  if (asked.length === 0) return formats.fallback;
  for (const { format } of asked) {
    if (format === 'DEFAULT') return formats.fallback;
    if (formats.serves.includes(format)) return format;
  }
  return undefined;
}

/**
 * Content types of the flat outputs WebService.initOutput makes: ResponseUtil.setTabHeader,
 * setCSVHeader and setPlainTextHeader call setTabContentType/setCSVContentType/
 * setPlainTextContentType, which set the type and then setCharacterEncoding("UTF-8"), so the
 * header carries `;charset=UTF-8` (written as the container joins them, like the JSON types).
 */
export const FLAT_CONTENT_TYPE = {
  TSV: 'text/tab-separated-values;charset=UTF-8',
  CSV: 'text/comma-separated-values;charset=UTF-8',
  TEXT: 'text/plain;charset=UTF-8',
} as const;

const FLAT: Partial<Record<Format, string>> = FLAT_CONTENT_TYPE;

/**
 * A refusal (a bad token) answered as the service would write it when the request's output is
 * flat: the FlatFileFormatter/PlainFormatter footer `[ERROR] <code> <message>` (no line end) with
 * that output's content type, or a bare 406 when the service serves none of the formats asked
 * (initOutput fails before there is an output). `undefined` for a JSON output (the caller writes
 * the usual JSON error) and for services without a flat format.
 */
export function refusalInServiceOutput(refusal: Refusal, path: string, method: string, all: URLSearchParams, accept: string | null): Response | undefined {
  const formats = serviceFormats(path, method, all);
  if (!formats) return undefined;
  const format = chosen(formats, all, accept);
  if (format === undefined) return new Response(null, { status: 406 });
  // The default branch of initOutput: the bio exports' getDefaultOutput, a PlainFormatter.
  const type = format === 'UNKNOWN' ? formats.plainType : FLAT[format];
  if (type === undefined) return undefined;
  const message = refusal.status >= 500 ? 'Service failed. Please contact support.' : refusal.message;
  // initOutput runs before authenticate, so the default output's headers are already set.
  const file = format === 'UNKNOWN' && formats.suffix !== undefined ? exportFileHeaders(formats.suffix) : {};
  return new Response(`[ERROR] ${refusal.status} ${message}`, { status: refusal.status, headers: { 'content-type': type, ...file } });
}
