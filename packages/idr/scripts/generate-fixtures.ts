// Writes packages/idr/fixtures/*.json (served at https://idr.openmicroscopy.org) and
// packages/idr/test/fixtures/omero-example/*.json (a generic OMERO.web with mapr and login,
// served at https://omero.example.org in tests only).
//
// Shapes, status codes, content types and error bodies follow the IDR wire reference (OMERO.web
// `api`, `webclient/api`, `webgateway`, omero-mapr, omero_search_engine sources and the
// IDR_API_example_script notebook's recorded outputs). Object ids are IDR's real ones where the
// reference records them; the rest (e.g. every well id of plate 8958, search hit ids) are
// generated in sequence and say so in the fixture description.
//
// Run: node --import tsx packages/idr/scripts/generate-fixtures.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tinyJpeg } from '../src/testing/simulator/jpeg.js';
import { MAPR_CONFIG } from '../src/testing/simulator/mapr.js';
import { details } from '../src/testing/simulator/marshal.js';
import { jsonpError, omeroErrorPage, omeroNotFoundPage } from '../src/testing/simulator/wire.js';

/** The body text of one of the simulator's answers (one copy of each page). */
const pageText = async (r: Response) => r.text();

type Json = unknown;
interface Exchange {
  request: { method: string; path: string; query?: Record<string, string | string[]>; headers?: Record<string, string>; body?: Json };
  response: { status: number; headers?: Record<string, string>; body?: Json };
}

const IDR = 'https://idr.openmicroscopy.org';
const OME = 'http://www.openmicroscopy.org/Schemas/OME/2016-06#';
const JSON_CT = { 'content-type': 'application/json' };
const API_CT = { 'content-type': 'application/json', 'x-omero-apiversion': '0.2' };
const HTML_CT = { 'content-type': 'text/html; charset=utf-8' };
const JPEG_B64 = Buffer.from(tinyJpeg()).toString('base64');
const SOURCE = 'IDR wire reference (../shared/reference/idr.md §2) and IDR_API_example_script.ipynb outputs';

const get = (path: string, query: Record<string, string | string[]> | undefined, status: number, headers: Record<string, string>, body?: Json): Exchange => ({
  request: { method: 'GET', path, ...(query ? { query } : {}) },
  response: { status, headers, ...(body === undefined ? {} : { body }) },
});
const json = (value: Json) => ({ json: value });
const text = (value: string) => ({ text: value });

