import { type CallOptions, type HttpClient, type Paged, ValidationError } from '@bio/core-http';
import { normaliseOperator, type Operator, type PathConstraint } from './constraints.js';
import type { Query } from './query.js';
import { type Cell, checkTextOptions, fetchCount, postLines, type RowsOptions, resultsPaged, type TextOptions } from './results.js';

/**
 * A new value for one editable template constraint, by code. A bare string or number keeps the
 * template's operator.
 *
 * @example
 * ```ts
 * const values: TemplateValues = { A: { op: '=', value: 'eve' }, B: 'D. melanogaster' };
 * ```
 */
export type TemplateValues = Record<
  string,
  | string
  | number
  | readonly (string | number)[]
  | { op?: Operator | Lowercase<Operator>; value?: string | number | readonly (string | number)[]; extra?: string }
>;

/**
 * A template: a named query whose editable constraints take new values per run
 * (`/template/results`).
 *
 * @example
 * ```ts
 * const t = await mine.template('Gene_Pathways');
 * for await (const row of t.rows({ A: { op: '=', value: 'eve' } })) console.log(row);
 * ```
 */
export class Template {
  readonly name: string;
  readonly title: string | undefined;
  readonly description: string | undefined;
  readonly comment: string | undefined;
  /** The template's query (constraints with their default values). */
  readonly query: Query;
  readonly #http: HttpClient;

  /**
   * A template on the mine `http` talks to; usually made by `mine.templates()` / `mine.template(name)`.
   *
   * @example
   * ```ts
   * const t = new Template(mine.http, Query.fromXML(xml), { name: 'Gene_Pathways' });
   * ```
   */
  constructor(http: HttpClient, query: Query, meta: { name: string; title?: string; description?: string; comment?: string }) {
    this.#http = http;
    this.query = query;
    this.name = meta.name;
    this.title = meta.title;
    this.description = meta.description;
    this.comment = meta.comment;
  }

  /**
   * The editable constraints (the ones a run can change), in order.
   *
   * @example
   * ```ts
   * t.editable.map((c) => `${c.code}: ${c.path} ${c.op}`);
   * ```
   */
  get editable(): PathConstraint[] {
    return this.query.constraints.filter((c) => c.editable === true && c.op !== undefined);
  }

  /**
   * The `/template/results` parameters for a run (`constraint1`, `op1`, `value1`, `extra1`, `code1`, …).
   *
   * @example
   * ```ts
   * t.parameters({ A: 'zen' }); // { name: 'Gene_Pathways', constraint1: 'Gene', op1: 'LOOKUP', value1: 'zen', code1: 'A' }
   * ```
   */
  parameters(values: TemplateValues = {}): Record<string, string | string[]> {
    const editable = this.editable;
    const codes = editable.map((c) => c.code);
    for (const code of Object.keys(values)) {
      if (!codes.includes(code)) {
        throw new ValidationError({
          message: `template ${this.name} has no editable constraint ${code}; editable: ${editable.map((c) => `${c.code} (${c.path} ${c.op})`).join(', ') || 'none'}`,
          field: 'values',
        });
      }
    }
    const params: Record<string, string | string[]> = { name: this.name };
    let i = 0;
    for (const c of editable) {
      const given = values[c.code!];
      if (c.switchable === 'off' && given === undefined) continue;
      i++;
      let op = c.op!;
      let value: string | string[] | undefined = c.values ? [...c.values] : c.value;
      let extra = c.extraValue;
      if (given !== undefined) {
        if (typeof given === 'object' && !Array.isArray(given)) {
          const g = given as { op?: string; value?: string | number | readonly (string | number)[]; extra?: string };
          if (g.op !== undefined) op = normaliseOperator(g.op);
          if (g.value !== undefined) value = Array.isArray(g.value) ? g.value.map(String) : String(g.value);
          if (g.extra !== undefined) extra = g.extra;
        } else {
          value = Array.isArray(given) ? given.map(String) : String(given);
        }
      }
      params[`constraint${i}`] = c.path;
      params[`op${i}`] = op;
      if (op !== 'IS NULL' && op !== 'IS NOT NULL') {
        if (value === undefined || (Array.isArray(value) && value.length === 0)) {
          throw new ValidationError({ message: `template ${this.name}: constraint ${c.code} (${c.path} ${op}) needs a value`, field: 'values' });
        }
        params[`value${i}`] = value;
      }
      if (extra !== undefined && extra !== '') params[`extra${i}`] = extra;
      params[`code${i}`] = c.code!;
    }
    return params;
  }

  #results<T>(format: 'json' | 'jsonobjects', values: TemplateValues, options: RowsOptions): Paged<T> {
    // Without a sort on the root id (which a template run cannot add) pages could overlap.
    if (options.pageSize !== undefined) throw new ValidationError({ message: 'template runs are one request; use start/max', field: 'pageSize' });
    const params = this.parameters(values);
    return resultsPaged<T>(
      this.#http,
      'template/results',
      async () => ({ ...params, format }),
      options,
      () => this.count(values, options),
    );
  }

  /**
   * Result rows with new constraint values, streamed; `total()` counts them. The trailer is
   * checked like `mine.rows()`.
   *
   * @example
   * ```ts
   * for await (const [symbol, pathway] of t.rows({ A: 'eve' }, { max: 10 })) console.log(symbol, pathway);
   * ```
   */
  rows<T extends Cell[] = Cell[]>(values: TemplateValues = {}, options: RowsOptions = {}): Paged<T> {
    return this.#results<T>('json', values, options);
  }

  /**
   * Result objects (`jsonobjects`), streamed.
   *
   * @example
   * ```ts
   * for await (const gene of t.records({ A: 'eve' })) console.log(gene);
   * ```
   */
  records<T = Record<string, unknown>>(values: TemplateValues = {}, options: RowsOptions = {}): Paged<T> {
    return this.#results<T>('jsonobjects', values, options);
  }

  /**
   * Count the rows of a run.
   *
   * @example
   * ```ts
   * await t.count({ A: 'eve' }); // 12
   * ```
   */
  count(values: TemplateValues = {}, options: CallOptions = {}): Promise<number> {
    return fetchCount(this.#http, 'template/results', this.parameters(values), options);
  }

  /**
   * Tab-separated lines of a run.
   *
   * @example
   * ```ts
   * for await (const line of t.tsv({ A: 'eve' })) console.log(line);
   * ```
   */
  tsv(values: TemplateValues = {}, options: TextOptions = {}): AsyncGenerator<string> {
    checkTextOptions('tsv', options);
    const form: Record<string, string | string[] | number | undefined> = { ...this.parameters(values), format: 'tsv', start: options.start, size: options.max };
    if (options.headers) form.columnheaders = options.headers === 'path' ? 'path' : 'friendly';
    return postLines(this.#http, 'template/results', form, options);
  }
}

interface TemplateJSON {
  name: string;
  title?: string;
  description?: string;
  comment?: string;
  [key: string]: unknown;
}

/** Build templates from `GET /templates?format=json`. */
export function templatesFromJSON(http: HttpClient, body: { templates: Record<string, TemplateJSON> }, makeQuery: (json: TemplateJSON) => Query): Template[] {
  return Object.values(body.templates ?? {}).map((json) => {
    const query = makeQuery(json);
    const meta: { name: string; title?: string; description?: string; comment?: string } = { name: json.name };
    if (typeof json.title === 'string') meta.title = json.title;
    if (typeof json.description === 'string') meta.description = json.description;
    if (typeof json.comment === 'string') meta.comment = json.comment;
    return new Template(http, query, meta);
  });
}
