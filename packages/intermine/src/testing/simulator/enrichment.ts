// `/widgets` and `/list/enrichment`: a real hypergeometric test of the list (or ids) against
// the mine's population of that type, with InterMine's corrections and `maxp` cut-off.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { badRequest, ok, params, required } from './envelope.js';
import { fixtureJson } from './model.js';
import { canSee, type InterMineSimulatorState } from './state.js';
import type { SimObject } from './store.js';

/** The widget catalogue (the recorded `/widgets` fixture). */
export function widgets(): Record<string, unknown>[] {
  return fixtureJson<{ widgets: Record<string, unknown>[] }>('widgets.json').widgets;
}

/** What an enrichment widget annotates genes with. */
const ENRICHMENT: Record<string, { label: string; title: string; terms: (gene: SimObject, state: InterMineSimulatorState, filter: string) => SimObject[] }> = {
  pathway_enrichment: {
    label: 'Pathways',
    title: 'Pathway Enrichment',
    terms: (gene, state, filter) =>
      state.store.follow(gene, 'pathways').filter((p) => filter === 'All' || state.store.follow(p, 'dataSets').some((d) => d.name === filter)),
  },
  // No GO annotations in the simulated data: every gene is "not analysed".
  go_enrichment_for_gene: { label: 'GO terms', title: 'Gene Ontology Enrichment', terms: () => [] },
};

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** P(X >= k) for X ~ Hypergeometric(population N, K annotated, n drawn). */
export function hypergeometric(k: number, n: number, K: number, N: number): number {
  let p = 0;
  for (let i = k; i <= Math.min(n, K); i++) p += Math.exp(logChoose(K, i) + logChoose(N - K, n - i) - logChoose(N, n));
  return Math.min(1, p);
}

function correct(pValues: number[], correction: string): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(m);
  if (correction === 'Bonferroni') return pValues.map((p) => Math.min(1, p * m));
  if (correction === 'Holm-Bonferroni') {
    let running = 0;
    order.forEach(([p, i], rank) => {
      running = Math.max(running, Math.min(1, p * (m - rank)));
      out[i] = running;
    });
    return out;
  }
  if (correction === 'Benjamini Hochberg') {
    let running = 1;
    for (let rank = m - 1; rank >= 0; rank--) {
      const [p, i] = order[rank]!;
      running = Math.min(running, Math.min(1, (p * m) / (rank + 1)));
      out[i] = running;
    }
    return out;
  }
  return [...pValues];
}