function django404(path: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <title>Not Found</title>
</head>
<body>
  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>
</body>
</html>
<!-- ${path} -->`;
}
const SWAGGER_HTML = `<!DOCTYPE html>
<html>
<head>
  <title>Flasgger</title>
  <meta charset="UTF-8">
  <link rel="stylesheet" type="text/css" href="/searchengine/flasgger_static/swagger-ui.css" >
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/searchengine/flasgger_static/swagger-ui-bundle.js"></script>
</body>
</html>`;

const screen = (id: number, name: string, description: string, childCount?: number) => ({
  '@id': id,
  '@type': `${OME}Screen`,
  Name: name,
  Description: description,
  'omero:details': details(),
  ...(childCount === undefined ? {} : { 'omero:childCount': childCount }),
  'url:plates': `${IDR}/api/v0/m/screens/${id}/plates/`,
  'url:screen': `${IDR}/api/v0/m/screens/${id}/`,
});
const meta = (offset: number, limit: number, totalCount: number) => ({ offset, limit, maxLimit: 1000, totalCount });

// Written, not recorded: every fixture says so in `provenance` (docs/fixtures.md).
const PROVENANCE = { kind: 'written', from: `shared/reference/idr.md; ${SOURCE}; omero-web, omero-mapr and omero_search_engine sources` } as const;
const files: Record<string, { name: string; description: string; source?: string; provenance: typeof PROVENANCE; exchanges: Exchange[] }> = {};
const exampleFiles: typeof files = {};
const add = (file: string, description: string, exchanges: Exchange[], into = files) => {
  into[file] = { name: file, description, source: SOURCE, provenance: PROVENANCE, exchanges };
};

// ---- discovery and capabilities (IDR: mapr switched off, search engine present) -------------
// The client pages mapr lists like webclient lists (page/limit, IDR's page size).
const MAPR_PAGE = { page: '1', limit: '500' };
const redirectToApidocs = { location: '/searchengine/apidocs/', 'content-type': 'text/html', 'content-length': '138' };
add(
  'capabilities',
  'IDR: /api/ versions; /mapr/api/config/ still answers but every other /mapr/api/ route is a 302 to the search engine HTML docs (IDR/deployment 0aba460); the search engine root answers text.',
  [
    get('/api/', undefined, 200, JSON_CT, json({ data: [{ version: '0', 'url:base': `${IDR}/api/v0/` }] })),
    get('/mapr/api/config/', undefined, 200, JSON_CT, json(MAPR_CONFIG)),
    get('/mapr/api/gene/count/', { value: '__probe__' }, 302, redirectToApidocs),
    get('/searchengine/apidocs/', undefined, 200, HTML_CT, text(SWAGGER_HTML)),
    get('/searchengine/api/v1/resources/', undefined, 200, HTML_CT, text('OMERO search engine (API V1)')),
  ],
);

// ---- /api/v0 screens, projects, plates, wells, images, rois ------------------------------------
const screen3 = screen(
  3,
  'idr0001-graml-sysgro/screenA',
  'Publication Title\nA genomic Multiprocess survey of machineries that control and link cell shape, microtubule organization, and cell-cycle progression.',
);
const screen102 = screen(
  102,
  'idr0002-heriche-condensation/screenA',
  'Publication Title\nIntegration of biological data by kernels on graphs and knowledge extraction: application to chromosome condensation.\n\nScreen Description\nPrimary screen of genes required for chromosome condensation in HeLa cells.',
);
const screen206 = screen(
  206,
  'idr0008-rohn-actinome/screenA',
  'Publication Title\nComparative RNAi screening identifies a conserved core metazoan actinome by phenotype.',
);
add('screens', 'Screens paged with pageSize 2 and max 3 (offset/limit; meta.totalCount 105, maxLimit 1000). Abridged: the third page shows screen 206.', [
  get('/api/v0/m/screens/', { limit: '2' }, 200, API_CT, json({ data: [screen3, screen102], meta: meta(0, 2, 105) })),
  get('/api/v0/m/screens/', { offset: '2', limit: '1' }, 200, API_CT, json({ data: [screen206], meta: meta(2, 1, 105) })),
]);
add('screen-102', 'Single screen 102 (with childCount), and the JSON {"message"} 404 of /api/v0.', [
  get('/api/v0/m/screens/102/', undefined, 200, API_CT, json({ data: screen102 })),
  get('/api/v0/m/screens/102/', { childCount: 'true' }, 200, API_CT, json({ data: { ...screen102, 'omero:childCount': 12 } })),
  get('/api/v0/m/screens/999999/', undefined, 404, API_CT, json({ message: 'Screen 999999 not found' })),
]);

const plate = (id: number, name: string, rows: number, cols: number, extra: Record<string, unknown> = {}) => ({
  '@id': id,
  '@type': `${OME}Plate`,
  Name: name,
  'omero:details': details(),
  Rows: rows,
  Columns: cols,
  ...extra,
  'url:plate': `${IDR}/api/v0/m/plates/${id}/`,
  'url:wells': `${IDR}/api/v0/m/plates/${id}/wells/`,
  'url:screens': `${IDR}/api/v0/m/plates/${id}/screens/`,
  'url:plateacquisitions': `${IDR}/api/v0/m/plates/${id}/plateacquisitions/`,
});
const plate2551 = plate(2551, 'JL_120731_S6A', 8, 12, {
  RowNamingConvention: 'letter',
  ColumnNamingConvention: 'number',
  'omero:wellsampleIndex': [0, 5],
  'url:wellsampleindex_wells': [0, 1, 2, 3, 4, 5].map((i) => `${IDR}/api/v0/m/plates/2551/wellsampleindex/${i}/wells/`),
});
const image1229801 = {
  '@id': 1229801,
  '@type': `${OME}Image`,
  Name: 'JL_120731_S6A [Well A-1; Field #1]',
  AcquisitionDate: 1343739600000,
  'omero:details': details(),
  Pixels: {
    '@id': 1229801,
    '@type': `${OME}Pixels`,
    SizeX: 1344,
    SizeY: 1024,
    SizeZ: 1,
    SizeC: 3,
    SizeT: 1,
    Type: { '@type': 'TBD#PixelsType', value: 'uint16' },
    DimensionOrder: { '@type': 'TBD#DimensionOrder', value: 'XYCZT' },
    SignificantBits: 16,
    PhysicalSizeX: { '@type': 'TBD#LengthI', Unit: 'MICROMETER', Symbol: 'µm', Value: 0.6459 },
    PhysicalSizeY: { '@type': 'TBD#LengthI', Unit: 'MICROMETER', Symbol: 'µm', Value: 0.6459 },
    Channels: [
      { '@id': 3577321, '@type': `${OME}Channel`, Name: 'Cy3', Color: -16776961, SamplesPerPixel: 1 },
      { '@id': 3577322, '@type': `${OME}Channel`, Name: 'GFP', Color: 16711935, SamplesPerPixel: 1 },
      { '@id': 3577323, '@type': `${OME}Channel`, Name: 'DAPI', Color: 65535, SamplesPerPixel: 1 },
    ],
  },
  'url:image': `${IDR}/api/v0/m/images/1229801/`,
  'url:datasets': `${IDR}/api/v0/m/images/1229801/datasets/`,
  'url:rois': `${IDR}/api/v0/m/images/1229801/rois/`,
};
const well590809 = {
  '@id': 590809,
  '@type': `${OME}Well`,
  Row: 0,
  Column: 0,
  'omero:details': details(),
  WellSamples: [0, 1, 2, 3, 4, 5].map((f) => ({
    '@id': 2233740 + f,
    '@type': `${OME}WellSample`,
    Image: {
      '@id': 1229801 + f,
      '@type': `${OME}Image`,
      Name: `JL_120731_S6A [Well A-1; Field #${f + 1}]`,
      'url:image': `${IDR}/api/v0/m/images/${1229801 + f}/`,
    },
  })),
  'url:well': `${IDR}/api/v0/m/wells/590809/`,
  'url:plates': `${IDR}/api/v0/m/wells/590809/plates/`,
};
const rois = Array.from({ length: 36 }, (_, i) => ({
  '@id': 1000001 + i,
  '@type': `${OME}ROI`,
  'omero:details': details(),
  shapes: [
    {
      '@id': 2000001 + i,
      '@type': `${OME}Polygon`,
      Points: `${1247 + i},760 ${1247 + i},761 ${1248 + i},762 ${1250 + i},760`,
      TheZ: 0,
      TheT: 0,
      'omero:details': details(),
    },
  ],
}));
add(
  'plate-2551',
  'idr0001 plate 2551 "JL_120731_S6A" (8×12, 6 fields), well 590809 (A1), image 1229801 and its 36 ROIs (shapes abridged), paths_to_object. WellSample and ROI ids, and the plate acquisition id in paths_to_object, are invented in sequence (not recorded).',
  [
    get('/api/v0/m/plates/2551/', undefined, 200, API_CT, json({ data: plate2551 })),
    get('/api/v0/m/wells/590809/', undefined, 200, API_CT, json({ data: well590809 })),
    get('/api/v0/m/images/1229801/', undefined, 200, API_CT, json({ data: image1229801 })),
    get('/api/v0/m/rois/', { image: '1229801', limit: '1000' }, 200, API_CT, json({ data: rois, meta: meta(0, 1000, 36) })),
    get(
      '/webclient/api/paths_to_object/',
      { image: '1229801' },
      200,
      JSON_CT,
      // webclient/show.py paths_to_well_image: a path to an image in a well names its well sample too.
      json({
        paths: [
          [
            { type: 'experimenter', id: 2 },
            { type: 'screen', id: 3 },
            { type: 'plate', id: 2551 },
            { type: 'acquisition', id: 2601 },
            { type: 'well', id: 590809 },
            { type: 'wellsample', id: 2233740 },
            { type: 'image', id: 1229801 },
          ],
        ],
      }),
    ),
  ],
);
add('plates-screen-102', '/api/v0 plates of screen 102 (first two of 12, pageSize 2 max 2).', [
  get(
    '/api/v0/m/plates/',
    { screen: '102', limit: '2' },
    200,
    API_CT,
    json({ data: [plate(422, 'plate1_1_013', 16, 24), plate(492, 'plate1_2_007', 16, 24)], meta: meta(0, 2, 12) }),
  ),
]);

