// Image dates as OMERO.web sends them (omero-web `webclient/tree.py` `_marshal_image`, and
// `BlitzImageWrapper.getDate()` behind webgateway's imgData and plate grid): the webclient's `date`
// is the import (the creation event), `acqDate` the acquisition date when there is one, both as
// `datetime.isoformat() + 'Z'`; imgData's `imageTimestamp` and a plate grid cell's `date` are the
// acquisition date, or the import when there is none.
import { isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { newIdr, serve } from './helpers.js';

const sim = createSimulator({
  builtin: false,
  seed: {
    projects: [
      {
        id: 9101,
        name: 'dated',
        datasets: [
          {
            id: 9102,
            name: 'images',
            images: [
              { id: 6003, name: 'a acquired', acquisitionDate: '2012-07-31T13:00:00Z', importDate: '2016-06-01T08:00:00.250Z' },
              { id: 6004, name: 'b not acquired' },
            ],
          },
        ],
      },
    ],
    screens: [
      {
        id: 9001,
        name: 'idr9001-dated/screenA',
        plates: [
          {
            id: 8001,
            name: 'P1',
            rows: 1,
            columns: 2,
            wells: [{ id: 7001, row: 0, column: 1, images: [{ id: 6005, name: 'w', importDate: '2017-01-02T03:04:05Z' }] }],
          },
        ],
      },
    ],
  },
});
serve([sim]);

/** The documented default import time of a seed image without `importDate`. */
const DEFAULT_IMPORT_DATE = Date.UTC(2016, 4, 26, 10, 11, 12);

describe('simulator: image dates', () => {
  it('webclient images with date=true: the import as date, the acquisition as acqDate only when set', async () => {
    const images = await newIdr().webclient.images({ dataset: 9102 }, { date: true }).toArray();
    expect(images.map((i) => [i.id, i.date, i.acqDate])).toEqual([
      [6003, '2016-06-01T08:00:00.250000Z', '2012-07-31T13:00:00Z'],
      [6004, new Date(DEFAULT_IMPORT_DATE).toISOString().replace('.000Z', 'Z'), undefined],
    ]);
    expect(Object.keys(images[1] ?? {})).not.toContain('acqDate');
    const plain = await newIdr().webclient.images({ dataset: 9102 }).toArray();
    expect(plain.map((i) => [i.date, i.acqDate])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it("imgData's imageTimestamp and a plate grid cell's date: the acquisition date, else the import", async () => {
    const idr = newIdr();
    const acquired = await idr.imageData(6003);
    const notAcquired = await idr.imageData(6004);
    expect([acquired.meta?.imageTimestamp, notAcquired.meta?.imageTimestamp]).toEqual([Date.UTC(2012, 6, 31, 13) / 1000, DEFAULT_IMPORT_DATE / 1000]);
    const grid = await idr.plateGrid(8001);
    expect(grid.grid[0]?.[1]?.date).toBe(Date.UTC(2017, 0, 2, 3, 4, 5) / 1000);
  });

  it('refuses a seed date that is not an ISO 8601 date-time, naming the field', () => {
    for (const bad of ['yesterday', 1343739600000, '2012-07-31']) {
      try {
        createSimulator({ builtin: false, seed: { images: [{ id: 1, name: 'i', acquisitionDate: bad as never }] } });
        expect.unreachable(`accepted ${String(bad)}`);
      } catch (error) {
        expect(isValidationError(error)).toBe(true);
        expect((error as { field?: string }).field).toBe('seed.images[0].acquisitionDate');
      }
    }
  });
});
