// A tiny XML writer and reader, enough for PathQuery and template XML. Written here instead
// of depending on an XML library because it would be the package's only runtime dependency
// and PathQuery XML uses a small subset of the language (elements, attributes, text, entities).
import { ValidationError } from '@bio/core-http';

/** One parsed XML element. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content directly inside this element (entities decoded). */
  text: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// Characters XML 1.0 has no place for, not even as a character reference (the `Char` production):
// the C0 controls other than tab, line feed and carriage return, U+FFFE, U+FFFF and lone surrogates.
// The mine's SAX parser refuses `&#1;` as it refuses a raw U+0001.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Escape a value for use in an attribute or text node: `& < > " '`, and tab, line feed and
 * carriage return as character references (so attribute normalisation keeps them). A character
 * XML 1.0 cannot carry at all (other C0 controls, U+FFFE/U+FFFF, lone surrogates) is a
 * {@link ValidationError}: no escape makes it through the mine's parser.
 */
export function escapeXml(value: string): string {
  const bad = NOT_XML_CHAR.exec(value);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new ValidationError({ message: `XML cannot carry the character U+${code} (at offset ${bad.index} of ${JSON.stringify(value)})`, field: 'xml' });
  }
  return value.replace(/[&<>"'\t\n\r]/g, (c) => ESCAPES[c] ?? `&#${c.charCodeAt(0)};`);
}

/** Serialise an element tree. Attributes with `undefined` values are left out. */
export function writeElement(name: string, attributes: Record<string, string | undefined>, children: readonly string[] = []): string {
  let out = `<${name}`;
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    out += ` ${key}="${escapeXml(value)}"`;
  }
  if (children.length === 0) return `${out}/>`;
  return `${out}>${children.join('')}</${name}>`;
}

/** A text-only element: `<value>eve</value>`. */
export function writeTextElement(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

function decodeEntities(text: string, position: number): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (_m, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    switch (ref) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        throw new ValidationError({ message: `XML: unknown entity &${ref}; near offset ${position}`, field: 'xml' });
    }
  });
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const SPACE = /\s*/y;

/**
 * Parse an XML document into an element tree. Supports the declaration, comments, CDATA,
 * processing instructions, DOCTYPE (skipped), both quote styles and the predefined and
 * numeric entities. Throws {@link ValidationError} on malformed input.
 */
export function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (what: string): never => {
    throw new ValidationError({ message: `XML: ${what} at offset ${i}`, field: 'xml' });
  };
  const skipSpace = () => {
    SPACE.lastIndex = i;
    SPACE.exec(xml);
    i = SPACE.lastIndex;
  };
  const readName = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(xml);
    if (!m) return fail('expected a name');
    i = NAME.lastIndex;
    return m[0];
  };
  /**
   * If `open` starts at `i`, move past the next `close` (failing when there is none) and return
   * what lies between them; otherwise leave `i` alone and return undefined.
   */
  const section = (open: string, close: string, what: string): string | undefined => {
    if (!xml.startsWith(open, i)) return undefined;
    const end = xml.indexOf(close, i);
    if (end < 0) fail(`unterminated ${what}`);
    const content = xml.slice(i + open.length, end);
    i = end + close.length;
    return content;
  };
  const skip = (open: string, close: string, what: string): boolean => section(open, close, what) !== undefined;
  const skipMisc = () => {
    do skipSpace();
    while (skip('<?', '?>', 'processing instruction') || skip('<!--', '-->', 'comment') || skip('<!DOCTYPE', '>', 'DOCTYPE'));
  };

  const parseElement = (): XmlElement => {
    if (xml[i] !== '<') fail('expected "<"');
    i++;
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      skipSpace();
      const c = xml[i];
      if (c === '/') {
        if (xml[i + 1] !== '>') fail('expected "/>"');
        i += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (c === '>') {
        i++;
        break;
      }
      if (c === undefined) fail(`unterminated start tag <${name}>`);
      const attr = readName();
      skipSpace();
      if (xml[i] !== '=') fail(`expected "=" after attribute ${attr}`);
      i++;
      skipSpace();
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") return fail(`expected a quoted value for attribute ${attr}`);
      const end = xml.indexOf(quote, i + 1);
      if (end < 0) fail(`unterminated value of attribute ${attr}`);
      const raw = xml.slice(i + 1, end);
      if (raw.includes('<')) fail(`"<" inside the value of attribute ${attr}`);
      if (Object.hasOwn(attributes, attr)) fail(`duplicate attribute ${attr}`);
      attributes[attr] = decodeEntities(raw, i);
      i = end + 1;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (i >= xml.length) fail(`unterminated element <${name}>`);
      if (xml.startsWith('</', i)) {
        i += 2;
        const closing = readName();
        if (closing !== name) fail(`expected </${name}> but found </${closing}>`);
        skipSpace();
        if (xml[i] !== '>') fail('expected ">"');
        i++;
        return { name, attributes, children, text };
      }
      if (skip('<!--', '-->', 'comment') || skip('<?', '?>', 'processing instruction')) continue;
      const cdata = section('<![CDATA[', ']]>', 'CDATA section');
      if (cdata !== undefined) {
        text += cdata;
      } else if (xml[i] === '<') {
        children.push(parseElement());
      } else {
        const next = xml.indexOf('<', i);
        const end = next < 0 ? xml.length : next;
        text += decodeEntities(xml.slice(i, end), i);
        i = end;
      }
    }
  };

  skipMisc();
  if (xml[i] !== '<') fail('expected a root element');
  const root = parseElement();
  skipMisc();
  if (i < xml.length) fail('unexpected content after the root element');
  return root;
}