// plate 8958 (idr0088): 384 wells, 136 never imaged → no WellSamples key. One page of the
// server's maxLimit (1000).
const wells8958 = Array.from({ length: 384 }, (_, i) => {
  const row = Math.floor(i / 24);
  const col = i % 24;
  const imaged = i % 384 < 248;
  const id = 2_966_000 + i;
  return {
    '@id': id,
    '@type': `${OME}Well`,
    Row: row,
    Column: col,
    'omero:details': { '@type': 'TBD#Details', owner: { '@id': 2 }, group: { '@id': 3 } },
    ...(imaged
      ? {
          WellSamples: [
            {
              '@id': 9_000_000 + i,
              '@type': `${OME}WellSample`,
              Image: {
                '@id': 11_000_000 + i,
                '@type': `${OME}Image`,
                Name: `plate 8958 [Well ${String.fromCharCode(65 + row)}${col + 1}]`,
                'url:image': `${IDR}/api/v0/m/images/${11_000_000 + i}/`,
              },
            },
          ],
        }
      : {}),
    'url:well': `${IDR}/api/v0/m/wells/${id}/`,
    'url:plates': `${IDR}/api/v0/m/wells/${id}/plates/`,
  };
});
add(
  'wells-plate-8958',
  'idr0088 plate 8958: 384 wells, 136 never imaged (no WellSamples key). One page of limit 1000 (the server maxLimit). Well/image ids generated in sequence.',
  [get('/api/v0/m/wells/', { plate: '8958', limit: '1000' }, 200, API_CT, json({ data: wells8958, meta: meta(0, 1000, 384) }))],
);

const project51 = {
  '@id': 51,
  '@type': `${OME}Project`,
  Name: 'idr0021-lawo-pericentriolarmaterial/experimentA',
  Description: 'Publication Title\nSubdiffraction imaging of centrosomes reveals higher-order organizational features of pericentriolar material.',
  'omero:details': details(),
  'url:datasets': `${IDR}/api/v0/m/projects/51/datasets/`,
  'url:project': `${IDR}/api/v0/m/projects/51/`,
};
const dataset = (id: number, name: string) => ({
  '@id': id,
  '@type': `${OME}Dataset`,
  Name: name,
  'omero:details': details(),
  'url:images': `${IDR}/api/v0/m/datasets/${id}/images/`,
  'url:dataset': `${IDR}/api/v0/m/datasets/${id}/`,
  'url:projects': `${IDR}/api/v0/m/datasets/${id}/projects/`,
});
const image1884807 = {
  '@id': 1884807,
  '@type': `${OME}Image`,
  Name: 'CDK5RAP2-C_Control_1.tif',
  AcquisitionDate: 1463000000000,
  'omero:details': details(),
  Pixels: {
    '@id': 1884807,
    '@type': `${OME}Pixels`,
    SizeX: 256,
    SizeY: 256,
    SizeZ: 1,
    SizeC: 3,
    SizeT: 1,
    Type: { '@type': 'TBD#PixelsType', value: 'float' },
    PhysicalSizeX: { '@type': 'TBD#LengthI', Unit: 'MICROMETER', Symbol: 'µm', Value: 0.0396 },
    PhysicalSizeY: { '@type': 'TBD#LengthI', Unit: 'MICROMETER', Symbol: 'µm', Value: 0.0396 },
    Channels: [
      { '@id': 5637211, '@type': `${OME}Channel`, Color: -16776961, SamplesPerPixel: 1 },
      { '@id': 5637212, '@type': `${OME}Channel`, Color: 16711935, SamplesPerPixel: 1 },
      { '@id': 5637213, '@type': `${OME}Channel`, Color: 65535, SamplesPerPixel: 1 },
    ],
  },
  'url:image': `${IDR}/api/v0/m/images/1884807/`,
  'url:datasets': `${IDR}/api/v0/m/images/1884807/datasets/`,
  'url:rois': `${IDR}/api/v0/m/images/1884807/rois/`,
};
const image15148767 = {
  '@id': 15148767,
  '@type': `${OME}Image`,
  Name: 'whole slide image',
  'omero:details': details(),
  Pixels: {
    '@id': 15148767,
    '@type': `${OME}Pixels`,
    SizeX: 98304,
    SizeY: 75264,
    SizeZ: 1,
    SizeC: 3,
    SizeT: 1,
    Type: { '@type': 'TBD#PixelsType', value: 'uint8' },
    Channels: [
      { '@id': 60000001, '@type': `${OME}Channel`, SamplesPerPixel: 1 },
      { '@id': 60000002, '@type': `${OME}Channel`, SamplesPerPixel: 1 },
      { '@id': 60000003, '@type': `${OME}Channel`, SamplesPerPixel: 1 },
    ],
  },
  'url:image': `${IDR}/api/v0/m/images/15148767/`,
  'url:datasets': `${IDR}/api/v0/m/images/15148767/datasets/`,
  'url:rois': `${IDR}/api/v0/m/images/15148767/rois/`,
};
add(
  'project-51',
  'idr0021 project 51, its dataset 51, image 1884807 (float 256×256×3, PhysicalSize 0.0396 µm, channels without names); idr0154 image 15148767 without PhysicalSize or channel names. Project 51 ≠ screen 51.',
  [
    get('/api/v0/m/projects/51/', undefined, 200, API_CT, json({ data: project51 })),
    get('/api/v0/m/projects/', { limit: '1' }, 200, API_CT, json({ data: [project51], meta: meta(0, 1, 147) })),
    get('/api/v0/m/datasets/', { project: '51', limit: '1000' }, 200, API_CT, json({ data: [dataset(51, 'CDK5RAP2-C')], meta: meta(0, 1000, 1) })),
    get('/api/v0/m/datasets/51/', undefined, 200, API_CT, json({ data: dataset(51, 'CDK5RAP2-C') })),
    get('/api/v0/m/images/', { dataset: '51', limit: '1000' }, 200, API_CT, json({ data: [image1884807], meta: meta(0, 1000, 1) })),
    get('/api/v0/m/images/1884807/', undefined, 200, API_CT, json({ data: image1884807 })),
    get('/api/v0/m/images/15148767/', undefined, 200, API_CT, json({ data: image15148767 })),
    get(
      '/webclient/api/datasets/',
      { id: '51', page: '1', limit: '500' },
      200,
      JSON_CT,
      json({ datasets: [{ id: 51, name: 'CDK5RAP2-C', ownerId: 2, childCount: 1, permsCss: '' }] }),
    ),
    get(
      '/webclient/api/images/',
      { id: '51', page: '1', limit: '500', sizeXYZ: 'true' },
      200,
      JSON_CT,
      json({
        images: [
          { id: 1884807, name: 'CDK5RAP2-C_Control_1.tif', ownerId: 2, permsCss: '', filesetId: 1875611, archived: false, sizeX: 256, sizeY: 256, sizeZ: 1 },
        ],
      }),
    ),
  ],
);

