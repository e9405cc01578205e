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
  /** The service's getDefaultFileName, when it overrides WebService's `result`. */
  defaultName?: () => string;
}

/** getSuffix of the BioQueryService subclasses (FastaQueryService `.fa`, GFFQueryService, BEDQueryService). */
export const QUERY_EXPORT_SUFFIX: Readonly<Record<string, string>> = { fasta: '.fa', gff3: '.gff3', bed: '.bed' };
/** getSuffix of the AbstractRegionExportService subclasses (GenomicRegionFastaService serves `sequence` too). */
export const REGION_EXPORT_SUFFIX: Readonly<Record<string, string>> = { fasta: '.fasta', sequence: '.fasta', gff3: '.gff3', bed: '.bed' };

let exportFileNumber = 0;

/**
 * The headers every file-like output of initOutput carries beside its content type (the one place
 * the simulator writes them): ResponseUtil.setNoCache (`Pragma`, `Cache-Control`) and setFileName
 * (`Content-Disposition: attachment; filename="<name>"`). setTabHeader, setCSVHeader,
 * setPlainTextHeader, setJSONHeader and setCustomTypeHeader all call both.
 */
export function fileHeaders(fileName: string): Record<string, string> {
  return {
    pragma: 'no-cache',
    'cache-control': 'must-revalidate, max-age=0',
    'content-disposition': `attachment; filename="${fileName}"`,
  };
}

/**
 * The file name of a bio export: getDefaultFileName of BioQueryService and
 * AbstractRegionExportService, `results<n><suffix>` (StringUtil.uniqueString, a process-wide
 * counter, so the number is not predictable).
 */
export function exportFileName(suffix: string): string {
  return `results${exportFileNumber++}${suffix}`;
}

/**
 * The headers ResponseUtil.setCustomTypeHeader adds beside the content type when a bio export's
 * getDefaultOutput runs (uncompressed): {@link fileHeaders} of getDefaultFileName.
 */
export function exportFileHeaders(suffix: string): Record<string, string> {
  return fileHeaders(exportFileName(suffix));
}

/**
 * WebService.getRequestFileName: the `filename` parameter, trimmed, when it is not blank; else
 * the service's getDefaultFileName (`result`, `results<n><suffix>` for the bio exports).
 */
export function requestFileName(all: URLSearchParams, defaultName: () => string = () => 'result'): string {
  const asked = all.get('filename');
  return asked === null || asked.trim() === '' ? defaultName() : asked.trim();
}

/** The extension initOutput adds to the request file name (uncompressed): `.tsv`, `.csv`, none for TEXT, `.json`. */
const FILE_EXTENSION = { TSV: '.tsv', CSV: '.csv', TEXT: '', JSON: '.json' } as const;

/**
 * The headers of initOutput's TSV, CSV, TEXT and JSON branches (uncompressed): setTabHeader,
 * setCSVHeader, setPlainTextHeader or setJSONHeader with getRequestFileName() plus the format's
 * extension — so `result.tsv`, `result.csv`, `result` (text), `result.json` unless the request
 * names a `filename` or the service overrides getDefaultFileName.
 */
export function outputHeaders(format: keyof typeof FILE_EXTENSION, all: URLSearchParams, defaultName?: () => string): Record<string, string> {
  const type = format === 'JSON' ? 'application/json;charset=UTF-8' : FLAT_CONTENT_TYPE[format];
  return { 'content-type': type, ...fileHeaders(requestFileName(all, defaultName) + FILE_EXTENSION[format]) };
}

/**
 * A bio export: default format UNKNOWN, whose output (getDefaultOutput) is a PlainFormatter.
 * BioQueryService keeps WebService.canServe (only its default); AbstractRegionExportService
 * inherits ListMakerService.canServe (JSON or TEXT, so not UNKNOWN when it is asked for by name).
 */
function bioExport(plainType: string, suffix: string, serves: readonly Format[] = ['UNKNOWN']): ServiceFormats {
  return { fallback: 'UNKNOWN', serves, plainType, suffix, defaultName: () => exportFileName(suffix) };
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

/** CodeService.getExtension, by `lang`. */
const CODE_EXTENSION: Readonly<Record<string, string>> = {
  perl: '.pl',
  pl: '.pl',
  java: '.java',
  python: '.py',
  py: '.py',
  javascript: '.html',
  js: '.html',
  ruby: '.rb',
  rb: '.rb',
};

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
      // CodeService: getDefaultFileName `query`, and a TEXT file gets the language's extension
      // (getExtension: `.pl`, `.java`, `.py`, `.html`, `.rb`).
      return { fallback: 'TEXT', serves: ['JSON', 'TEXT'], defaultName: () => `query${CODE_EXTENSION[all.get('lang') ?? ''] ?? ''}` };
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

/** The output initOutput makes for a request: its format and the headers it sets; `format` undefined for a 406 (no output). */
export type ServiceOutput = { format: Format; headers: Record<string, string> } | { format: undefined };

/**
 * WebService.initOutput for the simulated services that write flat formats: the format chosen
 * (getFormat) and the headers its branch sets — the TSV, CSV, TEXT and JSON branches through
 * {@link outputHeaders}, the default branch (the bio exports' getDefaultOutput) the export's
 * content type and {@link exportFileHeaders}. `undefined` for a service not listed here.
 */
export function serviceOutput(path: string, method: string, all: URLSearchParams, accept: string | null): ServiceOutput | undefined {
  const formats = serviceFormats(path, method, all);
  if (!formats) return undefined;
  const format = chosen(formats, all, accept);
  if (format === undefined) return { format };
  if (format === 'UNKNOWN' && formats.plainType !== undefined && formats.suffix !== undefined)
    return { format, headers: { 'content-type': formats.plainType, ...exportFileHeaders(formats.suffix) } };
  if (format === 'TSV' || format === 'CSV' || format === 'TEXT' || format === 'JSON')
    return { format, headers: outputHeaders(format, all, formats.defaultName) };
  return { format, headers: {} };
}

/** The PlainFormatter/FlatFileFormatter footer an error leaves in a flat output: `[ERROR] <code> <message>`, no line end; 5xx messages replaced. */
export function flatError(status: number, message: string): string {
  return `[ERROR] ${status} ${status >= 500 ? 'Service failed. Please contact support.' : message}`;
}

/**
 * A refusal (a bad token) answered as the service would write it when the request's output is
 * flat: the FlatFileFormatter/PlainFormatter footer `[ERROR] <code> <message>` (no line end) with
 * that output's headers, or a bare 406 when the service serves none of the formats asked
 * (initOutput fails before there is an output). `undefined` for a JSON output (the caller writes
 * the usual JSON error) and for services without a flat format.
 */
export function refusalInServiceOutput(refusal: Refusal, path: string, method: string, all: URLSearchParams, accept: string | null): Response | undefined {
  const output = serviceOutput(path, method, all, accept);
  if (!output) return undefined;
  if (output.format === undefined) return new Response(null, { status: 406 });
  // initOutput runs before authenticate, so the output's headers are already set.
  if (output.format !== 'UNKNOWN' && FLAT[output.format] === undefined) return undefined;
  if (output.headers['content-type'] === undefined) return undefined;
  return new Response(flatError(refusal.status, refusal.message), { status: refusal.status, headers: output.headers });
}
