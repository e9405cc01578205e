// The smallest real .xlsx (Office Open XML spreadsheet): a ZIP of XML parts. Written as EMX2's
// Apache POI writer (`SXSSFWorkbook`) writes it — every cell a string, as inline strings — and read
// as its streaming reader reads any workbook: shared strings, inline strings, numbers, booleans;
// sheets by name. Cell styles (date formats) are not read.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** One sheet: a name and its rows of cells (`''` = no cell). */
export interface XlsxSheet {
  name: string;
  rows: readonly (readonly string[])[];
}

/** A cell as read: its text, and what kind of cell held it. */
export interface XlsxCell {
  text: string;
  /** `s`/`inlineStr`/`str` text, `n` number, `b` boolean, `e` error, `f` a formula. */
  kind: 'string' | 'number' | 'boolean' | 'error' | 'formula';
}

/** A sheet as read: rows of (column index → cell); row and column gaps kept out. */
export interface XlsxReadSheet {
  name: string;
  rows: Map<number, XlsxCell>[];
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

function escapeXml(text: string): string {
  // characters XML 1.0 cannot hold at all are dropped (POI writes them as _xHHHH_; not needed here)
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** `0` → `A`, `26` → `AA`. */
export function columnLetters(index: number): string {
  let out = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

function sheetXml(rows: readonly (readonly string[])[]): string {
  const body = rows
    .map((row, r) => {
      const cells = row
        .map((text, c) => {
          if (text === '') return '';
          const space = text !== text.trim() ? ' xml:space="preserve"' : '';
          return `<c r="${columnLetters(c)}${r + 1}" t="inlineStr"><is><t${space}>${escapeXml(text)}</t></is></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${MAIN}"><sheetData>${body}</sheetData></worksheet>`;
}

/** A workbook with these sheets, in order, as .xlsx bytes. */
export function writeXlsx(sheets: readonly XlsxSheet[]): Uint8Array {
  const overrides = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${SHEET_TYPE}"/>`).join('');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}</Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets
        .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PKG_REL}">${sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('')}</Relationships>`,
    ),
  };
  for (const [i, s] of sheets.entries()) files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s.rows));
  return zipSync(files);
}

// --- reading ---------------------------------------------------------------------------------

/** An XML element: local name (prefix dropped), attributes by local name too, children, text. */
interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (all, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e] ?? all;
  });
}

const local = (name: string): string => name.slice(name.indexOf(':') + 1);

/** A small non-validating XML reader: elements, attributes, text and CDATA; declarations, comments skipped. */
export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  const tag =
    /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(xml); m !== null; m = tag.exec(xml)) {
    const top = stack.at(-1) as XmlNode;
    top.text += decode(xml.slice(last, m.index));
    last = tag.lastIndex;
    if (m[1] !== undefined) top.text += m[1];
    else if (m[2] !== undefined) {
      if (stack.length === 1 || local(m[2]) !== top.name) throw new SyntaxError(`unexpected </${m[2]}>`);
      stack.pop();
    } else if (m[3] !== undefined) {
      const attrs: Record<string, string> = {};
      for (const a of (m[4] ?? '').matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[local(a[1] as string)] = decode(a[2] ?? a[3] ?? '');
      const node: XmlNode = { name: local(m[3]), attrs, children: [], text: '' };
      top.children.push(node);
      if (m[5] !== '/') stack.push(node);
    }
  }
  if (stack.length !== 1) throw new SyntaxError(`<${stack.at(-1)?.name}> is not closed`);
  return root;
}

const childrenOf = (node: XmlNode | undefined, name: string): XmlNode[] => node?.children.filter((c) => c.name === name) ?? [];
const childOf = (node: XmlNode | undefined, name: string): XmlNode | undefined => node?.children.find((c) => c.name === name);

/** The text of `<t>` runs of a string item (`<si>` or `<is>`), phonetic runs (`<rPh>`) left out. */
function runText(node: XmlNode): string {
  if (node.name === 't') return node.text;
  if (node.name === 'rPh') return '';
  return node.children.map(runText).join('');
}

/** `B12` → column index 1. */
function columnIndex(ref: string): number | undefined {
  const letters = /^([A-Z]+)\d*$/i.exec(ref)?.[1];
  if (letters === undefined) return undefined;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

/** The sheets of an .xlsx, in workbook order. Throws on bytes that are not an Office Open XML workbook. */
export function readXlsx(bytes: Uint8Array): XlsxReadSheet[] {
  const files = unzipSync(bytes);
  const part = (path: string): XmlNode | undefined => {
    const data = files[path];
    return data === undefined ? undefined : parseXml(strFromU8(data));
  };
  const rootRels = childrenOf(childOf(part('_rels/.rels'), 'Relationships'), 'Relationship');
  const workbookPath = resolvePart('', rootRels.find((r) => r.attrs.Type?.endsWith('/officeDocument'))?.attrs.Target ?? 'xl/workbook.xml');
  const workbook = childOf(part(workbookPath), 'workbook');
  if (workbook === undefined) throw new Error('No valid entries or contents found, this is not a valid OOXML (Office Open XML) file');
  const relsPath = `${workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1)}_rels/${workbookPath.slice(workbookPath.lastIndexOf('/') + 1)}.rels`;
  const rels = childrenOf(childOf(part(relsPath), 'Relationships'), 'Relationship');
  const target = (rel: XmlNode | undefined): string | undefined => (rel?.attrs.Target === undefined ? undefined : resolvePart(workbookPath, rel.attrs.Target));
  const sharedPath = target(rels.find((r) => r.attrs.Type?.endsWith('/sharedStrings')));
  const shared = childrenOf(childOf(sharedPath === undefined ? undefined : part(sharedPath), 'sst'), 'si').map(runText);
  return childrenOf(childOf(workbook, 'sheets'), 'sheet').map((sheet) => {
    const path = target(rels.find((r) => r.attrs.Id === sheet.attrs.id));
    const xml = path === undefined ? undefined : part(path);
    if (xml === undefined) throw new Error(`sheet '${sheet.attrs.name}' has no worksheet part`);
    const rows = childrenOf(childOf(childOf(xml, 'worksheet'), 'sheetData'), 'row').map((row) => {
      const cells = new Map<number, XlsxCell>();
      let next = 0;
      for (const c of childrenOf(row, 'c')) {
        const at = c.attrs.r === undefined ? next : (columnIndex(c.attrs.r) ?? next);
        next = at + 1;
        const value = childOf(c, 'v')?.text ?? '';
        const type = c.attrs.t ?? 'n';
        let cell: XlsxCell;
        if (childOf(c, 'f') !== undefined) cell = { text: value, kind: 'formula' };
        else if (type === 'inlineStr') cell = { text: runText(childOf(c, 'is') ?? c), kind: 'string' };
        else if (type === 's') {
          const text = shared[Number(value)];
          if (text === undefined) throw new Error(`cell ${c.attrs.r ?? ''} refers to shared string ${value}, which does not exist`);
          cell = { text, kind: 'string' };
        } else if (type === 'str') cell = { text: value, kind: 'string' };
        else if (type === 'b') cell = { text: value === '1' ? 'true' : 'false', kind: 'boolean' };
        else if (type === 'e') cell = { text: value, kind: 'error' };
        else if (value === '')
          continue; // a styled blank cell
        else cell = { text: value, kind: 'number' };
        cells.set(at, cell);
      }
      return cells;
    });
    return { name: sheet.attrs.name ?? '', rows };
  });
}
