// Region search: `POST /regions/list|fasta|gff3|bed|sequence`, the JSON query in the `query` parameter
// or the raw body. Spans on chromosomes the organism does not have come back as `invalidSpans`.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { requireUser } from './auth.js';
import { badRequest, headerValue, multi, ok, params, Refusal, trailer } from './envelope.js';
import { listInputName, makeList } from './lists.js';
import { flatError, serviceOutput } from './output.js';
import { bioExport, locationOf } from './results.js';
import type { InterMineSimulatorState } from './state.js';
import type { SimObject } from './store.js';

interface Span {
  text: string;
  chr: string;
  start: number;
  end: number;
}

/** `chr:start..end`, `chr:start-end`, `chr<TAB>start<TAB>end` or `chr:pos`. */
function parseSpan(text: string): Span | undefined {
  const m = /^([^:\t]+)(?::|\t)(\d+)(?:(?:\.\.|-|\t)(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  return { text, chr: m[1]!, start: Number(m[2]), end: Number(m[3] ?? m[2]) };
}

/** What a region search found: the features, the spans it could not place, the new list's type. */
interface RegionSearch {
  features: SimObject[];
  invalidSpans: string[];
  featureTypes: string[];
  organism: SimObject;
}

/**
 * Read and run the search (GenomicRegionSearchListInput, thrown before ListMakerService.execute
 * adds the list name to the output, so the JSON error has only the `invalidSpans` the header set).
 */
function search(request: SimulatedRequest, all: URLSearchParams, state: InterMineSimulatorState): RegionSearch {
  // GenomicRegionSearchListInput.parseRegionRequest: the `query` parameter for a GET or a content
  // type exactly `application/x-www-form-urlencoded`; otherwise the body — which, for a form with
  // `;charset=…`, the container has already read as parameters (ListInput's name came first), so
  // it is empty. A JSONException is GenomicRegionSearchService.getInput's 400.
  const type = request.headers.get('content-type');
  const raw =
    request.method === 'GET' || type === 'application/x-www-form-urlencoded'
      ? (all.get('query') ?? '')
      : type?.toLowerCase().startsWith('application/x-www-form-urlencoded')
        ? ''
        : request.text();
  let query: Record<string, unknown>;
  try {
    query = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    badRequest(`Error parsing region search input: A JSONObject text must begin with '{' at character ${raw.length === 0 ? 0 : 1}`);
  }
  if (typeof query !== 'object' || query === null || Array.isArray(query))
    badRequest("Error parsing region search input: A JSONObject text must begin with '{' at character 1");
  const organismName = query.organism;
  if (typeof organismName !== 'string' || organismName === '') badRequest('No organism provided');
  const organism = state.store.all('Organism').find((o) => o.shortName === organismName || o.name === organismName);
  if (!organism) badRequest(`Unknown organism: ${organismName}`);
  const featureTypes = query.featureTypes;
  if (!Array.isArray(featureTypes) || featureTypes.length === 0) badRequest('No feature types provided');
  for (const t of featureTypes) {
    if (typeof t !== 'string' || !state.store.model.has(t) || !state.store.model.isa(t, 'SequenceFeature'))
      badRequest(`${String(t)} is not a sequence feature type`);
  }
  const regions = query.regions;
  if (!Array.isArray(regions) || regions.length === 0) badRequest('No regions provided');
  const extension = Number(query.extension ?? 0);
  const interbase = query.isInterbase === true;
  const chromosomes = new Set(
    state.store
      .all('Chromosome')
      .filter((c) => state.store.follow(c, 'organism')[0]?.id === organism.id)
      .map((c) => String(c.primaryIdentifier)),
  );
  const invalidSpans: string[] = [];
  const spans: Span[] = [];
  for (const r of regions) {
    const span = typeof r === 'string' ? parseSpan(r) : undefined;
    if (!span || !chromosomes.has(span.chr) || span.end < span.start) invalidSpans.push(String(r));
    else spans.push({ ...span, start: Math.max(1, span.start + (interbase ? 1 : 0) - extension), end: span.end + extension });
  }
  const features: SimObject[] = [];
  for (const f of state.store.all('SequenceFeature')) {
    if (!featureTypes.some((t) => state.store.model.isa(f.class, t as string))) continue;
    if (state.store.follow(f, 'organism')[0]?.id !== organism.id) continue;
    const loc = locationOf(state, f);
    if (loc && spans.some((s) => s.chr === loc.chr && loc.start <= s.end && loc.end >= s.start)) features.push(f);
  }
  return { features, invalidSpans, featureTypes: featureTypes as string[], organism };
}

/**
 * Answer `/regions/…`, or `undefined` for other paths.
 *
 * Every region service is a ListMakerService: a JSON output's header (JSONService.postInit) is
 * GenomicRegionSearchService.getHeaderAttributes — `"invalidSpans":[` … `]` — and
 * ListMakerService.execute adds `listName` (ListInput's name, `new_list` by default) and `type`
 * once the input is read, so an error after that carries them too.
 *
 * The exports (AbstractRegionExportService) answer in their own output only when the request
 * takes the default format: getDefaultOutput keeps the response's writer for the exporter. A
 * request that asks for `format=text` or `format=json` (ListMakerService.canServe) gets
 * initOutput's TEXT or JSON branch instead, getDefaultOutput never runs, and the exporter is given
 * a null stream: SequenceExporter, GFF3Exporter and BEDExporter all write to it (even "Nothing was
 * found for export"), the NullPointerException becomes ExportException, and sendError answers 500
 * "Service failed. Please contact support." in that output — an `[ERROR]` line under
 * setPlainTextHeader's headers (file `results<n>.fasta`), or the JSON error with `listName`,
 * `type` and `invalidSpans: []` under setJSONHeader's (`results<n>.fasta.json`).
 */
export function handleRegions(request: SimulatedRequest, path: string, state: InterMineSimulatorState, user: string | undefined): Response | undefined {
  const kind = /^regions\/(list|fasta|gff3|bed|sequence)$/.exec(path)?.[1];
  if (!kind) return undefined;
  const all = params(request);
  const header: Record<string, unknown> = {};
  const type = (found: RegionSearch) => (found.featureTypes.length === 1 ? found.featureTypes[0]! : 'SequenceFeature');
  if (kind === 'list') {
    const owner = requireUser(user);
    try {
      const found = search(request, all, state);
      const name = listInputName(all, state, owner, ['listName', 'name']);
      Object.assign(header, { listName: name, type: type(found) });
      const list = makeList(state, {
        name,
        type: type(found),
        ids: found.features.map((f) => f.id),
        owner,
        description: all.get('description') ?? undefined,
        tags: multi(all, 'tags'),
      });
      return ok({ listName: headerValue(list.name), listSize: list.ids.length, type: list.type, invalidSpans: found.invalidSpans });
    } catch (error) {
      if (error instanceof Refusal) throw new Refusal(error.status, error.message, { ...header, invalidSpans: [] });
      throw error;
    }
  }
  const output = serviceOutput(path, request.method, all, request.headers.get('accept'));
  // NotAcceptableException in initOutput: no output, the status alone.
  if (output?.format === undefined) return new Response(null, { status: 406 });
  try {
    const found = search(request, all, state);
    Object.assign(header, { listName: listInputName(all, state, user, ['listName', 'name']), type: type(found) });
    if (output.format !== 'UNKNOWN') throw new Refusal(500, 'NullPointerException: the exporter has no output stream (getDefaultOutput did not run)');
    return bioExport(kind === 'sequence' ? 'fasta' : kind, found.features, state, all, output.headers);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    if (output.format === 'JSON') {
      const message = error.status >= 500 ? 'Service failed. Please contact support.' : error.message;
      return new Response(JSON.stringify({ ...header, invalidSpans: [], ...trailer(error.status, message) }), {
        status: error.status,
        headers: output.headers,
      });
    }
    return new Response(flatError(error.status, error.message), { status: error.status, headers: output.headers });
  }
}
