import { describe, expect, it } from 'vitest';
import { escapeXml, parseXml, writeElement, writeTextElement } from '../../src/internal/xml.js';

describe('escapeXml', () => {
  it('escapes the five special characters and control characters', () => {
    expect(escapeXml(`a<b>c&d"e'f`)).toBe('a&lt;b&gt;c&amp;d&quot;e&apos;f');
    expect(escapeXml('x\ny\tz')).toBe('x&#10;y&#9;z');
  });
  it('keeps unicode as is', () => {
    expect(escapeXml('Müller – Дрозофила')).toBe('Müller – Дрозофила');
  });
});

describe('parseXml', () => {
  it('round-trips attributes and text through the writer', () => {
    const nasty = `<>&"' ü\n\tЖ`;
    const xml = writeElement('query', { a: nasty, b: undefined }, [writeTextElement('value', nasty), writeElement('join', { path: 'x' })]);
    const tree = parseXml(xml);
    expect(tree.attributes).toEqual({ a: nasty });
    expect(tree.children.map((c) => c.name)).toEqual(['value', 'join']);
    expect(tree.children[0]!.text).toBe(nasty);
  });
  it('reads declarations, comments, CDATA, single quotes and numeric entities', () => {
    const tree = parseXml(`<?xml version="1.0"?>\n<!-- c --><a x='1 &#x3E; 0' y="&#60;"><![CDATA[<raw>]]><!-- in --><b/></a>\n`);
    expect(tree.attributes).toEqual({ x: '1 > 0', y: '<' });
    expect(tree.text).toBe('<raw>');
    expect(tree.children).toHaveLength(1);
  });
  it.each([
    ['<a>', 'unterminated'],
    ['<a></b>', 'expected </a>'],
    ['<a x="1" x="2"/>', 'duplicate attribute'],
    ['<a x=1/>', 'quoted value'],
    ['<a>&bogus;</a>', 'unknown entity'],
    ['<a/><b/>', 'after the root'],
    ['', 'root element'],
  ])('rejects %j', (xml, message) => {
    expect(() => parseXml(xml)).toThrow(message);
  });
});
