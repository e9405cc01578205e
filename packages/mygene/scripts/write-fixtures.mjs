// Writes fixtures/*.json: MyGene.info v3 exchanges with real identifiers (CDK2 = 1017, TP53 = 7157
// human / 24842 rat, BTK = 695, …) in the shapes, status codes, content types and error bodies of
// the live server (biothings.api 1.x BaseAPIHandler). Hit lists are trimmed (a scroll page holds
// 1000 hits on the server). Edit this file and run `node scripts/write-fixtures.mjs`, rather than
// editing the JSON by hand, so the two stay in step.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const dir = fileURLToPath(new URL('../fixtures/', import.meta.url));
const JSONCT = { 'content-type': 'application/json; charset=UTF-8' };
const SOURCE = 'https://mygene.info/v3 (shapes per biothings.api 1.x, trimmed; written by scripts/write-fixtures.mjs)';
const ok = (json, extra = {}) => ({ status: 200, headers: { ...JSONCT, ...extra }, body: { json } });
const err = (status, json, extra = {}) => ({ status, headers: { ...JSONCT, ...extra }, body: { json } });
const write = (name, description, exchanges) =>
  writeFileSync(
    `${dir}${name}.json`,
    `${JSON.stringify({ name, description, source: SOURCE, provenance: { kind: 'written', from: `shared/reference/mygene.md; ${SOURCE}` }, exchanges }, null, 2)}\n`,
  );

const CDK2_RNA = ['NM_001290230.2', 'NM_001798.5', 'NM_052827.4', 'XM_011537732.2'];

write('gene-1017', 'GET /gene/{id}: CDK2 (Entrez 1017) with a field list, nested and fuller', [
  {
    request: { method: 'GET', path: '/v3/gene/1017', query: { fields: 'symbol,name' } },
    response: ok({ _id: '1017', _version: 1, name: 'cyclin dependent kinase 2', symbol: 'CDK2' }),
  },
  {
    request: { method: 'GET', path: '/v3/gene/1017', query: { fields: 'symbol,taxid,entrezgene,alias,genomic_pos,refseq.rna' } },
    response: ok({
      _id: '1017',
      _version: 1,
      alias: ['CDKN2', 'p33(CDK2)'],
      entrezgene: '1017',
      genomic_pos: { chr: '12', end: 55972784, ensemblgene: 'ENSG00000123374', start: 55966769, strand: 1 },
      refseq: { rna: CDK2_RNA },
      symbol: 'CDK2',
      taxid: 9606,
    }),
  },
]);

write('gene-dotfield', 'GET /gene/{id} with dotfield=true: nested objects flattened to dotted keys', [
  {
    request: { method: 'GET', path: '/v3/gene/1017', query: { fields: 'refseq.rna,genomic_pos.chr', dotfield: 'true' } },
    response: ok({ _id: '1017', _version: 1, 'genomic_pos.chr': '12', 'refseq.rna': CDK2_RNA }),
  },
]);

write('gene-404', 'GET /gene/{id} for an unknown id: 404 with the BaseAPIHandler error body', [
  {
    request: { method: 'GET', path: '/v3/gene/0' },
    response: err(404, { code: 404, success: false, error: 'Not Found.' }),
  },
]);

