// Response types of MyGene.info v3. Field names and shapes follow the live server (biothings 1.x).

/** A value or a list of values: MyGene returns a scalar when there is one value and a list otherwise. */
export type OneOrMany<T> = T | T[];

/**
 * A genomic position (`genomic_pos`, `genomic_pos_hg19`, `genomic_pos_mm9`).
 *
 * @example
 * ```ts
 * const pos: GenomicPos = { chr: '12', start: 55966769, end: 55972784, strand: 1 };
 * ```
 */
export interface GenomicPos {
  chr: string;
  start: number;
  end: number;
  strand?: number;
  ensemblgene?: string;
}

/**
 * One Ensembl entry of a gene (`ensembl`).
 *
 * @example
 * ```ts
 * const e: EnsemblEntry = { gene: 'ENSG00000123374', transcript: ['ENST00000266970'], type_of_gene: 'protein_coding' };
 * ```
 */
export interface EnsemblEntry {
  gene: string;
  transcript?: OneOrMany<string>;
  protein?: OneOrMany<string>;
  translation?: OneOrMany<{ protein: string; rna: string }>;
  type_of_gene?: string;
}

/**
 * One Gene Ontology annotation (`go.BP`, `go.CC`, `go.MF`).
 *
 * @example
 * ```ts
 * const t: GoTerm = { id: 'GO:0000082', term: 'G1/S transition of mitotic cell cycle', evidence: 'IBA', category: 'BP' };
 * ```
 */
export interface GoTerm {
  id: string;
  term: string;
  evidence?: string;
  category?: string;
  pubmed?: OneOrMany<number>;
  qualifier?: string;
  gocategory?: string;
}

/**
 * A pathway reference inside `pathway.<source>`.
 *
 * @example
 * ```ts
 * const p: PathwayRef = { id: 'hsa04110', name: 'Cell cycle - Homo sapiens (human)' };
 * ```
 */
export interface PathwayRef {
  id: string;
  name: string;
}

/**
 * A MyGene gene document in its nested form (the default, `dotfield: false`).
 * The documented fields are typed; every other field is reachable through the index signature.
 * `entrezgene` is a string on current servers and a number on older ones.
 *
 * @example
 * ```ts
 * const cdk2 = await mg.gene('1017', { fields: ['symbol', 'genomic_pos'] });
 * if (cdk2 && !Array.isArray(cdk2.genomic_pos)) console.log(cdk2.genomic_pos?.chr); // '12'
 * ```
 */
export interface Gene extends Partial<Record<'genomic_pos' | 'genomic_pos_hg19' | 'genomic_pos_mm9', OneOrMany<GenomicPos>>> {
  _id: string;
  _version?: number;
  _score?: number;
  symbol?: string;
  name?: string;
  taxid?: number;
  entrezgene?: string | number;
  alias?: OneOrMany<string>;
  other_names?: OneOrMany<string>;
  summary?: string;
  type_of_gene?: string;
  map_location?: string;
  locus_tag?: OneOrMany<string>;
  HGNC?: string;
  MIM?: string;
  MGI?: string;
  RGD?: string;
  FLYBASE?: string;
  WormBase?: OneOrMany<string>;
  ZFIN?: string;
  TAIR?: string;
  Xenbase?: string;
  SGD?: string;
  HPRD?: string;
  Vega?: OneOrMany<string>;
  miRBase?: string;
  ec?: OneOrMany<string>;
  unigene?: OneOrMany<string>;
  ipi?: OneOrMany<string>;
  pdb?: OneOrMany<string>;
  pfam?: OneOrMany<string>;
  prosite?: OneOrMany<string>;
  pharmgkb?: string;
  pir?: OneOrMany<string>;
  retired?: OneOrMany<number>;
  ensembl?: OneOrMany<EnsemblEntry>;
  refseq?: {
    genomic?: OneOrMany<string>;
    rna?: OneOrMany<string>;
    protein?: OneOrMany<string>;
    translation?: OneOrMany<{ protein: string; rna: string }>;
  };
  /** The same molecules as `refseq`, for GenBank accessions. */
  accession?: NonNullable<Gene['refseq']>;
  uniprot?: { 'Swiss-Prot'?: OneOrMany<string>; TrEMBL?: OneOrMany<string> };
  homologene?: { id: number; genes: [number, number][] };
  go?: { BP?: OneOrMany<GoTerm>; CC?: OneOrMany<GoTerm>; MF?: OneOrMany<GoTerm> };
  interpro?: OneOrMany<{ id: string; desc?: string; short_desc?: string }>;
  pathway?: Partial<
    Record<
      'biocarta' | 'humancyc' | 'kegg' | 'mousecyc' | 'netpath' | 'pharmgkb' | 'pid' | 'reactome' | 'smpdb' | 'wikipathways' | 'yeastcyc',
      OneOrMany<PathwayRef>
    >
  >;
  generif?: OneOrMany<{ pubmed: number; text: string }>;
  reporter?: Record<string, OneOrMany<string>>;
  exons?: unknown[];
  wikipedia?: { url_stub: OneOrMany<string> };
  [field: string]: unknown;
}

