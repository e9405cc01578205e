// The built-in dataset: IDR's own identifiers, as in the package's fixtures and the IDR tutorial
// (screen 102 idr0002 and its 12 plates, plate 4554's wells, screen 206's bulk annotation table and
// well 45217, project 51 / image 1884807, plate 2551 / well 590809 / image 1229801 and its 36 ROIs,
// plate 8958's never-imaged wells, image 15148767 without optional keys). Ids the reference does
// not record are made up in sequence, as the fixtures do.
import { addImage, addMap, addPlate, addScreen, addWell } from './build.js';
import type { IdrSimulatorState, SimUser } from './state.js';

const TYPE = 'http://www.openmicroscopy.org/Schemas/OME/2016-06#';

/**
 * The users of the simulator's login (`POST /api/v0/login/`). IDR itself has no login; these
 * make the simulator a generic OMERO.web for `idr.login()`.
 *
 * | username | password | userId | group |
 * | --- | --- | --- | --- |
 * | `alice` | `wonderland` | 52 | 53 `lab` |
 * | `root` | `omero` | 0 | 0 `system` (admin) |
 *
 * @example
 * ```ts
 * const { username, password } = IDR_SIMULATOR_USERS[0]!;
 * ```
 */
export const IDR_SIMULATOR_USERS: readonly Readonly<SimUser>[] = [
  { username: 'alice', password: 'wonderland', userId: 52, firstName: 'Alice', lastName: 'Liddell', groupId: 53, groupName: 'lab', isAdmin: false },
  { username: 'root', password: 'omero', userId: 0, firstName: 'root', lastName: 'root', groupId: 0, groupName: 'system', isAdmin: true },
];

const PLATES_102: [number, string][] = [
  [422, 'plate1_1_013'],
  [492, 'plate1_2_011'],
  [559, 'plate1_3_012'],
  [620, 'plate1_4_013'],
  [680, 'plate2_1_014'],
  [728, 'plate2_2_015'],
  [800, 'plate2_3_016'],
  [869, 'plate2_4_017'],
  [944, 'plate3_1_018'],
  [1015, 'plate3_2_019'],
  [1072, 'plate3_3_020'],
  [4554, 'plate3_4_021'],
];

const STUDY_NS = 'idr.openmicroscopy.org/study/info';
const GENE_NS = 'openmicroscopy.org/mapr/gene';
const ORGANISM_NS = 'openmicroscopy.org/mapr/organism';

function screen102(state: IdrSimulatorState): void {
  addScreen(
    state,
    102,
    'idr0002-heriche-condensation/screenA',
    'Publication Title\nIntegration of biological data by kernels on graphs and knowledge extraction: application to chromosome condensation.\n\nScreen Description\nPrimary screen of genes required for chromosome condensation in HeLa cells.',
  );
  addMap(
    state,
    1883417,
    STUDY_NS,
    ['screen', 102],
    [
      ['Study Type', 'high content screen'],
      ['Organism', 'Homo sapiens'],
      ['Release Date', '2016-05-26'],
      ['License', 'CC BY 4.0 https://creativecommons.org/licenses/by/4.0/'],
    ],
  );
  for (const [id, name] of PLATES_102) {
    const big = id === 4554;
    addPlate(state, 102, { id, name, rows: big ? 16 : 8, columns: big ? 24 : 12, rowNaming: 'letter', columnNaming: 'number' });
  }
  // Plate 422: two CDC20 wells (ids as in the search fixture).
  for (let c = 0; c < 2; c++) {
    const image = 1900000 + c;
    addWell(state, 422, 1000000 + c, 0, c, [
      { id: image, name: `plate1_1_013 [Well A${c + 1}, Field 1]`, sizeX: 1344, sizeY: 1024, sizeC: 1, acquisitionDate: 1262303999000 },
    ]);
    addMap(
      state,
      19000000 + c,
      GENE_NS,
      ['image', image],
      [
        ['Gene Identifier', 'ENSG00000117399'],
        ['Gene Symbol', 'CDC20'],
      ],
    );
    addMap(state, 19100000 + c, ORGANISM_NS, ['image', image], [['Organism', 'Homo sapiens']]);
  }
  // Plate 4554: A1 (well 1046859 / image 1938559, NB), A2, A3 (no thumbnail).
  for (let c = 0; c < 3; c++) {
    const image = 1938559 + c;
    addWell(state, 4554, 1046859 + c, 0, c, [
      { id: image, name: `plate3_4_021 [Well A${c + 1}, Field 1]`, sizeX: 1344, sizeY: 1024, sizeC: 1, acquisitionDate: 1262303999000, thumbnail: c !== 2 },
    ]);
  }
  addMap(
    state,
    20000001,
    GENE_NS,
    ['image', 1938559],
    [
      ['Gene Identifier', 'ENSG00000117399'],
      ['Gene Symbol', 'CDC20'],
    ],
  );
  addMap(state, 20000002, 'openmicroscopy.org/mapr/sirna', ['image', 1938559], [['siRNA Identifier', 's2750']]);
  addMap(state, 20000003, ORGANISM_NS, ['image', 1938559], [['Organism', 'Homo sapiens']]);
}