// ---- webclient/api plates of screen 102 (NB: 12 plates) ---------------------------------------
const plates102 = [422, 492, 559, 620, 680, 728, 800, 869, 944, 1015, 1072, 4554].map((id, i) => ({
  id,
  name: i === 0 ? 'plate1_1_013' : `plate${Math.floor(i / 4) + 1}_${(i % 4) + 1}_0${10 + i}`,
  ownerId: 2,
  childCount: 1,
  permsCss: '',
}));
add(
  'webclient-plates-screen-102',
  'webclient/api/plates/?id=102: the 12 plates of screen 102 (ids as recorded in the notebook; names other than 422 abridged). One request with the default limit 500, and three pages with limit 5 (short last page ends the list). limit=2.5 gets the plain-text 400.',
  [
    get('/webclient/api/plates/', { id: '102', page: '1', limit: '500' }, 200, JSON_CT, json({ plates: plates102 })),
    get('/webclient/api/plates/', { id: '102', page: '1', limit: '5' }, 200, JSON_CT, json({ plates: plates102.slice(0, 5) })),
    get('/webclient/api/plates/', { id: '102', page: '2', limit: '5' }, 200, JSON_CT, json({ plates: plates102.slice(5, 10) })),
    get('/webclient/api/plates/', { id: '102', page: '3', limit: '5' }, 200, JSON_CT, json({ plates: plates102.slice(10) })),
    get('/webclient/api/plates/', { id: '102', page: '1', limit: '2.5' }, 400, HTML_CT, text('Invalid parameter value')),
  ],
);

// ---- annotations --------------------------------------------------------------------------
const perms = { canDelete: false, canAnnotate: false, canLink: false, canEdit: false };
const ann = (id: number, ns: string, parent: { id: number; class: string; name: string }, values: [string, string][]) => ({
  id,
  ns,
  name: null,
  description: null,
  owner: { id: 2 },
  date: '2016-05-26T10:11:12Z',
  permissions: perms,
  link: { id: id + 100000000, owner: { id: 2 }, date: '2016-05-26T10:11:12Z', permissions: perms, parent },
  class: 'MapAnnotationI',
  values,
});
const experimenters = [{ id: 2, omeName: 'public', firstName: 'Public', lastName: 'data' }];
const screen102Parent = { id: 102, class: 'ScreenI', name: 'idr0002-heriche-condensation/screenA' };
add('annotations-screen-102', 'Study map annotation of screen 102 (values as recorded in the notebook).', [
  get(
    '/webclient/api/annotations/',
    { type: 'map', screen: '102', page: '1', limit: '500' },
    200,
    JSON_CT,
    json({
      annotations: [
        ann(1883417, 'idr.openmicroscopy.org/study/info', screen102Parent, [
          ['Study Type', 'high content screen'],
          ['Organism', 'Homo sapiens'],
          ['Release Date', '2016-05-26'],
          ['License', 'CC BY 4.0 https://creativecommons.org/licenses/by/4.0/'],
          [
            'Publication Authors',
            'Hériché JK, Lees JG, Morilla I, Walter T, Petrova B, Roberti MJ, Hossain MJ, Adler P, Fernández JM, Krallinger M, Haering CH, Vilo J, Valencia A, Ranea JA, Orengo C, Ellenberg J',
          ],
          ['Publication Authors', 'Ellenberg J'],
        ]),
      ],
      experimenters,
    }),
  ),
]);
const image122770Parent = { id: 122770, class: 'ImageI', name: 'Plate8_Actinome1 [Well O02 Field #1]' };
add(
  'annotations-image-122770',
  'Map annotations of image 122770 (idr0008, well 45217): gene, organism and several Phenotype rows (keys repeat). Also fetched together with image 1229801 in one call.',
  [
    get(
      '/webclient/api/annotations/',
      { type: 'map', image: '122770', page: '1', limit: '500' },
      200,
      JSON_CT,
      json({
        annotations: [
          ann(1234567, 'openmicroscopy.org/mapr/gene', image122770Parent, [
            ['Gene Identifier', 'CG10067'],
            ['Gene Symbol', 'Act57B'],
          ]),
          ann(1234568, 'openmicroscopy.org/mapr/organism', image122770Parent, [['Organism', 'Drosophila melanogaster']]),
          ann(1234569, 'openmicroscopy.org/mapr/phenotype', image122770Parent, [
            ['Phenotype', 'increased cell size'],
            ['Phenotype Term Accession', 'CMPO_0000128'],
            ['Phenotype', 'protruding cell edges'],
            ['Phenotype Term Accession', 'CMPO_0000298'],
          ]),
        ],
        experimenters,
      }),
    ),
    get(
      '/webclient/api/annotations/',
      { type: 'map', image: ['122770', '1229801'], page: '1', limit: '500' },
      200,
      JSON_CT,
      json({
        annotations: [
          ann(1234568, 'openmicroscopy.org/mapr/organism', image122770Parent, [['Organism', 'Drosophila melanogaster']]),
          ann(3456789, 'openmicroscopy.org/mapr/organism', { id: 1229801, class: 'ImageI', name: 'JL_120731_S6A [Well A-1; Field #1]' }, [
            ['Organism', 'Schizosaccharomyces pombe'],
          ]),
        ],
        experimenters,
      }),
    ),
  ],
);
add('annotations-image-1938559', 'Map annotations of image 1938559 (plate 4554, well A1 of screen 102): gene, siRNA and organism.', [
  get(
    '/webclient/api/annotations/',
    { type: 'map', image: '1938559', page: '1', limit: '500' },
    200,
    JSON_CT,
    json({
      annotations: [
        ann(20000001, 'openmicroscopy.org/mapr/gene', { id: 1938559, class: 'ImageI', name: 'plate3_4_021 [Well A1, Field 1]' }, [
          ['Gene Identifier', 'ENSG00000117399'],
          ['Gene Symbol', 'CDC20'],
        ]),
        ann(20000002, 'openmicroscopy.org/mapr/sirna', { id: 1938559, class: 'ImageI', name: 'plate3_4_021 [Well A1, Field 1]' }, [
          ['siRNA Identifier', 's2750'],
        ]),
        ann(20000003, 'openmicroscopy.org/mapr/organism', { id: 1938559, class: 'ImageI', name: 'plate3_4_021 [Well A1, Field 1]' }, [
          ['Organism', 'Homo sapiens'],
        ]),
      ],
      experimenters,
    }),
  ),
]);
const fileAnn = (id: number, fileId: number, name: string, size: number, mimetype: string, ns: string) => ({
  id,
  ns,
  name: null,
  description: null,
  owner: { id: 2 },
  date: '2017-08-16T15:08:30Z',
  permissions: { ...perms, canDownload: true },
  link: {
    id: id + 100000000,
    owner: { id: 2 },
    date: '2017-08-16T15:08:30Z',
    permissions: perms,
    parent: { id: 206, class: 'ScreenI', name: 'idr0008-rohn-actinome/screenA' },
  },
  class: 'FileAnnotationI',
  file: { id: fileId, name, size, path: '/', mimetype },
});
const csv = 'Plate,Well,Gene Symbol,Phenotype\nPlate8_Actinome1,O2,Act57B,increased cell size\n';
add(
  'annotations-file-screen-206',
  'File annotations of screen 206 (NB: annotations 8368945 — the bulk annotation OMERO.table — and 2891867), and the download of 2891867 (application/force-download, Content-Disposition). Body abridged.',
  [
    get(
      '/webclient/api/annotations/',
      { type: 'file', screen: '206', page: '1', limit: '500' },
      200,
      JSON_CT,
      json({
        annotations: [
          fileAnn(8368945, 15026339, 'bulk_annotations', 1582342, 'OMERO.tables', 'openmicroscopy.org/omero/bulk_annotations'),
          fileAnn(2891867, 2891866, 'idr0008-screenA-annotation.csv', csv.length, 'text/csv', 'openmicroscopy.org/omero/bulk_annotations'),
        ],
        experimenters,
      }),
    ),
    get(
      '/webclient/annotation/2891867/',
      undefined,
      200,
      {
        'content-type': 'application/force-download',
        'content-length': String(csv.length),
        'content-disposition': 'attachment; filename=idr0008-screenA-annotation.csv',
      },
      text(csv),
    ),
    get('/webclient/annotation/999999999/', undefined, 404, HTML_CT, text(await pageText(omeroErrorPage('FileAnnotation does not exist (id:999999999).')))),
  ],
);