write('genes-batch', 'POST /gene (JSON body): hits in input order with a query echo, a notfound id', [
  {
    request: {
      method: 'POST',
      path: '/v3/gene',
      body: { json: { ids: ['1017', '695', 'xyz'], fields: ['symbol', 'name', 'refseq.rna'] } },
    },
    response: ok([
      { query: '1017', _id: '1017', _version: 1, name: 'cyclin dependent kinase 2', refseq: { rna: CDK2_RNA }, symbol: 'CDK2' },
      {
        query: '695',
        _id: '695',
        _version: 1,
        name: 'Bruton tyrosine kinase',
        refseq: { rna: ['NM_000061.3', 'NM_001287344.2', 'NM_001287345.2'] },
        symbol: 'BTK',
      },
      { query: 'xyz', notfound: true },
    ]),
  },
  {
    request: { method: 'POST', path: '/v3/gene', body: { json: { ids: ['1017', '7157'], fields: ['symbol', 'taxid'] } } },
    response: ok([
      { query: '1017', _id: '1017', _version: 1, symbol: 'CDK2', taxid: 9606 },
      { query: '7157', _id: '7157', _version: 1, symbol: 'TP53', taxid: 9606 },
    ]),
  },
  {
    request: { method: 'POST', path: '/v3/gene', body: { json: { ids: ['695'], fields: ['symbol', 'taxid'] } } },
    response: ok([{ query: '695', _id: '695', _version: 1, symbol: 'BTK', taxid: 9606 }]),
  },
  {
    request: {
      method: 'POST',
      path: '/v3/gene',
      body: { json: { ids: ['1017'], fields: ['refseq.rna', 'genomic_pos.chr'], dotfield: true } },
    },
    response: ok([{ query: '1017', _id: '1017', _version: 1, 'genomic_pos.chr': '12', 'refseq.rna': CDK2_RNA }]),
  },
]);

const cdk2Hits = [
  { _id: '1017', _score: 87.76775, entrezgene: '1017', name: 'cyclin dependent kinase 2', symbol: 'CDK2', taxid: 9606 },
  { _id: '12566', _score: 79.480484, entrezgene: '12566', name: 'cyclin-dependent kinase 2', symbol: 'Cdk2', taxid: 10090 },
  { _id: '362817', _score: 62.286797, entrezgene: '362817', name: 'cyclin dependent kinase 2', symbol: 'Cdk2', taxid: 10116 },
];

write('query-cdk2', 'GET /query: a fielded query, species filter and paging', [
  {
    request: { method: 'GET', path: '/v3/query', query: { q: 'symbol:cdk2' } },
    response: ok({ took: 4, total: 3, max_score: 87.76775, hits: cdk2Hits }),
  },
  {
    request: {
      method: 'GET',
      path: '/v3/query',
      query: { q: 'symbol:cdk2', species: 'human,mouse', size: '1', from: '1', fields: 'symbol,taxid', entrezonly: 'true' },
    },
    response: ok({ took: 3, total: 2, max_score: 87.76775, hits: [{ _id: '12566', _score: 79.480484, symbol: 'Cdk2', taxid: 10090 }] }),
  },
  {
    request: {
      method: 'GET',
      path: '/v3/query',
      query: { q: 'entrezgene:1017', fields: 'symbol,alias', always_list: 'symbol', email: 'me@example.org', jmespath: 'alias|[0]' },
    },
    response: ok({ took: 2, total: 1, max_score: 10.14, hits: [{ _id: '1017', _score: 10.14, alias: 'CDKN2', symbol: ['CDK2'] }] }),
  },
]);

write('query-cdk2-human', "GET /query with species=human: only the human CDK2; backs the CLI example `bio mygene query 'symbol:cdk2' --species human`", [
  {
    request: { method: 'GET', path: '/v3/query', query: { q: 'symbol:cdk2', species: 'human' } },
    response: ok({ took: 3, total: 1, max_score: 87.76775, hits: [cdk2Hits[0]] }),
  },
]);

