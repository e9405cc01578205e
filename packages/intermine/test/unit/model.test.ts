import { isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { Model } from '../../src/model.js';
import { testModel } from '../helpers.js';

const model = testModel();

describe('Model', () => {
  it('merges inherited attributes, references and collections', () => {
    const gene = model.getClass('Gene');
    expect(model.name).toBe('genomic');
    expect(gene.extends).toEqual(['SequenceFeature']);
    expect(Object.keys(gene.attributes)).toEqual(expect.arrayContaining(['id', 'primaryIdentifier', 'symbol', 'length', 'briefDescription']));
    expect(gene.references.organism?.referencedType).toBe('Organism');
    expect(gene.references.chromosomeLocation?.referencedType).toBe('Location');
    expect(gene.collections.pathways?.referencedType).toBe('Pathway');
    expect(gene.collections.overlappingFeatures?.referencedType).toBe('SequenceFeature');
    expect(gene.count).toBe(17818);
  });
  it('walks the hierarchy both ways', () => {
    expect(model.ancestorsOf('MRNA')).toEqual(['Transcript', 'SequenceFeature', 'BioEntity', 'Annotatable']);
    expect(model.subclassesOf('Transcript')).toEqual(['MRNA']);
    expect(model.subclassesOf('BioEntity')).toEqual(expect.arrayContaining(['SequenceFeature', 'Gene', 'Protein', 'MRNA']));
    expect(model.isA('Gene', 'BioEntity')).toBe(true);
    expect(model.isA('Protein', 'SequenceFeature')).toBe(false);
  });
  it('resolves paths to attributes, references and collections', () => {
    expect(model.resolvePath('Gene')).toMatchObject({ kind: 'root', type: 'Gene', isAttribute: false });
    expect(model.resolvePath('Gene.length')).toMatchObject({ kind: 'attribute', type: 'java.lang.Integer', parentType: 'Gene' });
    expect(model.resolvePath('Gene.organism')).toMatchObject({ kind: 'reference', type: 'Organism' });
    expect(model.resolvePath('Gene.pathways')).toMatchObject({ kind: 'collection', type: 'Pathway' });
    expect(model.resolvePath('Gene.pathways.genes.organism.shortName')).toMatchObject({ kind: 'attribute', type: 'java.lang.String' });
  });
  it('resolves through subclass casts and rejects bad casts', () => {
    expect(() => model.resolvePath('Gene.transcripts.fivePrimeUTR')).toThrow(/Transcript has no field "fivePrimeUTR"/);
    expect(model.resolvePath('Gene.transcripts.fivePrimeUTR', { 'Gene.transcripts': 'MRNA' })).toMatchObject({ kind: 'reference', type: 'FivePrimeUTR' });
    expect(() => model.resolvePath('Gene.transcripts.length', { 'Gene.transcripts': 'Protein' })).toThrow(/Protein is not a subclass of Transcript/);
  });
  it('suggests close names for typos', () => {
    expect(() => model.resolvePath('Gene.symbl')).toThrow('Gene has no field "symbl" (did you mean "symbol"?)');
    expect(() => model.resolvePath('Gen.symbol')).toThrow(/unknown class "Gen" \(did you mean "Gene"\?\)/);
    expect(() => model.resolvePath('Gene.pathway.name')).toThrow(/did you mean "pathways"/);
    expect(() => model.resolvePath('Gene.length.value')).toThrow(/Gene.length is an attribute and has no fields/);
    try {
      model.resolvePath('Gene.symbl');
    } catch (e) {
      expect(isValidationError(e)).toBe(true);
    }
  });
  it('rejects something that is not a model', () => {
    expect(() => Model.fromJSON({} as never)).toThrow(/not an InterMine model/);
    expect(() => Model.fromJSON({ model: { name: 'x', classes: { A: { name: 'A', extends: ['B'] }, B: { name: 'B', extends: ['A'] } } } })).toThrow(/cycle/);
  });
});
