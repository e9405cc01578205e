import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { HttpHooks } from '@bio/core-http';
import { defaultFormat, formatRows, type OutputFormat, type Row, type RowWriter, rowWriter } from './output.js';

/**
 * Where a command reads and writes: the process by default, buffers in tests.
 *
 * @example
 * ```ts
 * const io: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
 * ```
 */
export interface CliIO {
  /** `once('drain')` (a Node stream's) lets long outputs wait for a slow reader instead of buffering. */
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean; once?(event: 'drain', listener: () => void): unknown };
  /** Progress, notes and errors. The progress bar is drawn only when `isTTY` is true, as wide as `columns` (the terminal width). */
  stderr: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
  /** Input read when a command gets no file (or `-`), as text or byte chunks; `isTTY` true makes `mygene map` say it is waiting for input. */
  stdin: AsyncIterable<string | Uint8Array> & { isTTY?: boolean };
  /** Environment variables: `BIO_CONFIG`, `HOME`, the base URLs (`MYGENE_URL`, `MOLGENIS_URL`, …) and tokens (`INTERMINE_TOKEN`, `MOLGENIS_TOKEN`, `MOLGENIS_EMX2_TOKEN`). */
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
  /** No progress and no summary notes on stderr (errors are still printed). */
  quiet?: boolean;
  /** Every request on stderr: method, redacted URL, status and time taken. */
  verbose?: boolean;
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
 * default file is fine, a missing `--config` file is an error, and a file holding a token that
 * group or others can read is refused (`chmod 600` it).
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
  let config: CliConfig;
  try {
    config = JSON.parse(text) as CliConfig;
  } catch {
    throw new Error(`config file ${file} is not valid JSON`);
  }
  refuseReadableTokens(file, config);
  return config;
}

/**
 * A config file holding a token must be readable by its owner only (as ssh does for keys): one
 * that others can read is refused before any request, naming the fix. POSIX permissions only
 * (Windows has no such bits).
 */
function refuseReadableTokens(file: string, config: CliConfig): void {
  if (process.platform === 'win32' || !(config.intermine?.token || config.molgenis?.token)) return;
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new Error(`config file ${file} holds a token but others can read it (mode ${mode.toString(8).padStart(3, '0')}); run: chmod 600 ${file}`);
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
    readonly fallbackTokens: { readonly intermine?: string | undefined; readonly molgenis?: string | undefined; readonly emx2?: string | undefined } = {},
  ) {}

  get format(): OutputFormat {
    return this.options.format ?? defaultFormat(this.io.stdout.isTTY);
  }

  #output: RowWriter | undefined;
  #backlog = false;

  /** Write rows in the chosen format. */
  print(rows: readonly Row[], columns?: readonly string[]): void {
    this.io.stdout.write(formatRows(rows, this.format, columns));
  }

  /**
   * Print one record (a gene, an image, the service metadata): with `--format json` the whole
   * object as the service sent it, pretty-printed; in the other formats `toRows(record)`, a flat
   * view of it.
   *
   * @example
   * ```ts
   * ctx.printRecord(await client.image(id), (i) => [{ id: i['@id'], name: i.Name }]);
   * ```
   */
  printRecord<T>(record: T, toRows: (record: T) => readonly Row[], columns?: readonly string[]): void {
    if (this.format === 'json') this.io.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
    else this.print(toRows(record), columns);
  }

  /**
   * A writer that streams rows (JSON/NDJSON/TSV/CSV) or collects them (table) until `end()`.
   * The latest writer is the command's output: if the command fails, `abortOutput()` closes it.
   *
   * @example
   * ```ts
   * const out = ctx.writer(['id', 'name']);
   * for await (const hit of hits) {
   *   out.row(hit);
   *   await ctx.drained();
   * }
   * ctx.note(`${out.end()} rows`);
   * ```
   */
  writer(columns: readonly string[]): RowWriter {
    this.#output = rowWriter(this.format, columns, (text) => this.#write(text));
    return this.#output;
  }

  /**
   * Stream `items` as rows through a new writer, waiting for stdout between rows (a slow reader
   * holds the producer back), then end it; resolves to the number of rows written.
   *
   * @example
   * ```ts
   * ctx.note(`${await ctx.writeAll(['id', 'name'], idr.screens(), (s) => ({ id: s['@id'], name: s.Name }))} screens`);
   * ```
   */
  async writeAll<T>(columns: readonly string[], items: AsyncIterable<T>, toRow: (item: T) => Row): Promise<number> {
    const out = this.writer(columns);
    for await (const item of items) {
      out.row(toRow(item));
      await this.drained();
    }
    return out.end();
  }

  /**
   * Copy `pieces` (text or bytes, e.g. a server's CSV export) to stdout as they arrive, waiting
   * for a slow reader between pieces.
   *
   * @example
   * ```ts
   * await ctx.pipe(molgenis.csvText('celiacsprue'));
   * ```
   */
  async pipe(pieces: AsyncIterable<string | Uint8Array>): Promise<void> {
    for await (const piece of pieces) {
      this.#write(piece);
      await this.drained();
    }
  }

  /** Write to stdout, noting a full buffer for {@link drained}. */
  #write(chunk: string | Uint8Array): void {
    if (this.io.stdout.write(chunk) === false) this.#backlog = true;
  }

  /** Resolves once stdout has taken what was written (a slow reader holds the producer back). */
  async drained(): Promise<void> {
    if (!this.#backlog) return;
    this.#backlog = false;
    const stdout = this.io.stdout;
    if (stdout.once) await new Promise<void>((resolve) => stdout.once?.('drain', resolve));
  }

  /**
   * After a failure: close the output the command began (a JSON array is closed, a table
   * printed) and return how many rows it holds; `undefined` when no output was open.
   */
  abortOutput(): number | undefined {
    const out = this.#output;
    this.#output = undefined;
    if (!out) return undefined;
    const written = out.rows;
    out.abort();
    return written;
  }

  /** A note for humans: stderr, so stdout stays machine-readable; none with `--quiet`. */
  note(text: string): void {
    if (!this.options.quiet) this.io.stderr.write(`${text}\n`);
  }

  /**
   * The clients' `hooks`: with `--verbose`, one stderr line per response (method, URL as the
   * hooks give it — secrets redacted —, status, time) and per retry.
   */
  hooks(): HttpHooks | undefined {
    if (!this.options.verbose) return undefined;
    const err = this.io.stderr;
    return {
      onResponse: (e) => {
        err.write(`> ${e.method} ${e.url} → ${e.status} in ${Math.round(e.durationMs)} ms${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}\n`);
      },
      onRetry: (e) => {
        err.write(`> ${e.method} ${e.url}: ${e.error.status || e.error.code}, retry ${e.attempt - 1} after ${e.delayMs} ms\n`);
      },
    };
  }

  /** A token from the environment or the config file (else an offline login's); never printed. */
  token(service: 'intermine' | 'molgenis'): string | undefined {
    const fromEnv = service === 'intermine' ? this.io.env.INTERMINE_TOKEN : this.io.env.MOLGENIS_TOKEN;
    return fromEnv || this.config[service]?.token || this.fallbackTokens[service] || undefined;
  }
}
