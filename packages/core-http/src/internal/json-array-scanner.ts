import { ResponseFormatError } from '../errors.js';

// An incremental scanner for one array inside a JSON document. It walks the text char by char
// only to find structure (depth, strings, escapes); the values themselves are decoded by
// JSON.parse on slices, which is the fast path: every complete item in a chunk is parsed with
// one JSON.parse call of `[` + slice + `]`. Only the unfinished item at the end of a chunk is
// carried over, so memory is bounded by the chunk size and the largest item, never by the
// number of items.

// Parser states: `root` before the top-level object (or array, for the empty path);
// `key-or-close` just after `{`; `key` after `,` in an object; `in-key`, `colon`, `value`;
// `capture` a value that goes to the trailer; `after-value` expects `,` or `}`; `array` the
// streamed array; `done`.
type State = 'root' | 'key-or-close' | 'key' | 'in-key' | 'colon' | 'value' | 'capture' | 'after-value' | 'array' | 'done';

// Char codes.
const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

// JSON's whitespace: space, line feed, carriage return, tab.
function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function isBlank(parts: readonly string[]): boolean {
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) if (!isWs(part.charCodeAt(i))) return false;
  }
  return true;
}

// Like JSON.parse: a "__proto__" key becomes an own property, never the object's prototype.
function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function describe(text: string, at: number): string {
  const c = text.charAt(at);
  return c === '' ? 'end of input' : JSON.stringify(c);
}