function screen3(state: IdrSimulatorState): void {
  addScreen(
    state,
    3,
    'idr0001-graml-sysgro/screenA',
    'Publication Title\nA genomic Multiprocess survey of machineries that control and link cell shape, microtubule organization, and cell-cycle progression.',
  );
  addPlate(state, 3, { id: 2551, name: 'JL_120731_S6A', rows: 8, columns: 12, rowNaming: 'letter', columnNaming: 'number', fields: 6, acquisitionId: 2601 });
  const fields = Array.from({ length: 6 }, (_, f) => ({
    id: 1229801 + f,
    name: `JL_120731_S6A [Well A-1; Field #${f + 1}]`,
    sizeX: 1344,
    sizeY: 1024,
    sizeC: 3,
    pixelsType: 'uint16',
    physicalSize: 0.6459,
    channelNames: ['Cy3', 'GFP', 'DAPI'],
    acquisitionDate: 1343739600000,
    pixels: f === 0 ? ('unavailable' as const) : ('ok' as const),
  }));
  addWell(state, 2551, 590809, 0, 0, fields);
  addMap(state, 3456789, ORGANISM_NS, ['image', 1229801], [['Organism', 'Schizosaccharomyces pombe']]);
  for (let i = 0; i < 36; i++) {
    const x = 1247 + i * 10;
    state.rois.set(1000001 + i, {
      id: 1000001 + i,
      imageId: 1229801,
      shapes: [{ '@id': 2000001 + i, '@type': `${TYPE}Polygon`, Points: `${x},760 ${x},761 ${x + 1},762 ${x + 3},760`, TheZ: 0, TheT: 0 }],
    });
  }
}

function screen206(state: IdrSimulatorState): void {
  addScreen(state, 206, 'idr0008-rohn-actinome/screenA', 'Publication Title\nA genome-wide RNAi screen for actin regulators in Drosophila cells.');
  addPlate(state, 206, { id: 340, name: 'Plate8_Actinome1', rows: 16, columns: 24, rowNaming: 'letter', columnNaming: 'number' });
  const image = (id: number, well: string) => ({
    id,
    name: `Plate8_Actinome1 [Well ${well} Field #1]`,
    sizeX: 696,
    sizeY: 520,
    sizeC: 3,
    channelNames: ['DAPI', 'FITC', 'TRITC'],
    physicalSize: 1.25195005,
    acquisitionDate: 1194540393000,
  });
  addWell(state, 340, 45216, 14, 0, [image(122769, 'O01')]);
  addWell(state, 340, 45217, 14, 1, [image(122770, 'O02')]);
  addMap(
    state,
    1234567,
    GENE_NS,
    ['image', 122770],
    [
      ['Gene Identifier', 'CG10067'],
      ['Gene Symbol', 'Act57B'],
    ],
  );
  addMap(state, 1234568, ORGANISM_NS, ['image', 122770], [['Organism', 'Drosophila melanogaster']]);
  addMap(
    state,
    1234569,
    'openmicroscopy.org/mapr/phenotype',
    ['image', 122770],
    [
      ['Phenotype', 'increased cell size'],
      ['Phenotype Term Accession', 'CMPO_0000128'],
      ['Phenotype', 'protruding cell edges'],
      ['Phenotype Term Accession', 'CMPO_0000298'],
    ],
  );
  const enc = new TextEncoder();
  state.annotations.set(8368945, {
    id: 8368945,
    kind: 'file',
    ns: 'openmicroscopy.org/omero/bulk_annotations',
    parent: { type: 'screen', id: 206 },
    file: { id: 15026339, name: 'bulk_annotations', mimetype: 'OMERO.tables', content: Uint8Array.of(0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a) },
    date: '2017-08-16T15:08:30Z',
  });
  state.annotations.set(2891867, {
    id: 2891867,
    kind: 'file',
    ns: 'openmicroscopy.org/omero/bulk_annotations',
    parent: { type: 'screen', id: 206 },
    file: {
      id: 2891866,
      name: 'idr0008-screenA-annotation.csv',
      mimetype: 'text/csv',
      content: enc.encode('Plate,Well,Gene Symbol,Phenotype\nPlate8_Actinome1,O2,Act57B,increased cell size\n'),
    },
    date: '2017-08-16T15:08:30Z',
  });
  const columns = ['Plate:PlateColumn', 'Well Number:StringColumn', 'Well:WellColumn', 'Plate_Well:StringColumn', 'Characteristics [Organism]:StringColumn'];
  columns.push('Gene Symbol:StringColumn', 'Phenotype:StringColumn', 'Plate Name:StringColumn', 'Well Name:StringColumn');
  state.tables.set(15026339, {
    fileId: 15026339,
    annotationId: 8368945,
    columns: columns.map((c) => ({ name: c.split(':')[0] as string, type: c.split(':')[1] as string })),
    rows: [
      [340, '337', 45216, 'Plate8_Actinome1_O1', 'Drosophila melanogaster', 'Arp1', 'normal', 'Plate8_Actinome1', 'o1'],
      [340, '338', 45217, 'Plate8_Actinome1_O2', 'Drosophila melanogaster', 'Act57B', 'increased cell size', 'Plate8_Actinome1', 'o2'],
    ],
    addedOn: 1502896910574,
  });
}

