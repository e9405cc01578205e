import { basicAuth, isBadRequestError, isUnauthorizedError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { client, useSimulator } from './setup.js';

describe('simulator: metadata, enrichment, templates, search, ids, regions', () => {
  const sim = useSimulator();
  const [demo] = sim.users;
  const mine = client({ token: demo!.token });

  it('reports version, release, model, summary fields and the caller', async () => {
    expect(await mine.version()).toBe(33);
    expect(await mine.release()).toMatch(/^FlyMine/);
    expect((await mine.model()).getClass('Gene').collections.pathways!.referencedType).toBe('Pathway');
    expect((await mine.summaryFields()).Gene).toContain('Gene.symbol');
    expect(await mine.whoami()).toEqual({ username: 'demo@flymine.org', id: '1000012', preferences: { 'default-list-tags': 'favourite' } });
    await expect(client().whoami()).rejects.toSatisfy(isUnauthorizedError);
    expect(await mine.pathValues('Organism.shortName')).toEqual([
      { value: 'D. melanogaster', count: 1 },
      { value: 'D. pseudoobscura', count: 1 },
      { value: 'H. sapiens', count: 1 },
    ]);
  });

  it('accepts a user’s password over Basic auth and refuses a wrong one with 401', async () => {
    expect((await client({ auth: basicAuth(demo!.username, demo!.password) }).whoami()).username).toBe('demo@flymine.org');
    const error = await client({ auth: basicAuth(demo!.username, 'wrong') })
      .version()
      .catch((e: unknown) => e);
    expect(isUnauthorizedError(error)).toBe(true);
    expect((error as { serviceMessage: string }).serviceMessage).toBe('Invalid password supplied');
  });

  it('hands out anonymous tokens that can make lists', async () => {
    const anon = await (await import('../../src/index.js')).InterMine.withAnonymousToken({ baseUrl: 'https://www.flymine.org/flymine', retry: 0 });
    expect((await anon.whoami()).username).toMatch(/^temp-user-/);
    await anon.lists.create(['eve'], { name: 'anon-list', type: 'Gene' });
    expect(sim.state.lists.get('anon-list')!.owner).toMatch(/^temp-user-/);
  });

  it('computes pathway enrichment with the hypergeometric test and the correction asked for', async () => {
    await mine.lists.create(['eve', 'h', 'N'], { name: 'notch', type: 'Gene' });
    const none = await mine.enrichment({ list: 'notch', widget: 'pathway_enrichment', correction: 'None', maxp: 1 });
    // 16 fly genes carry a pathway; all 3 Notch-pathway genes are in the list: p = 1 / C(16, 3).
    expect(none.rows[0]).toMatchObject({ identifier: 'dme04330', matches: 3 });
    expect(none.rows[0]!.pValue).toBeCloseTo(1 / 560, 10);
    expect(none.populationCount).toBe(16);
    const holm = await mine.enrichment({ list: 'notch', widget: 'pathway_enrichment', correction: 'Holm-Bonferroni', maxp: 0.05 });
    expect(holm.rows.map((r) => r.identifier)).toEqual(['dme04330']);
    expect(holm.rows[0]!.pValue).toBeCloseTo(3 / 560, 10);
    const byIds = await mine.enrichment({
      ids: [1016298, 1013260, 1067220],
      type: 'Gene',
      widget: 'pathway_enrichment',
      filter: 'Reactome data set',
      maxp: 1,
      correction: 'None',
    });
    expect(byIds.rows.map((r) => r.identifier).sort()).toEqual(['R-DME-212436', 'R-DME-373076']);
    await expect(mine.enrichment({ list: 'demo-list', widget: 'no_such_widget' })).rejects.toThrow(/no_such_widget is not a widget/);
  });

  it('runs templates with new values; switched-off constraints stay off unless given', async () => {
    const t = await mine.template('Gene_Pathways');
    expect(await t.rows({ A: { op: 'LOOKUP', value: 'zen' } }).toArray()).toEqual([
      ['zen', 'dme04320', 'Dorso-ventral axis formation - Drosophila melanogaster (fruit fly)'],
      ['zen', 'R-DME-212436', 'Generic Transcription Pathway'],
    ]);
    expect(await t.count({ A: 'eve', B: { value: 'Notch' } })).toBe(1);
    const p = await mine.template('Gene_Proteins');
    expect(await p.rows({ A: 'Ubx' }).toArray()).toEqual([['Ubx', 'UBX_DROME', 'P83949', 389]]);
  });

  it('searches with facets and pages', async () => {
    const hits = mine.search('eve', { facets: { Category: 'Gene' }, pageSize: 1 });
    expect(await hits.total()).toBe(2);
    expect((await hits.facets())['organism.shortName']).toEqual({ 'D. melanogaster': 1, 'D. pseudoobscura': 1 });
    const all = await hits.toArray();
    expect(all.map((h) => h.fields.symbol)).toEqual(['eve', 'Dpse\\eve']);
    expect(sim.requests.filter((r) => r.url.pathname.endsWith('/search')).length).toBeGreaterThanOrEqual(2);
  });

  it('resolves identifiers through a polled job, then deletes it', async () => {
    const r = await mine.resolveIds({ type: 'Gene', identifiers: ['eve', 'zen', 'l(3)85Ac', 'not-a-gene'], extra: 'D. melanogaster', interval: 1 });
    expect(r.matches.MATCH.map((m) => m.id)).toEqual([1016298, 1064198]);
    expect(r.matches.OTHER).toMatchObject([{ input: 'l(3)85Ac', reason: 'searched synonyms' }]);
    expect(r.unresolved).toEqual(['not-a-gene']);
    const statuses = sim.requests.filter((q) => q.url.pathname.endsWith('/status'));
    expect(statuses.length).toBe(2);
    expect(sim.state.jobs.size).toBe(0);
    const raw = await fetch('https://www.flymine.org/flymine/service/ids', {
      method: 'POST',
      body: JSON.stringify({ identifiers: ['eve'], type: 'Gen' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ uid: null, error: 'Gen is not a class in the genomic model', statusCode: 400 });
  });

  it('searches regions: FASTA of exons and a list, with invalid spans reported', async () => {
    const regions = mine.regions({ organism: 'D. melanogaster', featureTypes: ['Exon', 'Intron'], regions: ['2L:14614843..14619614'] });
    const headers: string[] = [];
    for await (const line of regions.fasta()) if (line.startsWith('>')) headers.push(line);
    expect(headers).toEqual([
      '>FBgn0031930:1 Exon D. melanogaster 2L:14615003..14615271',
      '>CG10362:intron1 Intron D. melanogaster 2L:14615272..14615330',
      '>FBgn0031930:2 Exon D. melanogaster 2L:14615331..14616100',
    ]);
    const genes = mine.regions({ organism: 'D. melanogaster', featureTypes: ['Gene'], regions: ['2R:9979000..9981000', '2X:1..100'] });
    const { list, invalidSpans } = await genes.saveAsList('List from Regions');
    expect(invalidSpans).toEqual(['2X:1..100']);
    expect(list.size).toBe(1);
    expect(sim.state.lists.get('List from Regions')!.ids).toEqual([1016298]);
    await expect(
      client()
        .regions({ organism: 'D. melanogaster', featureTypes: ['Gene'], regions: ['2L:1..2'] })
        .saveAsList('x'),
    ).rejects.toSatisfy(isUnauthorizedError);
    await expect(mine.regions({ organism: 'D. melanogaster', featureTypes: ['Organism'], regions: ['2L:1..2'] }).saveAsList('y')).rejects.toSatisfy(
      isBadRequestError,
    );
  });
});
