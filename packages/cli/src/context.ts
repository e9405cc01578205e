import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { defaultFormat, formatRows, type OutputFormat, type Row, rowWriter } from './output.js';

/**
 * Where a command reads and writes: the process by default, buffers in tests.
 *
 * @example
 * ```ts
 * const io: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
 * ```
 */
export interface CliIO {
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  stdin: AsyncIterable<string | Uint8Array> & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Options every subcommand sees (set on the root program).
 *
 * @example
 * ```ts
 * const options: GlobalOptions = { format: 'tsv', offline: true };
 * ```
 */
export interface GlobalOptions {
  format?: OutputFormat;
  offline?: boolean;
  debug?: boolean;
  config?: string;
}

/**
 * Settings read from the config file: base URLs and tokens per service. Every service takes
 * `baseUrl` (the clients' option); InterMine's `root` and MOLGENIS's `url` are read too.
 *
 * @example
 * ```ts
 * const config: CliConfig = { intermine: { baseUrl: 'www.humanmine.org/humanmine' }, molgenis: { baseUrl: 'https://molgenis.example.org' } };
 * ```
 */
export interface CliConfig {
  intermine?: { baseUrl?: string; root?: string; token?: string };
  molgenis?: { baseUrl?: string; url?: string; token?: string };
  mygene?: { baseUrl?: string; email?: string };
  idr?: { baseUrl?: string };
}

/**
 * Read the JSON config file (`--config`, `$BIO_CONFIG`, or `~/.config/bio/config.json`); a missing
 * default file is fine, a missing `--config` file is an error.
 *
 * @example
 * ```ts
 * const config = readConfig(processIO(), '/etc/bio.json');
 * ```
 */
export function readConfig(io: CliIO, explicit?: string): CliConfig {
  const file = explicit ?? io.env.BIO_CONFIG ?? join(io.env.HOME ?? homedir(), '.config', 'bio', 'config.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (explicit) throw new Error(`cannot read config file ${file}: ${(error as Error).message}`);
    return {};
  }
  try {
    return JSON.parse(text) as CliConfig;
  } catch {
    throw new Error(`config file ${file} is not valid JSON`);
  }
}

/**
 * What a command needs besides its own arguments: where to write, the global options, the config.
 *
 * @example
 * ```ts
 * const ctx = new CommandContext(processIO(), { format: 'json' }, {});
 * ctx.print([{ symbol: 'CDK2' }]);
 * ```
 */
export class CommandContext {
  constructor(
    readonly io: CliIO,
    readonly options: GlobalOptions,
    readonly config: CliConfig,
    /** Tokens used when neither the environment nor the config file has one (`--offline` logins). */
    readonly fallbackTokens: { readonly intermine?: string | undefined; readonly molgenis?: string | undefined } = {},
  ) {}

  get format(): OutputFormat {
    return this.options.format ?? defaultFormat(this.io.stdout.isTTY);
  }

  /** Write rows in the chosen format. */
  print(rows: readonly Row[], columns?: readonly string[]): void {
    this.io.stdout.write(formatRows(rows, this.format, columns));
  }

  /**
   * A writer that streams rows (NDJSON/TSV/CSV) or collects them (JSON/table) until `end()`.
   *
   * @example
   * ```ts
   * const out = ctx.writer(['id', 'name']);
   * for await (const hit of hits) out.row(hit);
   * ctx.note(`${out.end()} rows`);
   * ```
   */
  writer(columns: readonly string[]): { row(row: Row): void; end(): number } {
    return rowWriter(this.format, columns, (text) => this.io.stdout.write(text));
  }

  /** A note for humans: stderr, so stdout stays machine-readable. */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  /** A token from the environment or the config file (else an offline login's); never printed. */
  token(service: 'intermine' | 'molgenis'): string | undefined {
    const fromEnv = service === 'intermine' ? this.io.env.INTERMINE_TOKEN : this.io.env.MOLGENIS_TOKEN;
    return fromEnv || this.config[service]?.token || this.fallbackTokens[service] || undefined;
  }
}