function screen8958(state: IdrSimulatorState): void {
  // idr0088: the screen id is not recorded; 2251 is made up. 384 wells, the last 136 never imaged.
  addScreen(state, 2251, 'idr0088-cox-mitocheck/screenA', 'Plate 8958: 136 of 384 wells never imaged.');
  addPlate(state, 2251, { id: 8958, name: 'plate 8958', rows: 16, columns: 24 });
  for (let i = 0; i < 384; i++) {
    const row = Math.floor(i / 24);
    const col = i % 24;
    const images = i < 248 ? [{ id: 11000000 + i, name: `plate 8958 [Well ${String.fromCharCode(65 + row)}${col + 1}]`, sizeX: 1024, sizeY: 1024 }] : [];
    addWell(state, 8958, 2966000 + i, row, col, images);
  }
}

function project51(state: IdrSimulatorState): void {
  state.projects.set(51, {
    id: 51,
    name: 'idr0021-lawo-pericentriolarmaterial/experimentA',
    description: 'Publication Title\nSubdiffraction imaging of centrosomes reveals higher-order organizational features of pericentriolar material.',
    datasetIds: [51],
  });
  state.datasets.set(51, { id: 51, name: 'CDK5RAP2-C', description: '', imageIds: [1884807] });
  addImage(state, {
    id: 1884807,
    name: 'CDK5RAP2-C_Control_1.tif',
    sizeX: 256,
    sizeY: 256,
    sizeC: 3,
    pixelsType: 'float',
    physicalSize: 0.0396,
    acquisitionDate: 1463000000000,
    filesetId: 1875611,
  });
  addMap(
    state,
    5000001,
    STUDY_NS,
    ['project', 51],
    [
      ['Study Type', 'protein localization'],
      ['Organism', 'Homo sapiens'],
    ],
  );
  addMap(state, 5000002, GENE_NS, ['image', 1884807], [['Gene Symbol', 'CDK5RAP2']]);
  addMap(state, 5000003, ORGANISM_NS, ['image', 1884807], [['Organism', 'Homo sapiens']]);
  // idr0154 (project and dataset ids made up): a whole-slide image without PhysicalSize or channel names.
  state.projects.set(2155, { id: 2155, name: 'idr0154-whole-slide/experimentA', description: '', datasetIds: [15101] });
  state.datasets.set(15101, { id: 15101, name: 'slides', description: '', imageIds: [15148767] });
  addImage(state, { id: 15148767, name: 'whole slide image', sizeX: 98304, sizeY: 75264, sizeC: 3, pixelsType: 'uint8' });
}

/** Fill `state` with the built-in dataset. */
export function addBuiltin(state: IdrSimulatorState): void {
  screen3(state);
  screen102(state);
  screen206(state);
  screen8958(state);
  project51(state);
}
