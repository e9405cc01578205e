// One request in, one answer out: authenticate, then hand the path to its endpoint family.
// Refusals become InterMine's JSON error bodies (results services write theirs in the request's
// format); unmapped paths Tomcat's HTML 404.
import { type SimulatedRequest, UnmatchedRequestError } from '@bio/core-http/testing';
import { handleAccount } from './account.js';
import { authenticate } from './auth.js';
import { handleEnrichment } from './enrichment.js';
import { badRequest, fail, htmlNotFound, params, Refusal, required } from './envelope.js';
import { takeStreamFailure } from './failure.js';
import { handleIds } from './ids.js';
import { handleLists } from './lists.js';
import { handleMeta } from './meta.js';
import { flatError, refusalInServiceOutput, serviceOutput } from './output.js';
import { parseQuery } from './pathquery.js';
import { handleRegions } from './regions.js';
import { answerQuery, bioExport, exportObjects, inResultFormat, paging } from './results.js';
import { handleSearch } from './search.js';
import type { InterMineSimulatorState } from './state.js';
import { handleTemplates } from './templates.js';

function handleQuery(request: SimulatedRequest, path: string, state: InterMineSimulatorState, user: string | undefined): Response | undefined {
  const all = params(request);
  if (path === 'query/results') {
    return inResultFormat(all, request.headers.get('accept'), (format) => {
      // The server reads start and size, then the query (QueryResultRequestParser).
      paging(all);
      const xml = all.get('query');
      if (xml === null || xml.trim() === '') badRequest("The 'query' parameter must not be blank");
      return answerQuery(parseQuery(xml, state.store.model), format, all, state, user);
    });
  }
  const kind = /^query\/results\/(fasta|gff3|bed)$/.exec(path)?.[1];
  if (kind) {
    // BioQueryService keeps WebService.canServe (its default, UNKNOWN, alone): any other format
    // asked (`format=text`, `format=json`…) is a NotAcceptableException in initOutput, a bare 406.
    const output = serviceOutput(path, request.method, all, request.headers.get('accept'));
    if (output?.format !== 'UNKNOWN') return new Response(null, { status: 406 });
    // Later errors are written through the default output: `[ERROR] <code> <message>` with its headers.
    try {
      const q = parseQuery(required(all, 'query'), state.store.model);
      const failure = takeStreamFailure(q);
      return bioExport(kind, exportObjects(q, all, state, user), state, all, output.headers, failure);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return new Response(flatError(error.status, error.message), { status: error.status, headers: output.headers });
    }
  }
  return undefined;
}

/** Services whose errors are written through the output of the request's result format (QueryResultService and its template subclass). */
const RESULT_PATHS = new Set(['query/results', 'template/results']);

/**
 * The caller, or the answer refusing them. WebService.service picks the output for the request's
 * format (initOutput) before it authenticates, so on a results service a bad token is answered in
 * that format (a flat `[ERROR]` line for TSV, CSV and count), after a 406 for a format it cannot
 * serve; so are the other services that write flat formats (refusalInServiceOutput: `/lists` as
 * TSV, CSV or text, the FASTA/GFF3/BED exports, the text of `/version`, `/query/code`, `/path/values`).
 */
function caller(request: SimulatedRequest, path: string, state: InterMineSimulatorState): { user: string | undefined } | Response {
  const all = params(request);
  try {
    return { user: authenticate(request, all, state) };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const accept = request.headers.get('accept');
    if (RESULT_PATHS.has(path))
      return inResultFormat(all, accept, () => {
        throw error;
      });
    const flat = refusalInServiceOutput(error, path, request.method, all, accept);
    if (flat) return flat;
    throw error;
  }
}

const FAMILIES = [handleMeta, handleQuery, handleTemplates, handleEnrichment, handleSearch, handleIds, handleRegions, handleAccount];

/** Answer one request against the state. */
export async function route(request: SimulatedRequest, state: InterMineSimulatorState, path: string | undefined): Promise<Response> {
  if (path === undefined) return htmlNotFound(request.url.pathname);
  const clean = path.replace(/\/+$/, '');
  try {
    const who = caller(request, clean, state);
    if (who instanceof Response) return who;
    const { user } = who;
    for (const family of FAMILIES) {
      const answer = family(request, clean, state, user);
      if (answer) return answer;
    }
    const lists = await handleLists(request, clean, state, user);
    if (lists) return lists;
    return htmlNotFound(request.url.pathname);
  } catch (error) {
    if (error instanceof Refusal) return fail(error.status, error.message, error.payload);
    if (error instanceof UnmatchedRequestError) throw error; // what the simulator cannot answer fails the test's request
    return fail(500, error instanceof Error ? error.message : String(error));
  }
}