/**
 * A gene document flattened with `dotfield: true`: every nested object becomes dotted leaf
 * paths, values from lists of objects are gathered into one list per path, and a path with a
 * single value is a scalar.
 *
 * @example
 * ```ts
 * const doc = await mg.gene('1017', { fields: ['refseq.rna', 'genomic_pos.chr'], dotfield: true });
 * doc?.['genomic_pos.chr']; // '12'
 * ```
 */
export interface DotfieldGene extends Pick<Gene, '_id' | '_version' | '_score' | 'symbol' | 'name' | 'taxid' | 'entrezgene'> {
  'genomic_pos.chr'?: OneOrMany<string>;
  'genomic_pos.start'?: OneOrMany<number>;
  'genomic_pos.end'?: OneOrMany<number>;
  'genomic_pos.strand'?: OneOrMany<number>;
  'ensembl.gene'?: OneOrMany<string>;
  'ensembl.transcript'?: OneOrMany<string>;
  'ensembl.protein'?: OneOrMany<string>;
  'refseq.rna'?: OneOrMany<string>;
  'refseq.protein'?: OneOrMany<string>;
  'refseq.genomic'?: OneOrMany<string>;
  'uniprot.Swiss-Prot'?: OneOrMany<string>;
  'uniprot.TrEMBL'?: OneOrMany<string>;
  'go.BP.id'?: OneOrMany<string>;
  'go.CC.id'?: OneOrMany<string>;
  'go.MF.id'?: OneOrMany<string>;
  [path: string]: unknown;
}

/** Selects the document type from the `dotfield` flag: `true` → {@link DotfieldGene}, otherwise {@link Gene}.
 *
 * @example
 * ```ts
 * type Flat = GeneDoc<true>; // DotfieldGene
 * ```
 */
export type GeneDoc<D extends boolean | undefined> = D extends true ? DotfieldGene : Gene;

/**
 * A hit of a batch call (`POST /gene`, `POST /query`): the document plus the input term in `query`.
 *
 * @example
 * ```ts
 * const hit: Hit = { query: 'tp53', _id: '7157', _score: 22.1, symbol: 'TP53', taxid: 9606 };
 * ```
 */
export type Hit<G = Gene> = G & { query: string; _score?: number };

/**
 * The entry MyGene returns for an input that matched nothing.
 *
 * @example
 * ```ts
 * const miss: NotFound = { query: 'dummy', notfound: true };
 * ```
 */
export interface NotFound {
  query: string;
  notfound: true;
}

/**
 * One bucket of a terms facet. Nested facets recurse inside the bucket under their own names.
 *
 * @example
 * ```ts
 * const t: FacetTerm = { term: 9606, count: 14 };
 * ```
 */
export interface FacetTerm {
  term: string | number;
  count: number;
  [nested: string]: unknown;
}

/**
 * A terms facet (`facets.taxid`). `other` is Elasticsearch's `sum_other_doc_count`,
 * `missing` its `doc_count_error_upper_bound`.
 *
 * @example
 * ```ts
 * const r = await mg.query('cdk2', { size: 0, facets: ['taxid'] });
 * r.facets?.taxid?.terms[0]; // { count: 14, term: 9606 }
 * ```
 */
