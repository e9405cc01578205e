import { ValidationError } from '@bio/core-http';
import type { ColumnSummary, Correction, Operator, Query, TemplateValues } from '@bio/intermine';
import { type Command, Option } from 'commander';
import { modelToTypeScript } from '@bio/intermine';
import { intermineClient } from '../clients.js';
import { MINES } from '../gene-context.js';
import { type Row, rowOf } from '../output.js';
import { parsePathSort } from '../sort.js';
import type { CommandContext } from '../context.js';
import { count, list, positive } from '../input.js';
import { baseUrlOf, examples, serviceCommand } from './common.js';
import { registerLists } from './intermine-lists.js';
import { ALL_ROWS_PAGING, type Paging, pagingOf, withPaging } from './paging.js';

const WORD_OPERATORS = [
  'ONE OF',
  'NONE OF',
  'DOES NOT CONTAIN',
  'CONTAINS',
  'NOT LIKE',
  'LIKE',
  'NOT IN',
  'IN',
  'LOOKUP',
  'IS NOT NULL',
  'IS NULL',
  'ISA',
  'ISNT',
  'WITHIN',
  'OVERLAPS',
  'OUTSIDE',
  'DOES NOT OVERLAP',
];
const WORD = new RegExp(`^([A-Za-z_][\\w.]*)\\s+(${WORD_OPERATORS.join('|')})(?:\\s+(.*))?$`, 'i');
const SYMBOL = /^([A-Za-z_][\w.]*)\s*(!=|>=|<=|==|=|>|<)\s*(.*)$/;

/**
 * One `--where` constraint: `Gene.length>5000`, `Gene.symbol ONE OF eve,zen`, `Gene IN demo-list`.
 *
 * @example
 * ```ts
 * const clause: WhereClause = { path: 'Gene.length', op: '>', value: '5000' };
 * ```
 */
export interface WhereClause {
  path: string;
  op: Operator;
  value?: string | string[];
}

/**
 * Parse a `--where` expression (a path, an operator and a value).
 *
 * @example
 * ```ts
 * parseWhere('Gene.length>5000'); // { path: 'Gene.length', op: '>', value: '5000' }
 * parseWhere('Gene.symbol ONE OF eve,zen'); // { path: 'Gene.symbol', op: 'ONE OF', value: ['eve', 'zen'] }
 * ```
 */
export function parseWhere(text: string): WhereClause {
  const expression = text.trim();
  const word = WORD.exec(expression);
  if (word) {
    const op = word[2]!.toUpperCase().replace(/\s+/g, ' ') as Operator;
    const raw = word[3]?.trim();
    if (op === 'IS NULL' || op === 'IS NOT NULL') return { path: word[1]!, op };
    if (!raw) throw new ValidationError({ message: `--where "${text}": ${op} needs a value`, field: 'where' });
    const multi = op === 'ONE OF' || op === 'NONE OF' || op === 'ISA' || op === 'ISNT';
    return {
      path: word[1]!,
      op,
      value: multi
        ? raw
            .split(',')
            .map((v) => v.trim())
            .filter(Boolean)
        : raw,
    };
  }
  const symbol = SYMBOL.exec(expression);
  if (symbol && symbol[3] !== '') return { path: symbol[1]!, op: symbol[2] as Operator, value: symbol[3]!.trim() };
  throw new ValidationError({
    message: `--where "${text}" does not parse; use PATH OP VALUE, e.g. 'Gene.length>5000', 'Gene.symbol ONE OF eve,zen' or 'Gene IN demo-list'`,
    field: 'where',
  });
}