// ---- webgateway ----------------------------------------------------------------------------
const rowLetters = 'ABCDEFGHIJKLMNOP'.split('');
const grid4554 = rowLetters.map((_, r) =>
  Array.from({ length: 24 }, (_, c) => {
    const i = r * 24 + c;
    return {
      type: 'Image',
      id: 1938559 + i,
      name: `plate3_4_021 [Well ${rowLetters[r]}${c + 1}, Field 1]`,
      description: '',
      author: 'Public data',
      date: 1262303999,
      wellId: 1046859 + i,
      field: 0,
      thumb_url: `/webgateway/render_thumbnail/${1938559 + i}/`,
    };
  }),
);
grid4554[15]![23] = null as never;
add(
  'plate-grid-4554',
  "Plate grid of plate 4554 (screen 102), field 0 (NB: wellId/imageId 1046859/1938559 for A1; other ids generated in sequence; P24 empty). Unknown plate: the view returns Django's Http404 class, which @jsonp cannot encode → 500 JSON {message: 'Object of type type is not JSON serializable', stacktrace}.",
  [
    get(
      '/webgateway/plate/4554/0/',
      undefined,
      200,
      JSON_CT,
      json({
        rowlabels: rowLetters,
        collabels: Array.from({ length: 24 }, (_, i) => String(i + 1)),
        grid: grid4554,
        image_sizes: [{ x: 1344, y: 1024, image_id: 1938559 }],
      }),
    ),
    get('/webgateway/plate/999999/0/', undefined, 500, JSON_CT, json(await jsonpError(500, 'Object of type type is not JSON serializable').json())),
  ],
);

const imgData122770 = {
  id: 122770,
  meta: {
    imageName: 'Plate8_Actinome1 [Well O02 Field #1]',
    imageDescription: '',
    imageAuthor: 'Public data',
    projectName: 'Multiple',
    projectId: null,
    projectDescription: '',
    datasetName: 'Multiple',
    datasetId: null,
    datasetDescription: '',
    wellSampleId: '',
    wellId: 45217,
    imageTimestamp: 1194540393.0,
    imageId: 122770,
    pixelsType: 'uint16',
  },
  perms: { canAnnotate: false, canEdit: false, canDelete: false, canLink: false },
  tiles: false,
  interpolate: true,
  size: { width: 696, height: 520, z: 1, t: 1, c: 3 },
  pixel_size: { x: 1.25195005, y: 1.25195005, z: null },
  init_zoom: 0,
  pixel_range: [0, 65535],
  channels: [
    {
      emissionWave: null,
      label: 'DAPI',
      color: 'FF0000',
      inverted: false,
      reverseIntensity: false,
      family: 'linear',
      coefficient: 1.0,
      window: { min: 250.0, max: 4095.0, start: 250.0, end: 4095.0 },
      active: true,
    },
    {
      emissionWave: null,
      label: 'FITC',
      color: '00FF00',
      inverted: false,
      reverseIntensity: false,
      family: 'linear',
      coefficient: 1.0,
      window: { min: 150.0, max: 4095.0, start: 150.0, end: 2000.0 },
      active: true,
    },
    {
      emissionWave: null,
      label: 'TRITC',
      color: '0000FF',
      inverted: false,
      reverseIntensity: false,
      family: 'linear',
      coefficient: 1.0,
      window: { min: 100.0, max: 4095.0, start: 100.0, end: 1500.0 },
      active: true,
    },
  ],
  split_channel: { g: { width: 1396, height: 1042, border: 2, gridx: 2, gridy: 2 }, c: { width: 1396, height: 1042, border: 2, gridx: 2, gridy: 2 } },
  rdefs: { model: 'color', projection: 'normal', defaultZ: 0, defaultT: 0, invertAxis: false },
};
add(
  'imgdata',
  'imgData of image 122770 (as recorded in the notebook) and of image 1938559 (plate 4554 A1; values abridged); image 1229801 answering 200 with an "Exception" (pixel buffer unavailable while IDR moves to OME-Zarr, HK-2026); a missing image is 403 with an empty body for the public user.',
  [
    get('/webgateway/imgData/122770/', undefined, 200, JSON_CT, json(imgData122770)),
    get(
      '/webgateway/imgData/1229801/',
      undefined,
      200,
      JSON_CT,
      json({
        id: 1229801,
        meta: { imageName: 'JL_120731_S6A [Well A-1; Field #1]', imageId: 1229801, wellId: 590809, pixelsType: 'uint16' },
        perms: { canAnnotate: false, canEdit: false, canDelete: false, canLink: false },
        Exception: 'Error instantiating pixel buffer: /data/OMERO/ManagedRepository/demo_2/2015-09/14/JL_120731_S6A/JL_120731_S6A.ome.tiff',
      }),
    ),
    get(
      '/webgateway/imgData/1938559/',
      undefined,
      200,
      JSON_CT,
      json({
        ...imgData122770,
        id: 1938559,
        meta: { ...imgData122770.meta, imageName: 'plate3_4_021 [Well A1, Field 1]', wellId: 1046859, imageTimestamp: 1262303999.0, imageId: 1938559 },
        size: { width: 1344, height: 1024, z: 1, t: 1, c: 2 },
        pixel_size: { x: 0.6459, y: 0.6459, z: null },
        channels: imgData122770.channels.slice(0, 2).map((c, i) => ({ ...c, label: ['H2B-mCherry', 'GFP'][i] })),
      }),
    ),
    get('/webgateway/imgData/999999999/', undefined, 403, { 'content-type': 'text/html; charset=utf-8', 'content-length': '0' }),
  ],
);