export interface TermsFacet {
  _type: 'terms' | (string & {});
  total?: number;
  terms: FacetTerm[];
  other: number;
  missing: number;
}

/** Facets keyed by field name.
 *
 * @example
 * ```ts
 * const facets: Facets = { taxid: { _type: 'terms', terms: [{ term: 9606, count: 14 }], other: 0, missing: 0 } };
 * ```
 */
export type Facets = Record<string, TermsFacet>;

/**
 * The answer of `GET /query`. When `size: 0` is sent the server leaves `hits` out; the client
 * puts an empty list there so `hits` is always an array.
 *
 * @example
 * ```ts
 * const r: QueryResponse = await mg.query('symbol:cdk2');
 * console.log(r.total, r.hits.map((h) => h.symbol));
 * ```
 */
export interface QueryResponse<G = Gene> {
  took: number;
  total: number;
  max_score: number | null;
  hits: (G & { _score?: number })[];
  facets?: Facets;
  /** A warning the server attached to the answer. */
  _warning?: string;
}

/**
 * What {@link MyGene.genes} returns: the found documents in input order and the ids that matched nothing.
 *
 * @example
 * ```ts
 * const { hits, missing } = await mg.genes(['1017', 'xyz']); // missing: ['xyz']
 * ```
 */
export interface GenesResult<G = Gene> {
  hits: Hit<G>[];
  missing: string[];
}

/**
 * One input term that matched more than one document, with how many.
 *
 * @example
 * ```ts
 * const d: Duplicate = { query: 'tp53', count: 2 };
 * ```
 */
export interface Duplicate {
  query: string;
  count: number;
}

/**
 * What {@link MyGene.queryMany} returns. `hits` are the found documents grouped by input term
 * in input order (a duplicated input gives its group twice, as the server does); `missing` the
 * terms without a match; `duplicates` the terms with several hits; `byQuery` every distinct term
 * (in first-seen order) with its hits (`[]` when missing).
 *
 * @example
 * ```ts
 * const r = await mg.queryMany(['tp53', 'dummy'], { scopes: ['symbol'] });
 * r.duplicates; // [{ query: 'tp53', count: 2 }]
 * r.missing;    // ['dummy']
 * r.byQuery.get('tp53')?.map((h) => h.taxid); // [9606, 10116]
 * ```
 */
export interface QueryManyResult<G = Gene> {
  hits: Hit<G>[];
  missing: string[];
  duplicates: Duplicate[];
  byQuery: Map<string, Hit<G>[]>;
}

/**
 * `/metadata`: build, sources, statistics and species tables.
 * `biothing_type` is a one-element list on some BioThings APIs.
 *
 * @example
 * ```ts
 * const m = await mg.metadata();
 * console.log(m.build_version, m.stats.total_genes, m.taxonomy.human); // '20250101' 23456789 9606
 * ```
 */
export interface Metadata {
  biothing_type: string | string[];
  build_date: string;
  build_version: string;
  app_revision?: string;
  src: Record<string, { version?: string; stats?: Record<string, number>; [key: string]: unknown }>;
  stats: {
    total_genes: number;
    total_entrez_genes?: number;
    total_ensembl_genes?: number;
    total_ensembl_genes_mapped_to_entrez?: number;
    total_ensembl_only_genes?: number;
    total_species?: number;
    [key: string]: number | undefined;
  };
  taxonomy: Record<string, number>;
  genome_assembly: Record<string, string>;
  [key: string]: unknown;
}

/**
 * The properties of one field in `/metadata/fields`.
 *
 * @example
 * ```ts
 * const info: FieldInfo = { index: true, type: 'keyword', searched_by_default: true };
 * ```
 */
export interface FieldInfo {
  type: string;
  index?: boolean;
  searched_by_default?: boolean;
  [key: string]: unknown;
}

/**
 * `/metadata/fields`: dotted field path → properties (the server's optional `notes` key is removed).
 *
 * @example
 * ```ts
 * const f: FieldsMap = await mg.fields({ prefix: 'genomic_pos' });
 * Object.keys(f); // ['genomic_pos', 'genomic_pos.chr', …]
 * ```
 */
export type FieldsMap = Record<string, FieldInfo>;