function collectWhere(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function probability(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new ValidationError({ message: `--maxp must be a number in (0, 1], got ${value}`, field: 'maxp' });
  return n;
}

/** `--mine` names `bio intermine types` knows (else a URL): lower-case name → mine. */
const KNOWN_MINES: Readonly<Record<string, { name: string; baseUrl: string }>> = Object.fromEntries(
  Object.values(MINES).map((m) => [m.name.toLowerCase(), { name: m.name, baseUrl: m.baseUrl }]),
);

/** `--mine flymine` → FlyMine; `--mine www.example.org/mymine` (anything with a `/` or `.`) → that URL. */
function mineOf(value: string): { name?: string | undefined; baseUrl: string } {
  const known = KNOWN_MINES[value.toLowerCase()];
  if (known) return known;
  if (/[/.]/.test(value)) return { baseUrl: value };
  throw new ValidationError({
    message: `--mine "${value}" is not a mine this command knows (${Object.keys(KNOWN_MINES).join(', ')}); give its URL instead, e.g. www.flymine.org/flymine`,
    field: 'mine',
  });
}

/** `--where` clauses and `--logic` applied to a query. */
function constrained(query: Query, opts: { where?: string[] | undefined; logic?: string | undefined }): Query {
  for (const c of (opts.where ?? []).map(parseWhere)) query.where(c.path, c.op, c.value);
  if (opts.logic) query.logic(opts.logic);
  return query;
}

/**
 * A numeric summary's histogram as rows, with each bucket's range: the mine cuts `min` …
 * `max × 1.01` into `buckets` equal widths (see `HistogramBucket`); `to` is not included.
 */
function histogramRows(summary: Extract<ColumnSummary, { kind: 'numeric' }>): Row[] {
  const { min, max, buckets } = summary;
  const width = buckets === undefined || buckets < 1 ? undefined : (max * 1.01 - min) / buckets;
  return summary.histogram.map(({ bucket, count }) =>
    width === undefined ? { bucket, from: '', to: '', count } : { bucket, from: round(min + (bucket - 1) * width), to: round(min + bucket * width), count },
  );
}

/** `1 distinct value`, `5 distinct values`. */
const distinct = (n: number): string => `${n} distinct value${n === 1 ? '' : 's'}`;

/** A bucket bound for reading: at most six significant digits. */
const round = (n: number): number => Number(n.toPrecision(6));

const rootOption = (): Option => new Option('--root <mine>', 'the mine, e.g. www.flymine.org/flymine (same as --base-url)');

/**
 * Register `bio intermine query|summarise|lists|enrich|regions|templates|template|types`.
 *
 * @example
 * ```ts
 * registerIntermine(program, () => context);
 * ```
 */
export function registerIntermine(program: Command, context: () => CommandContext): void {
  const intermine = serviceCommand(program, 'intermine', 'InterMine (FlyMine, HumanMine, …): queries, templates, lists, enrichment, regions');

  withPaging(
    intermine
      .command('query')
      .description('run a path query and print its rows')
      .addOption(rootOption())
      .requiredOption('--select <paths>', 'comma-separated view paths, e.g. Gene.symbol,Gene.length')
      .option('--where <constraint>', "a constraint such as 'Gene.length>5000' (repeatable)", collectWhere)
      .option('--logic <expression>', 'constraint logic, e.g. "A or B"')
      .option('--sort <path>', "sort by this path: 'PATH [asc|desc]', e.g. 'Gene.length desc'", parsePathSort),
    ALL_ROWS_PAGING,
  )
    .option('--start <n>', 'skip this many rows', count)
    .addHelpText(
      'after',
      examples([
        "bio intermine query --select Gene.symbol,Gene.length --where 'Gene.length>5000' --offline",
        "bio intermine query --select Gene.symbol,Gene.primaryIdentifier --where 'Gene.symbol ONE OF eve,zen' --sort 'Gene.symbol desc' --offline",
        "bio intermine query --select Gene.symbol --where 'Gene IN demo-list' --base-url https://www.humanmine.org/humanmine",
      ]),
    )
    .action(
      async (
        opts: {
          root?: string;
          select: string;
          where?: string[];
          logic?: string;
          sort?: { path: string; direction: 'asc' | 'desc' };
          start?: number;
        } & Paging,
        cmd: Command,
      ) => {
        const ctx = context();
        const views = list(opts.select) ?? [];
        const root = views[0]?.split('.')[0];
        if (!root) throw new ValidationError({ message: '--select needs at least one path such as Gene.symbol', field: 'select' });
        const mine = intermineClient(ctx, opts.root ?? baseUrlOf(cmd));
        const query = constrained(mine.query(root).select(views), opts);
        if (opts.sort) query.orderBy(opts.sort.path, opts.sort.direction);
        // Rows are written as they stream in (NDJSON/TSV/CSV), so any size of result fits in memory.
        const columns = query.views;
        const rows = mine.rows(query, { ...pagingOf(opts), start: opts.start });
        ctx.note(`${await ctx.writeAll(columns, rows, (cells) => rowOf(columns, cells))} rows`);
      },
    );

  intermine
    .command('summarise')
    .alias('summarize')
    .description('a column summary: each value and how often it occurs, or for numbers min/max/average/stdev and a histogram')
    .argument('<path>', 'the column, e.g. Gene.length or Gene.organism.name')
    .addOption(rootOption())
    .option('--where <constraint>', "a constraint such as 'Gene.length>5000' (repeatable)", collectWhere)
    .option('--logic <expression>', 'constraint logic, e.g. "A or B"')
    .option('--filter <text>', 'only values containing this text (not for numeric columns: the mine refuses it there)')
    .option('--max <n>', 'at most this many values, or histogram buckets for a numeric column', positive)
    .addHelpText(
      'after',
      examples([
        "bio intermine summarise Gene.organism.name --where 'Gene.symbol ONE OF eve,zen,h' --offline",
        'bio intermine summarise Gene.length --where "Gene IN demo-list" --offline',
        'bio intermine summarise Gene.symbol --filter ev --max 10 --base-url https://www.humanmine.org/humanmine',
      ]),
    )
    .action(async (path: string, opts: { root?: string; where?: string[]; logic?: string; filter?: string; max?: number }, cmd: Command) => {
      const ctx = context();
      const root = path.split('.')[0];
      if (!root || !path.includes('.'))
        throw new ValidationError({ message: `<path> must name a column of a class, such as Gene.length; got "${path}"`, field: 'path' });
      const mine = intermineClient(ctx, opts.root ?? baseUrlOf(cmd));
      const summary = await mine.summarise(constrained(mine.query(root).select([path]), opts), path, { filter: opts.filter, max: opts.max });
      if (summary.kind === 'numeric') {
        ctx.printRecord(summary, histogramRows, ['bucket', 'from', 'to', 'count']);
        const nulls = summary.nulls === undefined ? '' : `, ${summary.nulls} null`;
        ctx.note(`${distinct(summary.uniqueValues)}${nulls}; min ${summary.min}, max ${summary.max}, average ${summary.average}, stdev ${summary.stdev}`);
      } else {
        ctx.printRecord(summary, (s) => s.items.map(({ item, count }) => ({ value: item, count })), ['value', 'count']);
        const filtered = summary.filteredCount === undefined ? '' : ` (${summary.filteredCount} containing "${opts.filter}")`;
        ctx.note(`${distinct(summary.uniqueValues)}${filtered}`);
      }
    });

  intermine
    .command('lists')
    .description('the lists you can see (public ones, and yours with a token)')
    .addOption(rootOption())
    .option('--type <class>', 'only lists of this class, e.g. Gene')
    .addHelpText('after', examples(['bio intermine lists --offline', 'INTERMINE_TOKEN=good-token-0123456789 bio intermine lists --type Gene --offline']))
    .action(async (opts: { root?: string; type?: string }, cmd: Command) => {
      const ctx = context();
      const rows: Record<string, unknown>[] = [];
      for await (const l of intermineClient(ctx, opts.root ?? baseUrlOf(cmd)).lists.all()) {
        if (!opts.type || l.type === opts.type)
          rows.push({ name: l.name, type: l.type, size: l.size, status: l.status, tags: [...l.tags], description: l.description });
      }
      ctx.print(rows, ['name', 'type', 'size', 'status', 'tags', 'description']);
    });

  intermine
    .command('enrich')
    .description('enrichment statistics (pathways, GO terms, …) of a list')
    .addOption(rootOption())
    .requiredOption('--list <name>', 'the list to analyse')
    .option('--widget <name>', 'enrichment widget', 'pathway_enrichment')
    .option('--maxp <p>', 'largest p-value reported', probability, 0.05)
    .option('--correction <name>', 'Holm-Bonferroni, Benjamini Hochberg, Bonferroni or None', 'Holm-Bonferroni')
    .option('--filter <filter>', 'widget filter, e.g. biological_process')
    .option('--population <list>', 'background population (a list name)')
    .addHelpText(
      'after',
      examples([
        'bio intermine enrich --list demo-list --widget pathway_enrichment --maxp 0.05 --offline',
        'bio intermine enrich --list demo-list --widget go_enrichment_for_gene --filter biological_process',
      ]),
    )
    .action(
      async (opts: { root?: string; list: string; widget: string; maxp: number; correction: string; filter?: string; population?: string }, cmd: Command) => {
        const ctx = context();
        const result = await intermineClient(ctx, opts.root ?? baseUrlOf(cmd)).enrichment({
          list: opts.list,
          widget: opts.widget,
          maxp: opts.maxp,
          correction: opts.correction as Correction,
          filter: opts.filter,
          population: opts.population,
        });
        ctx.print(
          result.rows.map((r) => ({ identifier: r.identifier, description: r.description, pValue: r.pValue, matches: r.matches })),
          ['identifier', 'description', 'pValue', 'matches'],
        );
        ctx.note(`${result.rows.length} terms with p ≤ ${opts.maxp}; ${result.notAnalysed} not analysed; population ${result.populationCount}`);
      },
    );

  intermine
    .command('regions')
    .description('features overlapping genomic regions, as FASTA, GFF3 or BED (or saved as a list)')
    .addOption(rootOption())
    .argument('<regions...>', 'regions such as 2L:14614843..14619614')
    .requiredOption('--organism <name>', "organism short name, e.g. 'D. melanogaster'")
    .option('--type <classes>', 'comma-separated feature classes', 'Gene')
    .option('--extension <bp>', 'widen each region by this many base pairs', count)
    .addOption(new Option('--fasta', 'print FASTA (the default)').conflicts(['gff3', 'bed', 'saveList']))
    .addOption(new Option('--gff3', 'print GFF3').conflicts(['bed', 'saveList']))
    .addOption(new Option('--bed', 'print BED').conflicts(['saveList']))
    .option('--save-list <name>', 'save the features as a list instead of printing them')
    .addHelpText(
      'after',
      examples([
        "bio intermine regions --organism 'D. melanogaster' --type Exon 2L:14614843..14619614 --fasta --offline",
        "bio intermine regions --organism 'D. melanogaster' --type Gene 3R:6700000..6900000 --gff3 --offline",
      ]),
    )
    .action(
      async (
        regions: string[],
        opts: { root?: string; organism: string; type: string; extension?: number; gff3?: boolean; bed?: boolean; saveList?: string },
        cmd: Command,
      ) => {
        const ctx = context();
        const search = intermineClient(ctx, opts.root ?? baseUrlOf(cmd)).regions({
          organism: opts.organism,
          featureTypes: list(opts.type) ?? [],
          regions,
          extension: opts.extension,
        });
        if (opts.saveList) {
          const { list: saved, invalidSpans } = await search.saveAsList(opts.saveList);
          ctx.print([{ name: saved.name, type: saved.type, size: saved.size, invalidSpans }], ['name', 'type', 'size', 'invalidSpans']);
          return;
        }
        const lines = opts.gff3 ? search.gff3() : opts.bed ? search.bed() : search.fasta();
        for await (const line of lines) ctx.io.stdout.write(`${line}\n`);
      },
    );

  intermine
    .command('templates')
    .description("the mine's templates: name, title and the constraints you can fill in")
    .addOption(rootOption())
    .addHelpText('after', examples(['bio intermine templates --offline']))
    .action(async (opts: { root?: string }, cmd: Command) => {
      const ctx = context();
      const templates = await intermineClient(ctx, opts.root ?? baseUrlOf(cmd)).templates();
      ctx.print(
        templates.map((t) => ({ name: t.name, title: t.title, constraints: t.editable.map((c) => `${c.code}: ${c.path} ${c.op}`) })),
        ['name', 'title', 'constraints'],
      );
    });

  withPaging(
    intermine
      .command('template')
      .description('run a template: its editable constraints take --value CODE=VALUE (and --op CODE=OP)')
      .argument('<name>', 'the template, e.g. Gene_Pathways (see `bio intermine templates`)')
      .addOption(rootOption())
      .option('--value <code=value>', 'a value for constraint CODE, e.g. A=eve (repeatable; a,b for ONE OF)', collectWhere)
      .option('--op <code=op>', "an operator for constraint CODE, e.g. 'A=ONE OF' (repeatable)", collectWhere),
    ALL_ROWS_PAGING,
  )
    .addHelpText(
      'after',
      examples([
        'bio intermine template Gene_Pathways --value A=eve --offline',
        "bio intermine template Gene_Proteins --op 'A=ONE OF' --value A=eve,zen --offline",
      ]),
    )
    .action(async (name: string, opts: { root?: string; value?: string[]; op?: string[] } & Paging, cmd: Command) => {
      const ctx = context();
      const values = templateValues(opts.value ?? [], opts.op ?? []);
      const mine = intermineClient(ctx, opts.root ?? baseUrlOf(cmd));
      const templates = await mine.templates();
      const template = templates.find((t) => t.name === name);
      if (!template) {
        throw new ValidationError({ message: `no template "${name}" on this mine (templates: ${templates.map((t) => t.name).join(', ')})`, field: 'name' });
      }
      const codes = template.editable.map((c) => c.code);
      for (const code of Object.keys(values)) {
        if (!codes.includes(code))
          throw new ValidationError({ message: `template ${name} has no editable constraint ${code} (it has: ${codes.join(', ')})`, field: 'value' });
      }
      const columns = template.query.views;
      const rows = template.rows(values, pagingOf(opts));
      ctx.note(`${await ctx.writeAll(columns, rows, (cells) => rowOf(columns, cells))} rows`);
    });

  intermine
    .command('types')
    .description("TypeScript declarations for the mine's data model (one interface per class), for typed queries")
    .option('--mine <name or URL>', `the mine: ${Object.keys(KNOWN_MINES).join(', ')} or its URL (default: --base-url, $INTERMINE_URL, else FlyMine)`, mineOf)
    .option('--name <identifier>', 'the name of the interface listing every class (default: the mine name, e.g. FlyMine)')
    .addHelpText(
      'after',
      examples([
        'bio intermine types --offline > flymine.ts',
        'bio intermine types --mine humanmine > humanmine.ts',
        'bio intermine types --mine www.example.org/mymine --name MyMine > mymine.ts',
      ]),
    )
    .action(async (opts: { mine?: { name?: string; baseUrl: string }; name?: string }, cmd: Command) => {
      const ctx = context();
      if (opts.name !== undefined && !/^[A-Za-z_$][\w$]*$/.test(opts.name))
        throw new ValidationError({ message: `--name "${opts.name}" is not a TypeScript identifier`, field: 'name' });
      const mine = intermineClient(ctx, opts.mine?.baseUrl ?? baseUrlOf(cmd));
      const known = Object.values(KNOWN_MINES).find((m) => sameRoot(m.baseUrl, mine.baseUrl));
      const model = await mine.model();
      const name = opts.name ?? opts.mine?.name ?? known?.name;
      ctx.io.stdout.write(modelToTypeScript(model, { name, source: mine.baseUrl }));
    });

  registerLists(intermine, context, rootOption);
}

/** Two mine URLs naming the same mine (scheme, `www.` and `/service` aside). */
function sameRoot(a: string, b: string): boolean {
  const bare = (u: string): string =>
    u
      .replace(/^https?:\/\/(www\.)?/, '')
      .replace(/\/(service\/?)?$/, '')
      .replace(/\/$/, '');
  return bare(a) === bare(b);
}

/** `--value A=eve` and `--op 'A=ONE OF'` into the client's template values. */
function templateValues(values: readonly string[], ops: readonly string[]): TemplateValues {
  const split = (text: string, option: string): [string, string] => {
    const at = text.indexOf('=');
    if (at < 1) throw new ValidationError({ message: `${option} "${text}" is not CODE=VALUE, e.g. A=eve`, field: option });
    return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
  };
  const out: Record<string, { op?: Operator; value?: string | string[] }> = {};
  for (const text of ops) {
    const [code, op] = split(text, '--op');
    const upper = op.toUpperCase().replace(/\s+/g, ' ');
    if (!WORD_OPERATORS.includes(upper) && !['=', '!=', '<', '>', '<=', '>=', '=='].includes(upper)) {
      throw new ValidationError({ message: `--op "${op}" is not one of: =, !=, <, >, <=, >=, ${WORD_OPERATORS.join(', ')}`, field: 'op' });
    }
    out[code] = { ...out[code], op: upper as Operator };
  }
  for (const text of values) {
    const [code, value] = split(text, '--value');
    const multi = out[code]?.op === 'ONE OF' || out[code]?.op === 'NONE OF';
    out[code] = { ...out[code], value: multi ? value.split(',').map((v) => v.trim()) : value };
  }
  return out as TemplateValues;
}
