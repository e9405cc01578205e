import { BadRequestError, isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { testMine, useFixtureServer } from './setup.js';

useFixtureServer();

describe('enrichment and widgets', () => {
  it('runs pathway enrichment on a list and normalises the rows', async () => {
    const { mine } = testMine();
    const list = await mine.lists.get('demo-list');
    const result = await list.enrichment({ widget: 'pathway_enrichment', maxp: 0.05, correction: 'Holm-Bonferroni' });
    expect(result.rows.map((r) => [r.identifier, r.pValue, r.matches])).toEqual([
      ['dme04330', 0.0004187, 3],
      ['R-DME-373076', 0.0125, 2],
      ['R-DME-212436', 0.0412, 2],
    ]);
    expect(result.rows[0]?.description).toBe('Notch signaling pathway - Drosophila melanogaster (fruit fly)');
    expect(result.rows[0]?.raw['p-value']).toBe(0.0004187);
    expect(result.notAnalysed).toBe(1);
    expect(result.populationCount).toBe(13987);
    expect(result.title).toBe('Pathway Enrichment');
    expect(result.raw.pathConstraint).toBe('Gene.pathways.identifier');
    expect(result.raw).not.toHaveProperty('wasSuccessful');
  });

  it('runs enrichment on object ids with a type', async () => {
    const { mine } = testMine();
    const result = await mine.enrichment({ ids: [1016298, 1064198], type: 'Gene', widget: 'pathway_enrichment' });
    expect(result.rows).toHaveLength(1);
    expect(result.notAnalysed).toBe(0);
  });

  it('maps an unknown widget to BadRequestError', async () => {
    const { mine } = testMine();
    await expect(mine.enrichment({ list: 'demo-list', widget: 'no_such_widget' })).rejects.toBeInstanceOf(BadRequestError);
  });

  it('validates options before sending', async () => {
    const { mine, requests } = testMine();
    await expect(mine.enrichment({ widget: 'pathway_enrichment' })).rejects.toSatisfy(isValidationError);
    await expect(mine.enrichment({ list: 'a', ids: [1], type: 'Gene', widget: 'w' })).rejects.toThrow(/not both/);
    await expect(mine.enrichment({ ids: [1], widget: 'w' })).rejects.toThrow(/needs a non-empty ids array and a type/);
    await expect(mine.enrichment({ list: 'a', widget: 'w', maxp: 2 })).rejects.toThrow(/maxp/);
    await expect(mine.enrichment({ list: 'a', widget: 'w', correction: 'Sidak' as never })).rejects.toThrow(/correction must be one of/);
    expect(requests).toEqual([]);
  });

  it('lists and caches the widgets', async () => {
    const { mine, requests } = testMine();
    const widgets = await mine.widgets();
    expect(widgets.filter((w) => w.widgetType === 'enrichment').map((w) => w.name)).toEqual(['pathway_enrichment', 'go_enrichment_for_gene']);
    await mine.widgets();
    expect(requests).toHaveLength(1);
  });
});
