import { isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { Query } from '../../src/query.js';
import { testModel, testSummaryFields, xmlTree } from '../helpers.js';

const model = testModel();
const summaryFields = testSummaryFields();
const gene = () => new Query('Gene', { model, summaryFields });

function constraintXml(q: Query): Record<string, string>[] {
  const tree = xmlTree(q.toXML()) as { children: { name: string; attributes: Record<string, string> }[] };
  return tree.children.filter((c) => c.name === 'constraint').map((c) => c.attributes);
}

describe('Query builder', () => {
  it('builds the tutorial query', () => {
    const q = gene()
      .select('symbol', 'pathways.*')
      .where('Gene', 'IN', 'demo-list')
      .where('length', '>', 5000)
      .where('symbol', '=', 'eve')
      .outerJoin('pathways')
      .orderBy('symbol', 'asc')
      .logic('A and (B or C)');
    expect(q.views).toEqual(['Gene.symbol', 'Gene.pathways.identifier', 'Gene.pathways.name']);
    expect(xmlTree(q.toXML())).toEqual(
      xmlTree(
        `<query model="genomic" view="Gene.symbol Gene.pathways.identifier Gene.pathways.name" sortOrder="Gene.symbol asc" constraintLogic="A and (B or C)">
           <join path="Gene.pathways" style="OUTER"/>
           <constraint path="Gene" op="IN" value="demo-list" code="A"/>
           <constraint path="Gene.length" op="&gt;" value="5000" code="B"/>
           <constraint path="Gene.symbol" op="=" value="eve" code="C"/>
         </query>`,
      ),
    );
  });

  it('expands * to summary fields and ** to every attribute', () => {
    expect(gene().select('*').views).toEqual(summaryFields.Gene);
    expect(gene().select('organism.**').views).toEqual([
      'Gene.organism.name',
      'Gene.organism.shortName',
      'Gene.organism.taxonId',
      'Gene.organism.genus',
      'Gene.organism.species',
    ]);
    // Without the model the star is kept until the query runs.
    expect(new Query('Gene').select('pathways.*').views).toEqual(['Gene.pathways.*']);
    expect(() => new Query('Gene').select('pathways.*').toXML()).toThrow(/before expansion/);
    expect(new Query('Gene').select('pathways.*').expandStars(model, summaryFields).views).toEqual(['Gene.pathways.identifier', 'Gene.pathways.name']);
  });

  it('assigns codes A..Z in order, skipping codes taken explicitly, and stops after Z', () => {
    const q = gene().where({ path: 'symbol', op: '=', value: 'x', code: 'B' }).where('length', '>', 1).where('name', 'IS NULL');
    expect(q.constraints.map((c) => c.code)).toEqual(['B', 'A', 'C']);
    const big = gene();
    for (let i = 0; i < 26; i++) big.where('length', '>', i);
    expect(big.constraints.at(-1)?.code).toBe('Z');
    expect(() => big.where('length', '>', 27)).toThrow(/at most 26/);
    expect(() => gene().where({ path: 'symbol', op: '=', value: 'x', code: 'AA' })).toThrow(/single letters/);
    expect(() => gene().where({ path: 'symbol', op: '=', value: 'x', code: 'A' }).where({ path: 'name', op: '=', value: 'y', code: 'A' })).toThrow(
      /already used/,
    );
  });

  it('validates logic against the codes; subclass constraints have none', () => {
    const q = gene().select('symbol').where('transcripts', { type: 'MRNA' }).where('symbol', '=', 'eve').where('symbol', '=', 'zen');
    expect(q.constraints[0]).toEqual({ path: 'Gene.transcripts', type: 'MRNA' });
    expect(() => q.logic('A or B or C')).toThrow(/uses code C/);
    q.logic('A or B');
    expect(q.constraintLogic).toBe('A or B');
    const tree = xmlTree(q.toXML()) as { attributes: Record<string, string> };
    expect(tree.attributes.constraintLogic).toBe('A or B');
  });

  it('takes logic that uses a code more than once, and reads it back', () => {
    const q = gene()
      .select('symbol')
      .where('organism.shortName', '=', 'D. melanogaster')
      .where('symbol', '=', 'eve')
      .where('length', '>', 1000)
      .where('name', 'IS NOT NULL')
      .logic('(A and B) or (A and C and D)');
    expect(q.constraintLogic).toBe('A and B or A and C and D');
    expect((xmlTree(q.toXML()) as { attributes: Record<string, string> }).attributes.constraintLogic).toBe('A and B or A and C and D');
    expect(Query.fromXML(q.toXML(), { model }).constraintLogic).toBe('A and B or A and C and D');
    expect(Query.fromJSON({ ...q.toJSON(), constraintLogic: '(A and B) or (A and C and D)' }).constraintLogic).toBe('A and B or A and C and D');
  });

  it('writes every constraint shape', () => {
    const q = gene()
      .select('symbol')
      .where('name', 'IS NOT NULL')
      .where('symbol', 'NONE OF', ['eve', 'zen'])
      .where('Gene', 'NOT IN', { ids: [1016298, 1064198] })
      .where('Gene', 'LOOKUP', 'eve', 'D. melanogaster')
      .where('homologues.homologue', '=', { loopPath: 'Gene' })
      .where('homologues.homologue', 'IS NOT', 'Gene')
      .where('chromosomeLocation', 'OVERLAPS', ['2L:100..200', '2R:1..5'])
      .where('overlappingFeatures', 'ISA', ['Exon', 'Intron'])
      .where('transcripts', { type: 'MRNA' })
      .where('transcripts.fivePrimeUTR.length', '<=', 300);
    expect(constraintXml(q)).toEqual([
      { path: 'Gene.name', op: 'IS NOT NULL', code: 'A' },
      { path: 'Gene.symbol', op: 'NONE OF', code: 'B' },
      { path: 'Gene', op: 'NOT IN', ids: '1016298, 1064198', code: 'C' },
      { path: 'Gene', op: 'LOOKUP', value: 'eve', extraValue: 'D. melanogaster', code: 'D' },
      { path: 'Gene.homologues.homologue', op: '=', loopPath: 'Gene', code: 'E' },
      { path: 'Gene.homologues.homologue', op: '!=', loopPath: 'Gene', code: 'F' },
      { path: 'Gene.chromosomeLocation', op: 'OVERLAPS', code: 'G' },
      { path: 'Gene.overlappingFeatures', op: 'ISA', code: 'H' },
      { path: 'Gene.transcripts', type: 'MRNA' },
      { path: 'Gene.transcripts.fivePrimeUTR.length', op: '<=', value: '300', code: 'I' },
    ]);
    const tree = xmlTree(q.toXML()) as { children: { children: { text: string }[] }[] };
    expect(tree.children[1]!.children.map((v) => v.text)).toEqual(['eve', 'zen']);
    expect(tree.children[6]!.children.map((v) => v.text)).toEqual(['2L:100..200', '2R:1..5']);
    expect(tree.children[7]!.children.map((v) => v.text)).toEqual(['Exon', 'Intron']);
  });

  it('makes loops only from { loopPath } or IS/IS NOT, and CONTAINS on a class path a range', () => {
    const q = gene()
      .select('symbol')
      .where('homologues.homologue', '=', { loopPath: 'Gene' })
      .where('homologues.homologue', 'IS NOT', 'Gene')
      .where('chromosomeLocation', 'CONTAINS', '2L:5..6');
    expect(q.constraints).toEqual([
      { path: 'Gene.homologues.homologue', op: '=', loopPath: 'Gene', code: 'A' },
      { path: 'Gene.homologues.homologue', op: '!=', loopPath: 'Gene', code: 'B' },
      { path: 'Gene.chromosomeLocation', op: 'CONTAINS', values: ['2L:5..6'], code: 'C' },
    ]);
    // Written without a model, CONTAINS is promoted to a range when validated.
    const loose = new Query('Gene').select('symbol').where('chromosomeLocation', 'CONTAINS', '2L:5..6');
    expect(loose.constraints[0]).toEqual({ path: 'Gene.chromosomeLocation', op: 'CONTAINS', value: '2L:5..6', code: 'A' });
    loose.validate(model);
    expect(loose.constraints).toEqual([{ path: 'Gene.chromosomeLocation', op: 'CONTAINS', values: ['2L:5..6'], code: 'A' }]);
  });

  describe('a value is a value, never a path', () => {
    it('keeps a string after = as the value (with or without the model)', () => {
      const loose = new Query('Gene').select('symbol').where('organism', '=', 'D. melanogaster');
      expect(loose.constraints).toEqual([{ path: 'Gene.organism', op: '=', value: 'D. melanogaster', code: 'A' }]);
      expect(constraintXml(loose)[0]).toEqual({ path: 'Gene.organism', op: '=', value: 'D. melanogaster', code: 'A' });
      // A string that looks like a class path stays a value too.
      expect(new Query('Gene').select('symbol').where('homologues.homologue', '!=', 'Gene').constraints[0]).toEqual({
        path: 'Gene.homologues.homologue',
        op: '!=',
        value: 'Gene',
        code: 'A',
      });
      expect(gene().select('symbol').where('organism.shortName', '=', 'D. melanogaster').constraints[0]).toEqual({
        path: 'Gene.organism.shortName',
        op: '=',
        value: 'D. melanogaster',
        code: 'A',
      });
    });
    it('refuses a value on a class path as a value constraint, pointing at attributes and { loopPath }', () => {
      for (const build of [
        () => gene().where('organism', '=', 'D. melanogaster'),
        () => new Query('Gene').select('symbol').where('organism', '=', 'D. melanogaster').validate(model),
      ]) {
        let error: unknown;
        try {
          build();
        } catch (e) {
          error = e;
        }
        expect(isValidationError(error)).toBe(true);
        expect((error as Error).message).not.toMatch(/invalid path|D\. melanogaster"/);
        expect((error as Error).message).toMatch(/operator = is not valid for Gene\.organism: it is a class \(Organism\); constrain one of its attributes/);
        expect((error as Error).message).toMatch(/loopPath/);
      }
      // validate() leaves the value as written.
      const q = new Query('Gene').select('symbol').where('homologues.homologue', '=', 'Gene');
      expect(() => q.validate(model)).toThrow(/it is a class/);
      expect(q.constraints[0]).toEqual({ path: 'Gene.homologues.homologue', op: '=', value: 'Gene', code: 'A' });
    });
  });

  describe('range operators on attributes', () => {
    it.each(['WITHIN', 'OVERLAPS', 'OUTSIDE', 'DOES NOT OVERLAP', 'CONTAINS', 'DOES NOT CONTAIN'] as const)(
      'sends %j on an attribute as a range, for the mine to judge',
      (op) => {
        const q = gene().select('symbol').where('symbol', op, ['2L:1..2', '3R:5..9']).validate();
        expect(q.constraints[0]).toEqual({ path: 'Gene.symbol', op, values: ['2L:1..2', '3R:5..9'], code: 'A' });
        const tree = xmlTree(q.toXML()) as { children: { attributes: Record<string, string>; children: { text: string }[] }[] };
        expect(tree.children[0]!.attributes).toEqual({ path: 'Gene.symbol', op, code: 'A' });
        expect(tree.children[0]!.children.map((v) => v.text)).toEqual(['2L:1..2', '3R:5..9']);
        // Also on a numeric attribute, and read back from XML with the model.
        expect(gene().where('length', op, ['1..100']).constraints[0]).toEqual({ path: 'Gene.length', op, values: ['1..100'], code: 'A' });
        expect(Query.fromXML(q.toXML(), { model }).constraints).toEqual(q.constraints);
      },
    );
    it('still refuses what is really invalid before any request', () => {
      expect(() => gene().where('symbol', 'OVERLAPS', [])).toThrow(/at least one value/);
      expect(() => gene().where('symbl', 'OVERLAPS', ['2L:1..2'])).toThrow(/did you mean "symbol"/);
      expect(() => gene().where('symbol', 'OVERLAPS' as never, [1, Number.NaN] as never)).toThrow(/finite number/);
    });
  });

  const ATTRIBUTE_OPS = ['=', '==', '!=', '!==', '<', '<=', '>', '>=', 'CONTAINS', 'DOES NOT CONTAIN', 'LIKE', 'NOT LIKE'] as const;
  const NASTY = `<eve> & "zen" 'bcd' Müller Дрозофила`;
  it.each(ATTRIBUTE_OPS)('escapes operator %j and a value with every special character', (op) => {
    const q = gene().select('symbol').where('symbol', op, NASTY);
    const xml = q.toXML();
    expect(xml).not.toMatch(/op="[^"]*[<>][^"]*"/);
    expect(xml).toContain('&lt;eve&gt; &amp; &quot;zen&quot;');
    expect(constraintXml(q)[0]).toEqual({ path: 'Gene.symbol', op, value: NASTY, code: 'A' });
    expect(Query.fromXML(xml).constraints[0]).toEqual({ path: 'Gene.symbol', op, value: NASTY, code: 'A' });
  });
  it.each(['ONE OF', 'NONE OF'] as const)('escapes multi-value operator %j', (op) => {
    const q = gene().select('symbol').where('symbol', op, [NASTY, '</value>']);
    expect(Query.fromXML(q.toXML()).constraints[0]).toEqual({ path: 'Gene.symbol', op, values: [NASTY, '</value>'], code: 'A' });
  });
  it.each(['IN', 'NOT IN'] as const)('escapes list operator %j', (op) => {
    const q = gene().select('symbol').where('Gene', op, `my "list" <1> & more`);
    expect(Query.fromXML(q.toXML()).constraints[0]).toEqual({ path: 'Gene', op, value: `my "list" <1> & more`, code: 'A' });
  });
  it.each(['WITHIN', 'OVERLAPS', 'OUTSIDE', 'DOES NOT OVERLAP', 'CONTAINS', 'DOES NOT CONTAIN'] as const)('round-trips range operator %j', (op) => {
    const q = gene().select('symbol').where('chromosomeLocation', op, ['2L:1..2', `X<&>:5`]);
    expect(Query.fromXML(q.toXML()).constraints[0]).toEqual({ path: 'Gene.chromosomeLocation', op, values: ['2L:1..2', 'X<&>:5'], code: 'A' });
  });
  it.each(['ISA', 'ISNT'] as const)('round-trips type operator %j', (op) => {
    const q = gene().select('symbol').where('overlappingFeatures', op, ['Exon']);
    expect(Query.fromXML(q.toXML()).constraints[0]).toEqual({ path: 'Gene.overlappingFeatures', op, values: ['Exon'], code: 'A' });
  });
  it('round-trips LOOKUP with an extra value, IS NULL, ids and loops', () => {
    const q = gene()
      .select('symbol')
      .where('Gene', 'LOOKUP', `e<v>e`, `D. "mel" & co`)
      .where('name', 'IS NULL')
      .where('Gene', 'IN', { ids: [1, 2] })
      .where('homologues.homologue', '!=', { loopPath: 'Gene' });
    expect(Query.fromXML(q.toXML()).constraints).toEqual(q.constraints);
  });

  it('rejects operators that do not fit the path type', () => {
    expect(() => gene().where('symbol', 'LOOKUP', 'eve')).toThrow(/LOOKUP is not valid for Gene.symbol/);
    expect(() => gene().where('Gene', '>', 5)).toThrow(/operator > is not valid for Gene: it is a class/);
    expect(() => gene().where('organism', 'ONE OF', ['a'])).toThrow(/needs an attribute/);
    expect(() => gene().where('length', 'LIKE', 'a*')).toThrow(/needs a text attribute/);
    expect(() => gene().where('length', '>', 'long')).toThrow(/"long" is not a number/);
    expect(() => gene().where('symbol', 'IN', 'demo-list')).toThrow(/needs a class path/);
    expect(() => gene().where('overlappingFeatures', 'ISA', ['Protein'])).toThrow(/Protein is not a kind of SequenceFeature/);
    expect(() => gene().where('homologues.homologue', '=', { loopPath: 'organism' })).toThrow(/unrelated classes/);
    expect(() => gene().where('transcripts', { type: 'Protein' })).toThrow(/not a subclass of Transcript/);
    expect(() => gene().where('symbol', 'BETWEEN' as never, 1)).toThrow(/unknown operator "BETWEEN"/);
    expect(() => gene().where('symbol', '=', ['a', 'b'] as never)).toThrow(/use ONE OF/);
    expect(() => gene().where('symbol', 'IS NULL', 'x')).toThrow(/takes no value/);
    expect(() => gene().where('symbol', 'ONE OF', [])).toThrow(/at least one value/);
    expect(() => gene().where('Gene', 'IN', '  ')).toThrow(/needs a list name/);
    expect(() => gene().where('symbl', '=', 'eve')).toThrow(/did you mean "symbol"/);
  });
  it('raises ValidationError (not a plain Error) for bad input', () => {
    try {
      gene().select('symbl');
      expect.unreachable();
    } catch (e) {
      expect(isValidationError(e)).toBe(true);
    }
  });
  it('checks views, joins and sort paths', () => {
    expect(() => gene().select('organism')).toThrow(/it is a class/);
    expect(() => gene().outerJoin('symbol')).toThrow(/only references and collections/);
    expect(() => gene().orderBy('pathways')).toThrow(/cannot sort on Gene.pathways/);
    expect(() => gene().orderBy('symbol', 'up' as never)).toThrow(/asc or desc/);
    expect(() => gene().toXML()).toThrow(/selects no columns/);
    expect(() => new Query('Gene.symbol')).toThrow(/class name/);
    expect(() => new Query('Gen', { model })).toThrow(/did you mean "Gene"/);
  });
  it('sorts on several keys and replaces a repeated key', () => {
    const q = gene().select('symbol', 'length').orderBy('symbol').orderBy('length', 'DESC').orderBy('symbol', 'desc');
    expect(q.sortOrder).toEqual([
      { path: 'Gene.length', direction: 'desc' },
      { path: 'Gene.symbol', direction: 'desc' },
    ]);
    expect((xmlTree(q.toXML()) as { attributes: Record<string, string> }).attributes.sortOrder).toBe('Gene.length desc Gene.symbol desc');
  });
  it('makes joins inner again', () => {
    const q = gene().select('symbol', 'pathways.name').outerJoin('pathways').innerJoin('pathways');
    expect(q.joins).toEqual([]);
  });
  it('clones deeply', () => {
    const q = gene().select('symbol').where('symbol', 'ONE OF', ['eve']);
    const c = q.clone().where('length', '>', 1).orderBy('symbol');
    expect(q.constraints).toHaveLength(1);
    expect(q.sortOrder).toEqual([]);
    expect(c.constraints).toHaveLength(2);
  });
});

describe('Query.fromXML / toJSON / fromJSON', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
    <query name="eve-things" model="genomic" view="Gene.symbol Gene.transcripts.fivePrimeUTR.length" longDescription="A &amp; B" sortOrder="Gene.symbol desc" constraintLogic="A or B">
      <join path="Gene.transcripts" style="OUTER"/>
      <join path="Gene.pathways" style="INNER"/>
      <constraint path="Gene.symbol" op="=" value="eve" code="A"/>
      <constraint path="Gene.length" op="&lt;" value="5000" code="B"/>
      <constraint path="Gene.transcripts" type="MRNA"/>
    </query>`;
  it('parses every part, with subclass casts applied before the view is checked', () => {
    const q = Query.fromXML(xml, { model });
    expect(q.name).toBe('eve-things');
    expect(q.description).toBe('A & B');
    expect(q.views).toEqual(['Gene.symbol', 'Gene.transcripts.fivePrimeUTR.length']);
    expect(q.joins).toEqual([{ path: 'Gene.transcripts', style: 'OUTER' }]);
    expect(q.sortOrder).toEqual([{ path: 'Gene.symbol', direction: 'desc' }]);
    expect(q.constraintLogic).toBe('A or B');
    expect(q.constraints).toEqual([
      { path: 'Gene.symbol', op: '=', value: 'eve', code: 'A' },
      { path: 'Gene.length', op: '<', value: '5000', code: 'B' },
      { path: 'Gene.transcripts', type: 'MRNA' },
    ]);
  });
  it('round-trips XML as a tree', () => {
    const q = Query.fromXML(xml, { model });
    const again = Query.fromXML(q.toXML(), { model });
    expect(xmlTree(again.toXML())).toEqual(xmlTree(q.toXML()));
    // The inner join is the default, so it is not written again.
    expect(xmlTree(q.toXML())).toEqual(
      xmlTree(xml.replace('<join path="Gene.pathways" style="INNER"/>', '').replace('<?xml version="1.0" encoding="UTF-8"?>', '')),
    );
  });
  it('reads a template wrapper and assigns codes to constraints without one', () => {
    const q = Query.fromXML(
      `<template name="T" title="Gene by symbol"><query model="genomic" view="Gene.symbol"><constraint path="Gene.symbol" op="=" value="eve" editable="true" switchable="off"/><constraint path="Gene.length" op="&gt;" value="1" code="A"/></query></template>`,
    );
    expect(q.name).toBe('T');
    expect(q.title).toBe('Gene by symbol');
    expect(q.constraints).toEqual([
      { path: 'Gene.symbol', op: '=', value: 'eve', code: 'B', editable: true, switchable: 'off' },
      { path: 'Gene.length', op: '>', value: '1', code: 'A' },
    ]);
  });
  it.each([
    ['<foo/>', /expected <query>/],
    ['<query model="genomic"/>', /no view/],
    ['<query model="genomic" view="Gene.symbol"><bogus/></query>', /unexpected <bogus>/],
    ['<query model="genomic" view="Gene.symbol"><constraint op="="/></query>', /without a path/],
    ['<query model="genomic" view="Gene.symbol" constraintLogic="A or B"><constraint path="Gene.symbol" op="=" value="x" code="A"/></query>', /uses code B/],
    ['<query model="genomic" view="Gene.symbl"/>', /did you mean "symbol"/],
  ])('rejects %j', (text, message) => {
    expect(() => Query.fromXML(text, { model })).toThrow(message);
  });
  it('round-trips JSON, including the template JSON shape', () => {
    const q = Query.fromXML(xml, { model });
    const json = q.toJSON();
    expect(json).toMatchObject({
      model: { name: 'genomic' },
      from: 'Gene',
      joins: ['Gene.transcripts'],
      orderBy: [{ path: 'Gene.symbol', direction: 'desc' }],
      constraintLogic: 'A or B',
    });
    expect(Query.fromJSON(JSON.parse(JSON.stringify(json)), { model }).toJSON()).toEqual(json);
    const t = Query.fromJSON({
      select: ['Gene.symbol', 'Gene.pathways.name'],
      where: [{ path: 'Gene', op: 'LOOKUP', value: 'eve', extraValue: 'D. melanogaster', code: 'A', editable: true, switchable: false, switched: 'LOCKED' }],
      orderBy: [{ 'Gene.pathways.name': 'ASC' }],
      joins: ['Gene.pathways'],
      constraintLogic: 'A',
    } as never);
    expect(t.root).toBe('Gene');
    expect(t.constraints[0]).toEqual({
      path: 'Gene',
      op: 'LOOKUP',
      value: 'eve',
      extraValue: 'D. melanogaster',
      code: 'A',
      editable: true,
      switchable: 'locked',
    });
    expect(t.sortOrder).toEqual([{ path: 'Gene.pathways.name', direction: 'asc' }]);
  });
  it('is data: no reference to a client, and copies keep every part', () => {
    const q = gene().select('symbol').where('length', '>', 5000).orderBy('symbol', 'desc');
    expect('rows' in q).toBe(false);
    expect(q.clone().toJSON()).toEqual(q.toJSON());
    expect(Query.fromXML(q.toXML(), { model }).toJSON()).toEqual(q.toJSON());
  });
});
