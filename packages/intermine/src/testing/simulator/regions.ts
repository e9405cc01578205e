// Region search: `POST /regions/list|fasta|gff3|bed`, the JSON query in the `query` parameter
// or the raw body. Spans on chromosomes the organism does not have come back as `invalidSpans`.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { requireUser } from './auth.js';
import { badRequest, multi, ok, params, required } from './envelope.js';
import { makeList } from './lists.js';
import { REGION_EXPORT_SUFFIX } from './output.js';
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

/** Answer `/regions/…`, or `undefined` for other paths. */
export function handleRegions(request: SimulatedRequest, path: string, state: InterMineSimulatorState, user: string | undefined): Response | undefined {
  const kind = /^regions\/(list|fasta|gff3|bed|sequence)$/.exec(path)?.[1];
  if (!kind) return undefined;
  const all = params(request);
  const raw = all.get('query') ?? request.text();
  let query: Record<string, unknown>;
  try {
    query = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    badRequest('Invalid JSON object', { listName: null });
  }
  const organismName = query.organism;
  if (typeof organismName !== 'string' || organismName === '') badRequest('No organism provided', { listName: null });
  const organism = state.store.all('Organism').find((o) => o.shortName === organismName || o.name === organismName);
  if (!organism) badRequest(`Unknown organism: ${organismName}`, { listName: null });
  const featureTypes = query.featureTypes;
  if (!Array.isArray(featureTypes) || featureTypes.length === 0) badRequest('No feature types provided', { listName: null });
  for (const t of featureTypes) {
    if (typeof t !== 'string' || !state.store.model.has(t) || !state.store.model.isa(t, 'SequenceFeature'))
      badRequest(`${String(t)} is not a sequence feature type`, { listName: null });
  }
  const regions = query.regions;
  if (!Array.isArray(regions) || regions.length === 0) badRequest('No regions provided', { listName: null });
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
  if (kind === 'list') {
    const owner = requireUser(user);
    const name = required(all, 'listName', { listName: null });
    const type = featureTypes.length === 1 ? (featureTypes[0] as string) : 'SequenceFeature';
    const list = makeList(state, {
      name,
      type,
      ids: features.map((f) => f.id),
      owner,
      description: all.get('description') ?? undefined,
      tags: multi(all, 'tags'),
    });
    return ok({ listName: list.name, listSize: list.ids.length, type, invalidSpans });
  }
  return bioExport(kind === 'sequence' ? 'fasta' : kind, features, state, all, REGION_EXPORT_SUFFIX[kind]!);
}
