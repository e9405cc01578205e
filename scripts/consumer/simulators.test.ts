// Run by scripts/check-packages.mjs in a fresh project that installed the packed tarballs (plus
// msw and vitest from the registry): a downstream author's test file using only
// `setupServer(...createSimulator().handlers())` from each client's `./testing` entry.
import { Idr, toMap } from '@bio/idr';
import { createSimulator as idrSimulator } from '@bio/idr/testing';
import { InterMine } from '@bio/intermine';
import { createSimulator as mineSimulator } from '@bio/intermine/testing';
import { Molgenis } from '@bio/molgenis';
import { createSimulator as molgenisSimulator, DEFAULT_BASE_URL as MOLGENIS_URL } from '@bio/molgenis/testing';
import { MyGene } from '@bio/mygene';
import { createSimulator as mygeneSimulator } from '@bio/mygene/testing';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const mygene = mygeneSimulator();
const mine = mineSimulator();
const idr = idrSimulator();
const molgenis = molgenisSimulator();
const server = setupServer(...mygene.handlers(), ...mine.handlers(), ...idr.handlers(), ...molgenis.handlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('MyGene.info', () => {
  it('new MyGene().gene("1017") with no options', async () => {
    expect((await new MyGene().gene('1017'))?.symbol).toBe('CDK2');
  });

  it('new MyGene({ email })', async () => {
    expect((await new MyGene({ email: 'me@lab.org' }).gene('7157', { fields: 'symbol' }))?.symbol).toBe('TP53');
  });

  const brain: string[][] = [];
  for (const run of [1, 2]) {
    it(`fetchAll('brain'), run ${run}, gets the same hits`, async () => {
      brain.push((await new MyGene().fetchAll('brain', { fields: 'symbol' }).toArray()).map((h) => String(h._id)).sort());
      expect(brain.at(-1)?.length).toBeGreaterThan(0);
      if (brain.length === 2) expect(brain[1]).toEqual(brain[0]);
    });
  }

  it('queryMany with an unknown term and a term with several hits', async () => {
    const result = await new MyGene().queryMany(['CDK2', 'no-such-gene-xyz'], { scopes: 'symbol' });
    expect(result.missing).toEqual(['no-such-gene-xyz']);
    expect(result.hits.filter((h) => h.query === 'CDK2').length).toBeGreaterThan(1); // human, mouse, rat
  });
});

describe('InterMine', () => {
  it('a query, a list created from it, and the list’s enrichment', async () => {
    const [user] = mine.users;
    const fly = new InterMine({ baseUrl: 'https://www.flymine.org/flymine', token: user?.token });
    const q = fly.query('Gene').select('symbol').where('symbol', 'ONE OF', ['eve', 'zen', 'hb', 'Kr']);
    expect((await fly.rows(q).toArray()).map(([symbol]) => symbol).sort()).toEqual(['Kr', 'eve', 'hb', 'zen']);
    const list = await fly.lists.create(q, { name: 'gap-and-pair-rule' });
    expect(list.size).toBe(4);
    const { rows } = await list.enrichment({ widget: 'pathway_enrichment', correction: 'None', maxp: 1 });
    expect(Array.isArray(rows)).toBe(true);
  });
});

describe('IDR', () => {
  it('the walkthrough ids', async () => {
    const client = new Idr({ retry: { delay: 0 } });
    expect(toMap(await client.mapAnnotations({ screen: 102 }).toArray()).get('Organism')).toEqual(['Homo sapiens']);
    expect(await client.webclient.plates({ screen: 102 }).toArray()).toHaveLength(12);
    expect((await client.image(1884807)).Name).toBe('CDK5RAP2-C_Control_1.tif');
    const jpeg = await client.thumbnail(1229801);
    expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
  });
});

describe('MOLGENIS', () => {
  it('add, then get the row back', async () => {
    const m = new Molgenis({ baseUrl: MOLGENIS_URL });
    await m.login('admin', molgenis.users.admin?.password ?? '');
    const id = await m.add('Person', { firstName: 'Jan', lastName: 'Klaassen' });
    expect(await m.getById('Person', id)).toMatchObject({ firstName: 'Jan', lastName: 'Klaassen' });
  });
});