const TAXID_FACET = {
  _type: 'terms',
  terms: [
    { count: 14, term: 9606 },
    { count: 7, term: 10116 },
    { count: 5, term: 10090 },
  ],
  other: 0,
  missing: 0,
  total: 26, // transform_aggs: the sum of the buckets shown
};
write('query-facets', 'GET /query with facets: size=0 leaves the hits key out', [
  {
    request: { method: 'GET', path: '/v3/query', query: { q: 'cdk2', size: '0', facets: 'taxid', facet_size: '3' } },
    response: ok({
      took: 7,
      total: 26,
      max_score: null,
      facets: {
        taxid: TAXID_FACET,
      },
    }),
  },
  {
    request: { method: 'GET', path: '/v3/query', query: { q: 'cdk2', size: '1', facets: 'taxid,type_of_gene', species_facet_filter: 'human' } },
    response: ok({
      took: 9,
      total: 26,
      max_score: 400.43347,
      // ESResultFormatter.transform moves `hits` after `facets`.
      facets: {
        taxid: TAXID_FACET,
        type_of_gene: {
          _type: 'terms',
          terms: [
            { count: 20, term: 'protein-coding' },
            { count: 6, term: 'pseudo' },
          ],
          other: 0,
          missing: 0,
          total: 26,
        },
      },
      hits: [{ _id: '1017', _score: 400.43347, entrezgene: '1017', name: 'cyclin dependent kinase 2', symbol: 'CDK2', taxid: 9606 }],
    }),
  },
]);

const TP53_HUMAN = { _id: '7157', _score: 22.71, entrezgene: '7157', name: 'tumor protein p53', symbol: 'TP53', taxid: 9606 };
const TP53_RAT = { _id: '24842', _score: 19.32, entrezgene: '24842', name: 'tumor protein p53', symbol: 'Tp53', taxid: 10116 };
const CDK2 = { _id: '1017', _score: 22.757837, entrezgene: '1017', name: 'cyclin dependent kinase 2', symbol: 'CDK2', taxid: 9606 };

write('querymany', 'POST /query (JSON body): tp53 matches human and rat (two hits share one query), a notfound term', [
  {
    request: {
      method: 'POST',
      path: '/v3/query',
      headers: { 'content-type': 'application/json' },
      body: { json: { q: ['1017', 'tp53', 'dummy'], scopes: ['entrezgene', 'symbol'], species: ['human', 'rat'] } },
    },
    response: ok([
      { query: '1017', ...CDK2 },
      { query: 'tp53', ...TP53_HUMAN },
      { query: 'tp53', ...TP53_RAT },
      { query: 'dummy', notfound: true },
    ]),
  },
  {
    request: {
      method: 'POST',
      path: '/v3/query',
      body: { json: { q: ['tp53', 'cdk2', 'CDK 2'], scopes: ['symbol'], species: ['human', 'rat'], fields: ['symbol', 'taxid'] } },
    },
    response: ok([
      // Within one term the server returns hits by descending _score.
      { query: 'tp53', _id: '7157', _score: 23.41, symbol: 'TP53', taxid: 9606 },
      { query: 'tp53', _id: '24842', _score: 23.05, symbol: 'Tp53', taxid: 10116 },
      { query: 'cdk2', _id: '1017', _score: 21.4, symbol: 'CDK2', taxid: 9606 },
      { query: 'cdk2', _id: '362817', _score: 18.93, symbol: 'Cdk2', taxid: 10116 },
      { query: 'CDK 2', notfound: true },
    ]),
  },
]);

write('querymany-flags', 'POST /query with entrezonly (mygene.py#11: flags must reach the server on POST) and Ensembl ids', [
  {
    request: {
      method: 'POST',
      path: '/v3/query',
      body: { json: { q: ['ENSG00000123374', 'ENSG00000141510'], scopes: ['ensembl.gene'], fields: ['symbol', 'entrezgene'], entrezonly: true } },
    },
    response: ok([
      { query: 'ENSG00000123374', _id: '1017', _score: 25.8, entrezgene: '1017', symbol: 'CDK2' },
      { query: 'ENSG00000141510', _id: '7157', _score: 25.8, entrezgene: '7157', symbol: 'TP53' },
    ]),
  },
]);

write('querymany-503', 'POST /query: ES overloaded (503 with Retry-After), then the same read-only POST succeeds', [
  {
    request: { method: 'POST', path: '/v3/query', body: { json: { q: ['cdk2'], scopes: ['symbol'], species: ['human'] } } },
    response: err(503, { code: 503, success: false, error: 'Service Unavailable' }, { 'retry-after': '1' }),
  },
  {
    request: { method: 'POST', path: '/v3/query', body: { json: { q: ['cdk2'], scopes: ['symbol'], species: ['human'] } } },
    response: ok([{ query: 'cdk2', ...CDK2 }]),
  },
]);

