// Requests the client makes, read as the server reads them.
//
// - Region search (GenomicRegionSearchListInput.parseRegionRequest) reads the `query` parameter
//   only when the content type is exactly `application/x-www-form-urlencoded`; a form sent with
//   `;charset=UTF-8` is read from the (already consumed) body and fails.
// - A list write answers `listName` through JSONFormatter.quoteValue: a name of digits comes back
//   as a JSON number, so the client names the new list as it asked.
import { isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { client, ROOT, useSimulatorServer } from './setup.js';

const { sim, server } = useSimulatorServer();
const token = sim.users[0]!.token;
const SEARCH = { organism: 'D. melanogaster', featureTypes: ['Gene'], regions: ['2R:9979319..9980796'] };

describe('region search: the form content type', () => {
  it('the server reads `query` only from an exact form type; with a charset the search fails', async () => {
    const post = (type: string) =>
      fetch(`${ROOT}/service/regions/fasta`, {
        method: 'POST',
        body: new URLSearchParams({ query: JSON.stringify(SEARCH) }).toString(),
        headers: { 'content-type': type },
      });
    expect((await post('application/x-www-form-urlencoded')).status).toBe(200);
    const charset = await post('application/x-www-form-urlencoded;charset=UTF-8');
    expect(charset.status).toBe(400);
    expect(await charset.text()).toMatch(/Error parsing region search input/);
  });

  it('the client sends the exact type: FASTA and a list come back', async () => {
    const mine = client({ token });
    const types: (string | null)[] = [];
    const seen = ({ request }: { request: Request }) => {
      if (new URL(request.url).pathname.includes('/service/regions/')) types.push(request.headers.get('content-type'));
    };
    server.events.on('request:start', seen);
    const lines: string[] = [];
    for await (const line of mine.regions(SEARCH).fasta()) lines.push(line);
    expect(lines[0]).toMatch(/^>/);
    const { list } = await mine.regions(SEARCH).saveAsList('region-genes');
    expect([list.name, list.size]).toEqual(['region-genes', 1]);
    server.events.removeListener('request:start', seen);
    expect(types).toEqual(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded']);
  });
});

describe('list writes: a name of digits', () => {
  it('comes back unquoted from the server, and the client keeps the name it sent', async () => {
    const mine = client({ token });
    const raw = await fetch(`${ROOT}/service/lists?name=2024&type=Gene`, {
      method: 'POST',
      body: 'eve',
      headers: { authorization: `Token ${token}`, 'content-type': 'text/plain' },
    });
    expect(((await raw.json()) as { listName: unknown }).listName).toBe(2024);
    await mine.lists.delete('2024');

    expect((await mine.lists.create(['eve', 'zen'], { name: '2024', type: 'Gene' })).name).toBe('2024');
    expect((await mine.lists.create(mine.query('Gene').where('symbol', '=', 'eve'), { name: '2025' })).name).toBe('2025');
    expect((await mine.lists.union(['2024', '2025'], { name: '2026' })).name).toBe('2026');
    expect((await mine.lists.subtract({ from: ['2024'], exclude: ['2025'] }, { name: '2027' })).name).toBe('2027');
    expect((await mine.lists.rename('2027', '2028')).name).toBe('2028');
    expect((await mine.regions(SEARCH).saveAsList('2029')).list.name).toBe('2029');
  });
});

describe('enrichment: the background population', () => {
  const DEMO = ['FBgn0000606', 'FBgn0004053', 'FBgn0000166', 'FBgn0001180', 'FBgn0001325'];

  it('is sent as `population` and used: the counts come from that list', async () => {
    const mine = client({ token });
    await mine.lists.create(DEMO, { name: 'background', type: 'Gene' });
    const whole = await mine.enrichment({ list: 'demo-list', widget: 'pathway_enrichment', maxp: 1 });
    const within = await mine.enrichment({ list: 'demo-list', widget: 'pathway_enrichment', maxp: 1, population: 'background' });
    expect(within.raw.current_population).toBe('background');
    expect(within.populationCount).toBeLessThanOrEqual(DEMO.length);
    expect(within.populationCount).toBeLessThan(whole.populationCount);
  });

  it('that lacks some of the list: the mine answers 200 with a message, and the client throws', async () => {
    const mine = client({ token });
    await mine.lists.create(['FBgn0000606'], { name: 'too-small', type: 'Gene' });
    const error = await mine.enrichment({ list: 'demo-list', widget: 'pathway_enrichment', population: 'too-small' }).catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect((error as { field?: string }).field).toBe('population');
    expect((error as Error).message).toMatch(/did not run the widget: One or more of the Genes in this list are missing from your background population/);
  });
});