const truncated = Buffer.from(tinyJpeg()).subarray(0, 120).toString('base64');
const ids4554 = Array.from({ length: 3 }, (_, i) => String(1938559 + i));
add(
  'thumbnails',
  'JPEG thumbnails (a real 96×72 baseline JPEG): render_thumbnail 200 image/jpeg; the sized URL /64/ 404s with the OMERO.web 404 page on IDR (HK-2026; page from the feedback templates of omero-web); a transfer cut short (no EOI); get_thumbnails data URIs (null for an image without one); render_image 403 with an empty body (IDR, HK-2026).',
  [
    get('/webgateway/render_thumbnail/1229801/', undefined, 200, { 'content-type': 'image/jpeg' }, { base64: JPEG_B64 }),
    get('/webgateway/render_thumbnail/122770/', undefined, 200, { 'content-type': 'image/jpeg' }, { base64: JPEG_B64 }),
    get('/webgateway/render_thumbnail/1938559/', undefined, 200, { 'content-type': 'image/jpeg' }, { base64: JPEG_B64 }),
    get('/webgateway/render_thumbnail/1229801/64/', undefined, 404, HTML_CT, text(await pageText(omeroNotFoundPage()))),
    get('/webgateway/render_thumbnail/1229802/', undefined, 200, { 'content-type': 'image/jpeg' }, { base64: truncated }),
    get(
      '/webgateway/get_thumbnails/',
      { id: ids4554 },
      200,
      JSON_CT,
      json({
        [ids4554[0]!]: `data:image/jpeg;base64,${JPEG_B64}`,
        [ids4554[1]!]: `data:image/jpeg;base64,${JPEG_B64}`,
        [ids4554[2]!]: null,
      }),
    ),
    get(
      '/webgateway/get_thumbnails/',
      { id: ['1938559', '1938560'] },
      200,
      JSON_CT,
      json({ '1938559': `data:image/jpeg;base64,${JPEG_B64}`, '1938560': `data:image/jpeg;base64,${JPEG_B64}` }),
    ),
    get('/webgateway/get_thumbnails/', { id: ['1938561'] }, 200, JSON_CT, json({ '1938561': null })),
    get('/webgateway/render_image/1229801/0/0/', undefined, 403, { 'content-type': 'text/html', 'content-length': '0' }),
  ],
);

add(
  'thumbnail-1884807',
  'JPEG thumbnail of image 1884807 (project 51, 256×256, so a square 96×96 baseline JPEG): render_thumbnail 200 image/jpeg; backs the CLI example `bio idr thumbnail 1884807 -o thumb.jpg`.',
  [
    get(
      '/webgateway/render_thumbnail/1884807/',
      undefined,
      200,
      { 'content-type': 'image/jpeg' },
      { base64: Buffer.from(tinyJpeg(96, 96)).toString('base64') },
    ),
  ],
);

add(
  'bulk-annotation-well-45217',
  'Bulk annotation row of well 45217 in screen 206 (shape as recorded in the notebook; columns abridged), and the table soft errors (HTTP 200 {"error"}).',
  [
    get(
      '/webgateway/table/Screen.plateLinks.child.wells/45217/query/',
      { query: 'Well-45217' },
      200,
      JSON_CT,
      json({
        data: {
          column_types: [
            'PlateColumn',
            'StringColumn',
            'WellColumn',
            'StringColumn',
            'StringColumn',
            'StringColumn',
            'StringColumn',
            'StringColumn',
            'StringColumn',
          ],
          columns: ['Plate', 'Well Number', 'Well', 'Plate_Well', 'Characteristics [Organism]', 'Gene Symbol', 'Phenotype', 'Plate Name', 'Well Name'],
          rows: [[340, '338', 45217, 'Plate8_Actinome1_O2', 'Drosophila melanogaster', 'Act57B', 'increased cell size', 'Plate8_Actinome1', 'o2']],
        },
        meta: { rowCount: 4224, totalCount: 1, limit: null, offset: 0 },
        id: 15026339,
        annId: 8368945,
        owner: 'Public data',
        addedBy: 'Public data',
        parentType: 'Screen',
        parentId: 206,
        addedOn: 1502896910574,
      }),
    ),
    get('/webgateway/table/1/query/', { query: '*' }, 200, JSON_CT, json({ error: 'Table 1 not found' })),
    get(
      '/webgateway/table/15026339/query/',
      { query: 'Gene Symbol==Act57B' },
      200,
      JSON_CT,
      json({ error: 'Error executing query: Gene Symbol==Act57B: invalid syntax (<unknown>, line 1)' }),
    ),
    get(
      '/webgateway/table/15026339/query/',
      { query: '(Well==45217)', col_names: ['Plate', 'Well'] },
      200,
      JSON_CT,
      json({
        data: { column_types: ['PlateColumn', 'WellColumn'], columns: ['Plate', 'Well'], rows: [[340, 45217]] },
        meta: { rowCount: 4224, totalCount: 1, limit: null, offset: 0 },
        id: 15026339,
        annId: 8368945,
        owner: 'Public data',
        addedBy: 'Public data',
        parentType: 'Screen',
        parentId: 206,
        addedOn: 1502896910574,
      }),
    ),
  ],
);

