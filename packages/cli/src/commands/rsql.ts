import { molgenisOperators, parse, serialize, type Node } from '@bio/rsql';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { examples } from './common.js';

function toRows(node: Node, depth = 0): Record<string, unknown>[] {
  if (node.type === 'comparison') {
    return [{ depth, type: 'comparison', selector: node.selector, operator: node.operator, args: node.args }];
  }
  return [{ depth, type: node.type, children: node.children.length }, ...node.children.flatMap((c) => toRows(c, depth + 1))];
}

function tree(node: Node, indent = ''): string {
  if (node.type === 'comparison') {
    const args = node.args.length === 1 ? JSON.stringify(node.args[0]) : `(${node.args.map((a) => JSON.stringify(a)).join(', ')})`;
    return `${indent}${node.selector} ${node.operator} ${args}\n`;
  }
  return `${indent}${node.type.toUpperCase()}\n${node.children.map((c) => tree(c, `${indent}  `)).join('')}`;
}

/**
 * Register `bio rsql parse|format`: the RSQL toolkit from the command line (MOLGENIS operators allowed).
 *
 * @example
 * ```ts
 * registerRsql(program, () => context);
 * ```
 */
export function registerRsql(program: Command, context: () => CommandContext): void {
  const rsql = program.command('rsql').description('parse and format RSQL/FIQL expressions');
  rsql
    .command('parse')
    .description('print the syntax tree of an expression (or the error with a caret)')
    .argument('<expression>')
    .addHelpText('after', examples(["bio rsql parse 'name==Jan;age=gt=30'", "bio rsql parse 'a==1,b=in=(2,3)' --format json"]))
    .action((expression: string) => {
      const ctx = context();
      const node = parse(expression, { operators: molgenisOperators });
      if (ctx.options.format === undefined && ctx.io.stdout.isTTY) ctx.io.stdout.write(tree(node));
      else if (ctx.format === 'json' || ctx.format === 'ndjson') ctx.io.stdout.write(`${JSON.stringify(node, null, ctx.format === 'json' ? 2 : 0)}\n`);
      else ctx.print(toRows(node), ['depth', 'type', 'selector', 'operator', 'args', 'children']);
    });
  rsql
    .command('format')
    .description('print the canonical form of an expression')
    .argument('<expression>')
    .option('--verbose', 'use " and " / " or " instead of ";" / ","')
    .option('--quote <quote>', 'quote character for values that need one: \' or "', "'")
    .addHelpText('after', examples(['bio rsql format "name==\'Jan\' and age=gt=30"', "bio rsql format 'name==\"a b\"' --quote '\"' --verbose"]))
    .action((expression: string, opts: { verbose?: boolean; quote: string }) => {
      const ctx = context();
      if (opts.quote !== "'" && opts.quote !== '"') throw new Error(`--quote must be ' or ", not ${opts.quote}`);
      const node = parse(expression, { operators: molgenisOperators });
      // `bio rsql format x --verbose`: the root's --verbose (requests log) takes the flag wherever it
      // is written; rsql sends no requests, so here it keeps its own meaning.
      const verbose = opts.verbose ?? ctx.options.verbose ?? false;
      ctx.io.stdout.write(`${serialize(node, { quote: opts.quote, verbose })}\n`);
    });
}
