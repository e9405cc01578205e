// Issue 21 §3 (mutation testing of the PathQuery XML writer: src/internal/xml.ts and
// src/query-codec.ts): every field of a query reaches the XML the mine runs, escaped, and nothing
// else does. A dropped attribute or a bad escape is a different query, not an error.
import { describe, expect, it } from 'vitest';
import { escapeXml, parseXml, writeElement, writeTextElement, type XmlElement } from '../../src/internal/xml.js';
import { readQueryXML, writeQueryXML } from '../../src/query-codec.js';
import type { QueryJSON } from '../../src/query-types.js';

/** An element tree without empty text, for comparing XML as data. */
function tree(xml: string): unknown {
  const strip = (e: XmlElement): unknown => ({
    name: e.name,
    attributes: e.attributes,
    ...(e.text === '' ? {} : { text: e.text }),
    ...(e.children.length === 0 ? {} : { children: e.children.map(strip) }),
  });
  return strip(parseXml(xml));
}

const base: QueryJSON = { model: { name: 'genomic' }, from: 'Gene', select: ['Gene.symbol'], where: [], joins: [], orderBy: [] };

describe('escapeXml', () => {
  it('writes tab, line feed and carriage return as character references; refuses the C0 controls XML 1.0 cannot carry', () => {
    expect(escapeXml('a\rb\tc\nd')).toBe('a&#13;b&#9;c&#10;d');
    // XML 1.0's Char production has no place for these, not even as `&#1;`: the mine's SAX parser
    // refuses the whole query ("Character reference "&#1" is an invalid XML character").
    for (const c of ['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u000E', '\u001F', '\uFFFE', '\uFFFF', '\uD800', 'x\uDC00'])
      expect(() => escapeXml(`a${c}b`), JSON.stringify(c)).toThrow(/XML cannot carry the character U\+/);
    // A surrogate pair (one astral character) is fine.
    expect(escapeXml('\u{1F9EC}')).toBe('\u{1F9EC}');
    // Space, DEL and everything printable stay as they are.
    expect(escapeXml(' ~\u007F\u0080é')).toBe(' ~\u007F\u0080é');
    expect(escapeXml('')).toBe('');
    expect(escapeXml('plain')).toBe('plain');
  });

  it('escapes every occurrence, not only the first', () => {
    expect(escapeXml('<<&&""\'\'>>')).toBe('&lt;&lt;&amp;&amp;&quot;&quot;&apos;&apos;&gt;&gt;');
  });
});

describe('writeElement / writeTextElement', () => {
  it('self-closes an element without children and keeps attribute order', () => {
    expect(writeElement('join', { path: 'Gene.pathways', style: 'OUTER' })).toBe('<join path="Gene.pathways" style="OUTER"/>');
    expect(writeElement('query', {})).toBe('<query/>');
    expect(writeElement('a', { x: '', y: undefined })).toBe('<a x=""/>');
  });

  it('writes children in order between the tags, with nothing in between', () => {
    expect(writeElement('a', { k: 'v' }, ['<b/>', '<c/>'])).toBe('<a k="v"><b/><c/></a>');
    expect(writeTextElement('value', 'a<b')).toBe('<value>a&lt;b</value>');
    expect(writeTextElement('value', '')).toBe('<value></value>');
  });
});

