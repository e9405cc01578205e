import { type CallOptions, type HttpClient, type Paged, ValidationError } from '@bio/core-http';
import { normaliseOperator, type Operator, type PathConstraint } from './constraints.js';
import { writeOpt } from './internal/request-options.js';
import { parseXml, writeElement } from './internal/xml.js';
import type { InterMineList, ListOperationOptions, Lists } from './lists.js';
import { formatLogic, type LogicNode, parseLogic } from './logic.js';
import { Query } from './query.js';
import { readQueryElement } from './query-codec.js';
import type { QueryJSON } from './query-types.js';
import { Columns, Row } from './row.js';
import { type Cell, checkTextOptions, fetchCount, flatExport, type RowsOptions, resultsPaged, type TextOptions } from './results.js';

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
 * How a {@link Template} is bound to its mine.
 *
 * @example
 * ```ts
 * new Template(mine.http, query, { name: 'By_symbol' }, { saved: false, lists: mine.lists });
 * ```
 */
export interface TemplateOptions {
  /** Whether the mine has the template (runs by name); false: a local template, run as a query. Default true. */
  saved?: boolean | undefined;
  /** The mine's lists, for `saveAsList()`. */
  lists?: Lists | undefined;
}

/**
 * Options of `template.saveAsList()`.
 *
 * @example
 * ```ts
 * await t.saveAsList({ A: 'eve' }, { name: 'eve-pathways', path: 'pathways', tags: ['demo'] });
 * ```
 */
