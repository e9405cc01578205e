import { ValidationError } from '@bio/core-http';
import { type Command, Option } from 'commander';
import { BASE_URL_ENV } from '../clients.js';

/**
 * `--base-url <url>` of a service command (`bio mygene --base-url …`, also accepted after the
 * subcommand), naming its environment variable.
 *
 * @example
 * ```ts
 * program.command('mygene').addOption(baseUrlOption('mygene'));
 * ```
 */
export function baseUrlOption(service: keyof typeof BASE_URL_ENV, fallback: string): Option {
  return new Option('--base-url <url>', `the service's base URL (default: $${BASE_URL_ENV[service]}, else the config file, else ${fallback})`);
}

/**
 * The `--base-url` given to a command or its service command.
 *
 * @example
 * ```ts
 * .action(async (opts, cmd: Command) => mygeneClient(ctx, undefined, baseUrlOf(cmd)))
 * ```
 */
export function baseUrlOf(cmd: Command): string | undefined {
  return cmd.optsWithGlobals<{ baseUrl?: string }>().baseUrl;
}

/**
 * Examples shown at the end of a command's `--help`.
 *
 * @example
 * ```ts
 * cmd.addHelpText('after', examples(['bio mygene gene 1017 --offline']));
 * ```
 */
export function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/**
 * An option value that must be one of `accepted`: the error names the bad value and the accepted ones.
 *
 * @example
 * ```ts
 * oneOf('--pick', ['first', 'best'])('worst'); // throws: --pick "worst" is not one of: first, best
 * ```
 */
export function oneOf<T extends string>(option: string, accepted: readonly T[]): (value: string) => T {
  return (value) => {
    if ((accepted as readonly string[]).includes(value)) return value as T;
    throw new ValidationError({ message: `${option} "${value}" is not one of: ${accepted.join(', ')}`, field: option });
  };
}
