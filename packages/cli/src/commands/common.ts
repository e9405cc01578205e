import { ValidationError } from '@bio/core-http';
import { type Command, Option } from 'commander';
import { DEFAULT_BASE_URL as IDR_BASE_URL } from '@bio/idr';
import { DEFAULT_BASE_URL as MYGENE_BASE_URL } from '@bio/mygene';
import { BASE_URL_ENV } from '../clients.js';

type Service = keyof typeof BASE_URL_ENV;

/** The base URL each service falls back to last, as its `--base-url` help says (the clients' defaults). */
const BASE_URL_FALLBACK: Readonly<Record<Service, string>> = {
  mygene: MYGENE_BASE_URL,
  intermine: 'FlyMine',
  idr: IDR_BASE_URL,
  molgenis: 'none: required',
  emx2: 'none: required',
};

/**
 * `--base-url <url>` of a service command (`bio mygene --base-url …`, also accepted after the
 * subcommand), naming its environment variable.
 *
 * @example
 * ```ts
 * program.command('mygene').addOption(baseUrlOption('mygene'));
 * ```
 */
export function baseUrlOption(service: Service): Option {
  return new Option(
    '--base-url <url>',
    `the service's base URL (default: $${BASE_URL_ENV[service]}, else the config file, else ${BASE_URL_FALLBACK[service]})`,
  );
}

/**
 * A service's command group (`bio mygene`, `bio idr`, …), with its `--base-url` option; its
 * subcommands are added to what this returns.
 *
 * @example
 * ```ts
 * const mygene = serviceCommand(program, 'mygene', 'MyGene.info: gene annotation and id mapping');
 * mygene.command('gene');
 * ```
 */
export function serviceCommand(parent: Command, service: Service, description: string): Command {
  return parent.command(service).description(description).addOption(baseUrlOption(service));
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
