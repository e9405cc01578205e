// The PathQuery XML codec against the mine's own reader and writer (intermine/pathquery:
// PathQueryHandler, PathQueryBinding): what the mine writes reads back as the mine reads it, and
// what the client writes is XML the mine's parser accepts.
import { ValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { readQueryXML, writeQueryXML } from '../../src/query-codec.js';
import { Query } from '../../src/query.js';
import type { QueryJSON } from '../../src/query-types.js';

const base: QueryJSON = { model: { name: 'genomic' }, from: 'Gene', select: ['Gene.symbol'], where: [], joins: [], orderBy: [] };

describe('query XML the mine parses', () => {
  it('refuses a control character instead of writing a character reference the parser rejects', () => {
    const q = new Query('Gene').select('symbol').where('symbol', '=', 'eve\u0001');
    expect(() => q.toXML()).toThrow(ValidationError);
    expect(() => q.toXML()).toThrow('U+0001');
    expect(() => writeQueryXML({ ...base, where: [{ path: 'Gene.symbol', op: 'ONE OF', values: ['a', 'b\u001F'], code: 'A' }] })).toThrow('U+001F');
    // Tab, line feed and carriage return are legal and survive as references.
    expect(new Query('Gene').select('symbol').where('symbol', '=', 'a\tb').toXML()).toContain('value="a&#9;b"');
  });

  it('refuses an empty or blank <value>, which PathQueryHandler fails on', () => {
    expect(() => writeQueryXML({ ...base, where: [{ path: 'Gene.symbol', op: 'ONE OF', values: ['eve', ''], code: 'A' }] })).toThrow(ValidationError);
    expect(() => new Query('Gene').select('symbol').where('symbol', 'ONE OF', ['eve', '  ']).toXML()).toThrow('cannot be empty');
  });
});

describe('query XML the mine writes', () => {
  it('reads the blank longDescription of PathQueryBinding as no description', () => {
    const xml =
      '<query name="query" model="genomic" view="Gene.symbol" longDescription="" title=""><constraint path="Gene.symbol" op="=" value="eve"/></query>';
    const json = readQueryXML(xml);
    expect(json.description).toBeUndefined();
    expect(json.title).toBeUndefined();
    const q = Query.fromXML(xml);
    expect(q.description).toBeUndefined();
    expect(q.toXML()).not.toContain('longDescription');
    expect(readQueryXML('<query model="genomic" view="Gene.symbol" longDescription="Genes"/>').description).toBe('Genes');
  });

  it('reads old-style colon views as outer joins, as PathQueryHandler does', () => {
    const xml =
      '<query model="genomic" view="Gene.symbol Gene:pathways.name Gene:pathways:dataSets.name" sortOrder="Gene.symbol asc">' +
      '<constraint path="Gene:pathways.name" op="=" value="p*" code="A"/></query>';
    const json = readQueryXML(xml);
    expect(json.select).toEqual(['Gene.symbol', 'Gene.pathways.name', 'Gene.pathways.dataSets.name']);
    expect(json.joins).toEqual(['Gene.pathways', 'Gene.pathways.dataSets']);
    expect(json.where).toEqual([{ path: 'Gene.pathways.name', op: '=', value: 'p*', code: 'A' }]);
    const q = Query.fromXML(xml);
    expect(q.root).toBe('Gene');
    expect(q.views).toEqual(json.select);
    expect(q.joins).toEqual([
      { path: 'Gene.pathways', style: 'OUTER' },
      { path: 'Gene.pathways.dataSets', style: 'OUTER' },
    ]);
  });

  it('trims <value> text and reads a constraint with a type as a subclass constraint', () => {
    const xml =
      '<query model="genomic" view="Gene.symbol">' +
      '<constraint path="Gene.symbol" op="ONE OF" code="A">\n  <value>\n    eve\n  </value>\n  <value> zen</value>\n</constraint>' +
      '<constraint path="Gene.overlappingFeatures" type="Exon" op="=" code="B"/></query>';
    const json = readQueryXML(xml);
    expect(json.where).toEqual([
      { path: 'Gene.symbol', op: 'ONE OF', code: 'A', values: ['eve', 'zen'] },
      { path: 'Gene.overlappingFeatures', type: 'Exon' },
    ]);
  });
});

describe('constraints the mine would read differently', () => {
  it('refuses a constraint with both an op and a type, which the mine reads as a bare subclass constraint', () => {
    const q = new Query('Gene').select('symbol');
    expect(() => q.where({ path: 'Gene.symbol', op: '=', value: 'eve', type: 'Exon' })).toThrow(ValidationError);
    expect(q.constraints).toEqual([]);
    expect(() => Query.fromJSON({ ...base, where: [{ path: 'Gene.symbol', op: '=', value: 'eve', type: 'Exon' }] })).toThrow('both an op and a type');
  });
});
