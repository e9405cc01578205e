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