write('query-errors', 'GET /query at the paging limits (size 1000, from 9000, window 10000) and an ES query syntax error (400)', [
  {
    request: {
      method: 'GET',
      path: '/v3/query',
      query: { q: 'cdk2', fields: 'symbol', facets: 'taxid', facet_size: '1000', size: '1000', from: '9000', sort: 'taxid', species: 'human' },
    },
    // Past the last hit with facets: `hits` is left out (empty), `facets` stays (ESResultFormatter.transform);
    // `species=human` keeps the 14 human hits of query-facets.
    response: ok({
      took: 2,
      total: 14,
      max_score: null,
      facets: { taxid: { _type: 'terms', terms: [{ count: 14, term: 9606 }], other: 0, missing: 0, total: 14 } },
    }),
  },
  {
    request: { method: 'GET', path: '/v3/query', query: { q: 'symbol:(cdk2' } },
    response: err(400, {
      code: 400,
      success: false,
      error: 'search_phase_execution_exception',
      root_cause_line_00: '[query_shard_exception] Reason: Failed to parse query [symbol:(cdk2]',
    }),
  },
]);

// Over-limit: a species list longer than the server's max of 1000 entries.
const manySpecies = Array.from({ length: 1001 }, (_, i) => String(100000 + i));
write('query-over-limit', 'GET /query with 1001 species: 400 with keyword/max/size (the server does not truncate)', [
  {
    request: { method: 'GET', path: '/v3/query', query: { q: 'cdk2', species: manySpecies.join(',') } },
    response: err(400, { code: 400, success: false, error: 'Bad Request', keyword: 'species', max: 1000, size: 1001 }),
  },
]);

const SCROLL = 'cXVlcnlUaGVuRmV0Y2g7MTA7MjA1NjY1MzMwOl9HM29rRkg2VFZ5S1c3cTJtYkI4RHc7MjA1NjY1MjY3OlM0V1VCa194UWdLYjlQWTR5NGZCeFE7MDs=';
const brain = [
  { _id: '390259', _score: 13.958638, entrezgene: '390259', name: 'brain specific homeobox', symbol: 'BSX', taxid: 9606 },
  { _id: '10409', _score: 13.71, entrezgene: '10409', name: 'brain abundant membrane attached signal protein 1', symbol: 'BASP1', taxid: 9606 },
  { _id: '627', _score: 13.52, entrezgene: '627', name: 'brain derived neurotrophic factor', symbol: 'BDNF', taxid: 9606 },
  { _id: '12064', _score: 12.9, entrezgene: '12064', name: 'brain derived neurotrophic factor', symbol: 'Bdnf', taxid: 10090 },
  { _id: '24225', _score: 12.8, entrezgene: '24225', name: 'brain-derived neurotrophic factor', symbol: 'Bdnf', taxid: 10116 },
  { _id: '9610', _score: 12.4, entrezgene: '9610', name: 'regulator of G protein signaling 6', symbol: 'RGS6', taxid: 9606 },
  { _id: '56917', _score: 12.1, entrezgene: '56917', name: 'mesoderm induction early response 1, transcriptional regulator', symbol: 'MIER1', taxid: 9606 },
];
write('scroll', 'fetch_all=true then scroll_id: three pages (trimmed from 1000 hits each) and the current end marker (HTTP 200)', [
  {
    request: { method: 'GET', path: '/v3/query', query: { q: 'brain', fetch_all: 'true' } },
    response: ok({ _scroll_id: SCROLL, took: 270, total: 7, max_score: 13.958638, hits: brain.slice(0, 3) }),
  },
  {
    request: { method: 'GET', path: '/v3/query', query: { scroll_id: SCROLL } },
    response: ok({ _scroll_id: SCROLL, took: 12, total: 7, max_score: 13.958638, hits: brain.slice(3, 6) }),
  },
  {
    request: { method: 'GET', path: '/v3/query', query: { scroll_id: SCROLL } },
    response: ok({ _scroll_id: SCROLL, took: 9, total: 7, max_score: 13.958638, hits: brain.slice(6) }),
  },
  {
    request: { method: 'GET', path: '/v3/query', query: { scroll_id: SCROLL } },
    response: ok({ success: false, error: 'No more results to return.' }),
  },
]);

