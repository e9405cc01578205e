// GET /gene/{id} and POST /gene: documents by id (Entrez, Ensembl, retired Entrez ids, CURIEs).
import type { SimGene } from './dataset.js';
import { shapeBody, type ShapeOptions } from './documents.js';
import { filterOf, shapeOf } from './common.js';
import { MAX, type Params } from './params.js';
import { type DocFilter, ID_SCOPES, passes, scopeScore } from './search.js';
import type { MyGeneSimulatorState } from './state.js';
import { badParam, errorBody, json } from './wire.js';

/** More documents than this for one id is the server's 500 "Too Many Matches.". */
const TOO_MANY = 1000;

function lookup(state: MyGeneSimulatorState, id: string, filter: DocFilter): SimGene[] {
  const out: SimGene[] = [];
  for (const doc of state.genes.values()) if (passes(doc, filter) && scopeScore(doc, id, ID_SCOPES) > 0) out.push(doc);
  return out;
}

function annotation(doc: SimGene, shape: ShapeOptions): Record<string, unknown> {
  return { _id: doc._id, _version: doc._version ?? 1, ...shapeBody(doc, shape) };
}

/** `GET /gene/{id}`: the document (every field unless `fields`), a list when the id matches several, or 404. */
export function getGene(state: MyGeneSimulatorState, params: Params, id: string): Response {
  const shape = shapeOf(params, undefined);
  const docs = lookup(state, id, filterOf(params));
  if (docs.length === 0) return errorBody(404, 'Not Found.');
  if (docs.length > TOO_MANY) return errorBody(500, 'Too Many Matches.');
  return json(docs.length === 1 ? annotation(docs[0] as SimGene, shape) : docs.map((doc) => annotation(doc, shape)));
}

/** `POST /gene`: one entry per matching document per id, in input order; `{query, notfound: true}` for misses. */
export function postGenes(state: MyGeneSimulatorState, params: Params): Response {
  const ids = params.list('id', MAX.ids, { jsonArray: true });
  if (ids === undefined || ids.length === 0) return badParam('id', 'Missing required parameter.');
  const shape = shapeOf(params, undefined);
  const filter = filterOf(params);
  const out: Record<string, unknown>[] = [];
  for (const id of ids) {
    const docs = lookup(state, id, filter);
    if (docs.length > TOO_MANY) return errorBody(500, 'Too Many Matches.');
    if (docs.length === 0) out.push({ query: id, notfound: true });
    for (const doc of docs) out.push({ query: id, ...annotation(doc, shape) });
  }
  return json(out);
}
