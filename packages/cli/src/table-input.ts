// Rows to write (`bio molgenis add`): a TSV/CSV table with a header, or NDJSON, from a file or stdin.
import { createReadStream } from 'node:fs';
import { lines, ValidationError } from '@bio/core-http';
import type { CliIO } from './context.js';
import { splitFields } from './input.js';

async function* bytesOf(io: CliIO, file: string | undefined): AsyncGenerator<Uint8Array> {
  if (file !== undefined && file !== '-') {
    yield* createReadStream(file);
    return;
  }
  const encoder = new TextEncoder();
  for await (const chunk of io.stdin) yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
}

/**
 * The rows of a table: NDJSON when the first line is a JSON object, else TSV (a tab in the header)
 * or CSV with the first line as the header. Blank lines and `#` comments are skipped; empty
 * cells are left out of the row (the server's default applies). A row with more cells than the
 * header is an error naming its line.
 *
 * @example
 * ```ts
 * for await (const row of readRows(processIO(), 'people.tsv')) console.log(row);
 * ```
 */
export async function* readRows(io: CliIO, file: string | undefined): AsyncGenerator<Record<string, unknown>> {
  const name = file === undefined || file === '-' ? 'stdin' : file;
  let header: string[] | undefined;
  let delimiter = '\t';
  let json: boolean | undefined;
  let lineNo = 0;
  for await (const raw of lines(bytesOf(io, file))) {
    lineNo++;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    json ??= line.trimStart().startsWith('{');
    if (json) {
      try {
        yield JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new ValidationError({ message: `${name} line ${lineNo}: not a JSON object`, field: 'file' });
      }
      continue;
    }
    if (!header) {
      delimiter = line.includes('\t') ? '\t' : ',';
      header = splitFields(line, delimiter).map((h) => h.trim());
      continue;
    }
    const cells = splitFields(line, delimiter);
    if (cells.length > header.length) {
      throw new ValidationError({ message: `${name} line ${lineNo}: ${cells.length} cells, the header has ${header.length}`, field: 'file' });
    }
    const row: Record<string, unknown> = {};
    header.forEach((column, i) => {
      const cell = cells[i];
      if (cell !== undefined && cell !== '') row[column] = cell;
    });
    yield row;
  }
}
