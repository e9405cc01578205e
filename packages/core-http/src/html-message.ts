function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

function readable(fragment: string): string | undefined {
  const text = decodeEntities(fragment.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' ? undefined : text;
}

/**
 * The readable part of an HTML error page (a proxy's 502, a Django 404, a login page): its
 * `<title>`, else its first `<h1>`, else its text (scripts and styles removed), at most 300
 * characters, entities decoded. `undefined` when the page has no text.
 *
 * @example
 * ```ts
 * htmlErrorMessage('<html><head><title>502 Bad Gateway</title></head>…</html>'); // '502 Bad Gateway'
 * ```
 */
export function htmlErrorMessage(html: string): string | undefined {
  const pick = (re: RegExp): string | undefined => {
    const m = re.exec(html);
    return m?.[1] === undefined ? undefined : readable(m[1]);
  };
  return (
    pick(/<title[^>]*>([\s\S]*?)<\/title>/i) ??
    pick(/<h1[^>]*>([\s\S]*?)<\/h1>/i) ??
    readable(html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' '))?.slice(0, 300)
  );
}

const HTML_DOCUMENT_START = /<(!doctype\s+html|html[\s>])/i;

/**
 * Whether `text` holds the start of an HTML document (`<!DOCTYPE html`, `<html>`) anywhere: a
 * proxy's or server's error page in place of, or in the middle of, a flat text answer (TSV, CSV).
 *
 * @example
 * ```ts
 * containsHtmlDocument('a\tb\n<!DOCTYPE html><html>…'); // true
 * containsHtmlDocument('name\n"<b>bold</b>"\n'); // false
 * ```
 */
export function containsHtmlDocument(text: string): boolean {
  return HTML_DOCUMENT_START.test(text);
}

/** Every start of an HTML document, for {@link CsvHtmlDocumentScan}: made on first use (bundles without the scan drop it). */
let htmlDocumentStarts: RegExp | undefined;

/**
 * Whether an HTML document starts in `text` before `before`, outside quoted cells (`quoted`: the
 * text starts inside one).
 */
function htmlStartOutsideQuotes(text: string, quoted: boolean, before: number): boolean {
  htmlDocumentStarts ??= new RegExp(HTML_DOCUMENT_START.source, 'gi');
  const starts = htmlDocumentStarts;
  starts.lastIndex = 0;
  for (let m = starts.exec(text); m !== null && m.index < before; m = starts.exec(text)) {
    if (quoted === oddQuotes(text, m.index)) return true;
  }
  return false;
}

/** Whether `text` holds an odd number of quotes before `end`. */
function oddQuotes(text: string, end = text.length): boolean {
  let odd = false;
  for (let i = text.indexOf('"'); i !== -1 && i < end; i = text.indexOf('"', i + 1)) odd = !odd;
  return odd;
}

/**
 * {@link containsHtmlDocument} for a CSV body read piece by piece: finds the start of an HTML
 * document outside quoted cells (a proxy's or server's error page in place of the CSV or after
 * some records), also when the start is split between two pieces. Inside a quoted cell it is a
 * value (a text column may hold a web page). RFC 4180 writers quote every cell that holds a
 * quote, so the number of quotes before a position tells whether it is inside one.
 *
 * @example
 * ```ts
 * const scan = new CsvHtmlDocumentScan();
 * scan.push('name,notes\n"a","<html lang=""en"">…"\n'); // false: a value
 * scan.push('<!DOCTYPE html><html>…');                   // true: an error page after the records
 * ```
 */
export class CsvHtmlDocumentScan {
  #quoted = false; // whether the text so far ends inside a quoted cell
  #tail = ''; // the last characters seen: an HTML start may straddle two pieces
  #tailQuoted = false; // whether the tail starts inside a quoted cell

  /**
   * Read the next piece; true when an HTML document starts outside a quoted cell.
   *
   * @example
   * ```ts
   * for await (const piece of textPieces) if (scan.push(piece)) throw new Error('an error page, not CSV');
   * ```
   */
  push(text: string): boolean {
    const tail = this.#tail;
    // A start that begins in the previous piece, then one that begins in this piece; each text is
    // scanned once (joining every piece to the tail would copy it).
    if (tail.includes('<') && htmlStartOutsideQuotes(tail + text.slice(0, 16), this.#tailQuoted, tail.length)) return true;
    if (text.includes('<') && htmlStartOutsideQuotes(text, this.#quoted, text.length)) return true;
    this.#quoted = this.#quoted !== oddQuotes(text);
    this.#tail = text.length >= 16 ? text.slice(-16) : (tail + text).slice(-16);
    this.#tailQuoted = this.#quoted !== oddQuotes(this.#tail);
    return false;
  }
}