/** Answer `/widgets` and `/list/enrichment`, or `undefined` for other paths. */
export function handleEnrichment(request: SimulatedRequest, path: string, state: InterMineSimulatorState, user: string | undefined): Response | undefined {
  if (path === 'widgets') return ok({ widgets: widgets() });
  if (path !== 'list/enrichment') return undefined;
  const all = params(request);
  const widget = required(all, 'widget', { results: [] });
  const known = widgets().find((w) => w.name === widget);
  if (!known) badRequest(`${widget} is not a widget`, { results: [] });
  const spec = ENRICHMENT[widget];
  if (!spec || known.widgetType !== 'enrichment') badRequest(`${widget} is not an enrichment widget`, { results: [] });
  let members: SimObject[];
  let type: string;
  const listName = all.get('list');
  if (listName) {
    const list = state.lists.get(listName);
    if (!list || !canSee(list, user)) badRequest(`You do not have access to a list called ${listName}`, { results: [] });
    type = list.type;
    members = list.ids.map((id) => state.store.get(id)).filter((o): o is SimObject => o !== undefined);
  } else if (all.get('ids')) {
    type = required(all, 'type', { results: [] });
    members = all
      .get('ids')!
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((id) => state.store.get(Number(id)))
      .filter((o): o is SimObject => o !== undefined);
  } else badRequest("Required parameter 'list' is missing", { results: [] });
  if (!(known.targets as string[]).some((t) => state.store.model.isa(type, t))) badRequest(`${widget} does not accept lists of type ${type}`, { results: [] });
  const maxp = Number(all.get('maxp') ?? '0.05');
  if (!(maxp >= 0 && maxp <= 1)) badRequest(`maxp must be between 0 and 1, got ${all.get('maxp')}`, { results: [] });
  const correction = all.get('correction') ?? 'Holm-Bonferroni';
  if (!['Holm-Bonferroni', 'Benjamini Hochberg', 'Bonferroni', 'None'].includes(correction)) badRequest(`Unknown correction: ${correction}`, { results: [] });
  const filter = all.get('filter') ?? 'All';
  // The background population (WidgetsRequestParser): `current_population`, else the older
  // `population`; retrieveBag refuses a list the user cannot see. A population that lacks some
  // of the analysed objects is no error: the answer is a 200 with a `message` and no results
  // (EnrichmentWidgetResultService.execute returns before the widget runs).
  const populationName = all.get('current_population')?.trim() || all.get('population')?.trim() || null;
  let population: SimObject[];
  if (populationName) {
    const background = state.lists.get(populationName);
    if (!background || !canSee(background, user)) badRequest(`You do not have access to a bag named ${populationName}`, { results: [] });
    const inBackground = new Set(background.ids);
    if (!members.every((m) => inBackground.has(m.id))) {
      const t = listName ? type : background.type;
      return ok({
        ...(listName ? { type, list: listName } : { ids: all.get('ids') }),
        title: spec.title,
        label: spec.label,
        is_logged: String(user !== undefined),
        current_population: populationName,
        message: `One or more of the ${t}s in this list are missing from your background population. The background population should include all ${t}s that were tested as part of your experiment.`,
        results: [],
      });
    }
    population = background.ids.map((id) => state.store.get(id)).filter((o): o is SimObject => o !== undefined);
  } else {
    // The default population: every gene of the list's organisms that the widget can annotate.
    const organisms = new Set(members.map((m) => state.store.follow(m, 'organism')[0]?.id));
    population = state.store.all('Gene').filter((g) => organisms.has(state.store.follow(g, 'organism')[0]?.id));
  }
  const annotated = population.filter((g) => spec.terms(g, state, filter).length > 0);
  const analysed = members.filter((m) => spec.terms(m, state, filter).length > 0);
  const terms = new Map<number, { term: SimObject; inList: number; inPopulation: number }>();
  for (const g of annotated)
    for (const t of spec.terms(g, state, filter)) {
      const e = terms.get(t.id) ?? { term: t, inList: 0, inPopulation: 0 };
      e.inPopulation++;
      terms.set(t.id, e);
    }
  for (const m of analysed) for (const t of spec.terms(m, state, filter)) terms.get(t.id)!.inList++;
  const tested = [...terms.values()].filter((t) => t.inList > 0);
  const raw = tested.map((t) => hypergeometric(t.inList, analysed.length, t.inPopulation, annotated.length));
  const adjusted = correct(raw, correction);
  const results = tested
    .map((t, i) => ({ identifier: String(t.term.identifier), description: String(t.term.name), 'p-value': adjusted[i]!, matches: t.inList }))
    .filter((r) => r['p-value'] <= maxp)
    .sort((a, b) => a['p-value'] - b['p-value'] || a.identifier.localeCompare(b.identifier));
  return ok({
    results,
    notAnalysed: members.length - analysed.length,
    populationCount: annotated.length,
    label: spec.label,
    title: spec.title,
    pathQuery: JSON.stringify({ from: 'Gene', select: ['Gene.pathways.identifier'] }),
    pathConstraint: 'Gene.pathways.identifier',
    pathQueryForMatches: JSON.stringify({ from: 'Gene', select: ['Gene.secondaryIdentifier'] }),
    extraAttribute: null,
    current_population: populationName,
    is_logged: String(user !== undefined),
  });
}
