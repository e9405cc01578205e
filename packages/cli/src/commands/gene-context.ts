import { InterMine } from '@bio/intermine';
import type { Command } from 'commander';
import { idrClient, mygeneClient } from '../clients.js';
import type { CommandContext } from '../context.js';
import { GENE_CONTEXT_COLUMNS, geneContext, MINES } from '../gene-context.js';
import { between, checkColumn, checkSource, list } from '../input.js';
import { examples } from './common.js';

/**
 * Register `bio gene-context`.
 *
 * @example
 * ```ts
 * registerGeneContext(program, () => context);
 * ```
 */
export function registerGeneContext(program: Command, context: () => CommandContext): void {
  program
    .command('gene-context')
    .description('genes → MyGene.info → IDR images of each gene → its pathways (HumanMine for human, FlyMine for fly): one row per gene × image')
    .argument('[genes...]', 'gene symbols or ids (or give --file)')
    .option('--file <file>', 'read the genes from a file, one per line, or - for stdin')
    .option('--column <name|n>', 'read this column of a TSV/CSV --file', checkColumn)
    .option('--species <species>', 'MyGene species to match, comma-separated (human, fruitfly, …)', 'human,fruitfly')
    .option('--scopes <scopes>', 'MyGene fields the genes are matched against', 'symbol,entrezgene,ensembl.gene')
    .option('--max-images <n>', 'images per gene at most (1-1000)', between(1, 1000), 20)
    .option('--humanmine <url>', `HumanMine base URL (default: $HUMANMINE_URL, else ${MINES[9606]?.baseUrl})`)
    .option('--flymine <url>', `FlyMine base URL (default: $FLYMINE_URL, else ${MINES[7227]?.baseUrl})`)
    .addHelpText(
      'after',
      [
        examples([
          'bio gene-context CDC20 eve --offline',
          'bio gene-context --file genes.txt --max-images 5 > context.tsv',
          'bio gene-context eve --species fruitfly',
        ]),
        'MyGene.info and IDR come from $MYGENE_URL and $IDR_URL (or the config file). Columns:',
        `  ${GENE_CONTEXT_COLUMNS.join(', ')}`,
        'A gene with no images, no pathways or no mine is one row whose note says so.',
      ].join('\n'),
    )
    .action(
      async (
        genes: string[],
        opts: { file?: string; column?: string; species: string; scopes: string; maxImages: number; humanmine?: string; flymine?: string },
      ) => {
        const ctx = context();
        if (genes.length > 0 && opts.file !== undefined) throw new Error('give genes as arguments or --file, not both');
        const source = genes.length > 0 ? genes : { file: opts.file, column: opts.column };
        if (!Array.isArray(source)) checkSource(source);
        const mines = new Map<number, InterMine>();
        const mine = (taxid: number): InterMine | undefined => {
          const info = MINES[taxid];
          if (!info) return undefined;
          let client = mines.get(taxid);
          if (!client) {
            const flag = opts[info.option];
            const baseUrl = flag ?? (ctx.options.offline ? undefined : ctx.io.env[info.env]) ?? info.baseUrl;
            client = new InterMine({ baseUrl, retry: ctx.options.offline ? 0 : undefined, hooks: ctx.hooks(), token: undefined });
            mines.set(taxid, client);
          }
          return client;
        };
        const idr = idrClient(ctx);
        const out = ctx.writer(GENE_CONTEXT_COLUMNS);
        let count = 0;
        for await (const row of geneContext(ctx, source, {
          mygene: mygeneClient(ctx),
          idr,
          mine,
          // Offline, HumanMine and FlyMine have simulators at their default addresses; a mine
          // given with --humanmine/--flymine is not simulated and fails in the row's note.
          idrLink: (id) => `${idr.baseUrl}/webclient/?show=image-${id}`,
          scopes: list(opts.scopes) ?? [],
          species: list(opts.species) ?? [],
          maxImages: opts.maxImages,
        })) {
          out.row(row);
          count++;
          await ctx.drained();
        }
        out.end();
        ctx.note(`${count} rows`);
      },
    );
}
