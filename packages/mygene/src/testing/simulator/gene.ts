// GET /gene/{id} and POST /gene: documents by id (Entrez, Ensembl, retired Entrez ids, CURIEs).
import type { SimGene } from './dataset.js';
import { shapeBody, type ShapeOptions } from './documents.js';
import { docFilter, type FilterParams, filterParams, shapeOf } from './common.js';
import { MAX, missingParam, type Params } from './params.js';
import { type GeneIndex, geneIndex } from './gene-index.js';
import { type DocFilter, ID_SCOPES, passes, scopeScore, scopeTargets } from './search.js';
import type { MyGeneSimulatorState } from './state.js';
import { errorBody, json } from './wire.js';

/** More documents than this for one id is the server's 500 "Too Many Matches.". */
const TOO_MANY = 1000;

function lookup(index: GeneIndex, id: string, filter: DocFilter): SimGene[] {
  return index.candidates(scopeTargets(id, ID_SCOPES)).filter((doc) => passes(doc, filter) && scopeScore(doc, id, ID_SCOPES) > 0);
}

function annotation(doc: SimGene, shape: ShapeOptions): Record<string, unknown> {
  return shapeBody(doc, shape, { _id: doc._id, _version: doc._version ?? 1 });
}

/**
 * The annotation options (settings/default.py ANNOTATION_KWARGS with config_web.py's species ones),
 * checked in the server's order: `fields`, `size` (an int, at most 1000, then replaced by 1001 in
 * AsyncESQueryPipeline.fetch, so it changes nothing), `dotfield`, `always_list`, `allow_null`,
 * `species`, `species_facet_filter` (checked, never used: /gene has no facets). `entrezonly`,
 * `ensemblonly`, `from`, `sort`, `facets`, `email` are not annotation options and are ignored.
 */
function annotationOptions(params: Params): { shape: ShapeOptions; filter: FilterParams } {
  params.list('_source', MAX.fields);
  params.int('size', { max: MAX.size });
  return { shape: shapeOf(params, undefined), filter: filterParams(params, 'gene') };
}

/** `GET /gene/{id}`: the document (every field unless `fields`), a list when the id matches several, or 404. */
export function getGene(state: MyGeneSimulatorState, params: Params, id: string): Response {
  const { shape, filter } = annotationOptions(params);
  const docs = lookup(geneIndex(state.genes), id, docFilter(filter));
  if (docs.length === 0) return errorBody(404, 'Not Found.');
  if (docs.length > TOO_MANY) return errorBody(500, 'Too Many Matches.');
  return json(docs.length === 1 ? annotation(docs[0] as SimGene, shape) : docs.map((doc) => annotation(doc, shape)));
}

/** `POST /gene`: one entry per matching document per id, in input order; `{query, notfound: true}` for misses. */
export function postGenes(state: MyGeneSimulatorState, params: Params): Response {
  // No `jsoninput` on the annotation `id` (only POST /query's `q` has it): a form value `["a","b"]`
  // is split as a plain list, brackets and all.
  const ids = params.list('id', MAX.ids);
  if (ids === undefined || ids.length === 0) missingParam('id');
  const options = annotationOptions(params);
  const shape = options.shape;
  const filter = docFilter(options.filter);
  const out: Record<string, unknown>[] = [];
  const index = geneIndex(state.genes);
  for (const id of ids) {
    const docs = lookup(index, id, filter);
    if (docs.length > TOO_MANY) return errorBody(500, 'Too Many Matches.');
    if (docs.length === 0) out.push({ query: id, notfound: true });
    for (const doc of docs) out.push({ query: id, ...annotation(doc, shape) });
  }
  return json(out);
}
