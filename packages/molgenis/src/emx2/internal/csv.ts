// RFC 4180 CSV, as EMX2 writes and reads it: `\n` line ends (a `\r\n` is accepted), cells quoted
// when they hold the separator, a quote or a line break. Shared by the client and its simulator.

/** Quote one cell when it needs it. */
export function csvCell(value: string, separator = ','): string {
  return value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV line (without its line end). */
export function csvLine(cells: readonly string[], separator = ','): string {
  return cells.map((c) => csvCell(c, separator)).join(separator);
}

/**
 * A streaming CSV parser: feed text chunks, take complete records out; `end()` returns the last
 * record and throws on an unclosed quote, so a truncated body is never half-parsed.
 */
export class CsvParser {
  readonly #separator: string;
  #cell = '';
  #record: string[] = [];
  #quoted = false; // inside a quoted cell
  #quoteSeen = false; // the previous char closed a quote (or is the first of a doubled one)
  #started = false; // the current record has content
  constructor(separator = ',') {
    this.#separator = separator;
  }

  /** Parse a chunk; returns the records it completed. */
  push(chunk: string): string[][] {
    const out: string[][] = [];
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as string;
      if (this.#quoted) {
        if (c === '"') {
          this.#quoted = false;
          this.#quoteSeen = true;
        } else this.#cell += c;
        continue;
      }
      if (c === '"') {
        if (this.#quoteSeen) this.#cell += '"'; // a doubled quote inside a quoted cell
        this.#quoted = true;
        this.#quoteSeen = false;
        this.#started = true;
        continue;
      }
      this.#quoteSeen = false;
      if (c === this.#separator) {
        this.#record.push(this.#cell);
        this.#cell = '';
        this.#started = true;
      } else if (c === '\n') {
        if (this.#started || this.#cell !== '') {
          this.#record.push(this.#cell.endsWith('\r') ? this.#cell.slice(0, -1) : this.#cell);
          out.push(this.#record);
        }
        this.#record = [];
        this.#cell = '';
        this.#started = false;
      } else {
        this.#cell += c;
        if (c !== '\r') this.#started = true;
      }
    }
    return out;
  }

  /** The last record (when the text did not end with a line break); throws on an unclosed quote. */
  end(): string[][] {
    if (this.#quoted) throw new SyntaxError('CSV ends inside a quoted cell');
    if (!this.#started && this.#cell === '') return [];
    const record = [...this.#record, this.#cell.endsWith('\r') ? this.#cell.slice(0, -1) : this.#cell];
    this.#record = [];
    this.#cell = '';
    this.#started = false;
    return [record];
  }
}

/** Parse a whole CSV text into records. */
export function parseCsv(text: string, separator = ','): string[][] {
  const parser = new CsvParser(separator);
  return [...parser.push(text), ...parser.end()];
}

/** EMX2 array cells: elements comma-joined, an element holding a comma quoted (then the cell is quoted as a whole). */
export function joinArrayCell(values: readonly string[]): string {
  return values.map((v) => csvCell(v)).join(',');
}

/** The elements of an EMX2 array cell. */
export function splitArrayCell(cell: string): string[] {
  if (cell === '') return [];
  return parseCsv(cell)[0] ?? [];
}
