// The examples of the seed document (the Python client's docs), as written, in TypeScript.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { client, fixture, useFixtureServer } from '../helpers.js';

const server = useFixtureServer();

describe('seed examples', () => {
  it('session.get("celiacsprue", num = 100000, start = 1000)', async () => {
    server.use(fixture('read-celiac-seed'));
    const { m, requests } = client();
    const rows = await m.get('celiacsprue', { max: 100000, start: 1000 }).toArray();
    expect(rows.map((r) => r.Individual)).toEqual(['celiac_1001', 'celiac_1002', 'celiac_1003']);
    // pages of 10,000 (never num=100000), in the server's id order (no sort, no metadata request)
    const page = new URL(requests[0]?.url ?? '');
    expect(requests).toHaveLength(1);
    expect(page.searchParams.get('num')).toBe('10000');
    expect(page.searchParams.has('sort')).toBe(false);
  });

  it('session.get("celiacsprue", attributes = c("Individual", "celiac_gender"))', async () => {
    server.use(fixture('read-celiac-seed'));
    const { m } = client();
    const rows = await m.get('celiacsprue', { attributes: ['Individual', 'celiac_gender'] }).toArray({ max: 100 });
    expect(rows).toHaveLength(2);
  });

  it.each(['(celiac_weight>=80 and celiac_height<180) or (celiac_gender==Female)', '(celiac_weight>=80;celiac_height<180),(celiac_gender==Female)'])(
    'session.get("celiacsprue", q = "%s")',
    async (q) => {
      server.use(fixture('read-celiac-seed'));
      const { m, requests } = client();
      const rows = await m.get('celiacsprue', { q, max: 100 }).toArray();
      expect(rows.map((r) => r.Individual)).toEqual(['celiac_0007', 'celiac_0012', 'celiac_0031']);
      expect(new URL(requests[0]?.url ?? '').searchParams.get('q')).toBe('celiac_weight=ge=80;celiac_height=lt=180,celiac_gender==Female');
      // molgenis#5805: ';', ',' and '=' stay readable on the wire (the matcher compares decoded values only).
      expect(requests[0]?.url).toContain('q=celiac_weight=ge=80;celiac_height=lt=180,celiac_gender==Female');
    },
  );

  it("session.add('Person', firstName='Jan', lastName='Klaassen')", async () => {
    server.use(fixture('write-add'));
    const { m } = client();
    expect(await m.add('Person', { firstName: 'Jan', lastName: 'Klaassen' })).toBe('aaaac3zvrcmm2hpcqtrv6yaaae');
  });

  it("session.add('Plot', files={'image': ('expression.jpg', …), 'image2': ('expression-large.jpg', …)})", async () => {
    server.use(fixture('write-add'));
    const { m } = client();
    const first = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode(' first plot')]);
    const second = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode(' second plot, larger')]);
    // open(…, 'rb') in Python; a Node stream (async iterable of Buffers) here
    const image = Readable.from([Buffer.from(first.slice(0, 4)), Buffer.from(first.slice(4))]);
    const id = await m.add('Plot', {}, { files: { image: { name: 'expression.jpg', data: image }, image2: { name: 'expression-large.jpg', data: second } } });
    expect(id).toBe('aaaac3zvrdfh6hpcqtrv6yaaae');
  });

  it('session.add_all("demo_sightings", update)', async () => {
    server.use(fixture('write-add-all'));
    const { m } = client();
    const update = [
      { id: '157', type: 'gnome', year: '1998' },
      { id: '158', type: 'fairy', year: '1998' },
      { id: '159', type: 'unicorn', year: '1998' },
    ];
    expect(await m.addAll('demo_sightings', update)).toEqual(['157', '158', '159']);
  });

  it('session.update_one("entityType", "id", "attribute", "newValue")', async () => {
    server.use(fixture('write-update'));
    const { m } = client();
    await expect(m.updateOne('demo_sightings', '157', 'type', 'unicorn')).resolves.toBeUndefined();
  });

  it('session.delete(entity, id) and session.delete_list(entity, entities)', async () => {
    server.use(fixture('write-delete'));
    const { m, requests } = client();
    await m.delete('demo_sightings', '157');
    await m.deleteList('demo_sightings', ['158', '159']);
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['DELETE /api/v1/demo_sightings/157', 'DELETE /api/v2/demo_sightings']);
  });

  it('molgenis.Session("https://molgenis.mydomain.example/api/") → the server root', async () => {
    const { Molgenis } = await import('../../src/index.js');
    expect(new Molgenis({ baseUrl: 'https://molgenis.mydomain.example/api/' }).baseUrl).toBe('https://molgenis.mydomain.example/');
  });
});