// ---- search engine ---------------------------------------------------------------------------
const SE = '/searchengine/api/v1/resources/image/search/';
const cdc20Query = { key: 'Gene Symbol', value: 'CDC20', operator: 'equals' };
const hitPlates = [422, 4554];
// Sorted by id (the search engine's sort): 600 hits on plate 422, then 440 on plate 4554 whose
// first is image 1938559 in well 1046859 (A1 of the plate grid fixture).
const cdc20Hits = Array.from({ length: 1040 }, (_, i) => {
  const plateIdx = i < 600 ? 0 : 1;
  const k = plateIdx === 0 ? i : i - 600;
  return {
    id: plateIdx === 0 ? 1_900_000 + i : 1938559 + k,
    name: `${plateIdx === 0 ? 'plate1_1_013' : 'plate3_4_021'} [Well ${rowLetters[Math.floor((k % 384) / 24)]}${(k % 24) + 1}, Field 1]`,
    description: '',
    key_values: [
      { name: 'Gene Symbol', value: 'CDC20', index: 0 },
      { name: 'Organism', value: 'Homo sapiens', index: 0 },
    ],
    owner_id: 2,
    group_id: 3,
    data_source: 'omero1',
    screen_id: 102,
    screen_name: 'idr0002-heriche-condensation/screenA',
    plate_id: hitPlates[plateIdx],
    plate_name: plateIdx === 0 ? 'plate1_1_013' : 'plate3_4_021',
    well_id: plateIdx === 0 ? 1_000_000 + i : 1046859 + k,
    wellsample_id: 3000000 + i,
    project_id: null,
    project_name: null,
    dataset_id: null,
    dataset_name: null,
  };
});
const rawQuery = {
  query: {
    bool: {
      must: [
        {
          nested: {
            path: 'key_values',
            query: { bool: { must: [{ term: { 'key_values.name.keyword': 'Gene Symbol' } }, { term: { 'key_values.value.keyvaluenormalize': 'cdc20' } }] } },
          },
        },
      ],
    },
  },
};
const seEnvelope = (results: unknown) => ({
  results,
  query_details: { and_filters: [{ name: 'Gene Symbol', value: 'CDC20', operator: 'equals', resource: 'image' }], case_sensitive: null, bookmark: [null] },
  resource: 'image',
  server_query_time: '0.21',
  raw_elasticsearch_query: rawQuery,
  notice: '',
});
add(
  'search-engine',
  'IDR search engine: Gene Symbol=CDC20 image hits over two bookmark pages (page size 1000; hit ids, counts and plates generated — the shapes follow omero_search_engine), the containers view, zero hits as a bare list, and an "Error" answered with HTTP 200.',
  [
    get(
      SE,
      cdc20Query,
      200,
      JSON_CT,
      json(
        seEnvelope({
          results: cdc20Hits.slice(0, 1000),
          total_pages: 2,
          bookmark: [cdc20Hits[999]!.id],
          size: 1040,
          pagination: { total_pages: 2, page_records: [{ page: 2, bookmark: [cdc20Hits[999]!.id] }], current_page: 1, next_page: 2 },
        }),
      ),
    ),
    get(
      SE,
      { ...cdc20Query, bookmark: String(cdc20Hits[999]!.id) },
      200,
      JSON_CT,
      json(seEnvelope({ results: cdc20Hits.slice(1000), total_pages: 2, bookmark: [cdc20Hits[1039]!.id], size: 1040 })),
    ),
    get(
      SE,
      { ...cdc20Query, return_containers: 'true' },
      200,
      JSON_CT,
      // utils.py get_studies_titles: id, name, type and key_values (`name` renamed `key`), then the
      // bucket's `image count` and `data_source`; search_query adds "Error": "none".
      json({
        ...seEnvelope({
          results: [
            {
              id: 102,
              name: 'idr0002-heriche-condensation/screenA',
              type: 'screen',
              key_values: [
                { value: 'high content screen', index: 0, key: 'Study Type' },
                { value: 'Homo sapiens', index: 1, key: 'Organism' },
              ],
              'image count': 1040,
              data_source: 'omero1',
            },
          ],
        }),
        Error: 'none',
      }),
    ),
    get(
      SE,
      { key: 'Gene Symbol', value: 'NOSUCHGENE', operator: 'equals' },
      200,
      JSON_CT,
      json({
        ...seEnvelope([]),
        query_details: {
          and_filters: [{ name: 'Gene Symbol', value: 'NOSUCHGENE', operator: 'equals', resource: 'image' }],
          case_sensitive: null,
          bookmark: [null],
        },
      }),
    ),
    get(
      SE,
      { key: 'Gene Symbol', value: 'NOSUCHGENE', operator: 'equals', return_containers: 'true' },
      200,
      JSON_CT,
      json({
        ...seEnvelope({ results: [] }),
        query_details: {
          and_filters: [{ name: 'Gene Symbol', value: 'NOSUCHGENE', operator: 'equals', resource: 'image' }],
          case_sensitive: null,
          bookmark: [null],
        },
        Error: 'none',
      }),
    ),
    // query_handler.py determine_search_results_: a study matching no project becomes project id -1
    // (never an "Error"), so the image search runs and finds nothing: a bare list with "Error": "none".
    get(SE, { key: 'Gene Symbol', value: 'CDC20', operator: 'equals', study: 'idr9999' }, 200, JSON_CT, json({ ...seEnvelope([]), Error: 'none' })),
    get(
      SE,
      { key: 'Organism', value: 'Homo sapiens', operator: 'equals' },
      200,
      JSON_CT,
      json({
        Error: 'Something went wrong, please check your query and try again later.',
        results: {},
      }),
    ),
  ],
);
add('mapr-removed', 'IDR: a mapr route redirects (302) to the search engine HTML docs.', [get('/mapr/api/gene/', { value: 'CDC20' }, 302, redirectToApidocs)]);

