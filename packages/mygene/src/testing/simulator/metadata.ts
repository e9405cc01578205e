// GET /metadata (build info, stats of the simulator's genes) and GET /metadata/fields (the
// indexed fields, filtered by a case-sensitive `search` substring or a `prefix`, with the free-text
// `notes` when a listed field is `searched_by_default`).
import { FIELDS_NOTES, knownFields } from './dataset.js';
import { sortKeys } from './documents.js';
import type { Params } from './params.js';
import { fieldValues } from './search.js';
import type { MyGeneSimulatorState } from './state.js';
import { json } from './wire.js';

/** `GET /metadata`. */
export function getMetadata(state: MyGeneSimulatorState): Response {
  const genes = [...state.genes.values()];
  const entrez = genes.filter((g) => fieldValues(g, 'entrezgene').length > 0);
  const ensembl = genes.filter((g) => fieldValues(g, 'ensembl.gene').length > 0);
  const both = ensembl.filter((g) => fieldValues(g, 'entrezgene').length > 0);
  const stats = {
    total_ensembl_genes: ensembl.length,
    total_ensembl_genes_mapped_to_entrez: both.length,
    total_ensembl_only_genes: ensembl.length - both.length,
    total_entrez_genes: entrez.length,
    total_genes: genes.length,
    total_species: new Set(genes.map((g) => g.taxid)).size,
  };
  return json(sortKeys({ ...state.metadata, stats }));
}

function typeOf(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'long' : 'float';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return 'object';
  return 'keyword';
}

function derivedFields(state: MyGeneSimulatorState): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, path);
      return;
    }
    if (path !== '' && !Object.hasOwn(out, path)) out[path] = typeOf(value) === 'object' ? { type: 'object' } : { index: true, type: typeOf(value) };
    if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, path === '' ? k : `${path}.${k}`);
  };
  for (const { _id, _version, ...doc } of state.genes.values()) walk(doc, '');
  return out;
}

/** `GET /metadata/fields`. */
export function getFields(state: MyGeneSimulatorState, params: Params): Response {
  const search = params.string('search');
  const prefix = params.string('prefix');
  const all = { ...derivedFields(state), ...knownFields() };
  const out: Record<string, unknown> = {};
  for (const [path, info] of Object.entries(all)) {
    if (search !== undefined && !path.includes(search)) continue;
    if (prefix !== undefined && !path.startsWith(prefix)) continue;
    out[path] = info;
  }
  // The notes explain `searched_by_default`; they come with the fields that carry it.
  if (Object.values(out).some((info) => (info as Record<string, unknown>).searched_by_default === true)) out.notes = FIELDS_NOTES;
  return json(sortKeys(out));
}
