import { NotFoundError } from '@bio/core-http';
import { type Hit, type Species, toRows } from '@bio/mygene';
import type { Command } from 'commander';
import { mygeneClient as client } from '../clients.js';
import type { CommandContext } from '../context.js';
import { between, checkColumn, checkSource, count, list, positive } from '../input.js';
import { baseUrlOf, examples, serviceCommand } from './common.js';
import { mapTerms, termRow } from './mygene-map.js';

/** What MyGene.info returns for a query hit when no `fields` are sent. */
const DEFAULT_HIT_FIELDS = ['symbol', 'name', 'taxid', 'entrezgene'];

function species(value: string | undefined): Species | undefined {
  if (value === undefined) return undefined;
  const items = list(value) ?? [];
  return (items.length === 1 ? items[0] : items) as Species;
}

/**
 * Register `bio mygene gene|query|map`.
 *
 * @example
 * ```ts
 * registerMygene(program, () => context);
 * ```
 */
export function registerMygene(program: Command, context: () => CommandContext): void {
  const mygene = serviceCommand(program, 'mygene', 'MyGene.info: gene annotation and id mapping');

  mygene
    .command('gene')
    .description('one gene by Entrez or Ensembl id')
    .argument('<id>')
    .option('--fields <fields>', 'comma-separated fields, or "all"', 'symbol,name')
    .addHelpText(
      'after',
      examples([
        'bio mygene gene 1017 --offline',
        'bio mygene gene 1017 --fields all --format json --offline',
        'bio mygene gene ENSG00000123374 --fields symbol,genomic_pos',
      ]),
    )
    .action(async (id: string, opts: { fields: string }, cmd: Command) => {
      const ctx = context();
      const fields = opts.fields === 'all' ? undefined : list(opts.fields);
      const gene = await client(ctx, undefined, baseUrlOf(cmd)).gene(id, { fields });
      if (gene === null) throw new NotFoundError({ status: 404, service: 'mygene', message: `no gene with id ${id}` });
      ctx.printRecord(gene, (g) => toRows([g], fields ? { columns: fields } : {}));
    });

  mygene
    .command('query')
    .description('full-text or fielded query (Lucene syntax)')
    .argument('<q>')
    .option('--species <species>', 'human, mouse, …, taxonomy ids or all (comma-separated)')
    .option('--fields <fields>', 'comma-separated fields (default: symbol,name,taxid,entrezgene)')
    .option('--size <n>', 'hits to return (0-1000)', count)
    .option('--facets <fields>', 'count hits per value of these fields, e.g. taxid')
    .option('--facet-size <n>', 'buckets per facet', positive)
    .addHelpText(
      'after',
      examples([
        "bio mygene query 'symbol:cdk2' --offline",
        "bio mygene query 'symbol:cdk2' --species human --offline",
        'bio mygene query cdk2 --size 0 --facets taxid --facet-size 3 --offline',
      ]),
    )
    .action(async (q: string, opts: { species?: string; fields?: string; size?: number; facets?: string; facetSize?: number }, cmd: Command) => {
      const ctx = context();
      const requested = list(opts.fields);
      const fields = requested ?? DEFAULT_HIT_FIELDS;
      const sp = species(opts.species);
      const facets = list(opts.facets);
      const res = await client(ctx, undefined, baseUrlOf(cmd)).query(q, { fields: requested, species: sp, size: opts.size, facets, facetSize: opts.facetSize });
      const hits = res.hits ?? [];
      if (facets && hits.length === 0) {
        const rows = Object.entries(res.facets ?? {}).flatMap(([facet, f]) => (f.terms ?? []).map((t) => ({ facet, term: t.term, count: t.count })));
        ctx.print(rows, ['facet', 'term', 'count']);
      } else {
        ctx.print(toRows(hits, { columns: ['_id', ...fields] }), ['_id', ...fields]);
      }
      ctx.note(`${hits.length} of ${res.total} hits`);
    });

  mygene
    .command('map')
    .description('map terms (symbols, ids, aliases) to genes: one row per term, in input order, as batches answer')
    .argument('[file]', 'terms, one per line, or a TSV/CSV table with --column (default, or -: stdin)')
    .option('--column <name|n>', 'read this column of a TSV/CSV table: a header name, or a 1-based index', checkColumn)
    .option('--scopes <scopes>', 'fields the terms are matched against, e.g. symbol,alias')
    .option('--fields <fields>', 'comma-separated fields to return (default: symbol,name,taxid,entrezgene)')
    .option('--species <species>', 'human, mouse, …, taxonomy ids or all')
    .option('--concurrency <n>', 'requests in flight (1-8)', between(1, 8))
    .addHelpText(
      'after',
      examples([
        "printf '1017\\ntp53\\ndummy\\n' | bio mygene map --scopes entrezgene,symbol --species human,rat --offline",
        'bio mygene map ids.txt --scopes symbol,alias --fields symbol,name,entrezgene > out.tsv',
        'bio mygene map genes.csv --column symbol --scopes symbol --species human',
      ]),
    )
    .action(
      async (file: string | undefined, opts: { column?: string; scopes?: string; fields?: string; species?: string; concurrency?: number }, cmd: Command) => {
        const ctx = context();
        const source = { file, column: opts.column };
        checkSource(source);
        const requested = list(opts.fields);
        if ((file === undefined || file === '-') && ctx.io.stdin.isTTY) {
          ctx.note('reading terms from stdin, one per line (end with Ctrl-D; or give a file: bio mygene map ids.txt)');
        }
        const counts = await mapTerms(ctx, source, {
          fields: requested ?? DEFAULT_HIT_FIELDS,
          requestFields: requested,
          scopes: list(opts.scopes),
          species: species(opts.species),
          concurrency: opts.concurrency,
          baseUrl: baseUrlOf(cmd),
        });
        ctx.note(`${counts.found + counts.missing + counts.ambiguous} terms: ${counts.found} found, ${counts.missing} missing, ${counts.ambiguous} ambiguous`);
      },
    );

  mygene
    .command('fetch-all')
    .description('every hit of a query (scrolls past the 10,000 limit of query), streamed')
    .argument('<q>', "a query, e.g. 'symbol:cdk*' or 'brain'")
    .option('--species <species>', 'human, mouse, …, taxonomy ids or all (comma-separated)')
    .option('--fields <fields>', 'comma-separated fields (default: symbol,name,taxid,entrezgene)')
    .option('--max <n>', 'at most this many hits (default: all)', positive)
    .addHelpText(
      'after',
      examples([
        "bio mygene fetch-all 'symbol:cdk*' --species human --offline",
        'bio mygene fetch-all brain --species human --fields symbol --max 5000 > brain.tsv',
      ]),
    )
    .action(async (q: string, opts: { species?: string; fields?: string; max?: number }, cmd: Command) => {
      const ctx = context();
      const fields = list(opts.fields) ?? DEFAULT_HIT_FIELDS;
      const hits = client(ctx, undefined, baseUrlOf(cmd)).fetchAll(q, { fields, species: species(opts.species), max: opts.max });
      ctx.note(`${await ctx.writeAll(['_id', ...fields], hits, (hit) => termRow('', [hit as unknown as Hit], fields))} hits`);
    });

  mygene
    .command('metadata')
    .description("the service's build: version, date, gene counts, species and genome assemblies")
    .addHelpText('after', examples(['bio mygene metadata --offline', 'bio mygene metadata --format json']))
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = context();
      const metadata = await client(ctx, undefined, baseUrlOf(cmd)).metadata();
      ctx.printRecord(
        metadata,
        (m) => [
          { key: 'build_version', value: m.build_version },
          { key: 'build_date', value: m.build_date },
          ...Object.entries(m.stats).map(([key, value]) => ({ key: `stats.${key}`, value })),
          ...Object.entries(m.taxonomy).map(([key, value]) => ({ key: `taxonomy.${key}`, value })),
          ...Object.entries(m.genome_assembly ?? {}).map(([key, value]) => ({ key: `genome_assembly.${key}`, value })),
        ],
        ['key', 'value'],
      );
    });
}
