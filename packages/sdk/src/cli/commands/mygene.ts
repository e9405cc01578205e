import { MyGene, type Species, toRows } from '@bio/mygene';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { list, stdinTerms } from '../input.js';
import { progressReporter } from '../progress.js';

function client(ctx: CommandContext, concurrency?: number): MyGene {
  const cfg = ctx.config.mygene ?? {};
  return new MyGene({
    ...(cfg.baseUrl ? { baseUrl: cfg.baseUrl } : {}),
    ...(cfg.email ? { email: cfg.email } : {}),
    ...(concurrency ? { concurrency } : {}),
  });
}

function species(value: string | undefined): Species | undefined {
  if (value === undefined) return undefined;
  const items = list(value) ?? [];
  return (items.length === 1 ? items[0] : items) as Species;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive whole number, got ${value}`);
  return n;
}

/** `bio mygene gene|query|map`. */
export function registerMygene(program: Command, context: () => CommandContext): void {
  const mygene = program.command('mygene').description('MyGene.info: gene annotation and id mapping');

  mygene
    .command('gene')
    .description('one gene by Entrez or Ensembl id')
    .argument('<id>')
    .option('--fields <fields>', 'comma-separated fields (default: all)')
    .action(async (id: string, opts: { fields?: string }) => {
      const ctx = context();
      const fields = list(opts.fields);
      const gene = await client(ctx).gene(id, fields ? { fields } : {});
      if (gene === null) throw new Error(`gene ${id} not found`);
      if (ctx.format === 'json') ctx.io.stdout.write(`${JSON.stringify(gene, null, 2)}\n`);
      else ctx.print(toRows([gene], fields ? { columns: fields } : {}));
    });

  mygene
    .command('query')
    .description('full-text or fielded query (Lucene syntax)')
    .argument('<q>')
    .option('--species <species>', 'human, mouse, …, taxonomy ids or all (comma-separated)')
    .option('--fields <fields>', 'comma-separated fields', 'symbol,name,taxid,entrezgene')
    .option('--size <n>', 'hits to return (≤ 1000)', positiveInt)
    .action(async (q: string, opts: { species?: string; fields: string; size?: number }) => {
      const ctx = context();
      const fields = list(opts.fields) ?? [];
      const sp = species(opts.species);
      const res = await client(ctx).query(q, { fields, ...(sp ? { species: sp } : {}), ...(opts.size ? { size: opts.size } : {}) });
      const hits = res.hits ?? [];
      ctx.print(toRows(hits, { columns: ['_id', ...fields] }), ['_id', ...fields]);
      ctx.note(`${hits.length} of ${res.total} hits`);
    });

  mygene
    .command('map')
    .description('map identifiers read from stdin (one per line) to genes')
    .option('--scopes <scopes>', 'fields the terms are matched against, e.g. symbol,alias')
    .option('--fields <fields>', 'comma-separated fields to return', 'symbol,name,entrezgene')
    .option('--species <species>', 'human, mouse, …, taxonomy ids or all')
    .option('--concurrency <n>', 'batches in flight (1-8)', positiveInt)
    .action(async (opts: { scopes?: string; fields: string; species?: string; concurrency?: number }) => {
      const ctx = context();
      const fields = list(opts.fields) ?? [];
      const scopes = list(opts.scopes);
      const sp = species(opts.species);
      const progress = progressReporter(ctx.io, 'mygene map');
      try {
        const result = await client(ctx, opts.concurrency).queryMany(stdinTerms(ctx.io), {
          fields,
          ...(scopes ? { scopes } : {}),
          ...(sp ? { species: sp } : {}),
          onProgress: (p) => progress.update(p),
        });
        const columns = ['query', '_id', ...fields];
        ctx.print(toRows(result.hits, { columns }), columns);
        progress.stop();
        ctx.note(`${result.hits.length} hits; ${result.missing.length} missing${result.missing.length ? `: ${result.missing.slice(0, 10).join(', ')}${result.missing.length > 10 ? ', …' : ''}` : ''}; ${result.duplicates.length} with several hits${result.duplicates.length ? `: ${result.duplicates.slice(0, 10).map((d) => `${d.query} (${d.count})`).join(', ')}` : ''}`);
      } finally {
        progress.stop();
      }
    });
}