// ---- a generic OMERO.web with mapr and login (tests only) ------------------------------------
const EX = 'https://omero.example.org';
const exMaprConfig = { gene: MAPR_CONFIG.gene, phenotype: MAPR_CONFIG.phenotype };
add(
  'example-capabilities',
  'A generic OMERO.web 5.x with omero-mapr and no search engine (Django 404 page for /searchengine/).',
  [
    get('/api/', undefined, 200, JSON_CT, json({ data: [{ version: '0', 'url:base': `${EX}/api/v0/` }] })),
    get('/mapr/api/config/', undefined, 200, JSON_CT, json(exMaprConfig)),
    get(
      '/mapr/api/gene/count/',
      { value: '__probe__' },
      200,
      JSON_CT,
      json({ experimenter: { id: -1, omeName: 'Gene', firstName: 'Gene', lastName: '', childCount: 0, extra: { case_sensitive: true, value: '__probe__' } } }),
    ),
    get('/searchengine/api/v1/resources/', undefined, 404, HTML_CT, text(django404('/searchengine/api/v1/resources/'))),
  ],
  exampleFiles,
);
add(
  'example-mapr',
  'mapr chain for Gene Symbol CDC20: screens and projects (name with image count appended), plates of screen 102, images of plate 422, datasets of project 51 and their images; render_image answering a JPEG (this server still serves pixels). A phenotype route behind a proxy that redirects to an HTML page; a login-required webclient route redirecting to the login page.',
  [
    get(
      '/mapr/api/gene/',
      { value: 'CDC20', ...MAPR_PAGE },
      200,
      JSON_CT,
      json({
        maps: [],
        screens: [
          { id: 102, name: 'idr0002-heriche-condensation/screenA (2)', ownerId: 2, childCount: 1, permsCss: '', extra: { counter: 2, value: 'CDC20' } },
        ],
        projects: [
          {
            id: 51,
            name: 'idr0021-lawo-pericentriolarmaterial/experimentA (1)',
            ownerId: 2,
            childCount: 1,
            permsCss: '',
            extra: { counter: 1, value: 'CDC20' },
          },
        ],
      }),
    ),
    get(
      '/mapr/api/gene/datasets/',
      { value: 'CDC20', id: '51', ...MAPR_PAGE },
      200,
      JSON_CT,
      json({ datasets: [{ id: 51, name: 'CDK5RAP2-C', ownerId: 2, childCount: 1, permsCss: '', extra: { node: 'dataset', value: 'CDC20' } }] }),
    ),
    get(
      '/mapr/api/gene/images/',
      { value: 'CDC20', node: 'dataset', id: '51', ...MAPR_PAGE },
      200,
      JSON_CT,
      json({ images: [{ id: 1884807, name: 'CDK5RAP2-C_Control_1.tif', ownerId: 2, permsCss: '', filesetId: 1875611 }] }),
    ),
    get('/webgateway/render_image/1938559/0/0/', { q: '0.9' }, 200, { 'content-type': 'image/jpeg' }, { base64: JPEG_B64 }),
    get(
      '/mapr/api/gene/plates/',
      { value: 'CDC20', id: '102', ...MAPR_PAGE },
      200,
      JSON_CT,
      json({ plates: [{ id: 422, name: 'plate1_1_013', ownerId: 2, childCount: 2, permsCss: '', extra: { node: 'plate', value: 'CDC20' } }] }),
    ),
    get(
      '/mapr/api/gene/images/',
      { value: 'CDC20', node: 'plate', id: '422', ...MAPR_PAGE },
      200,
      JSON_CT,
      json({
        images: [
          { id: 1938559, name: 'plate1_1_013 [Well A1, Field 1]', ownerId: 2, permsCss: '', filesetId: 1875000 },
          { id: 1938560, name: 'plate1_1_013 [Well A2, Field 1]', ownerId: 2, permsCss: '', filesetId: 1875001 },
        ],
      }),
    ),
    get('/mapr/api/phenotype/', { value: 'mitotic', ...MAPR_PAGE }, 302, { location: '/webclient/?experimenter=-1', 'content-type': 'text/html' }),
    get('/webclient/api/annotations/', { type: 'map', screen: '1', page: '1', limit: '500' }, 302, {
      location: '/webclient/login/?url=%2Fwebclient%2Fapi%2Fannotations%2F%3Ftype%3Dmap%26screen%3D1',
      'content-type': 'text/html; charset=utf-8',
    }),
    get(
      '/webclient/login/',
      { url: '/webclient/api/annotations/?type=map&screen=1' },
      200,
      HTML_CT,
      text(
        '<!DOCTYPE html>\n<html><head><title>OMERO.web - Login</title></head><body><form method="post" action="/webclient/login/"><input type="hidden" name="csrfmiddlewaretoken" value="…"></form></body></html>',
      ),
    ),
    get(
      '/webclient/',
      { experimenter: '-1' },
      200,
      HTML_CT,
      text('<!DOCTYPE html>\n<html><head><title>OMERO.web - Home</title></head><body><div id="content">…</div></body></html>'),
    ),
  ],
  exampleFiles,
);
add(
  'example-login',
  'OMERO.web login: CSRF token, servers, POST /api/v0/login/ with X-CSRFToken and a same-origin Referer → eventContext and session cookie; a wrong password → 403 {"message"}; a refused CSRF token → OMERO.web\'s CSRF failure view, 403 {"message": "CSRF Failed: <reason>"} (settings.CSRF_FAILURE_VIEW = feedback.views.csrf_failure).',
  [
    get(
      '/api/v0/token/',
      undefined,
      200,
      { ...API_CT, 'set-cookie': 'csrftoken=Zm9vYmFyY3NyZnRva2VuMTIzNDU2Nzg5MDEyMzQ1Ng; Path=/; SameSite=Lax' },
      json({ data: 'Zm9vYmFyY3NyZnRva2VuMTIzNDU2Nzg5MDEyMzQ1Ng' }),
    ),
    get('/api/v0/servers/', undefined, 200, API_CT, json({ data: [{ id: 1, host: 'localhost', port: 4064, server: 'omero' }] })),
    {
      request: {
        method: 'POST',
        path: '/api/v0/login/',
        headers: { 'x-csrftoken': 'Zm9vYmFyY3NyZnRva2VuMTIzNDU2Nzg5MDEyMzQ1Ng', referer: `${EX}/` },
        body: { form: { server: '1', username: 'alice', password: 'wonderland' } },
      },
      response: {
        status: 200,
        headers: { ...API_CT, 'set-cookie': 'sessionid=8c0f0e3b9c7d4f2a; HttpOnly; Path=/; SameSite=Lax' },
        body: json({
          success: true,
          eventContext: {
            sessionId: 123456,
            sessionUuid: 'c8b5e8d1-4f0e-4b9c-9d3a-0f1e2d3c4b5a',
            userId: 52,
            userName: 'alice',
            groupId: 53,
            groupName: 'lab',
            isAdmin: false,
            eventId: -1,
            eventType: 'User',
            memberOfGroups: [53, 1],
            leaderOfGroups: [],
          },
        }),
      },
    },
    {
      request: {
        method: 'POST',
        path: '/api/v0/login/',
        headers: { 'x-csrftoken': 'Zm9vYmFyY3NyZnRva2VuMTIzNDU2Nzg5MDEyMzQ1Ng' },
        body: { form: { server: '1', username: 'alice', password: 'wrong' } },
      },
      response: { status: 403, headers: API_CT, body: json({ message: 'Login failed. Reason: Incorrect username or password.' }) },
    },
    {
      request: { method: 'POST', path: '/api/v0/login/', body: { form: { server: '1', username: 'mallory', password: 'x' } } },
      // settings.CSRF_FAILURE_VIEW is feedback.views.csrf_failure: a JSON 403, not Django's HTML page.
      response: { status: 403, headers: JSON_CT, body: json({ message: "CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header incorrect." }) },
    },
  ],
  exampleFiles,
);

function write(dir: URL, all: typeof files): void {
  const path = fileURLToPath(dir);
  mkdirSync(path, { recursive: true });
  for (const [file, fixture] of Object.entries(all)) {
    // Big generated pages are written compactly; the rest stays readable.
    const pretty = JSON.stringify(fixture, null, 1);
    writeFileSync(`${path}${file}.json`, `${pretty.length > 100_000 ? JSON.stringify(fixture) : pretty}\n`);
  }
}
write(new URL('../fixtures/', import.meta.url), files);
write(new URL('../test/fixtures/omero-example/', import.meta.url), exampleFiles);
console.log(`wrote ${Object.keys(files).length} IDR fixtures and ${Object.keys(exampleFiles).length} example-server fixtures`);
