import { readFileSync } from 'node:fs';
import { parseXml, type XmlElement } from '../src/internal/xml.js';
import { Model, type ModelJson } from '../src/model.js';

function fixtureBody<T>(file: string): T {
  const fixture = JSON.parse(readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8')) as {
    exchanges: { response: { body: { json: T } } }[];
  };
  return fixture.exchanges[0]!.response.body.json;
}

/** The FlyMine-style model from the recorded `/model` fixture. */
export function testModel(): Model {
  return Model.fromJSON(fixtureBody<ModelJson>('model.json'));
}

/** Summary fields from the recorded `/summaryfields` fixture. */
export function testSummaryFields(): Record<string, string[]> {
  return fixtureBody<{ classes: Record<string, string[]> }>('summaryfields.json').classes;
}

/** An XML document as a plain tree (attributes as a map, children in order, text trimmed) for deep equality. */
export function xmlTree(xml: string): unknown {
  const walk = (el: XmlElement): unknown => ({
    name: el.name,
    attributes: el.attributes,
    children: el.children.map(walk),
    text: el.text.trim(),
  });
  return walk(parseXml(xml));
}
