import { Argument, Command, CommanderError, Help, Option } from 'commander';
import { examples } from './commands/common.js';
import { completionScript, SHELLS, type Shell } from './completion.js';
import { type CliIO, CommandContext, type GlobalOptions, readConfig } from './context.js';
import { describeError } from './errors.js';
import { OUTPUT_FORMATS } from './output.js';
import { registerGeneContext } from './commands/gene-context.js';
import { registerIdr } from './commands/idr.js';
import { registerIntermine } from './commands/intermine.js';
import { registerMolgenis } from './commands/molgenis.js';
import { registerMygene } from './commands/mygene.js';
import { registerRsql } from './commands/rsql.js';
import { VERSION } from './internal/version.js';
import type { OfflineServer } from './offline.js';

/**
 * The process's own streams and environment.
 *
 * @example
 * ```ts
 * await runCli(['rsql', 'format', 'a==1'], processIO());
 * ```
 */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/**
 * Run the `bio` command line with `argv` (without the node and script names) and return the
 * exit code. Errors print one line on stderr (`--debug` adds the stack). `io` defaults to the
 * process's streams and environment; `version` (printed by `--version`) to this package's.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2));
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO(), version: string = VERSION): Promise<number> {
  const program = new Command('bio');
  let context: CommandContext | undefined;
  let offline: OfflineServer | undefined;
  program
    .description('Command-line access to MyGene.info, InterMine, IDR, MOLGENIS and RSQL')
    .version(version)
    .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, tsv otherwise)').choices(OUTPUT_FORMATS))
    .option('--offline', 'answer from built-in simulators of the services instead of the network')
    .option('--config <file>', 'config file with base URLs and tokens (default ~/.config/bio/config.json)')
    .option('--debug', 'print stack traces')
    .option('-q, --quiet', 'no progress and no summary notes on stderr (errors are still printed)')
    .addOption(new Option('-v, --verbose', 'print every request on stderr: method, URL (secrets redacted), status, time').conflicts('quiet'))
    .addHelpText(
      'after',
      [
        '',
        'Every command has examples in its help: bio <service> <command> --help. Shell completion: bio completion bash|zsh|fish.',
        '',
        'Try it with no network (answers come from simulators with built-in data; see the README):',
        '  bio mygene gene 1017 --offline',
        "  bio intermine query --select Gene.symbol,Gene.primaryIdentifier,Gene.length --where 'Gene.symbol ONE OF eve,zen' --sort Gene.symbol --offline",
        '  bio idr annotations --screen 102 --offline',
        "  bio molgenis get celiacsprue --q 'celiac_weight=ge=80;celiac_height=lt=180,celiac_gender==Female' --offline",
        "  bio rsql parse 'name==Jan;age=gt=30'",
        '',
        'Tokens: INTERMINE_TOKEN, MOLGENIS_TOKEN (or the config file), MOLGENIS_EMX2_TOKEN; they are never printed.',
        'Base URLs: --base-url, or MYGENE_URL, INTERMINE_URL, IDR_URL, MOLGENIS_URL, MOLGENIS_EMX2_URL (HUMANMINE_URL, FLYMINE_URL for gene-context).',
      ].join('\n'),
    )
    .exitOverride()
    // Every command's help lists the options of the commands above it (--format, --offline, the
    // service's --base-url) and marks the options it cannot run without.
    .configureHelp({
      showGlobalOptions: true,
      optionDescription(option) {
        const text = Help.prototype.optionDescription.call(this, option);
        return option.mandatory ? `(required) ${text}` : text;
      },
    })
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .hook('preAction', async (_program, action) => {
      const options = program.opts<GlobalOptions>();
      const config = readConfig(io, options.config);
      context = new CommandContext(io, options, config);
      if (options.offline) {
        // A MOLGENIS command with no token logs in as the simulator's admin (a fresh simulator
        // per run knows no earlier token), so offline writes work too.
        const molgenisLogin = action.parent?.name() === 'molgenis' && context.token('molgenis') === undefined;
        // An EMX2 command with no token signs in as the EMX2 simulator's admin, likewise.
        const emx2Login = action.parent?.name() === 'emx2' && !action.optsWithGlobals<{ token?: string }>().token && !io.env.MOLGENIS_EMX2_TOKEN;
        offline = await (await import('./offline.js')).startOffline({ molgenisLogin, emx2Login });
        context = new CommandContext(io, options, config, offline.tokens);
      }
    });
  const ctx = (): CommandContext => {
    if (!context) throw new Error('command context used before the command ran');
    return context;
  };
  registerMygene(program, ctx);
  registerIntermine(program, ctx);
  registerIdr(program, ctx);
  registerMolgenis(program, ctx);
  registerRsql(program, ctx);
  registerGeneContext(program, ctx);
  program
    .command('completion')
    .description('print a shell completion script')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .addHelpText(
      'after',
      examples([
        'source <(bio completion bash)',
        'bio completion zsh > ~/.zfunc/_bio   # a directory on $fpath',
        'bio completion fish > ~/.config/fish/completions/bio.fish',
      ]),
    )
    .action((shell: Shell) => {
      io.stdout.write(completionScript(shell, program));
    });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    // Output already begun is closed (a JSON array stays valid) and counted, so a partial result is never mistaken for a whole one.
    const written = context?.abortOutput();
    io.stderr.write(describeError(error, program.opts<GlobalOptions>().debug ?? false));
    if (written !== undefined && written > 0)
      io.stderr.write(`stopped after ${written} row${written === 1 ? '' : 's'} written to stdout; the output is incomplete\n`);
    return 1;
  } finally {
    offline?.close();
  }
}
