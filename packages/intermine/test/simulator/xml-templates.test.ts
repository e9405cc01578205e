// Model and template XML (issue 15 items 9 and 10): read as older mines and local files give
// them, `<pathDescription>` kept on a round trip, templates built locally, run, saved, and a
// run saved as a list — against the simulator (which writes the XML forms from InterMine's
// Model/TemplateQuery XML layout).
import { isBadRequestError, isServerError } from '@bio/core-http';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { InterMine, Model, Query } from '../../src/index.js';
import { xmlTree } from '../helpers.js';
import { ROOT, useSimulatorServer } from './setup.js';

const { sim, server } = useSimulatorServer();
const [demo, curator] = sim.users;
const mine = () => new InterMine({ baseUrl: ROOT, token: demo!.token, retry: 0 });

async function xmlOf(path: string): Promise<string> {
  const r = await fetch(`${ROOT}/service/${path}${path.includes('?') ? '&' : '?'}format=xml`, { headers: { authorization: `Token ${demo!.token}` } });
  expect(r.status).toBe(200);
  return r.text();
}

describe('model XML', () => {
  it('reads the model as XML (a local model.xml, or an older mine that answers only XML) as it reads JSON', async () => {
    const xml = await xmlOf('model');
    const fromXml = Model.fromXML(xml);
    const fromJson = await mine().model();
    expect(fromXml.classNames).toEqual(fromJson.classNames);
    // The XML has no display names; everything else is the same.
    const shape = (m: Model, name: string) => {
      const c = m.getClass(name);
      const fields = (o: Record<string, { name: string; type?: string; referencedType?: string; reverseReference?: string }>) =>
        Object.fromEntries(Object.values(o).map((f) => [f.name, [f.type, f.referencedType, f.reverseReference]]));
      return { extends: c.extends, attributes: fields(c.attributes), references: fields(c.references), collections: fields(c.collections) };
    };
    for (const name of fromJson.classNames) expect(shape(fromXml, name), name).toEqual(shape(fromJson, name));
    expect(Model.parse(xml).name).toBe('genomic');
    // An older mine: /model answers XML whatever the format asked for.
    server.use(http.get(`${ROOT}/service/model`, () => new HttpResponse(xml, { headers: { 'content-type': 'application/xml' } })));
    const old = mine();
    expect((await old.model()).getClass('Gene').collections.pathways!.referencedType).toBe('Pathway');
    expect(await old.count(old.query('Gene').select('symbol').where('symbol', '=', 'eve'))).toBe(1);
  });

  it('a failure reported in the JSON body of /model is the server error, not a model error', async () => {
    server.use(
      http.get(`${ROOT}/service/model`, () => HttpResponse.json({ wasSuccessful: false, error: 'Service failed. Please contact support.', statusCode: 500 })),
    );
    const error = await mine()
      .model()
      .catch((e: unknown) => e);
    expect(isServerError(error)).toBe(true);
    expect((error as { serviceMessage: string }).serviceMessage).toBe('Service failed. Please contact support.');
  });

  it('refuses what is not a model', () => {
    expect(() => Model.fromXML('<query view="Gene.symbol"/>')).toThrow(/expected <model>/);
    expect(() => Model.parse('nonsense')).toThrow(/neither JSON nor XML/);
    expect(() => Model.fromXML('<model name="x"><class name="A"><reference name="b"/></class></model>')).toThrow(/A.b has no referenced-type/);
  });
});

