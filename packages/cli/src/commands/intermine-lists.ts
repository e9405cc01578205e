import { ValidationError } from '@bio/core-http';
import type { Command, Option } from 'commander';
import { intermineClient } from '../clients.js';
import type { CommandContext } from '../context.js';
import { checkColumn, checkSource, count, list, readTerms } from '../input.js';
import { rowOf } from '../output.js';
import { baseUrlOf, examples } from './common.js';

/**
 * Register `bio intermine list show|create|append|rename|delete`.
 *
 * @example
 * ```ts
 * registerLists(intermineCommand, () => context, rootOption);
 * ```
 */
export function registerLists(intermine: Command, context: () => CommandContext, rootOption: () => Option): void {
  const lists = intermine.command('list').description('one list: its members, or create, append to, rename or delete it (token needed to write)');

  lists
    .command('show')
    .description("a list's members (its class's summary fields, or --select)")
    .argument('<name>', 'the list, e.g. demo-list')
    .addOption(rootOption())
    .option('--select <paths>', 'comma-separated paths, e.g. Gene.symbol,Gene.length (default: the summary fields)')
    .option('--max <n>', 'at most this many members (default: all)', count)
    .addHelpText(
      'after',
      examples(['bio intermine list show demo-list --offline', 'bio intermine list show demo-list --select Gene.symbol,Gene.length --offline']),
    )
    .action(async (name: string, opts: { root?: string; select?: string; max?: number }, cmd: Command) => {
      const ctx = context();
      const mine = intermineClient(ctx, opts.root ?? baseUrlOf(cmd));
      const found = await mine.lists.get(name);
      const views = list(opts.select) ?? (await mine.summaryFields())[found.type] ?? [`${found.type}.id`];
      const query = found.query(...views);
      const columns = query.views;
      const written = await ctx.writeAll(columns, mine.rows(query, { max: opts.max }), (cells) => rowOf(columns, cells));
      ctx.note(`${written} of ${found.size} members of ${found.name}`);
    });

  lists
    .command('create')
    .description('a new list from identifiers (a file, - or stdin; one per line or a --column)')
    .argument('<name>', 'the new list')
    .argument('[file]', 'identifiers (default, or -: stdin)')
    .requiredOption('--type <class>', 'class of the objects, e.g. Gene')
    .addOption(rootOption())
    .option('--column <name|n>', 'read this column of a TSV/CSV table', checkColumn)
    .option('--organism <name>', "resolve ambiguous identifiers in this organism, e.g. 'D. melanogaster'")
    .option('--description <text>', 'the list description')
    .option('--tags <tags>', 'comma-separated tags')
    .addHelpText(
      'after',
      examples([
        "printf 'eve\\nzen\\n' | INTERMINE_TOKEN=good-token-0123456789 bio intermine list create my-genes --type Gene --offline",
        'bio intermine list create hits genes.tsv --column symbol --type Gene --organism "D. melanogaster"',
      ]),
    )
    .action(
      async (
        name: string,
        file: string | undefined,
        opts: { type: string; root?: string; column?: string; organism?: string; description?: string; tags?: string },
        cmd: Command,
      ) => {
        const ctx = context();
        const source = { file, column: opts.column };
        checkSource(source);
        const identifiers: string[] = [];
        for await (const term of readTerms(ctx.io, source)) identifiers.push(term);
        if (identifiers.length === 0) throw new ValidationError({ message: `no identifiers in ${file ?? 'stdin'}`, field: 'file' });
        const created = await intermineClient(ctx, opts.root ?? baseUrlOf(cmd)).lists.create(identifiers, {
          name,
          type: opts.type,
          organism: opts.organism,
          description: opts.description,
          tags: list(opts.tags),
        });
        const unmatched = created.toJSON().unmatchedIdentifiers;
        ctx.print([{ name: created.name, type: created.type, size: created.size, unmatched }], ['name', 'type', 'size', 'unmatched']);
      },
    );

  lists
    .command('append')
    .description('add identifiers to a list')
    .argument('<name>', 'the list')
    .argument('[file]', 'identifiers (default, or -: stdin)')
    .addOption(rootOption())
    .option('--column <name|n>', 'read this column of a TSV/CSV table', checkColumn)
    .addHelpText('after', examples(["printf 'hb\\n' | bio intermine list append my-genes"]))
    .action(async (name: string, file: string | undefined, opts: { root?: string; column?: string }, cmd: Command) => {
      const ctx = context();
      const source = { file, column: opts.column };
      checkSource(source);
      const identifiers: string[] = [];
      for await (const term of readTerms(ctx.io, source)) identifiers.push(term);
      const result = await intermineClient(ctx, opts.root ?? baseUrlOf(cmd)).lists.append(name, identifiers);
      ctx.print([{ name, size: result.size, unmatched: result.unmatchedIdentifiers }], ['name', 'size', 'unmatched']);
    });

  lists
    .command('rename')
    .description('rename a list')
    .argument('<name>', 'the list')
    .argument('<new-name>', 'its new name')
    .addOption(rootOption())
    .addHelpText('after', examples(['bio intermine list rename my-genes segmentation']))
    .action(async (name: string, newName: string, opts: { root?: string }, cmd: Command) => {
      const ctx = context();
      const result = await intermineClient(ctx, opts.root ?? baseUrlOf(cmd)).lists.rename(name, newName);
      ctx.print([{ name: result.name, size: result.size }], ['name', 'size']);
    });

  lists
    .command('delete')
    .description('delete a list')
    .argument('<name>', 'the list')
    .addOption(rootOption())
    .addHelpText('after', examples(['bio intermine list delete my-genes']))
    .action(async (name: string, opts: { root?: string }, cmd: Command) => {
      const ctx = context();
      await intermineClient(ctx, opts.root ?? baseUrlOf(cmd)).lists.delete(name);
      ctx.note(`deleted ${name}`);
    });
}
