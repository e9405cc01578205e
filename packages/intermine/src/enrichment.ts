import { type CallOptions, type HttpClient, ValidationError } from '@bio/core-http';
import { callOpt } from './internal/request-options.js';

/**
 * Multiple-testing corrections the server knows.
 *
 * @example
 * ```ts
 * CORRECTIONS.includes('Bonferroni'); // true
 * ```
 */
export const CORRECTIONS = ['Holm-Bonferroni', 'Benjamini Hochberg', 'Bonferroni', 'None'] as const;

/**
 * A multiple-testing correction.
 *
 * @example
 * ```ts
 * const c: Correction = 'Benjamini Hochberg';
 * ```
 */
export type Correction = (typeof CORRECTIONS)[number];

/**
 * Options of `mine.enrichment()` (give `list`, or `ids` with `type`) and `list.enrichment()`.
 *
 * @example
 * ```ts
 * await mine.enrichment({ list: 'demo-list', widget: 'pathway_enrichment', maxp: 0.05, correction: 'Holm-Bonferroni' });
 * ```
 */
export interface EnrichmentOptions extends CallOptions {
  /** Widget name, e.g. `pathway_enrichment`, `go_enrichment_for_gene`. */
  widget: string;
  /** A list name. */
  list?: string | undefined;
  /** Object ids (internal InterMine ids) to analyse instead of a list. */
  ids?: readonly (number | string)[] | undefined;
  /** Class of `ids`, e.g. `Gene`. */
  type?: string | undefined;
  /** Largest p-value reported, 0..1. Default on the server 0.05. */
  maxp?: number | undefined;
  /** Default on the server `Holm-Bonferroni`. */
  correction?: Correction | undefined;
  /** Widget filter, e.g. an ontology branch (`biological_process`) or data set. */
  filter?: string | undefined;
  /** Background population: a list name. */
  population?: string | undefined;
  /** Remember `population` as this user's default background. */
  rememberPopulation?: boolean | undefined;
  /** Gene-length correction (GO widgets on some mines). */
  geneLengthCorrection?: boolean | undefined;
}

/**
 * One enriched term, normalised; `raw` keeps the server's row (with `"p-value"`).
 *
 * @example
 * ```ts
 * for (const row of result.rows) console.log(row.identifier, row.description, row.pValue, row.matches);
 * ```
 */
export interface EnrichmentRow {
  /** The enriched term's identifier, e.g. a pathway or GO term id. */
  identifier: string;
  /** The term's name or description. */
  description: string;
  /** The p-value after the requested correction (the server's `p-value`). */
  pValue: number;
  /** How many objects of the list are annotated with the term. */
  matches: number;
  /** How many objects of the background population carry the term, when the server says. */
  populationAnnotationCount?: number;
  /** The row exactly as the server sent it. */
  raw: Record<string, unknown>;
}

/**
 * The result of an enrichment call.
 *
 * @example
 * ```ts
 * const { rows, notAnalysed, populationCount } = await list.enrichment({ widget: 'pathway_enrichment' });
 * ```
 */
export interface EnrichmentResult {
  /** The enriched terms, as the server orders them (by p-value). */
  rows: EnrichmentRow[];
  /** Objects of the input that could not be analysed (no annotation). */
  notAnalysed: number;
  /** Size of the background population. */
  populationCount: number;
  /** The widget's label for the objects (e.g. `Pathway`), when the server sends one. */
  label?: string;
  /** The widget's title, when the server sends one. */
  title?: string;
  /** Everything else the server sent (pathQuery, pathConstraint, …). */
  raw: Record<string, unknown>;
}

/**
 * A widget from `GET /widgets`.
 *
 * @example
 * ```ts
 * const enrichers = (await mine.widgets()).filter((w) => w.widgetType === 'enrichment');
 * ```
 */
