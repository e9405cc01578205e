import { createReadStream, statSync } from 'node:fs';
import { lines, ValidationError } from '@bio/core-http';
import { InvalidArgumentError } from 'commander';
import type { CliIO } from './context.js';

/**
 * Where a command reads its terms: a file, or stdin (no argument, or `-`), and optionally one
 * column of a TSV/CSV table (`--column NAME|N`).
 *
 * @example
 * ```ts
 * const source: TermSource = { file: 'genes.tsv', column: 'symbol' };
 * ```
 */
export interface TermSource {
  /** A file path; `undefined` or `-` reads stdin. */
  file?: string | undefined;
  /**
   * A header name (the first line is then the header) or a 1-based column index (every line
   * is data). The delimiter is a tab when the first line has one, else a comma.
   */
  column?: string | undefined;
}

async function* stdinBytes(io: CliIO): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const chunk of io.stdin) yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
}

/** The fields of one TSV or CSV line; CSV fields may be quoted ("a, b", "" for a quote). */
export function splitFields(line: string, delimiter: string): string[] {
  if (delimiter === '\t') return line.split('\t');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/**
 * Check a `--column` value before anything is read: a header name or a whole number ≥ 1.
 *
 * @example
 * ```ts
 * checkColumn('2'); // '2'
 * checkColumn('0'); // throws ValidationError
 * ```
 */
export function checkColumn(value: string): string {
  if (value.trim() === '') throw new ValidationError({ message: '--column needs a header name or a 1-based index, got an empty value', field: 'column' });
  if (/^-?\d+$/.test(value.trim()) && Number(value) < 1) {
    throw new ValidationError({ message: `--column ${value}: an index starts at 1 (or give a header name)`, field: 'column' });
  }
  return value.trim();
}

/**
 * The terms of a file or stdin, read lazily so input of any size streams: trimmed, blank lines
 * and `#` comments skipped; with `column`, that cell of each row. A missing file, a header
 * without the named column, or a row without the column is an error naming the line.
 *
 * @example
 * ```ts
 * for await (const term of readTerms(processIO(), { file: 'ids.txt' })) console.log(term);
 * ```
 */
export async function* readTerms(io: CliIO, source: TermSource = {}): AsyncGenerator<string> {
  const fromStdin = source.file === undefined || source.file === '-';
  const name = fromStdin ? 'stdin' : source.file;
  const bytes = fromStdin ? stdinBytes(io) : createReadStream(source.file as string);
  const column = source.column;
  let index = column !== undefined && /^\d+$/.test(column) ? Number(column) - 1 : undefined;
  let delimiter: string | undefined;
  let lineNo = 0;
  try {
    for await (const raw of lines(bytes)) {
      lineNo++;
      const line = raw.replace(/\r$/, '');
      const trimmed = line.trim();
      if (trimmed.length === 0 || trimmed.startsWith('#')) continue;
      if (column === undefined) {
        yield trimmed;
        continue;
      }
      delimiter ??= line.includes('\t') ? '\t' : ',';
      const fields = splitFields(line, delimiter);
      if (index === undefined) {
        index = fields.findIndex((f) => f.trim() === column);
        if (index < 0) {
          throw new ValidationError({
            message: `${name}: no column "${column}" in the header (columns: ${fields.map((f) => f.trim()).join(', ')})`,
            field: 'column',
          });
        }
        continue;
      }
      const cell = fields[index];
      if (cell === undefined)
        throw new ValidationError({ message: `${name} line ${lineNo}: no column ${index + 1} (the row has ${fields.length})`, field: 'column' });
      const term = cell.trim();
      if (term.length > 0) yield term;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') {
      throw new ValidationError({ message: `cannot read ${name}: ${(error as Error).message}`, field: 'file' });
    }
    throw error;
  }
}

/**
 * Check the input file before any request: it must exist and be a file (stdin always passes).
 *
 * @example
 * ```ts
 * checkSource({ file: 'ids.txt' }); // throws ValidationError when ids.txt is missing
 * ```
 */
export function checkSource(source: TermSource): void {
  if (source.file === undefined || source.file === '-') return;
  let isFile = false;
  try {
    isFile = statSync(source.file).isFile();
  } catch (error) {
    throw new ValidationError({
      message: `cannot read ${source.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      field: 'file',
    });
  }
  if (!isFile) throw new ValidationError({ message: `cannot read ${source.file}: not a file`, field: 'file' });
}

/**
 * Lines of stdin as terms (see {@link readTerms}).
 *
 * @example
 * ```ts
 * for await (const term of stdinTerms(processIO())) console.log(term);
 * ```
 */
export function stdinTerms(io: CliIO): AsyncGenerator<string> {
  return readTerms(io);
}

/**
 * Split `a,b,c` options into lists; `undefined` (and an empty list) stays undefined.
 *
 * @example
 * ```ts
 * list('symbol, name'); // ['symbol', 'name']
 * ```
 */
export function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return items.length > 0 ? items : undefined;
}

/**
 * Parse a count option (`--max`, `--start`, `--size`, …): a whole number ≥ 0.
 *
 * @example
 * ```ts
 * count('10'); // 10
 * count('-1'); // throws InvalidArgumentError (commander prints the option, the value and this)
 * ```
 */
export function count(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0 (0, 1, 2, …)');
  return n;
}

/**
 * Parse an option that must be a whole number ≥ 1 (`--page-size`, `--concurrency`, ids, …).
 *
 * @example
 * ```ts
 * positive('100'); // 100
 * positive('0'); // throws InvalidArgumentError
 * ```
 */
export function positive(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1 (1, 2, 3, …)');
  return n;
}

/**
 * A whole number between `min` and `max` (an option parser whose message gives the range).
 *
 * @example
 * ```ts
 * between(1, 8)('9'); // throws: expected a whole number from 1 to 8
 * ```
 */
export function between(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}
