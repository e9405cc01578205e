// One request in, one answer out: authenticate, then hand the path to its endpoint family.
// Refusals become InterMine's JSON error bodies; unmapped paths Tomcat's HTML 404.
import { type SimulatedRequest, UnmatchedRequestError } from '@bio/core-http/testing';
import { handleAccount } from './account.js';
import { authenticate } from './auth.js';
import { handleEnrichment } from './enrichment.js';
import { badRequest, fail, htmlNotFound, params, Refusal, required } from './envelope.js';
import { takeStreamFailure } from './failure.js';
import { handleIds } from './ids.js';
import { handleLists } from './lists.js';
import { handleMeta } from './meta.js';
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
    const q = parseQuery(required(all, 'query'), state.store.model);
    const failure = takeStreamFailure(q);
    return bioExport(kind, exportObjects(q, all, state, user), state, all, failure);
  }
  return undefined;
}

const FAMILIES = [handleMeta, handleQuery, handleTemplates, handleEnrichment, handleSearch, handleIds, handleRegions, handleAccount];

/** Answer one request against the state. */
export async function route(request: SimulatedRequest, state: InterMineSimulatorState, path: string | undefined): Promise<Response> {
  if (path === undefined) return htmlNotFound(request.url.pathname);
  const clean = path.replace(/\/+$/, '');
  try {
    const user = authenticate(request, params(request), state);
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