/** Cut array contents (without the brackets) into the text of its items, for error reporting. */
function splitItems(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inStr = false;
  let esc = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inStr) {
      if (esc) esc = false;
      else if (c === BACKSLASH) esc = true;
      else if (c === QUOTE) inStr = false;
    } else if (c === QUOTE) inStr = true;
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) depth++;
    else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth--;
    else if (c === COMMA && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/**
 * Feed decoded text with {@link push}; each call returns the array items completed by it.
 * Call {@link finish} at the end of input. Throws {@link ResponseFormatError} on invalid or
 * truncated JSON. When a chunk holds valid items before an invalid one, `push` returns those
 * items and leaves the error in {@link error}, so the consumer sees every good item first.
 */
export class JsonArrayScanner {
  /** Every key of the enclosing object(s) except the streamed array. */
  readonly trailer: Record<string, unknown> = {};
  /** Set when `push` stopped on invalid input after returning the good items before it. */
  error: ResponseFormatError | undefined;
  /** Whether the array at the path was found (and streamed). */
  foundArray = false;

  private readonly path: readonly string[];
  private readonly label: string;
  private state: State;
  private frames: Record<string, unknown>[] = [];
  private key = '';
  private keyParts: string[] = [];
  private keyEsc = false;
  // capture of a trailer value
  private capParts: string[] = [];
  private capKind: 0 | 1 | 2 = 0; // 0 primitive, 1 string, 2 container
  private capDepth = 0;
  private capInStr = false;
  private capEsc = false;
  // the streamed array
  private arrDepth = 0;
  private arrInStr = false;
  private arrEsc = false;
  private arrParts: string[] = [];
  private arrSawComma = false;
  private itemCount = 0;
  private consumed = 0;
  private sawAnything = false;

  constructor(path: readonly string[]) {
    this.path = path;
    this.label = path.length === 0 ? 'the top-level array' : `"${path.join('.')}"`;
    this.state = 'root';
  }

  /** True once the whole document has been read. */
  get done(): boolean {
    return this.state === 'done';
  }

  /** Consume the next piece of text; returns the array items it completed. */
  push(text: string): unknown[] {
    const out: unknown[] = [];
    if (this.error) return out;
    try {
      this.scan(text, out);
    } catch (error) {
      if (!(error instanceof ResponseFormatError)) throw error;
      this.error = error;
    }
    this.consumed += text.length;
    return out;
  }

  /** Signal the end of input; throws if the document is incomplete. */
  finish(): void {
    if (this.error) throw this.error;
    if (this.state === 'done') return;
    if (!this.sawAnything) throw new ResponseFormatError({ message: 'empty response body where a JSON document was expected' });
    const where =
      this.state === 'array'
        ? `inside ${this.label} after ${this.itemCount} items`
        : this.foundArray
          ? `after ${this.label} (before the closing brace)`
          : `before ${this.label}`;
    throw new ResponseFormatError({ message: `truncated JSON: the response body ended ${where}` });
  }

  private fail(message: string, text: string, at: number): never {
    throw new ResponseFormatError({
      message: `invalid JSON at character ${this.consumed + at}: ${message}`,
      snippet: text.slice(Math.max(0, at - 40), at + 40),
    });
  }

  private scan(text: string, out: unknown[]): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      // Outside a key, a captured value and the array the scanner is between tokens: skip whitespace.
      if (isWs(c) && this.state !== 'in-key' && this.state !== 'capture' && this.state !== 'array') {
        i++;
        continue;
      }
      switch (this.state) {
        case 'array':
          i = this.scanArray(text, i, out);
          break;
        case 'root': {
          this.sawAnything = true;
          if (this.path.length === 0) {
            if (c !== OPEN_BRACKET) this.fail(`expected a JSON array, found ${describe(text, i)}`, text, i);
            this.foundArray = true;
            this.state = 'array';
          } else {
            if (c !== OPEN_BRACE) this.fail(`expected a JSON object, found ${describe(text, i)}`, text, i);
            this.frames.push(this.trailer);
            this.state = 'key-or-close';
          }
          i++;
          break;
        }
        case 'key-or-close':
        case 'key': {
          if (c === QUOTE) {
            this.keyParts = [];
            this.keyEsc = false;
            this.state = 'in-key';
          } else if (c === CLOSE_BRACE && this.state === 'key-or-close') {
            this.closeObject();
          } else {
            this.fail(`expected a key, found ${describe(text, i)}`, text, i);
          }
          i++;
          break;
        }
        case 'in-key': {
          let j = i;
          let esc = this.keyEsc;
          for (; j < n; j++) {
            const k = text.charCodeAt(j);
            if (esc) esc = false;
            else if (k === BACKSLASH) esc = true;
            else if (k === QUOTE) break;
          }
          this.keyEsc = esc;
          this.keyParts.push(text.slice(i, j));
          if (j === n) {
            i = n;
            break;
          }
          const raw = this.keyParts.join('');
          this.keyParts = [];
          try {
            this.key = JSON.parse(`"${raw}"`) as string;
          } catch {
            this.fail(`invalid object key "${raw.slice(0, 40)}"`, text, j);
          }
          this.state = 'colon';
          i = j + 1;
          break;
        }
        case 'colon': {
          if (c !== COLON) this.fail(`expected ':' after key "${this.key}", found ${describe(text, i)}`, text, i);
          this.state = 'value';
          i++;
          break;
        }
        case 'value': {
          const level = this.frames.length - 1;
          const last = this.path.length - 1;
          if (!this.foundArray && level <= last && this.key === this.path[level]) {
            if (level < last && c === OPEN_BRACE) {
              const child: Record<string, unknown> = {};
              setKey(this.frames[level]!, this.key, child);
              this.frames.push(child);
              this.state = 'key-or-close';
              i++;
              break;
            }
            if (level === last && c === OPEN_BRACKET) {
              this.foundArray = true;
              this.state = 'array';
              i++;
              break;
            }
          }
          this.capParts = [];
          this.capKind = c === QUOTE ? 1 : c === OPEN_BRACE || c === OPEN_BRACKET ? 2 : 0;
          this.capDepth = 0;
          this.capInStr = false;
          this.capEsc = false;
          this.state = 'capture';
          break; // Capture starts at this same character
        }
        case 'capture':
          i = this.scanCapture(text, i);
          break;
        case 'after-value': {
          if (c === COMMA) this.state = 'key';
          else if (c === CLOSE_BRACE) this.closeObject();
          else this.fail(`expected ',' or '}', found ${describe(text, i)}`, text, i);
          i++;
          break;
        }
        case 'done':
          this.fail(`unexpected ${describe(text, i)} after the end of the document`, text, i);
      }
    }
  }

  private closeObject(): void {
    this.frames.pop();
    this.state = this.frames.length === 0 ? 'done' : 'after-value';
  }

  /** Scan a trailer value starting at `i`; returns where scanning stopped. */
  private scanCapture(text: string, start: number): number {
    const n = text.length;
    let i = start;
    let end = -1; // exclusive end of the value in `text`
    if (this.capKind === 0) {
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isWs(c)) {
          end = i;
          break;
        }
      }
    } else {
      let depth = this.capDepth;
      let inStr = this.capInStr;
      let esc = this.capEsc;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (inStr) {
          if (esc) esc = false;
          else if (c === BACKSLASH) esc = true;
          else if (c === QUOTE) {
            inStr = false;
            if (depth === 0) {
              end = i + 1;
              break;
            }
          }
        } else if (c === QUOTE) inStr = true;
        else if (c === OPEN_BRACKET || c === OPEN_BRACE) depth++;
        else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
          depth--;
          if (depth === 0) {
            end = i + 1;
            break;
          }
        }
      }
      this.capDepth = depth;
      this.capInStr = inStr;
      this.capEsc = esc;
    }
    if (end === -1) {
      this.capParts.push(text.slice(start));
      return n;
    }
    this.capParts.push(text.slice(start, end));
    const raw = this.capParts.join('');
    this.capParts = [];
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      this.fail(`invalid value for key "${this.key}": ${raw.slice(0, 60)}`, text, end);
    }
    setKey(this.frames[this.frames.length - 1]!, this.key, value);
    this.state = this.frames.length === 0 ? 'done' : 'after-value';
    return end;
  }

  /** The hot loop: scan array contents from `start`, emitting complete items into `out`. */
  private scanArray(text: string, start: number, out: unknown[]): number {
    const n = text.length;
    let depth = this.arrDepth;
    let inStr = this.arrInStr;
    let esc = this.arrEsc;
    let lastComma = -1;
    let end = -1;
    let i = start;
    while (i < n) {
      if (inStr) {
        // Jump to the next quote; it closes the string unless an odd run of backslashes precedes it.
        if (esc) {
          esc = false;
          i++;
          continue;
        }
        const q = text.indexOf('"', i);
        const stop = q === -1 ? n : q;
        let slashes = 0;
        while (stop - slashes - 1 >= i && text.charCodeAt(stop - slashes - 1) === BACKSLASH) slashes++;
        if (q === -1) {
          esc = slashes % 2 === 1;
          i = n;
          break;
        }
        if (slashes % 2 === 0) inStr = false;
        i = q + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === QUOTE) inStr = true;
      else if (c === COMMA) {
        if (depth === 0) lastComma = i;
      } else if (c === OPEN_BRACKET || c === OPEN_BRACE) depth++;
      else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
        if (depth === 0) {
          if (c === CLOSE_BRACE) this.fail(`unexpected '}' in ${this.label}`, text, i);
          end = i;
          break;
        }
        depth--;
      }
      i++;
    }
    this.arrDepth = depth;
    this.arrInStr = inStr;
    this.arrEsc = esc;
    if (end !== -1) {
      // The array closes in this chunk: everything before `]` is the last segment.
      if (lastComma !== -1) this.arrSawComma = true;
      this.arrParts.push(text.slice(start, end));
      const parts = this.arrParts;
      this.arrParts = [];
      if (isBlank(parts)) {
        if (this.arrSawComma) this.fail(`trailing comma in ${this.label}`, text, end);
      } else {
        this.parseSegment(parts, out, text, end);
      }
      this.state = this.path.length === 0 ? 'done' : 'after-value';
      return end + 1;
    }
    if (lastComma === -1) {
      this.arrParts.push(start === 0 ? text : text.slice(start));
      return n;
    }
    this.arrParts.push(text.slice(start, lastComma));
    const parts = this.arrParts;
    this.arrParts = lastComma + 1 < n ? [text.slice(lastComma + 1)] : [];
    if (isBlank(parts)) this.fail(`missing value before ',' in ${this.label}`, text, lastComma);
    this.arrSawComma = true;
    this.parseSegment(parts, out, text, lastComma);
    return n;
  }

  /** JSON.parse a run of complete items; on failure, find and report the bad one. */
  private parseSegment(parts: string[], out: unknown[], text: string, at: number): void {
    const segment = parts.length === 1 ? parts[0]! : parts.join('');
    let items: unknown[];
    try {
      items = JSON.parse(`[${segment}]`) as unknown[];
    } catch {
      // Slow path, only on bad input: parse item by item so the good ones are delivered.
      for (const raw of splitItems(segment)) {
        try {
          out.push(JSON.parse(raw));
          this.itemCount++;
        } catch {
          throw new ResponseFormatError({
            message: `invalid JSON in item ${this.itemCount} of ${this.label} (near character ${this.consumed + at})`,
            snippet: raw.trim().slice(0, 300),
          });
        }
      }
      // Each item parsed alone but not together (cannot happen for valid JSON); refuse anyway.
      this.fail(`malformed ${this.label}`, text, at);
    }
    for (let k = 0; k < items.length; k++) out.push(items[k]);
    this.itemCount += items.length;
  }
}