describe('template XML and local templates', () => {
  it('reads the template list as XML and keeps <pathDescription> on a round trip', async () => {
    const xml = await xmlOf('templates');
    server.use(http.get(`${ROOT}/service/templates`, () => new HttpResponse(xml, { headers: { 'content-type': 'application/xml' } })));
    const m = mine();
    const t = await m.template('Gene_Pathways');
    expect(t.title).toBe('Gene --> Pathways');
    expect(t.saved).toBe(true);
    expect(t.editable.map((c) => c.code)).toEqual(['A', 'B']);
    const fromJson = await mine().template('Gene_Pathways');
    expect(await t.rows({ A: 'zen' }).toArray()).toEqual(await fromJson.rows({ A: 'zen' }).toArray());
    expect(await t.count({ A: 'zen', B: 'Generic' })).toBe(1);

    const withDescriptions = `<template name="Gene_Pathway_names" title="Gene --> pathway names" comment="local"><query name="Gene_Pathway_names" model="genomic" view="Gene.symbol Gene.pathways.name" longDescription="Pathways of a gene"><pathDescription pathString="Gene.pathways" description="Pathway"/><pathDescription pathString="Gene.symbol" description="Gene symbol &amp; name"/><constraint path="Gene.symbol" op="=" value="eve" code="A" editable="true"/></query></template>`;
    const [local] = m.loadTemplates(withDescriptions);
    expect(local!.query.pathDescriptions).toEqual({ 'Gene.pathways': 'Pathway', 'Gene.symbol': 'Gene symbol & name' });
    expect(xmlTree(local!.toXML())).toEqual(xmlTree(withDescriptions));
    expect(Query.fromXML(local!.query.toXML()).pathDescriptions).toEqual(local!.query.pathDescriptions);
    expect(Query.fromJSON(JSON.parse(JSON.stringify(local!.query))).pathDescriptions).toEqual(local!.query.pathDescriptions);
  });

  it('runs a local template as a query, saves it, and then runs it by name', async () => {
    const m = mine();
    const q = m
      .query('Gene')
      .select('symbol', 'length')
      .where({ path: 'Gene.symbol', op: '=', value: 'eve', editable: true, code: 'A' })
      .where({ path: 'Gene.length', op: '>', value: '100000', editable: true, switchable: 'off', code: 'B' })
      .logic('A and B');
    const t = m.templateFrom(q, { name: 'Gene_length', title: 'Gene --> length', description: 'The length of a gene' });
    expect(t.saved).toBe(false);
    expect(await t.rows({ A: 'zen' }).toArray()).toEqual([['zen', 1326]]);
    expect(sim.requests.at(-1)!.url.pathname).toMatch(/\/query\/results$/);
    expect(t.apply({ A: 'zen' }).constraintLogic).toBe('A'); // B is switched off: left out of the query and the logic
    expect(t.apply({ A: 'zen', B: '5' }).constraintLogic).toBe('A and B');
    expect(await t.count({ A: 'zen', B: { value: '1000' } })).toBe(1);
    expect(await t.count({ A: 'zen', B: { value: '2000' } })).toBe(0);

    await t.save();
    expect(t.saved).toBe(true);
    expect(Object.keys(sim.state.templates)).toContain('Gene_length');
    expect((await m.templates()).map((x) => x.name)).toContain('Gene_length');
    expect(await t.rows({ A: 'zen' }).toArray()).toEqual([['zen', 1326]]);
    expect(sim.requests.at(-1)!.url.pathname).toMatch(/\/template\/results$/);
    // Another user does not see it.
    const other = new InterMine({ baseUrl: ROOT, token: curator!.token, retry: 0 });
    expect((await other.templates()).map((x) => x.name)).not.toContain('Gene_length');
  });

  it('refuses a template without editable constraints, a bad name, and one the mine finds invalid', async () => {
    const m = mine();
    expect(() => m.templateFrom(m.query('Gene').select('symbol'), { name: 'x' })).toThrow(/at least one editable constraint/);
    const q = m.query('Gene').select('symbol').where({ path: 'Gene.symbol', op: '=', value: 'eve', editable: true });
    expect(() => m.templateFrom(q, { name: 'bad name' })).toThrow(/a template name must be/);
    const [broken] = m.loadTemplates(
      '<template name="Broken"><query model="genomic" view="Gene.symbl"><constraint path="Gene.symbol" op="=" value="eve" editable="true" code="A"/></query></template>',
    );
    await expect(broken!.save()).rejects.toSatisfy(isBadRequestError);
  });

  it('saves the results of a run as a list, for saved and local templates', async () => {
    const m = mine();
    const t = await m.template('Gene_Pathways');
    const list = await t.saveAsList({ A: 'eve' }, { name: 'eve-pathways', path: 'pathways', description: 'pathways of eve' });
    expect(list.toJSON()).toMatchObject({ name: 'eve-pathways', type: 'Pathway', size: 3 });
    // Through /query/tolist: the mine's /template/tolist would name the list after the template.
    expect(sim.requests.at(-1)!.url.pathname).toMatch(/\/query\/tolist$/);
    expect(sim.state.lists.has('eve-pathways')).toBe(true);
    const genes = await t.saveAsList({ A: 'zen' }, { name: 'zen-gene' });
    expect(genes.toJSON()).toMatchObject({ type: 'Gene', size: 1 });
    const [local] = m.loadTemplates(t.toXML().replace('name="Gene_Pathways"', 'name="Local_Pathways"'));
    const fromLocal = await local!.saveAsList({ A: 'eve' }, { name: 'eve-pathways-2', path: 'Gene.pathways' });
    expect(fromLocal.toJSON()).toMatchObject({ type: 'Pathway', size: 3 });
    expect(sim.state.lists.get('eve-pathways-2')!.ids.sort()).toEqual(sim.state.lists.get('eve-pathways')!.ids.sort());
  });
});
