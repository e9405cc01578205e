// The one CSV module of the package (RFC 4180: quoted fields, doubled quotes, CR LF, LF or CR
// line ends, line breaks inside quotes): an incremental reader fed text as it arrives, in two
// dialects — the classic API's (lenient) and EMX2's (`EMX2_CSV`: blank lines skipped, a text
// ending inside quotes is an error, so a truncated download is never half-read) — and EMX2's
// writing rules. Written here because a library would be this package's only dependency for
// ~100 lines.

/** How a {@link CsvReader} treats blank lines and a text that ends inside quotes. */
export interface CsvDialect {
  /** Blank lines give no record (else one record of one empty field). Default false. */
  skipBlankLines?: boolean | undefined;
  /** `end()` throws a `SyntaxError` when the text ends inside a quoted field. Default false. */
  strict?: boolean | undefined;
}

/** EMX2's CSV, and how a checked download of either API is read: blank lines skipped, an unclosed quote at the end an error. */
export const EMX2_CSV: CsvDialect = Object.freeze({ skipBlankLines: true, strict: true });

/** Reads records from text pushed in pieces; a record is complete once its line break has arrived. */
export class CsvReader {
  readonly #separator: string;
  readonly #skipBlankLines: boolean;
  readonly #strict: boolean;
  #field = '';
  #record: string[] = [];
  #quoted = false; // inside a quoted field
  #quoteSeen = false; // a quote inside a quoted field: the end of it, or the first of a doubled one
  #fieldStarted = false;
  #skipLf = false;

  constructor(separator = ',', dialect: CsvDialect = {}) {
    this.#separator = separator;
    this.#skipBlankLines = dialect.skipBlankLines === true;
    this.#strict = dialect.strict === true;
  }

  /**
   * Feed text; returns the records it completed. Runs of ordinary characters (and the inside of
   * quoted cells) are sliced out whole rather than appended one character at a time.
   */
  push(text: string): string[][] {
    const out: string[][] = [];
    const separator = this.#separator;
    const separatorCode = separator.charCodeAt(0);
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (this.#skipLf) {
        this.#skipLf = false;
        if (text.charCodeAt(i) === 10) {
          i++;
          continue;
        }
      }
      if (this.#quoted) {
        if (this.#quoteSeen) {
          this.#quoteSeen = false;
          if (text.charCodeAt(i) === 34) {
            this.#field += '"';
            i++;
            continue;
          }
          this.#quoted = false; // the closing quote: text[i] is read as outside a quoted cell below
        } else {
          const quote = text.indexOf('"', i);
          if (quote === -1) {
            this.#field += text.slice(i);
            break;
          }
          this.#field += text.slice(i, quote);
          this.#quoteSeen = true;
          i = quote + 1;
          continue;
        }
      }
      const c = text[i] as string;
      if (c === '"' && !this.#fieldStarted) {
        this.#quoted = true;
        this.#fieldStarted = true;
        i++;
      } else if (c === separator) {
        this.#endField();
        i++;
      } else if (c === '\n' || c === '\r') {
        this.#skipLf = c === '\r';
        i++;
        if (this.#skipBlankLines && this.#blank()) continue;
        out.push(this.#endRecord());
      } else {
        // An ordinary run up to the next separator or line break (a quote inside it is text).
        let j = i + 1;
        while (j < n) {
          const code = text.charCodeAt(j);
          if (code === separatorCode || code === 10 || code === 13) break;
          j++;
        }
        this.#field += text.slice(i, j);
        this.#fieldStarted = true;
        i = j;
      }
    }
    return out;
  }

  /** The last record when the text did not end with a line break. */
  end(): string[][] {
    if (this.#quoted && !this.#quoteSeen && this.#strict) throw new SyntaxError('CSV ends inside a quoted cell');
    this.#quoted = false;
    this.#quoteSeen = false;
    if (this.#blank()) return [];
    return [this.#endRecord()];
  }

  #blank(): boolean {
    return !this.#fieldStarted && this.#record.length === 0;
  }

  #endField(): void {
    this.#record.push(this.#field);
    this.#field = '';
    this.#fieldStarted = false;
  }

  #endRecord(): string[] {
    this.#endField();
    const record = this.#record;
    this.#record = [];
    return record;
  }
}

/** Every record of a whole CSV text. */
export function readCsv(text: string, separator = ',', dialect: CsvDialect = {}): string[][] {
  const reader = new CsvReader(separator, dialect);
  return [...reader.push(text), ...reader.end()];
}

// --- EMX2's writing: `\n` line ends, cells quoted when they hold the separator, a quote or a line break.

/** Quote one cell when it needs it. */
export function csvCell(value: string, separator = ','): string {
  return value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV line (without its line end). */
export function csvLine(cells: readonly string[], separator = ','): string {
  return cells.map((c) => csvCell(c, separator)).join(separator);
}

/**
 * The elements the EMX2 server reads from an uploaded array cell (`TypeUtils#splitCsvString`):
 * split at commas outside double quotes (every `"` toggles; the last character is never a split
 * point), an element wrapped in quotes unwrapped, nothing unescaped, elements trimmed, empty
 * elements dropped (an element of only white space is kept as `''`).
 */
export function readUploadedArrayCell(cell: string): string[] {
  const out: string[] = [];
  const add = (raw: string): void => {
    const v = unwrapQuotes(raw);
    if (v !== '') out.push(v.trim());
  };
  let inside = false;
  let start = 0;
  for (let i = 0; i < cell.length - 1; i++) {
    const c = cell.charCodeAt(i);
    if (c === 44 && !inside) {
      add(cell.slice(start, i));
      start = i + 1;
    } else if (c === 34) inside = !inside;
  }
  add(cell.slice(start));
  return out;
}

function unwrapQuotes(value: string): string {
  if (!value.includes('"')) return value;
  const t = value.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

/**
 * An array cell as the EMX2 server writes it (`TypeUtils#joinCsvString`): elements comma-joined,
 * an element holding a comma wrapped in quotes, nothing escaped, an empty element for null.
 * It is also what we send: the server's reader ({@link readUploadedArrayCell}) unescapes nothing, so
 * an upload is checked to read back as sent before it goes.
 */
export function serverArrayCell(values: readonly string[]): string {
  return values.map((v) => (v.includes(',') ? `"${v}"` : v)).join(',');
}

/**
 * The elements of an array cell written as {@link serverArrayCell} writes them, or `undefined`
 * when the cell cannot be read back unambiguously: the server does not escape quotes, so an
 * element starting with a double quote that is not the wrapping of a comma-holding element (with
 * no quote inside) could be read in more than one way. An element is never trimmed.
 */
export function readServerArrayCell(cell: string): string[] | undefined {
  if (cell === '') return [];
  if (!cell.includes('"')) return cell.split(',');
  const out: string[] = [];
  const n = cell.length;
  let i = 0;
  for (;;) {
    if (cell.charCodeAt(i) === 34) {
      const close = cell.indexOf('"', i + 1);
      if (close === -1) return undefined;
      const inner = cell.slice(i + 1, close);
      if (!inner.includes(',') || (close + 1 < n && cell.charCodeAt(close + 1) !== 44)) return undefined;
      out.push(inner);
      if (close + 1 === n) return out;
      i = close + 2;
    } else {
      const comma = cell.indexOf(',', i);
      out.push(cell.slice(i, comma === -1 ? n : comma));
      if (comma === -1) return out;
      i = comma + 1;
    }
    if (i === n) {
      out.push('');
      return out;
    }
  }
}
