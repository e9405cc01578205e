// A small XML parser for comparing request bodies as trees (InterMine query XML, list uploads).
// Written here rather than added as a dependency: it is the only thing the harness would need
// one for, and comparison needs elements, attributes and text only (no DTDs, no namespaces resolution).

/** An XML element: name, attributes (order does not matter) and children (elements or non-blank text). */
export interface XmlElement {
  /** The element's tag name, as written (prefix included). */
  name: string;
  /** Attribute values by name, entities decoded. */
  attributes: Record<string, string>;
  /** Child elements and non-blank text nodes, in document order. */
  children: XmlNode[];
}

/** An element or a text node (text trimmed; whitespace-only text between elements is dropped). */
export type XmlNode = XmlElement | string;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return ENTITIES[ref] ?? whole;
  });
}

/**
 * Parse an XML document into its root element. Throws a `SyntaxError` naming the offset on malformed input.
 *
 * @example
 * ```ts
 * parseXml('<query model="genomic" view="Gene.symbol"/>');
 * // { name: 'query', attributes: { model: 'genomic', view: 'Gene.symbol' }, children: [] }
 * ```
 */
export function parseXml(source: string): XmlElement {
  let pos = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  const fail = (message: string): never => {
    throw new SyntaxError(`Invalid XML at offset ${pos}: ${message}`);
  };
  const pushText = (raw: string, decode: boolean) => {
    const text = decode ? decodeEntities(raw).trim() : raw.trim();
    if (text === '') return;
    const parent = stack[stack.length - 1];
    if (!parent) return fail('text outside the root element');
    const last = parent.children[parent.children.length - 1];
    // Text split by a comment or CDATA section is one text node.
    if (typeof last === 'string') parent.children[parent.children.length - 1] = `${last}${text}`;
    else parent.children.push(text);
  };

  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    if (lt === -1) {
      pushText(source.slice(pos), true);
      break;
    }
    if (lt > pos) pushText(source.slice(pos, lt), true);
    pos = lt;
    if (source.startsWith('<!--', pos)) {
      const end = source.indexOf('-->', pos + 4);
      if (end === -1) fail('unterminated comment');
      pos = end + 3;
    } else if (source.startsWith('<![CDATA[', pos)) {
      const end = source.indexOf(']]>', pos + 9);
      if (end === -1) fail('unterminated CDATA section');
      pushText(source.slice(pos + 9, end), false);
      pos = end + 3;
    } else if (source.startsWith('<?', pos)) {
      const end = source.indexOf('?>', pos + 2);
      if (end === -1) fail('unterminated processing instruction');
      pos = end + 2;
    } else if (source.startsWith('<!', pos)) {
      // DOCTYPE (with an optional internal subset in brackets).
      let depth = 0;
      let i = pos + 2;
      for (; i < source.length; i++) {
        const c = source[i];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      if (i >= source.length) fail('unterminated declaration');
      pos = i + 1;
    } else if (source.startsWith('</', pos)) {
      const end = source.indexOf('>', pos);
      if (end === -1) fail('unterminated closing tag');
      const name = source.slice(pos + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name) fail(`closing tag </${name}> does not match <${open?.name ?? ''}>`);
      pos = end + 1;
    } else {
      pos++;
      const nameMatch = /^[^\s/>]+/.exec(source.slice(pos, pos + 256));
      if (!nameMatch) fail('element name expected');
      const element: XmlElement = { name: nameMatch![0], attributes: {}, children: [] };
      pos += element.name.length;
      let selfClosing = false;
      for (;;) {
        while (pos < source.length && /\s/.test(source[pos]!)) pos++;
        if (pos >= source.length) fail(`unterminated tag <${element.name}>`);
        if (source.startsWith('/>', pos)) {
          selfClosing = true;
          pos += 2;
          break;
        }
        if (source[pos] === '>') {
          pos++;
          break;
        }
        const attr = /^([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/.exec(source.slice(pos));
        if (!attr) fail(`malformed attribute in <${element.name}>`);
        const [whole, name, , double, single] = attr!;
        if (Object.hasOwn(element.attributes, name!)) fail(`duplicate attribute ${name} in <${element.name}>`);
        element.attributes[name!] = decodeEntities(double ?? single ?? '');
        pos += whole.length;
      }
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) fail('more than one root element');
      else root = element;
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length > 0) fail(`unclosed element <${stack[stack.length - 1]!.name}>`);
  if (!root) fail('no root element');
  return root!;
}

function describe(node: XmlNode | undefined): string {
  if (node === undefined) return 'nothing';
  if (typeof node === 'string') return JSON.stringify(node.length > 60 ? `${node.slice(0, 60)}…` : node);
  return `<${node.name}>`;
}

/**
 * The first difference between two XML trees, as `path: expected …, got …`, or `undefined` when
 * they are equal. Attribute order and whitespace between elements are ignored.
 *
 * @example
 * ```ts
 * xmlDifference(parseXml('<a x="1" y="2"/>'), parseXml('<a y="2" x="1"/>')); // undefined
 * xmlDifference(parseXml('<a x="1"/>'), parseXml('<a x="2"/>')); // '/a/@x: expected "1", got "2"'
 * ```
 */
export function xmlDifference(expected: XmlElement, actual: XmlElement, at = ''): string | undefined {
  const here = `${at}/${expected.name}`;
  if (expected.name !== actual.name) return `${at}/: expected <${expected.name}>, got <${actual.name}>`;
  const names = new Set([...Object.keys(expected.attributes), ...Object.keys(actual.attributes)]);
  for (const name of [...names].sort()) {
    const e = expected.attributes[name];
    const a = actual.attributes[name];
    if (e !== a) {
      return `${here}/@${name}: expected ${e === undefined ? 'no attribute' : JSON.stringify(e)}, got ${a === undefined ? 'no attribute' : JSON.stringify(a)}`;
    }
  }
  const count = Math.max(expected.children.length, actual.children.length);
  for (let i = 0; i < count; i++) {
    const e = expected.children[i];
    const a = actual.children[i];
    if (typeof e === 'object' && typeof a === 'object') {
      const diff = xmlDifference(e, a, here);
      if (diff) return diff;
    } else if (e !== a) {
      return `${here} child ${i + 1}: expected ${describe(e)}, got ${describe(a)}`;
    }
  }
  return undefined;
}