const SCROLL_OLD = 'DnF1ZXJ5VGhlbkZldGNoBQAAAAAAAGq0FkhHRXRYbG5qUUk2WTBoeWtQeTl6d0EAAAAAAABqtRZIR0V0WGxualFJNlkwaHlrUHk5endB';
write('scroll-legacy-end', 'fetch_all on an older server: the end marker says "No results to return"', [
  {
    request: { method: 'GET', path: '/v3/query', query: { q: 'symbol:bdnf', fetch_all: 'true', fields: 'symbol,taxid', species: 'human,mouse' } },
    response: ok({
      _scroll_id: SCROLL_OLD,
      took: 5,
      total: 2,
      max_score: 9.1,
      hits: [
        { _id: '627', _score: 9.1, symbol: 'BDNF', taxid: 9606 },
        { _id: '12064', _score: 8.7, symbol: 'Bdnf', taxid: 10090 },
      ],
    }),
  },
  {
    request: { method: 'GET', path: '/v3/query', query: { scroll_id: SCROLL_OLD } },
    response: ok({ success: false, error: 'No results to return' }),
  },
]);

const STALE1 = 'FGluY2x1ZGVfY29udGV4dF91dWlkDnF1ZXJ5VGhlbkZldGNoAxZxbVZMdkh5ZlJTcXl4eU1kZ1NOWm1nAAAAAAEh5zUWeVN0RFU2';
const STALE2 = 'FGluY2x1ZGVfY29udGV4dF91dWlkDnF1ZXJ5VGhlbkZldGNoAxZxbVZMdkh5ZlJTcXl4eU1kZ1NOWm1nAAAAAAEh6jgWeVN0RFU2';
const STALE_BODY = { code: 400, success: false, error: 'ValueError', details: 'Invalid or stale scroll_id.' };
const neuron = [
  { _id: '4741', symbol: 'NEFM', taxid: 9606 },
  { _id: '4747', symbol: 'NEFL', taxid: 9606 },
  { _id: '4744', symbol: 'NEFH', taxid: 9606 },
  { _id: '4900', symbol: 'NRGN', taxid: 9606 },
];
write(
  'scroll-stale',
  'A scroll that expired (>1 min between pages): 400 "Invalid or stale scroll_id."; a restart gets a new scroll (unsorted: page order differs)',
  [
    {
      request: {
        method: 'GET',
        path: '/v3/query',
        query: { q: 'name:neurofilament OR symbol:nrgn', fetch_all: 'true', fields: 'symbol,taxid', species: 'human' },
      },
      response: ok({ _scroll_id: STALE1, took: 6, total: 4, max_score: 7.2, hits: neuron.slice(0, 2).map((h) => ({ ...h, _score: 7.2 })) }),
    },
    {
      request: { method: 'GET', path: '/v3/query', query: { scroll_id: STALE1 } },
      response: err(400, STALE_BODY),
    },
    {
      request: {
        method: 'GET',
        path: '/v3/query',
        query: { q: 'name:neurofilament OR symbol:nrgn', fetch_all: 'true', fields: 'symbol,taxid', species: 'human' },
      },
      response: ok({ _scroll_id: STALE2, took: 5, total: 4, max_score: 7.2, hits: [neuron[1], neuron[2]].map((h) => ({ ...h, _score: 7.2 })) }),
    },
    {
      request: { method: 'GET', path: '/v3/query', query: { scroll_id: STALE2 } },
      response: ok({ _scroll_id: STALE2, took: 4, total: 4, max_score: 7.2, hits: [neuron[0], neuron[3]].map((h) => ({ ...h, _score: 7.2 })) }),
    },
    {
      request: { method: 'GET', path: '/v3/query', query: { scroll_id: STALE2 } },
      response: ok({ success: false, error: 'No more results to return.' }),
    },
  ],
);

