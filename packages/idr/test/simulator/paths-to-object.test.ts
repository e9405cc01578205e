// webclient/api/paths_to_object/ as omero-web answers it: webclient/views.py `api_paths_to_object`
// reads every parameter, show.py `paths_to_object` picks the lowest type and filters by the rest.
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { IDR, newIdr, serve } from './helpers.js';

const sim = createSimulator({
  builtin: false,
  seed: {
    screens: [
      {
        id: 9001,
        name: 'idr9001-my/screenA',
        plates: [
          {
            id: 8001,
            name: 'P1',
            wells: [
              {
                id: 7001,
                row: 0,
                column: 0,
                images: [
                  { id: 6101, name: 'P1 [A1] f1' },
                  { id: 6102, name: 'P1 [A1] f2' },
                ],
              },
              { id: 7002, row: 0, column: 1 },
            ],
          },
        ],
      },
    ],
    projects: [
      {
        id: 9201,
        name: 'idr9201-my/experimentA',
        datasets: [
          {
            id: 9101,
            name: 'controls',
            images: [
              { id: 6001, name: 'b.tif' },
              { id: 6002, name: 'A.tif' },
              { id: 6003, name: 'c.tif' },
            ],
          },
          { id: 9102, name: 'treated', images: [{ id: 6004, name: 'd.tif' }] },
        ],
      },
    ],
    images: [{ id: 6201, name: 'loose.tif' }],
  },
});
serve([sim]);

const exp = { type: 'experimenter', id: 2 };

async function paths(query: string): Promise<unknown> {
  const r = await fetch(`${IDR}/webclient/api/paths_to_object/?${query}`);
  expect(r.status).toBe(200);
  return ((await r.json()) as { paths: unknown }).paths;
}

async function status(query: string): Promise<[number, string]> {
  const r = await fetch(`${IDR}/webclient/api/paths_to_object/?${query}`);
  return [r.status, r.status === 400 ? await r.text() : ''];
}

