import { ValidationError } from '@bio/core-http';
import type { Correction, Operator } from '@bio/intermine';
import { type Command, Option } from 'commander';
import { intermineClient } from '../clients.js';
import type { CommandContext } from '../context.js';
import { count, list, positive } from '../input.js';

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

const rootOption = (): Option => new Option('--root <mine>', 'the mine, e.g. www.flymine.org/flymine (default: config file, else FlyMine)');

/**
 * Register `bio intermine query|lists|enrich|regions`.
 *
 * @example
 * ```ts
 * registerIntermine(program, () => context);
 * ```
 */
export function registerIntermine(program: Command, context: () => CommandContext): void {
  const intermine = program.command('intermine').description('InterMine (FlyMine, HumanMine, …): queries, lists, enrichment, regions');

  intermine
    .command('query')
    .description('run a path query and print its rows')
    .addOption(rootOption())
    .requiredOption('--select <paths>', 'comma-separated view paths, e.g. Gene.symbol,Gene.length')
    .option('--where <constraint>', "a constraint such as 'Gene.length>5000' (repeatable)", collectWhere)
    .option('--logic <expression>', 'constraint logic, e.g. "A or B"')
    .option('--sort <path>', 'sort by this path (append " desc" for descending)')
    .option('--max <n>', 'at most this many rows (default: all)', count)
    .option('--page-size <n>', 'rows per request', positive)
    .option('--start <n>', 'skip this many rows', count)
    .action(
      async (opts: { root?: string; select: string; where?: string[]; logic?: string; sort?: string; max?: number; pageSize?: number; start?: number }) => {
        const ctx = context();
        const views = list(opts.select) ?? [];
        const root = views[0]?.split('.')[0];
        if (!root) throw new ValidationError({ message: '--select needs at least one path such as Gene.symbol', field: 'select' });
        const clauses = (opts.where ?? []).map(parseWhere);
        const mine = intermineClient(ctx, opts.root);
        const query = mine.query(root).select(views);
        for (const c of clauses) query.where(c.path, c.op, c.value);
        if (opts.logic) query.logic(opts.logic);
        if (opts.sort) {
          const [path, direction] = opts.sort.trim().split(/\s+/);
          query.orderBy(path!, direction?.toLowerCase() === 'desc' ? 'desc' : 'asc');
        }
        // Rows are written as they stream in (NDJSON/TSV/CSV), so any size of result fits in memory.
        const columns = query.views;
        const out = ctx.writer(columns);
        for await (const cells of mine.rows(query, { max: opts.max, pageSize: opts.pageSize, start: opts.start })) {
          out.row(Object.fromEntries(columns.map((view, i) => [view, cells[i]])));
        }
        ctx.note(`${out.end()} rows`);
      },
    );

  intermine
    .command('lists')
    .description('the lists you can see (public ones, and yours with a token)')
    .addOption(rootOption())
    .option('--type <class>', 'only lists of this class, e.g. Gene')
    .action(async (opts: { root?: string; type?: string }) => {
      const ctx = context();
      const rows: Record<string, unknown>[] = [];
      for await (const l of intermineClient(ctx, opts.root).lists.all()) {
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
    .action(async (opts: { root?: string; list: string; widget: string; maxp: number; correction: string; filter?: string; population?: string }) => {
      const ctx = context();
      const result = await intermineClient(ctx, opts.root).enrichment({
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
    });

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
    .action(
      async (
        regions: string[],
        opts: { root?: string; organism: string; type: string; extension?: number; gff3?: boolean; bed?: boolean; saveList?: string },
      ) => {
        const ctx = context();
        const search = intermineClient(ctx, opts.root).regions({
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
}
