import { isBadRequestError, isValidationError } from '@bio/core-http';
import { isUnmatchedRequestError } from '@bio/core-http/testing';
import { describe, expect, it, vi } from 'vitest';
import { client, useSimulator } from './setup.js';

describe('simulator: queries', () => {
  const sim = useSimulator();
  const mine = client();

  it('answers rows, records and counts of a ONE OF query', async () => {
    const q = mine.query('Gene').select('symbol', 'primaryIdentifier', 'length').where('symbol', 'ONE OF', ['eve', 'zen']).orderBy('symbol');
    expect(await mine.rows(q).toArray()).toEqual([
      ['eve', 'FBgn0000606', 1478],
      ['zen', 'FBgn0004053', 1326],
    ]);
    expect(await mine.count(q)).toBe(2);
    const [eve] = await mine.records(mine.query('Gene').select('symbol', 'pathways.identifier').where('symbol', '=', 'eve').outerJoin('pathways')).toArray();
    expect(eve).toMatchObject({ class: 'Gene', objectId: 1016298, symbol: 'eve' });
    expect((eve!.pathways as { identifier: string }[]).map((p) => p.identifier).sort()).toEqual(['R-DME-212436', 'R-DME-373076', 'dme04330']);
  });

  it('evaluates >, IN list, LOOKUP with extra value, loops and ranges over the data', async () => {
    const long = mine.query('Gene').select('symbol').where('length', '>', 5000).orderBy('length', 'desc');
    expect(await mine.rows(long).toArray()).toEqual([['Ubx'], ['dpp'], ['N']]);
    const inList = mine.query('Gene').select('symbol').where('Gene', 'IN', 'demo-list').where('length', '<', 2000).orderBy('symbol');
    expect(await mine.rows(inList).toArray()).toEqual([['eve'], ['zen']]);
    const lookup = mine.query('Gene').select('symbol', 'organism.shortName').where('Gene', 'LOOKUP', 'l(3)85Ac', 'D. melanogaster');
    expect(await mine.rows(lookup).toArray()).toEqual([['hb', 'D. melanogaster']]);
    const orthologues = mine
      .query('Gene')
      .select('symbol', 'homologues.homologue.symbol')
      .where('homologues.homologue', '!=', { loopPath: 'Gene' })
      .where('symbol', '=', 'eve');
    expect(await mine.rows(orthologues).toArray()).toEqual([['eve', 'Dpse\\eve']]);
    const region = mine.query('Gene').select('symbol').where('chromosomeLocation', 'OVERLAPS', ['2L:14614843..14619614']);
    expect(await mine.rows(region).toArray()).toEqual([['CG10362']]);
  });

  it('pages with start/size and a stable sort on the root id', async () => {
    const q = mine.query('Gene').select('symbol').where('Gene', 'IN', 'demo-list');
    const pages: string[][] = [];
    for await (const page of mine.rows<[string]>(q, { pageSize: 2 }).pages()) pages.push(page.items.map(([s]) => s));
    // By object id: bcd 1011093, hb 1013712, Kr 1014510, eve 1016298, zen 1064198.
    expect(pages).toEqual([['bcd', 'hb'], ['Kr', 'eve'], ['zen']]);
    const bodies = sim.requests.filter((r) => r.url.pathname.endsWith('/query/results')).map((r) => Object.fromEntries(r.form()));
    expect(bodies.map((b) => [b.start, b.size])).toEqual([
      ['0', '2'],
      ['2', '2'],
      ['4', '2'],
    ]);
    expect(bodies[0]!.query).toContain('sortOrder="Gene.id asc"');
    expect(await mine.rows(q, { start: 1, max: 2 }).toArray()).toHaveLength(2);
  });

  it('writes tsv and csv with headers, and summarises columns', async () => {
    const q = mine.query('Gene').select('symbol', 'length').where('symbol', 'ONE OF', ['eve', 'zen']).orderBy('symbol');
    const tsv: string[] = [];
    for await (const line of mine.tsv(q, { headers: 'path' })) tsv.push(line);
    expect(tsv).toEqual(['Gene.symbol\tGene.length', 'eve\t1478', 'zen\t1326']);
    const csv: string[] = [];
    for await (const line of mine.csv(q)) csv.push(line);
    expect(csv).toEqual(['"eve","1478"', '"zen","1326"']);
    const lengths = await mine.summarise(mine.query('Gene').select('symbol', 'length').where('Gene', 'IN', 'demo-list'), 'length');
    expect(lengths).toMatchObject({ kind: 'numeric', min: 1326, max: 3837, uniqueValues: 5 });
  });

  it('exports FASTA, GFF3 and BED for located genes', async () => {
    const q = mine.query('Gene').select('primaryIdentifier').where('symbol', '=', 'eve');
    const fasta: string[] = [];
    for await (const line of mine.fasta(q)) fasta.push(line);
    expect(fasta[0]).toBe('>FBgn0000606 Gene eve even skipped D. melanogaster 2R:9979319..9980796');
    expect(fasta.slice(1).join('')).toHaveLength(1478);
    const bed: string[] = [];
    for await (const line of mine.bed(q, { ucscCompatible: true })) bed.push(line);
    expect(bed[1]).toBe('chr2R\t9979318\t9980796\tFBgn0000606\t0\t+');
  });

  it('refuses a path that is not in the model with 400 and the JSON error trailer', async () => {
    const xml = '<query model="genomic" view="Gene.symbl"><constraint path="Gene.lenght" op="&gt;" value="5" code="A"/></query>';
    const response = await fetch('https://www.flymine.org/flymine/service/query/results', {
      method: 'POST',
      body: new URLSearchParams({ query: xml, format: 'json' }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(await response.json()).toMatchObject({
      results: [],
      wasSuccessful: false,
      statusCode: 400,
      error:
        'XML is well formatted but query contains errors:\nPath Gene.symbl in view list is not in the model.\nPath Gene.lenght in constraint is not in the model.\n',
    });
    // The client checks paths itself, before any request.
    const fresh = client();
    await expect(fresh.rows(fresh.query('Gene').select('symbl')).toArray()).rejects.toSatisfy(isValidationError);
  });

  it('refuses a list the caller cannot see, and a non-number for an integer', async () => {
    const error = await mine
      .rows(mine.query('Gene').select('symbol').where('Gene', 'IN', 'no-such-list'))
      .toArray()
      .catch((e: unknown) => e);
    expect(isBadRequestError(error)).toBe(true);
    expect((error as { serviceMessage: string }).serviceMessage).toContain('You do not have access to a list called no-such-list');
    const xml = '<query model="genomic" view="Gene.symbol"><constraint path="Gene.length" op="=" value="foo" code="A"/></query>';
    const r = await fetch('https://www.flymine.org/flymine/service/query/results', {
      method: 'POST',
      body: new URLSearchParams({ query: xml, format: 'json' }),
    });
    expect(((await r.json()) as { error: string }).error).toContain('Value in constraint Gene.length = foo is not in correct format for type of Integer');
  });

  it('answers unmapped paths with an HTML 404; a format the mine writes but the simulator does not fails the request', async () => {
    const r = await fetch('https://www.flymine.org/flymine/service/no/such/thing');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('text/html');
    const xml = '<query model="genomic" view="Gene.symbol"/>';
    // msw reports the failed request on console.error (a test tool failing loudly), as for an unmatched fixture.
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const error = await fetch('https://www.flymine.org/flymine/service/query/results', {
      method: 'POST',
      body: new URLSearchParams({ query: xml, format: 'rdf' }),
    })
      .catch((e: unknown) => e)
      .finally(() => stderr.mockRestore());
    expect(isUnmatchedRequestError(error)).toBe(true);
    expect((error as Error).message).toMatch(/does not write rdf answers \(the real mine does\); it writes json, .*tsv, csv$/);
  });
});
