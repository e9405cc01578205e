// Seed data: the user's own entity types and users, and seed that does not fit refused by field.
import { isValidationError } from '@bio/core-http';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type MolgenisSeed } from '../../src/testing/index.js';
import { client } from './helpers.js';

const seed: MolgenisSeed = {
  entities: {
    lab_samples: {
      meta: {
        label: 'Samples',
        idAttribute: 'sampleId',
        labelAttribute: 'name',
        attributes: {
          sampleId: { fieldType: 'INT' },
          name: { fieldType: 'STRING' },
          hospital: { fieldType: 'XREF', refEntity: 'hospitals' },
          volume: { fieldType: 'DECIMAL' },
        },
      },
      rows: [
        { sampleId: 1, name: 'blood', hospital: 'umcg', volume: 2.5 },
        { sampleId: 2, name: 'saliva', hospital: 'amc', volume: '0.5' },
      ],
      private: true,
    },
  },
  users: { ada: { password: 'lovelace' } },
};

describe('seed', () => {
  const sim = createSimulator({ seed });
  const server = setupServer(...sim.handlers());
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('serves the seeded entity type next to the built-in ones, for the seeded user', async () => {
    expect(sim.users.ada?.password).toBe('lovelace');
    await expect(client().get('lab_samples').toArray()).rejects.toMatchObject({ status: 401 });
    const m = client();
    await m.login('ada', 'lovelace');
    const rows = await m.get('lab_samples', { q: 'hospital.city==Groningen;volume=gt=1' }).toArray();
    expect(rows).toEqual([
      {
        _href: '/api/v2/lab_samples/1',
        sampleId: 1,
        name: 'blood',
        hospital: { _href: '/api/v2/hospitals/umcg', id: 'umcg', name: 'University Medical Center Groningen' },
        volume: 2.5,
      },
    ]);
    expect((await m.getEntityMetaData('lab_samples')).idAttribute).toBe('sampleId');
    expect((await m.get('hospitals').toArray()).length).toBe(3);
  });

  it('refuses seed that does not fit, naming the field', () => {
    const cases: [unknown, string][] = [
      [{ entities: { x: { meta: { idAttribute: 'id', attributes: { id: { fieldType: 'NUMBER' } } } } } }, 'seed.entities.x.meta.attributes.id.fieldType'],
      [{ entities: { x: { meta: { idAttribute: 'key', attributes: { id: { fieldType: 'STRING' } } } } } }, 'seed.entities.x.meta.idAttribute'],
      [
        { entities: { x: { meta: { idAttribute: 'id', attributes: { id: { fieldType: 'STRING' }, h: { fieldType: 'XREF', refEntity: 'nowhere' } } } } } },
        'seed.entities.x.meta.attributes.h.refEntity',
      ],
      [
        {
          entities: {
            x: { meta: { idAttribute: 'id', attributes: { id: { fieldType: 'STRING' }, n: { fieldType: 'INT' } } }, rows: [{ id: 'a', n: 'many' }] },
          },
        },
        'seed.entities.x.rows[0].n',
      ],
      [
        { entities: { x: { meta: { idAttribute: 'id', attributes: { id: { fieldType: 'STRING' } } }, rows: [{ id: 'a' }, { id: 'a' }] } } },
        'seed.entities.x.rows[1].id',
      ],
      [
        {
          entities: {
            x: {
              meta: { idAttribute: 'id', attributes: { id: { fieldType: 'STRING' }, h: { fieldType: 'XREF', refEntity: 'hospitals' } } },
              rows: [{ id: 'a', h: 'nope' }],
            },
          },
        },
        'seed.entities.x.rows[0].h',
      ],
      [
        { entities: { x: { meta: { idAttribute: 'id', attributes: { id: { fieldType: 'STRING' } } }, rows: [{ id: 'a', extra: 1 }] } } },
        'seed.entities.x.rows[0].extra',
      ],
      [{ users: { bob: { password: '' } } }, 'seed.users.bob.password'],
      [{ tables: {} }, 'seed.tables'],
    ];
    for (const [bad, field] of cases) {
      let error: unknown;
      try {
        createSimulator({ seed: bad as MolgenisSeed });
      } catch (e) {
        error = e;
      }
      expect(isValidationError(error), field).toBe(true);
      expect((error as { field?: string }).field).toBe(field);
    }
  });

  it('can start without the built-in dataset (then the seed cannot reference it)', () => {
    expect(createSimulator({ builtin: false }).state.entities.size).toBe(0);
    expect(() => createSimulator({ builtin: false, seed })).toThrow(/lab_samples\.meta\.attributes\.hospital\.refEntity: unknown entity type "hospitals"/);
  });
});