export interface TemplateListOptions extends ListOperationOptions {
  /** The new list's name. */
  name: string;
  /** The class path whose objects go into the list (default the root). */
  path?: string | undefined;
}

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
  /** The template's name, as `mine.template(name)` takes it (e.g. `Gene_Pathways`). */
  readonly name: string;
  /** The template's title; undefined when it has none. */
  readonly title: string | undefined;
  /** The template's description; undefined when it has none. */
  readonly description: string | undefined;
  /** The template author's comment; undefined when there is none. */
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
  constructor(
    http: HttpClient,
    query: Query,
    meta: { name: string; title?: string | undefined; description?: string | undefined; comment?: string | undefined },
    options: TemplateOptions = {},
  ) {
    if (typeof meta?.name !== 'string' || !/^[\w.-]+$/.test(meta.name)) {
      throw new ValidationError({ message: `a template name must be letters, digits, "_", "-" or ".", got ${JSON.stringify(meta?.name)}`, field: 'name' });
    }
    this.#http = http;
    this.query = query;
    this.name = meta.name;
    this.title = meta.title;
    this.description = meta.description;
    this.comment = meta.comment;
    this.#saved = options.saved ?? true;
    this.#lists = options.lists;
  }

  readonly #lists: Lists | undefined;
  #saved: boolean;

  /** Whether the mine has this template (from `mine.templates()`, or after `save()`); a local one runs as a query. */
  get saved(): boolean {
    return this.#saved;
  }

  /**
   * The query of a run: the template's query with `values` put into its editable constraints,
   * switched-off constraints that got no value left out (and out of the logic).
   *
   * @example
   * ```ts
   * t.apply({ A: 'zen' }).toXML();
   * ```
   */
  apply(values: TemplateValues = {}): Query {
    const params = this.parameters(values);
    const json = this.query.toJSON();
    const byCode = new Map<string, PathConstraint>();
    for (let i = 1; params[`code${i}`] !== undefined; i++) {
      const value = params[`value${i}`];
      const c: PathConstraint = { path: params[`constraint${i}`] as string, op: params[`op${i}`] as string, code: params[`code${i}`] as string };
      if (Array.isArray(value)) c.values = value;
      else if (value !== undefined) c.value = value;
      const extra = params[`extra${i}`];
      if (typeof extra === 'string') c.extraValue = extra;
      byCode.set(c.code!, c);
    }
    const editable = new Set(this.editable.map((c) => c.code));
    const where: PathConstraint[] = [];
    for (const c of json.where) {
      if (c.code !== undefined && editable.has(c.code)) {
        const given = byCode.get(c.code);
        if (!given) continue;
        const { value: _v, values: _vs, extraValue: _e, ...rest } = c;
        const run: PathConstraint = { ...rest, ...given };
        if (c.switchable === 'off') run.switchable = 'on';
        where.push(run);
      } else if (c.switchable !== 'off') where.push(c);
    }
    const kept = where.map((c) => c.code).filter((c): c is string => c !== undefined);
    const logic = json.constraintLogic === undefined ? undefined : pruneLogic(json.constraintLogic, kept);
    const out: QueryJSON = { ...json, where };
    if (logic === undefined) delete out.constraintLogic;
    else out.constraintLogic = logic;
    return Query.fromJSON(out as unknown as Record<string, unknown>);
  }

  /**
   * The template as InterMine's template XML (`<template name title comment><query …>…</query></template>`),
   * path descriptions included; what `save()` uploads.
   *
   * @example
   * ```ts
   * t.toXML(); // <template name="Gene_Pathways" title="Gene --> Pathways" …><query …/></template>
   * ```
   */
  toXML(): string {
    const q = this.query.clone();
    q.name = this.name;
    q.title = undefined; // the title is the template's attribute
    if (this.description !== undefined) q.description = this.description;
    return writeElement('template', { name: this.name, title: this.title, comment: this.comment ?? '' }, [q.toXML()]);
  }

  /**
   * Save the template to the user's account (`POST /template/upload`; a token is needed). Never
   * retried. The template then runs on the mine by name.
   *
   * @example
   * ```ts
   * const t = mine.templateFrom(mine.query('Gene').select('symbol').where('symbol', '=', 'eve', ), { name: 'By_symbol' });
   * await t.save();
   * ```
   */
  async save(options: CallOptions = {}): Promise<this> {
    await this.#http.post('template/upload', { form: { query: `<template-queries>${this.toXML()}</template-queries>` }, ...writeOpt(options) }).json();
    this.#saved = true;
    return this;
  }

  /**
   * Save the objects of a run as a new list: those of `path` (default the root class), through
   * `/query/tolist` with the template's query and these values (the mine's `/template/tolist`
   * would name the list after the template). Never retried.
   *
   * @example
   * ```ts
   * const list = await t.saveAsList({ A: 'eve' }, { name: 'eve-pathways', path: 'Gene.pathways' });
   * ```
   */
  async saveAsList(values: TemplateValues, options: TemplateListOptions): Promise<InterMineList> {
    const lists = this.#lists;
    if (!lists)
      throw new ValidationError({
        message: 'this template is not bound to a mine: make it with mine.templates(), mine.loadTemplates() or mine.templateFrom()',
        field: 'template',
      });
    const name = options?.name;
    if (typeof name !== 'string' || name.trim() === '') throw new ValidationError({ message: 'a list name must be a non-empty string', field: 'name' });
    // Always /query/tolist with the template's query, saved or not: the mine's /template/tolist
    // reads the list's name from `name` before `listName` (ListInput.produceName), and there `name`
    // is the template's, so its lists would be named after the template (TemplateToListService
    // extends QueryToListService).
    const { path, description, tags, signal, timeout } = options;
    return lists.create(this.apply(values), { name, path, description, tags, signal, timeout });
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

  #results<T>(format: 'json' | 'jsonobjects', values: TemplateValues, options: RowsOptions, map?: (item: never) => T): Paged<T> {
    // Without a sort on the root id (which a template run cannot add) pages could overlap.
    if (options.pageSize !== undefined) throw new ValidationError({ message: 'template runs are one request; use start/max', field: 'pageSize' });
    if (!this.#saved) {
      const xml = this.apply(values).toXML();
      return resultsPaged<T>(
        this.#http,
        'query/results',
        async () => ({ query: xml, format }),
        options,
        () => this.count(values, options),
        map,
      );
    }
    const params = this.parameters(values);
    return resultsPaged<T>(
      this.#http,
      'template/results',
      async () => ({ ...params, format }),
      options,
      () => this.count(values, options),
      map,
    );
  }

  /**
   * Result rows of a run by column name ({@link Row}: `row.get('symbol')`, `row.toObject()`).
   *
   * @example
   * ```ts
   * for await (const row of t.namedRows({ A: 'eve' })) console.log(row.get('pathways.name'));
   * ```
   */
  namedRows<T extends Cell[] = Cell[]>(values: TemplateValues = {}, options: RowsOptions = {}): Paged<Row<T>> {
    const columns = new Columns(this.query.views);
    return this.#results<Row<T>>('json', values, options, (cells: T) => new Row<T>(cells, columns));
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
    if (!this.#saved) return fetchCount(this.#http, 'query/results', { query: this.apply(values).toXML() }, options);
    return fetchCount(this.#http, 'template/results', this.parameters(values), options);
  }

  /**
   * Tab-separated lines of a run, checked as `mine.tsv()` checks them: a last row cut short is a
   * `ResponseFormatError` (never a row), and after the last row the template's count is asked (one
   * more request): fewer rows than it says is a `ResponseFormatError` naming both numbers.
   *
   * @example
   * ```ts
   * for await (const line of t.tsv({ A: 'eve' })) console.log(line);
   * ```
   */
  tsv(values: TemplateValues = {}, options: TextOptions = {}): AsyncGenerator<string> {
    checkTextOptions('tsv', options);
    const base = this.#saved ? this.parameters(values) : { query: this.apply(values).toXML() };
    const form: Record<string, string | string[] | number | undefined> = { ...base, format: 'tsv', start: options.start, size: options.max };
    if (options.headers) form.columnheaders = options.headers === 'path' ? 'path' : 'friendly';
    return flatExport(this.#http, this.#saved ? 'template/results' : 'query/results', form, options, 'tsv', () => this.count(values, options));
  }
}

interface TemplateJSON {
  name: string;
  title?: string;
  description?: string;
  comment?: string;
  /** Other keys the mine sends, untyped. */
  [key: string]: unknown;
}

/** Build templates from `GET /templates?format=json`. */
export function templatesFromJSON(
  http: HttpClient,
  body: { templates: Record<string, TemplateJSON> },
  makeQuery: (json: TemplateJSON) => Query,
  options: TemplateOptions = {},
): Template[] {
  return Object.values(body.templates ?? {}).map((json) => {
    const query = makeQuery(json);
    const meta: { name: string; title?: string; description?: string; comment?: string } = { name: json.name };
    if (typeof json.title === 'string') meta.title = json.title;
    if (typeof json.description === 'string') meta.description = json.description;
    if (typeof json.comment === 'string') meta.comment = json.comment;
    return new Template(http, query, meta, options);
  });
}

/**
 * Build templates from InterMine's template XML: a `<template-queries>` list (`/templates` of
 * older mines, an exported file) or one `<template>`.
 */
export function templatesFromXML(http: HttpClient, xml: string, options: TemplateOptions = {}): Template[] {
  const root = parseXml(xml);
  const elements = root.name === 'template' ? [root] : root.name === 'template-queries' ? root.children.filter((c) => c.name === 'template') : undefined;
  if (!elements) throw new ValidationError({ message: `template XML: expected <template-queries> or <template>, found <${root.name}>`, field: 'xml' });
  return elements.map((el) => {
    const json = readQueryElement(el);
    const name = el.attributes.name ?? json.name;
    if (name === undefined) throw new ValidationError({ message: 'template XML: a <template> without a name', field: 'xml' });
    const query = Query.fromJSON(json as unknown as Record<string, unknown>);
    return new Template(http, query, { name, title: el.attributes.title, description: json.description, comment: el.attributes.comment }, options);
  });
}

/** Drop codes that are no longer in the query from a logic expression (an `and`/`or` left with one side collapses). */
function pruneLogic(text: string, codes: readonly string[]): string | undefined {
  const prune = (node: LogicNode): LogicNode | undefined => {
    if (node.kind === 'code') return codes.includes(node.code) ? node : undefined;
    const children = node.children.map(prune).filter((c): c is LogicNode => c !== undefined);
    if (children.length === 0) return undefined;
    return children.length === 1 ? children[0] : { kind: node.kind, children };
  };
  const tree = prune(parseLogic(text));
  return tree === undefined ? undefined : formatLogic(tree);
}
