// A small incremental CSV reader (RFC 4180: quoted fields, doubled quotes, CR LF or LF, line
// breaks inside quotes), fed text as it arrives. Written here because it is the only CSV this
// package reads and a library would be its only dependency for ~60 lines.

/** Reads records from text pushed in pieces; a record is complete once its line break has arrived. */
export class CsvReader {
  readonly #separator: string;
  #field = '';
  #record: string[] = [];
  #quoted = false; // inside a quoted field
  #quoteSeen = false; // a quote inside a quoted field: the end of it, or the first of a doubled one
  #fieldStarted = false;
  #skipLf = false;

  constructor(separator = ',') {
    this.#separator = separator;
  }

  /** Feed text; returns the records it completed. */
  push(text: string): string[][] {
    const out: string[][] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (this.#skipLf) {
        this.#skipLf = false;
        if (c === '\n') continue;
      }
      if (this.#quoted) {
        if (this.#quoteSeen) {
          this.#quoteSeen = false;
          if (c === '"') {
            this.#field += '"';
            continue;
          }
          this.#quoted = false; // the closing quote: c is read as outside a quoted field below
        } else if (c === '"') {
          this.#quoteSeen = true;
          continue;
        } else {
          this.#field += c;
          continue;
        }
      }
      if (c === '"' && !this.#fieldStarted) {
        this.#quoted = true;
        this.#fieldStarted = true;
      } else if (c === this.#separator) {
        this.#endField();
      } else if (c === '\n' || c === '\r') {
        this.#skipLf = c === '\r';
        out.push(this.#endRecord());
      } else {
        this.#field += c;
        this.#fieldStarted = true;
      }
    }
    return out;
  }

  /** The last record when the text did not end with a line break. */
  end(): string[][] {
    if (this.#quoteSeen) {
      this.#quoteSeen = false;
      this.#quoted = false;
    }
    if (!this.#fieldStarted && this.#record.length === 0) return [];
    return [this.#endRecord()];
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
export function readCsv(text: string, separator = ','): string[][] {
  const reader = new CsvReader(separator);
  return [...reader.push(text), ...reader.end()];
}
