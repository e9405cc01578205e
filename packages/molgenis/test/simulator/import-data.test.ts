// Issue 17 items 5 and 4: uploadZip sends Python's action=add&metadataAction=upsert unless the
// caller chooses, and importData builds a real EMX zip (fflate) from rows in memory.
import { strFromU8, unzipSync } from 'fflate';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isMolgenisImportError, isValidationError, Molgenis } from '../../src/index.js';
import { createSimulator, DEFAULT_BASE_URL } from '../../src/testing/index.js';
import { zip } from './helpers.js';

const sim = createSimulator();
const server = setupServer(...sim.handlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.reset());
afterAll(() => server.close());

async function admin(): Promise<Molgenis> {
  const m = new Molgenis({ baseUrl: DEFAULT_BASE_URL, retry: 0 });
  await m.login('admin', sim.users.admin!.password);
  return m;
}
const uploads = () => sim.requests.filter((r) => r.url.pathname === '/plugin/importwizard/importFile');
const params = (i = 0) => Object.fromEntries(uploads()[i]?.url.searchParams ?? []);
/** The files of the zip the client uploaded. */
async function uploadedZip(i = 0): Promise<Record<string, string>> {
  const request = new Request('http://x/', { method: 'POST', headers: uploads()[i]?.headers as Headers, body: uploads()[i]?.body as BodyInit });
  const file = (await request.formData()).get('file') as File;
  expect(file.name).toBe('archive.zip');
  return Object.fromEntries(Object.entries(unzipSync(new Uint8Array(await file.arrayBuffer()))).map(([k, v]) => [k, strFromU8(v)]));
}
const csv = zip({ 'demo_sightings.csv': 'id,type,year\n160,gnome,2001\n' });

describe('uploadZip defaults (Python parity)', () => {
  it('sends action=add&metadataAction=upsert when the caller gives neither', async () => {
    await (await admin()).uploadZip({ name: 'demo.zip', data: csv });
    expect(params()).toEqual({ action: 'add', metadataAction: 'upsert' });
  });

  it('sends what the caller chooses', async () => {
    await (await admin()).uploadZip({ name: 'demo.zip', data: csv }, { action: 'add_update_existing', metadataAction: 'ignore' });
    expect(params()).toEqual({ action: 'add_update_existing', metadataAction: 'ignore' });
  });

  it('refuses an unknown action before uploading', async () => {
    const m = await admin();
    await expect(m.uploadZip({ name: 'demo.zip', data: csv }, { metadataAction: 'upsert_all' as 'upsert' })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'metadataAction',
    });
    expect(uploads()).toHaveLength(0);
  });
});

describe('importData', () => {
  it('writes one CSV per table into a zip, uploads it with the defaults and waits', async () => {
    const m = await admin();
    const job = await m.importData({
      demo_sightings: [
        { id: '160', type: 'gnome, "the elder"\nof the woods', year: 2001 },
        { id: '161', type: 'troll', year: 2002 },
      ],
      demo_reports: [{ id: 'r3', sighting: { _href: '/api/v2/demo_sightings/151', id: '151', type: 'gnome' }, text: 'read from MOLGENIS, sent back' }],
    });
    expect(job.status).toBe('FINISHED');
    expect(params()).toEqual({ action: 'add', metadataAction: 'upsert' });
    const files = await uploadedZip();
    expect(Object.keys(files)).toEqual(['demo_sightings.csv', 'demo_reports.csv']);
    expect(files['demo_sightings.csv']).toBe('"id","type","year"\n"160","gnome, ""the elder""\nof the woods",2001\n"161","troll",2002\n');
    expect(files['demo_reports.csv']).toBe('"id","sighting","text"\n"r3","151","read from MOLGENIS, sent back"\n');
    expect(await m.getById('demo_sightings', '160')).toMatchObject({ type: 'gnome, "the elder"\nof the woods', year: 2001 });
    expect(await m.getById('demo_reports', 'r3', { uploadable: true })).toMatchObject({ sighting: '151' });
  });

  it('adds the EMX metadata sheets and joins lists with commas', async () => {
    const m = await admin();
    await m.importData(
      { demo_sightings: [{ id: '162', type: 'fairy', year: 2003 }] },
      {
        action: 'add_update_existing',
        metadata: {
          entities: [{ name: 'sightings', package: 'demo' }],
          attributes: [{ entity: 'demo_sightings', name: 'tags', dataType: 'mref', refEntity: ['a', 'b'] }],
        },
      },
    );
    expect(params()).toEqual({ action: 'add_update_existing', metadataAction: 'upsert' });
    const files = await uploadedZip();
    expect(Object.keys(files).sort()).toEqual(['attributes.csv', 'demo_sightings.csv', 'entities.csv']);
    expect(files['attributes.csv']).toBe('"entity","name","dataType","refEntity"\n"demo_sightings","tags","mref","a,b"\n');
  });

  it('a failed run is a MolgenisImportError with the server’s message', async () => {
    const m = await admin();
    const error = await m.importData({ demo_sightings: [{ id: '151', type: 'again' }] }).catch((e: unknown) => e);
    expect(isMolgenisImportError(error)).toBe(true);
    expect((error as Error).message).toMatch(/Duplicate value '151'/);
  });

  it.each([
    [{}, /nothing to import/],
    [{ demo_sightings: [{ id: '1', when: { nested: true } }] }, /data.demo_sightings\[0\].when/],
    [{ 'a/b': [{ id: '1' }] }, /not an entity type id/],
    [{ demo_sightings: 'rows' }, /must be an array/],
  ])('refuses %j before any request', async (data, message) => {
    const m = await admin();
    const before = sim.requests.length;
    const error = await m.importData(data as never).catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect(sim.requests.length).toBe(before);
  });
});