describe('writeQueryXML', () => {
  it('writes every query attribute, the sort order as "path direction" pairs', () => {
    const xml = writeQueryXML({
      ...base,
      select: ['Gene.symbol', 'Gene.length'],
      orderBy: [
        { path: 'Gene.length', direction: 'desc' },
        { path: 'Gene.symbol', direction: 'asc' },
      ],
      constraintLogic: 'A or B',
      name: 'my_query',
      title: 'Genes & <lengths>',
      description: 'Long "description"',
    });
    expect(tree(xml)).toEqual({
      name: 'query',
      attributes: {
        name: 'my_query',
        model: 'genomic',
        view: 'Gene.symbol Gene.length',
        longDescription: 'Long "description"',
        title: 'Genes & <lengths>',
        sortOrder: 'Gene.length desc Gene.symbol asc',
        constraintLogic: 'A or B',
      },
    });
  });

  it('leaves out what the query does not have (no empty sortOrder)', () => {
    expect(tree(writeQueryXML(base))).toEqual({ name: 'query', attributes: { model: 'genomic', view: 'Gene.symbol' } });
  });

  it('writes path descriptions, outer joins and constraints as children, in that order', () => {
    const xml = writeQueryXML({
      ...base,
      pathDescriptions: { 'Gene.symbol': 'Symbol', 'Gene.organism': 'Organism' },
      joins: ['Gene.pathways', 'Gene.goAnnotation'],
      where: [
        { path: 'Gene.symbol', op: '=', value: 'eve', code: 'A' },
        { path: 'Gene.organism.shortName', op: 'ONE OF', values: ['D. melanogaster', 'H. sapiens'], code: 'B' },
      ],
    });
    expect(tree(xml)).toEqual({
      name: 'query',
      attributes: { model: 'genomic', view: 'Gene.symbol' },
      children: [
        { name: 'pathDescription', attributes: { pathString: 'Gene.symbol', description: 'Symbol' } },
        { name: 'pathDescription', attributes: { pathString: 'Gene.organism', description: 'Organism' } },
        { name: 'join', attributes: { path: 'Gene.pathways', style: 'OUTER' } },
        { name: 'join', attributes: { path: 'Gene.goAnnotation', style: 'OUTER' } },
        { name: 'constraint', attributes: { path: 'Gene.symbol', op: '=', value: 'eve', code: 'A' } },
        {
          name: 'constraint',
          attributes: { path: 'Gene.organism.shortName', op: 'ONE OF', code: 'B' },
          children: [
            { name: 'value', attributes: {}, text: 'D. melanogaster' },
            { name: 'value', attributes: {}, text: 'H. sapiens' },
          ],
        },
      ],
    });
  });

  it('writes every constraint field: type, extraValue, loopPath, ids, template fields', () => {
    const xml = writeQueryXML({
      ...base,
      where: [
        { path: 'Gene.chromosomeLocation', type: 'Location' },
        { path: 'Gene', op: 'LOOKUP', value: 'eve', extraValue: 'D. melanogaster', code: 'A', editable: false, switchable: 'off' },
        { path: 'Gene.homologues.homologue', op: '!=', loopPath: 'Gene', code: 'B', editable: true, description: 'Help', identifier: 'h1' },
        { path: 'Gene', op: 'IN', ids: [1016298, 42], code: 'C' },
      ],
    });
    const constraints = (tree(xml) as { children: { attributes: Record<string, string> }[] }).children.map((c) => c.attributes);
    expect(constraints).toEqual([
      { path: 'Gene.chromosomeLocation', type: 'Location' },
      { path: 'Gene', op: 'LOOKUP', value: 'eve', extraValue: 'D. melanogaster', code: 'A', editable: 'false', switchable: 'off' },
      { path: 'Gene.homologues.homologue', op: '!=', loopPath: 'Gene', code: 'B', editable: 'true', description: 'Help', identifier: 'h1' },
      { path: 'Gene', op: 'IN', ids: '1016298, 42', code: 'C' },
    ]);
  });

  it('round-trips through readQueryXML, values with markup and line breaks included', () => {
    const json: QueryJSON = {
      ...base,
      where: [
        { path: 'Gene.symbol', op: '=', value: 'a<b>&"c"\n\td\r', code: 'A' },
        { path: 'Gene.name', op: 'NONE OF', values: ['x & y', "it's"], code: 'B' },
      ],
      joins: ['Gene.pathways'],
      orderBy: [{ path: 'Gene.symbol', direction: 'desc' }],
      constraintLogic: 'A and B',
    };
    const back = readQueryXML(writeQueryXML(json));
    expect(back.where).toEqual(json.where);
    expect(back.joins).toEqual(json.joins);
    expect(back.orderBy).toEqual(json.orderBy);
    expect(back.constraintLogic).toBe('A and B');
    expect(back.select).toEqual(json.select);
  });
});
