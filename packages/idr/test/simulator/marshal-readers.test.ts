// How the client reads what OMERO.web writes: well labels from the plate's naming conventions
// (webclient `_marshal_well`), channel colours from omero-marshal's signed RGBA integers, and the
// imgData answers of webgateway's `imageMarshal` that carry no pixel data.
import { describe, expect, it } from 'vitest';
import { Idr, wellLabel, wellName } from '../../src/index.js';
import { createSimulator } from '../../src/testing/index.js';
import { newIdr, serve } from './helpers.js';

const sim = createSimulator();
serve([sim]);

describe('well labels follow OMERO.web: a convention only switches away from the default', () => {
  it('keeps letter rows and numbered columns for an empty or unknown convention', () => {
    expect(wellLabel({ Row: 1, Column: 1 }, { RowNamingConvention: '', ColumnNamingConvention: '' })).toBe('B2');
    expect(wellName({ Row: 27, Column: 3 }, { RowNamingConvention: 'alpha', ColumnNamingConvention: 'digits' })).toEqual({ row: 'AB', column: '4' });
  });

  it('switches rows to numbers only for `number` and columns to letters only for `letter`', () => {
    expect(wellLabel({ Row: 1, Column: 1 }, { RowNamingConvention: 'NUMBER', ColumnNamingConvention: 'letter' })).toBe('2B');
    expect(wellLabel({ Row: 1, Column: 1 }, { RowNamingConvention: null, ColumnNamingConvention: null })).toBe('B2');
  });
});

describe('channel colours', () => {
  it('writes Color as a signed RGBA integer and reads it as hex RGB, like imgData', async () => {
    const idr = newIdr();
    const image = await idr.objects.image(1229801);
    expect(image.raw.Pixels?.Channels?.map((c) => c.Color)).toEqual([-16776961, 16711935, 65535]);
    expect(image.channels.map((c) => c.color)).toEqual(['FF0000', '00FF00', '0000FF']);
    const data = await idr.imageData(1884807);
    if (data.status !== 'ok') throw new Error('expected ok');
    const object = await idr.objects.image(1884807);
    expect(data.channels.length).toBeGreaterThan(0);
    expect(object.channels.map((c) => c.color)).toEqual(data.channels.map((c) => c.color));
    expect(data.meta.imageArchived).toBe(false);
  });
});

describe('imgData without pixel data', () => {
  const answering = (body: unknown) => new Idr({ fetch: async () => Response.json(body), retry: 0 });

  it('reads {"ConcurrencyException": {"backOff"}} (a pyramid being built) as pixels-unavailable', async () => {
    const data = await answering({ ConcurrencyException: { backOff: 30000 } }).imageData(7);
    expect(data).toEqual({ status: 'pixels-unavailable', id: 7, exception: 'ConcurrencyException', backOff: 30000 });
  });

  it('reads id/meta/perms alone (no rendering engine) as pixels-unavailable', async () => {
    const meta = { imageName: 'x', imageId: 7 };
    const data = await answering({ id: 7, meta, perms: { canAnnotate: false } }).imageData(7);
    expect(data).toEqual({ status: 'pixels-unavailable', id: 7, exception: '', meta, perms: { canAnnotate: false } });
  });
});