describe('simulator: paths_to_object', () => {
  it('takes the lowest type set (image › dataset › project › well › acquisition › plate › screen › experimenter)', async () => {
    const acq = sim.state.plates.get(8001)!.acquisitionId;
    expect(await paths('plate=8001&dataset=9102')).toEqual([[exp, { type: 'project', id: 9201 }, { type: 'dataset', id: 9102 }]]);
    expect(await paths('well=7001&project=9201')).toEqual([[exp, { type: 'project', id: 9201 }]]);
    expect(await paths('screen=9001&plate=8001')).toEqual([[exp, { type: 'screen', id: 9001 }, { type: 'plate', id: 8001 }]]);
    expect(await paths(`plate=8001&acquisition=${acq}`)).toEqual([
      [exp, { type: 'screen', id: 9001 }, { type: 'plate', id: 8001 }, { type: 'acquisition', id: acq }],
    ]);
    expect(await paths('experimenter=2&screen=9001')).toEqual([[exp, { type: 'screen', id: 9001 }]]);
    expect(await paths('experimenter=52')).toEqual([[{ type: 'experimenter', id: 52 }]]);
    expect(await paths('')).toEqual([]);
  });

  it('filters the lowest type by the other ids', async () => {
    expect(await paths('image=6004&dataset=9101')).toEqual([]);
    expect(await paths('image=6004&project=9201&dataset=9102')).toHaveLength(1);
    expect(await paths('plate=8001&screen=1')).toEqual([]);
    expect(await paths('dataset=9101&experimenter=52')).toEqual([]);
  });

  it('reads run as an alias of acquisition (acquisition wins) and the last of a repeated key', async () => {
    const acq = sim.state.plates.get(8001)!.acquisitionId;
    expect(await paths(`run=${acq}`)).toHaveLength(1);
    expect(await paths(`run=${acq}&acquisition=1`)).toEqual([]);
    expect(await paths('dataset=1&dataset=9102')).toEqual([[exp, { type: 'project', id: 9201 }, { type: 'dataset', id: 9102 }]]);
  });

  it('gives a dataset in an image path its childCount, and childIndex/childPage when it is paged (lower(name), id)', async () => {
    expect(await paths('image=6001')).toEqual([
      [exp, { type: 'project', id: 9201 }, { type: 'dataset', id: 9101, childCount: 3 }, { type: 'image', id: 6001 }],
    ]);
    expect(await paths('image=6003&page_size=2')).toEqual([
      [exp, { type: 'project', id: 9201 }, { type: 'dataset', id: 9101, childCount: 3, childIndex: 2, childPage: 2 }, { type: 'image', id: 6003 }],
    ]);
    expect(await status('image=6003&page_size=0')).toEqual([500, '']);
  });

  it('orders an image in several datasets by project then dataset, a dataset in no project last', async () => {
    sim.state.datasets.set(9100, { id: 9100, name: 'loose dataset', description: '', imageIds: [6001] });
    sim.state.datasets.get(9102)!.imageIds.push(6001);
    sim.state.projects.set(9200, { id: 9200, name: 'idr9200-other/experimentA', description: '', datasetIds: [9102] });
    const found = (await paths('image=6001')) as { type: string; id: number }[][];
    expect(found.map((p) => p.map((n) => `${n.type}:${n.id}`).join(' '))).toEqual([
      'experimenter:2 project:9200 dataset:9102 image:6001',
      'experimenter:2 project:9201 dataset:9101 image:6001',
      'experimenter:2 project:9201 dataset:9102 image:6001',
      'experimenter:2 dataset:9100 image:6001',
    ]);
  });

  it('walks a well image through its well and well sample; a well alone gives one plate path per field', async () => {
    const acq = sim.state.plates.get(8001)!.acquisitionId;
    const plate = [exp, { type: 'screen', id: 9001 }, { type: 'plate', id: 8001 }, { type: 'acquisition', id: acq }];
    expect(await paths('image=6102')).toEqual([[...plate, { type: 'well', id: 7001 }, { type: 'wellsample', id: 70011 }, { type: 'image', id: 6102 }]]);
    expect(await newIdr().pathsToObject({ well: 7001 })).toEqual([plate, plate]);
    expect(await paths('well=7002')).toEqual([]);
    // A well that does not hold the image: the image falls back to the orphaned path.
    expect(await paths('image=6102&well=7002')).toEqual([[exp, { type: 'orphaned', id: 2 }, { type: 'image', id: 6102 }]]);
  });

  it('puts an orphaned image under "orphaned", paged like a dataset', async () => {
    expect(await paths('image=6201')).toEqual([[exp, { type: 'orphaned', id: 2 }, { type: 'image', id: 6201 }]]);
    expect(await paths('image=6201&page_size=-1')).toEqual([
      [exp, { type: 'orphaned', id: 2, childCount: 1, childIndex: 0, childPage: 1 }, { type: 'image', id: 6201 }],
    ]);
  });

  it('resolves an roi or a shape to its image and appends them; an roi on a well image is a 500', async () => {
    sim.state.rois.set(5001, { id: 5001, imageId: 6002, shapes: [{ '@id': 5101 }] });
    sim.state.rois.set(5002, { id: 5002, imageId: 6101, shapes: [{ '@id': 5102 }] });
    const toImage = [exp, { type: 'project', id: 9201 }, { type: 'dataset', id: 9101, childCount: 3 }, { type: 'image', id: 6002 }];
    expect(await paths('roi=5001')).toEqual([[...toImage, { type: 'roi', id: 5001 }]]);
    expect(await paths('shape=5101&image=6201')).toEqual([[...toImage, { type: 'roi', id: 5001 }, { type: 'shape', id: 5101 }]]);
    expect(await paths('shape=999')).toEqual([]);
    expect(await status('roi=5002')).toEqual([500, '']);
    expect((await paths('shape=5102')) as unknown[][]).toEqual([
      expect.arrayContaining([
        { type: 'roi', id: 5002 },
        { type: 'shape', id: 5102 },
      ]),
    ]);
  });

  it('answers tags with no paths, and fails where the server queries fail', async () => {
    expect(await paths('tag=1&image=6001')).toEqual([]);
    expect(await status('tag=1&experimenter=2')).toEqual([500, '']);
    expect(await status('well=7001&experimenter=2')).toEqual([500, '']);
    expect(await status('image=6201&experimenter=2')).toEqual([500, '']);
  });

  it('reads ids with int(): a bad one is the plain-text 400, a bad well (read raw) a 500', async () => {
    expect(await paths('dataset=%209102%20')).toHaveLength(1);
    expect(await status('image=abc')).toEqual([400, 'Invalid parameter value']);
    expect(await status('group=')).toEqual([400, 'Invalid parameter value']);
    expect(await status('page_size=1.5&image=6001')).toEqual([400, 'Invalid parameter value']);
    expect(await status('well=abc')).toEqual([500, '']);
    expect(await status('well=abc&tag=1')).toEqual([200, '']);
  });
});
