import { isNotFoundError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { drain, testMine, useFixtureServer } from './setup.js';

useFixtureServer();

describe('templates', () => {
  it('lists templates as queries', async () => {
    const { mine } = testMine();
    const templates = await mine.templates();
    expect(templates.map((t) => t.name)).toEqual(['Gene_Pathways']);
    const t = templates[0]!;
    expect(t.title).toBe('Gene --> Pathways');
    expect(t.query.views).toEqual(['Gene.symbol', 'Gene.pathways.identifier', 'Gene.pathways.name']);
    expect(t.editable.map((c) => c.code)).toEqual(['A', 'B']);
    expect(t.query.sortOrder).toEqual([{ path: 'Gene.pathways.name', direction: 'asc' }]);
  });

  it('runs a template with new values (switched-off constraints left out)', async () => {
    const { mine } = testMine();
    const t = await mine.template('Gene_Pathways');
    expect(t.parameters({ A: 'zen' })).toEqual({
      name: 'Gene_Pathways',
      constraint1: 'Gene',
      op1: 'LOOKUP',
      value1: 'zen',
      extra1: 'D. melanogaster',
      code1: 'A',
    });
    expect((await drain(t.rows({ A: { op: 'LOOKUP', value: 'zen' } }))).items).toEqual([['zen', 'R-DME-212436', 'Generic Transcription Pathway']]);
    expect(await t.count({ A: 'zen' })).toBe(1);
    expect((await drain(t.rows({ B: { value: 'Notch' } }))).items).toEqual([
      ['eve', 'dme04330', 'Notch signaling pathway - Drosophila melanogaster (fruit fly)'],
    ]);
  });

  it('rejects unknown templates and codes', async () => {
    const { mine } = testMine();
    const error = await mine.template('Gene_Pathway').catch((e: unknown) => e);
    expect(isNotFoundError(error)).toBe(true);
    expect((error as Error).message).toMatch(/did you mean "Gene_Pathways"/);
    const t = await mine.template('Gene_Pathways');
    expect(() => t.parameters({ C: '1' })).toThrow(/no editable constraint C; editable: A \(Gene LOOKUP\), B/);
    expect(() => t.rows({}, { pageSize: 2 })).toThrow(/template runs are one request/);
  });
});
