// Row shapes without a server: compound attributes, references without metadata, values the
// types cannot hold.
import { describe, expect, it } from 'vitest';
import { attributesOf, shapeRows, toFlat, toUploadable } from '../../src/internal/row-shapes.js';
import type { V2EntityMeta } from '../../src/types.js';

const ROOT = 'https://molgenis.example.org/';
const meta: V2EntityMeta = {
  name: 'samples',
  idAttribute: 'id',
  attributes: [
    { name: 'id', fieldType: 'STRING' },
    {
      name: 'where',
      fieldType: 'COMPOUND',
      attributes: [{ name: 'site', fieldType: 'XREF', refEntity: { name: 'sites', idAttribute: 'code', labelAttribute: 'title' } }],
    },
    { name: 'big', fieldType: 'LONG' },
    { name: 'when', fieldType: 'DATE_TIME' },
  ],
};

describe('row shapes', () => {
  it('opens compound attributes', () => {
    expect([...attributesOf(meta).keys()]).toEqual(['id', 'site', 'big', 'when']);
  });

  it('uploadable: the id attribute of the reference, else the last segment of its _href (no metadata needed)', () => {
    const attributes = attributesOf(meta);
    expect(
      toUploadable({ _href: '/api/v2/samples/s1', id: 's1', site: { _href: '/api/v2/sites/G%2F1', code: 'G/1', title: 'Groningen' } }, attributes, ROOT),
    ).toEqual({
      id: 's1',
      site: 'G/1',
    });
    expect(toUploadable({ other: [{ _href: '/api/v2/x/a%20b' }, { _href: '/api/v2/x/c' }] }, new Map(), ROOT)).toEqual({ other: ['a b', 'c'] });
  });

  it('flat: labels fall back to ids; numbers a number cannot hold and unparseable dates stay text', () => {
    const attributes = attributesOf(meta);
    const row = { id: 's1', site: { _href: '/api/v2/sites/G1', code: 'G1' }, big: '9007199254740993', when: 'not a date' };
    expect(toFlat(row, attributes, 'label', ROOT)).toEqual({ id: 's1', site: 'G1', big: '9007199254740993', when: 'not a date' });
    expect(toFlat({ id: 's2', big: '12', when: '2024-01-31T10:15:00+01:00' }, attributes, 'id', ROOT)).toEqual({
      id: 's2',
      site: null,
      big: 12,
      when: new Date('2024-01-31T09:15:00Z'),
    });
  });

  it('as-sent rows are the same objects', () => {
    const rows = [{ _href: '/api/v2/samples/s1', id: 's1' }];
    expect(shapeRows(rows, { kind: 'as-sent' }, meta, ROOT)).toBe(rows);
  });
});