export interface Widget {
  /** The widget's name, passed as `widget` to an enrichment call (e.g. `pathway_enrichment`). */
  name: string;
  /** The widget's human-readable title. */
  title: string;
  /** What the widget shows, when the mine says. */
  description?: string;
  /** `'enrichment'`, `'chart'`, `'table'` or another kind the mine defines. */
  widgetType: 'enrichment' | 'chart' | 'table' | string;
  /** Classes the widget accepts (e.g. `["Gene"]`). */
  targets: string[];
  /** Filter values the widget accepts. */
  filters?: string;
  /** Other keys the mine sends for the widget, untyped. */
  [key: string]: unknown;
}

/** `GET|POST /list/enrichment`. */
export async function runEnrichment(http: HttpClient, options: EnrichmentOptions): Promise<EnrichmentResult> {
  if (!options || typeof options.widget !== 'string' || options.widget.trim() === '')
    throw new ValidationError({ message: 'enrichment needs a widget name', field: 'widget' });
  const hasList = typeof options.list === 'string';
  const hasIds = options.ids !== undefined;
  if (hasList === hasIds) throw new ValidationError({ message: 'enrichment needs either a list or ids (with a type), not both', field: 'list' });
  if (hasList && options.list!.trim() === '') throw new ValidationError({ message: 'a list name must be a non-empty string', field: 'list' });
  if (hasIds && (options.ids!.length === 0 || !options.type))
    throw new ValidationError({ message: 'enrichment on ids needs a non-empty ids array and a type', field: 'ids' });
  if (options.maxp !== undefined && !(options.maxp >= 0 && options.maxp <= 1))
    throw new ValidationError({ message: `maxp must be between 0 and 1, got ${options.maxp}`, field: 'maxp' });
  if (options.correction !== undefined && !(CORRECTIONS as readonly string[]).includes(options.correction)) {
    throw new ValidationError({ message: `correction must be one of ${CORRECTIONS.join(', ')}, got ${options.correction}`, field: 'correction' });
  }
  const params: Record<string, string | number | boolean | undefined> = {
    widget: options.widget,
    maxp: options.maxp,
    correction: options.correction,
    filter: options.filter,
    population: options.population,
    remember_population: options.rememberPopulation,
    gene_length_correction: options.geneLengthCorrection,
  };
  let body: Record<string, unknown>;
  if (hasList) {
    body = await http.get('list/enrichment', { searchParams: { list: options.list, ...params }, ...callOpt(options) }).json();
  } else {
    body = await http
      .post('list/enrichment', { form: { ids: options.ids!.join(','), type: options.type, ...params }, idempotent: true, ...callOpt(options) })
      .json();
  }
  // EnrichmentWidgetResultService answers 200 with a `message` and no counts when it does not run
  // the widget: a background population that lacks some of the objects, or a widget that refuses
  // its input (IllegalArgumentException). Empty rows would read as "nothing enriched".
  if (typeof body.message === 'string' && body.notAnalysed === undefined) {
    throw new ValidationError({
      message: `enrichment ${options.widget}: the mine did not run the widget: ${body.message}`,
      field: options.population !== undefined ? 'population' : 'widget',
    });
  }
  const results = Array.isArray(body.results) ? (body.results as Record<string, unknown>[]) : [];
  const rows = results.map((r): EnrichmentRow => {
    const row: EnrichmentRow = {
      identifier: String(r.identifier ?? ''),
      description: String(r.description ?? ''),
      pValue: Number(r['p-value'] ?? r.pValue ?? r.p_value),
      matches: Number(r.matches ?? 0),
      raw: r,
    };
    if (typeof r.populationAnnotationCount === 'number') row.populationAnnotationCount = r.populationAnnotationCount;
    return row;
  });
  const { results: _r, wasSuccessful: _w, error: _e, statusCode: _s, executionTime: _t, ...raw } = body;
  const out: EnrichmentResult = { rows, notAnalysed: Number(body.notAnalysed ?? 0), populationCount: Number(body.populationCount ?? 0), raw };
  if (typeof body.label === 'string') out.label = body.label;
  if (typeof body.title === 'string') out.title = body.title;
  return out;
}

/** `GET /widgets`. */
export async function fetchWidgets(http: HttpClient, options: CallOptions): Promise<Widget[]> {
  const body = await http.get('widgets', callOpt(options)).json<{ widgets: Widget[] }>();
  return body.widgets ?? [];
}