write('metadata', 'GET /metadata (trimmed src) and GET /metadata/fields with search/prefix filters', [
  {
    request: { method: 'GET', path: '/v3/metadata' },
    response: ok({
      app_revision: 'a4b4b5b9f63e1c0b2d3f6a8c3e36d7d5f3c1f0e2',
      biothing_type: 'gene',
      build_date: '2020-03-29T02:00:00.446284-07:00',
      build_version: '20200329',
      genome_assembly: {
        frog: 'xenTro9',
        fruitfly: 'dm6',
        human: 'hg38',
        mouse: 'mm39',
        nematode: 'ce11',
        pig: 'susScr11',
        rat: 'rn6',
        'thale-cress': 'araTha1',
        zebrafish: 'danRer11',
      },
      src: {
        ensembl: { stats: { ensembl_gene: 36297906 }, version: '99' },
        entrez: { stats: { entrez_gene: 27962834 }, version: '20200328' },
        uniprot: { stats: { uniprot: 20463456 }, version: '2020_01' },
      },
      stats: {
        total_ensembl_genes: 36297906,
        total_ensembl_genes_mapped_to_entrez: 4826823,
        total_ensembl_only_genes: 31471083,
        total_entrez_genes: 27962834,
        total_genes: 59433917,
        total_species: 27478,
      },
      taxonomy: { frog: 8364, fruitfly: 7227, human: 9606, mouse: 10090, nematode: 6239, pig: 9823, rat: 10116, 'thale-cress': 3702, zebrafish: 7955 },
    }),
  },
  {
    request: { method: 'GET', path: '/v3/metadata/fields', query: { search: 'refseq' } },
    response: ok({
      refseq: { type: 'object' },
      'refseq.genomic': { index: false, type: 'text' },
      'refseq.protein': { index: false, type: 'text' },
      'refseq.rna': { index: false, type: 'text' },
      refseq_agg: { index: true, type: 'keyword' },
    }),
  },
  {
    request: { method: 'GET', path: '/v3/metadata/fields', query: { prefix: 'genomic_pos' } },
    response: ok({
      genomic_pos: { type: 'object' },
      'genomic_pos.chr': { index: true, type: 'keyword' },
      'genomic_pos.end': { index: true, type: 'long' },
      'genomic_pos.ensemblgene': { index: true, type: 'keyword' },
      'genomic_pos.start': { index: true, type: 'long' },
      'genomic_pos.strand': { index: true, type: 'byte' },
    }),
  },
  {
    request: { method: 'GET', path: '/v3/metadata/fields', query: { search: 'symbol' } },
    response: ok({
      notes: 'Fields with "searched_by_default" are searched when a query has no field prefix.',
      symbol: { index: true, searched_by_default: true, type: 'keyword' },
    }),
  },
]);

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const PORTAL =
  '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Access to this site is blocked</title></head>\n<body><h1>Access to this site is blocked</h1><p>Your organisation\'s web proxy blocked mygene.info.</p></body>\n</html>\n';
write('proxy-html', 'HTML pages from a proxy: nginx 502 Bad Gateway, and a filtering proxy that answers 200 text/html', [
  {
    request: { method: 'GET', path: '/v3/gene/7157', query: { fields: 'symbol' } },
    response: { status: 502, headers: { 'content-type': 'text/html', server: 'nginx' }, body: { text: NGINX_502 } },
  },
  {
    request: { method: 'GET', path: '/v3/query', query: { q: 'symbol:tp53' } },
    response: { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: { text: PORTAL } },
  },
]);
