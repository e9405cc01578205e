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
  /** Chromosome name without `chr` prefix, e.g. `'12'`, `'X'`, `'MT'`. */
  chr: string;
  /** Start coordinate on the chromosome (1-based, as MyGene reports it). */
  start: number;
  /** End coordinate on the chromosome (inclusive). */
  end: number;
  /** `1` for the forward strand, `-1` for the reverse; absent when unknown. */
  strand?: number;
  /** The Ensembl gene this position comes from, when the gene has several. */
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
  /** Ensembl gene id, e.g. `ENSG00000123374`. */
  gene: string;
  /** Ensembl transcript ids (`ENST…`). */
  transcript?: OneOrMany<string>;
  /** Ensembl protein ids (`ENSP…`). */
  protein?: OneOrMany<string>;
  /** Which transcript (`rna`) encodes which protein. */
  translation?: OneOrMany<{ protein: string; rna: string }>;
  /** Ensembl biotype, e.g. `protein_coding`. */
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
  /** GO term id, e.g. `GO:0000082`. */
  id: string;
  /** The term's name. */
  term: string;
  /** GO evidence code, e.g. `IDA`, `IBA`. */
  evidence?: string;
  /** `BP`, `CC` or `MF`. */
  category?: string;
  /** PubMed ids supporting the annotation. */
  pubmed?: OneOrMany<number>;
  /** GO qualifier, e.g. `enables`, `NOT`. */
  qualifier?: string;
  /** The GO category's name as some sources spell it (e.g. `Process`). */
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
  /** The pathway's id in its source, e.g. `hsa04110` (KEGG). */
  id: string;
  /** The pathway's name. */
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
export interface Gene {
  /** MyGene's document id: the Entrez gene id, or an Ensembl gene id for Ensembl-only genes. */
  _id: string;
  /** Position(s) on the current reference assembly of the species (GRCh38/hg38 for human); a list when the gene maps to several places. */
  genomic_pos?: OneOrMany<GenomicPos>;
  /** Position(s) on the human hg19 (GRCh37) assembly; human genes only. */
  genomic_pos_hg19?: OneOrMany<GenomicPos>;
  /** Position(s) on the mouse mm9 (NCBI37) assembly; mouse genes only. */
  genomic_pos_mm9?: OneOrMany<GenomicPos>;
  /** Document version in the MyGene index. */
  _version?: number;
  /** Relevance score; present on query hits. */
  _score?: number;
  /** Official gene symbol, e.g. `CDK2`. */
  symbol?: string;
  /** Full gene name, e.g. `cyclin dependent kinase 2`. */
  name?: string;
  /** NCBI taxonomy id of the species, e.g. `9606` for human. */
  taxid?: number;
  /** NCBI (Entrez) gene id: a string on current servers, a number on older ones. */
  entrezgene?: string | number;
  /** Other symbols the gene is known by. */
  alias?: OneOrMany<string>;
  /** Other full names of the gene. */
  other_names?: OneOrMany<string>;
  /** The RefSeq/Entrez summary text. */
  summary?: string;
  /** Entrez gene type, e.g. `protein-coding`, `ncRNA`. */
  type_of_gene?: string;
  /** Cytogenetic band, e.g. `12q13.2`. */
  map_location?: string;
  /** Locus tags (mostly for microbes). */
  locus_tag?: OneOrMany<string>;
  /** HGNC id (human), without prefix. */
  HGNC?: string;
  /** OMIM id (human). */
  MIM?: string;
  /** MGI id (mouse), e.g. `MGI:104772`. */
  MGI?: string;
  /** RGD id (rat). */
  RGD?: string;
  /** FlyBase id (fly), e.g. `FBgn0004107`. */
  FLYBASE?: string;
  /** WormBase ids (worm). */
  WormBase?: OneOrMany<string>;
  /** ZFIN id (zebrafish). */
  ZFIN?: string;
  /** TAIR id (Arabidopsis). */
  TAIR?: string;
  /** Xenbase id (frog). */
  Xenbase?: string;
  /** SGD id (yeast). */
  SGD?: string;
  /** HPRD id (human; a retired source). */
  HPRD?: string;
  /** Vega gene ids (a retired source). */
  Vega?: OneOrMany<string>;
  /** miRBase id (microRNA genes). */
  miRBase?: string;
  /** Enzyme Commission numbers, e.g. `2.7.11.22`. */
  ec?: OneOrMany<string>;
  /** UniGene cluster ids (a retired source). */
  unigene?: OneOrMany<string>;
  /** IPI ids (a retired source). */
  ipi?: OneOrMany<string>;
  /** PDB structure ids. */
  pdb?: OneOrMany<string>;
  /** Pfam family ids, e.g. `PF00069`. */
  pfam?: OneOrMany<string>;
  /** PROSITE ids. */
  prosite?: OneOrMany<string>;
  /** PharmGKB id. */
  pharmgkb?: string;
  /** PIR ids. */
  pir?: OneOrMany<string>;
  /** Entrez gene ids that were merged into this gene. */
  retired?: OneOrMany<number>;
  /** Ensembl gene(s), with transcripts and proteins. */
  ensembl?: OneOrMany<EnsemblEntry>;
  /** RefSeq accessions: genomic, RNA (`NM_…`) and protein (`NP_…`), and which RNA encodes which protein. */
  refseq?: {
    genomic?: OneOrMany<string>;
    rna?: OneOrMany<string>;
    protein?: OneOrMany<string>;
    translation?: OneOrMany<{ protein: string; rna: string }>;
  };
  /** The same molecules as `refseq`, for GenBank accessions. */
  accession?: NonNullable<Gene['refseq']>;
  /** UniProt accessions: reviewed (`Swiss-Prot`) and unreviewed (`TrEMBL`). */
  uniprot?: { 'Swiss-Prot'?: OneOrMany<string>; TrEMBL?: OneOrMany<string> };
  /** HomoloGene group id and its `[taxid, gene id]` members. */
  homologene?: { id: number; genes: [number, number][] };
  /** Gene Ontology annotations by category (biological process, cellular component, molecular function). */
  go?: { BP?: OneOrMany<GoTerm>; CC?: OneOrMany<GoTerm>; MF?: OneOrMany<GoTerm> };
  /** InterPro domains. */
  interpro?: OneOrMany<{ id: string; desc?: string; short_desc?: string }>;
  /** Pathway memberships by source. */
  pathway?: Partial<
    Record<
      'biocarta' | 'humancyc' | 'kegg' | 'mousecyc' | 'netpath' | 'pharmgkb' | 'pid' | 'reactome' | 'smpdb' | 'wikipathways' | 'yeastcyc',
      OneOrMany<PathwayRef>
    >
  >;
  /** GeneRIFs: short statements about the gene's function with their PubMed id. */
  generif?: OneOrMany<{ pubmed: number; text: string }>;
  /** Microarray reporter (probe) ids by platform. */
  reporter?: Record<string, OneOrMany<string>>;
  /** Exon structures per transcript, as the server sends them (untyped). */
  exons?: unknown[];
  /** The gene's Wikipedia article (`url_stub` is the article name). */
  wikipedia?: { url_stub: OneOrMany<string> };
  /** Every other field of the document, as the server sends it. */
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
  /** Chromosome(s) of `genomic_pos`. */
  'genomic_pos.chr'?: OneOrMany<string>;
  /** Start coordinate(s) of `genomic_pos`. */
  'genomic_pos.start'?: OneOrMany<number>;
  /** End coordinate(s) of `genomic_pos`. */
  'genomic_pos.end'?: OneOrMany<number>;
  /** Strand(s) of `genomic_pos` (`1` or `-1`). */
  'genomic_pos.strand'?: OneOrMany<number>;
  /** Ensembl gene id(s). */
  'ensembl.gene'?: OneOrMany<string>;
  /** Ensembl transcript ids. */
  'ensembl.transcript'?: OneOrMany<string>;
  /** Ensembl protein ids. */
  'ensembl.protein'?: OneOrMany<string>;
  /** RefSeq RNA accessions. */
  'refseq.rna'?: OneOrMany<string>;
  /** RefSeq protein accessions. */
  'refseq.protein'?: OneOrMany<string>;
  /** RefSeq genomic accessions. */
  'refseq.genomic'?: OneOrMany<string>;
  /** Reviewed UniProt accession(s). */
  'uniprot.Swiss-Prot'?: OneOrMany<string>;
  /** Unreviewed UniProt accessions. */
  'uniprot.TrEMBL'?: OneOrMany<string>;
  /** GO biological-process term ids. */
  'go.BP.id'?: OneOrMany<string>;
  /** GO cellular-component term ids. */
  'go.CC.id'?: OneOrMany<string>;
  /** GO molecular-function term ids. */
  'go.MF.id'?: OneOrMany<string>;
  /** Every other dotted path of the document, as the server sends it. */
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
export type Hit<G = Gene> = G & {
  /** The input term (id or query string) this document was found for. */
  query: string;
  /** Relevance score of the match; absent when the server sends none. */
  _score?: number;
};

/**
 * The entry MyGene returns for an input that matched nothing.
 *
 * @example
 * ```ts
 * const miss: NotFound = { query: 'dummy', notfound: true };
 * ```
 */
export interface NotFound {
  /** The input term that matched nothing. */
  query: string;
  /** Always `true`. */
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
  /** The bucket's value (e.g. a taxid). */
  term: string | number;
  /** How many documents have it. */
  count: number;
  /** Sub-facets of this bucket, by name. */
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
  /** The facet kind; `'terms'` for the facets MyGene supports. */
  _type: 'terms' | (string & {});
  /**
   * The sum of the returned buckets' counts: biothings.web's formatter (`transform_aggs`) adds it;
   * MyGene's documented example leaves it out, so it is optional.
   */
  total?: number;
  /** The buckets, most frequent first. */
  terms: FacetTerm[];
  /** Documents in buckets not returned (`sum_other_doc_count`). */
  other: number;
  /** Elasticsearch's `doc_count_error_upper_bound`. */
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
  /** Server-side query time in milliseconds. */
  took: number;
  /** All matching documents (not only those in `hits`). */
  total: number;
  /** The best hit's score; `null` when there are no hits or scoring is off. */
  max_score: number | null;
  /** This page of matches (empty when `size: 0` was sent). */
  hits: (G & { _score?: number })[];
  /** Facet counts, when `facets` was requested. */
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
  /** The documents found, in input order. */
  hits: Hit<G>[];
  /** The input ids that matched nothing. */
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
  /** The input term. */
  query: string;
  /** How many documents it matched. */
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
  /** The documents found, grouped by input term in input order. */
  hits: Hit<G>[];
  /** The input terms that matched nothing. */
  missing: string[];
  /** The input terms that matched more than one document. */
  duplicates: Duplicate[];
  /** Every distinct input term (first-seen order) with its hits; `[]` for a missing one. */
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
  /** The kind of document served: `'gene'` (a one-element list on some BioThings APIs). */
  biothing_type: string | string[];
  /** When the index was built (ISO 8601 date-time). */
  build_date: string;
  /** The data release, e.g. `'20250101'`. */
  build_version: string;
  /** The server software's revision (git hash). */
  app_revision?: string;
  /** Each data source with its version and statistics. */
  src: Record<string, { version?: string; stats?: Record<string, number>; [key: string]: unknown }>;
  /** Document counts of the index. */
  stats: {
    total_genes: number;
    total_entrez_genes?: number;
    total_ensembl_genes?: number;
    total_ensembl_genes_mapped_to_entrez?: number;
    total_ensembl_only_genes?: number;
    total_species?: number;
    /** Other counts the server reports. */
    [key: string]: number | undefined;
  };
  /** Common species names to taxonomy ids, e.g. `human` → `9606`. */
  taxonomy: Record<string, number>;
  /** Common species names to the genome assembly of `genomic_pos`, e.g. `human` → `hg38`. */
  genome_assembly: Record<string, string>;
  /** Other keys the server sends, untyped. */
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
  /** Elasticsearch field type, e.g. `keyword`, `text`, `integer`, `object`. */
  type: string;
  /** Whether the field can be queried. */
  index?: boolean;
  /** Whether a query without a field prefix searches it. */
  searched_by_default?: boolean;
  /** Other keys the server sends, untyped. */
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
