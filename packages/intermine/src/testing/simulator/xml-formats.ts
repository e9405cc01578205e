// The XML forms of `/model` and `/templates` (the servers' default format, and the only one of
// older mines): model XML as InterMine's `Model.toString()` writes it (each class with the fields
// it declares itself), and `<template-queries>` with each template's PathQuery XML. Template
// uploads (`/template/upload`) are read back into the JSON shape the simulator keeps.
import { writeElement } from '../../internal/xml.js';
import { readQueryElement, readQueryJSON, writeQueryXML } from '../../query-codec.js';
import { parseXml, type XmlElement } from '../../internal/xml.js';
import { badRequest } from './envelope.js';
import type { ModelJson } from './model.js';

/** The model as InterMine's model XML. */
export function modelXml(model: ModelJson): string {
  const classes = Object.values(model.classes).map((cls) => {
    const parents = cls.extends.map((p) => model.classes[p]).filter((p) => p !== undefined);
    const inherited = (kind: 'attributes' | 'references' | 'collections', name: string) => parents.some((p) => p[kind][name] !== undefined);
    const fields: string[] = [];
    for (const a of Object.values(cls.attributes))
      if (!inherited('attributes', a.name) && a.name !== 'id') fields.push(writeElement('attribute', { name: a.name, type: a.type }));
    for (const kind of ['references', 'collections'] as const) {
      for (const r of Object.values(cls[kind])) {
        if (inherited(kind, r.name)) continue;
        const reverse = (r as { reverseReference?: string }).reverseReference;
        fields.push(
          writeElement(kind === 'references' ? 'reference' : 'collection', { name: r.name, 'referenced-type': r.referencedType, 'reverse-reference': reverse }),
        );
      }
    }
    return writeElement('class', { name: cls.name, extends: cls.extends.length > 0 ? cls.extends.join(' ') : undefined, 'is-interface': 'true' }, fields);
  });
  return `<model name="${model.name}" package="${model.package}">\n${classes.join('\n')}\n</model>\n`;
}

/** Templates (kept in `GET /templates?format=json` shape) as `<template-queries>`. */
export function templatesXml(templates: Record<string, Record<string, unknown>>): string {
  const items = Object.values(templates).map((t) => {
    const json = { ...readQueryJSON(t as Record<string, unknown>), name: String(t.name) };
    return writeElement('template', { name: String(t.name), title: t.title as string | undefined, comment: (t.comment as string | undefined) ?? '' }, [
      writeQueryXML(json),
    ]);
  });
  return `<template-queries>${items.join('')}</template-queries>`;
}

/** Uploaded template XML (`<template-queries>` or one `<template>`) in the JSON shape of `/templates`. */
export function templatesFromUpload(xml: string): Record<string, unknown>[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    badRequest(`Could not parse templates: ${(error as Error).message}`);
  }
  const elements = root.name === 'template' ? [root] : root.children.filter((c) => c.name === 'template');
  if (elements.length === 0) badRequest('Could not parse templates: no <template> elements');
  return elements.map((el) => {
    const q = readQueryElement(el);
    const name = el.attributes.name;
    if (!name || !/^[\w.-]+$/.test(name)) badRequest('The template has an invalid name.');
    return {
      name,
      title: el.attributes.title ?? '',
      description: q.description ?? '',
      comment: el.attributes.comment ?? '',
      model: q.model,
      select: q.select,
      where: q.where.map((c) => ({
        ...c,
        switchable: c.switchable !== undefined && c.switchable !== 'locked',
        switched: c.switchable === 'off' ? 'OFF' : c.switchable === 'on' ? 'ON' : 'LOCKED',
      })),
      orderBy: q.orderBy.map((o) => ({ [o.path]: o.direction.toUpperCase() })),
      joins: q.joins,
      ...(q.constraintLogic ? { constraintLogic: q.constraintLogic } : {}),
      ...(q.pathDescriptions ? { pathDescriptions: q.pathDescriptions } : {}),
    };
  });
}
