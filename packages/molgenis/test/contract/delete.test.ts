import { ValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { MolgenisBatchError } from '../../src/index.js';
import { chunks, client, fixture, generated, refusedExchange, useFixtureServer } from '../helpers.js';

const server = useFixtureServer();
const E = 'demo_sightings';

describe('delete', () => {
  it('deletes one row by id (v1)', async () => {
    server.use(fixture('write-delete'));
    const { m, requests } = client();
    await m.delete(E, '157');
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([`DELETE https://molgenis.example.org/api/v1/${E}/157`]);
  });

  it('without an id is a ValidationError, never a delete of the whole table', async () => {
    const { m, requests } = client();
    // @ts-expect-error the id is required by type
    await expect(m.delete(E)).rejects.toThrow(ValidationError);
    await expect(m.delete(E, undefined as never)).rejects.toThrow(/deleteAll/);
    await expect(m.delete(E, '')).rejects.toThrow(ValidationError);
    await expect(m.delete(E, null as never)).rejects.toThrow(ValidationError);
    expect(requests).toHaveLength(0);
  });
});

describe('deleteList', () => {
  it('sends entityIds to v2', async () => {
    server.use(fixture('write-delete'));
    const { m, requests } = client();
    await m.deleteList(E, ['158', '159']);
    expect(requests.map((r) => r.method)).toEqual(['DELETE']);
  });

  it('chunks 2500 ids into 3 DELETEs; a failing batch is reported', async () => {
    const ids = Array.from({ length: 2500 }, (_, i) => `s${i}`);
    const [a, b, c] = chunks(ids, 1000);
    server.use(
      generated('delete-list', [
        { request: { method: 'DELETE', path: `/api/v2/${E}`, body: { json: { entityIds: a } } }, response: { status: 204 } },
        { request: { method: 'DELETE', path: `/api/v2/${E}`, body: { json: { entityIds: b } } }, response: { status: 204 } },
        { request: { method: 'DELETE', path: `/api/v2/${E}`, body: { json: { entityIds: c } } }, response: { status: 204 } },
      ]),
    );
    const { m, requests } = client();
    await m.deleteList(E, ids);
    expect(requests).toHaveLength(3);

    server.use(
      generated('delete-list-fails', [
        { request: { method: 'DELETE', path: `/api/v2/${E}`, body: { json: { entityIds: a } } }, response: { status: 204 } },
        refusedExchange('DELETE', E, { entityIds: b }, 'Deleting rows of demo_sightings is not allowed while they are referenced.'),
      ]),
    );
    const { m: m2 } = client();
    const error = (await m2.deleteList(E, ids).catch((e: unknown) => e)) as MolgenisBatchError<string>;
    expect(error).toBeInstanceOf(MolgenisBatchError);
    expect(error.ids).toEqual(a);
    expect(error.notWritten).toEqual([...(b ?? []), ...(c ?? [])]);
  });
});

describe('deleteAll', () => {
  it('needs { confirm: true }', async () => {
    server.use(fixture('write-delete'));
    const { m, requests } = client();
    // @ts-expect-error confirm must be the literal true
    await expect(m.deleteAll(E, { confirm: false })).rejects.toThrow(ValidationError);
    // @ts-expect-error options are required
    await expect(m.deleteAll(E)).rejects.toThrow(/confirm: true/);
    expect(requests).toHaveLength(0);
    await m.deleteAll(E, { confirm: true });
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([`DELETE /api/v1/${E}`]);
  });
});
