// The simulator's built-in genes: real MyGene.info documents (ids, symbols, names, taxids as the
// service returns them), trimmed to the fields the package's fixtures and README use.

/**
 * A gene document as the simulator stores it: `_id` plus any MyGene fields.
 *
 * @example
 * ```ts
 * const gene: SimGene = { _id: '1017', _version: 1, symbol: 'CDK2', taxid: 9606, entrezgene: '1017' };
 * ```
 */
export type SimGene = Record<string, unknown> & {
  /** The document id (Entrez or Ensembl gene id), unique in the simulator. */
  _id: string;
};

const HUMAN = 9606;
const MOUSE = 10090;
const RAT = 10116;

function gene(id: string, symbol: string, name: string, taxid: number, extra: Record<string, unknown> = {}): SimGene {
  return { _id: id, _version: 1, entrezgene: id, name, symbol, taxid, type_of_gene: 'protein-coding', ...extra };
}

/** A fresh copy of the built-in genes (CDK2, TP53, BTK, BRCA1, BDNF, … in human, mouse and rat). */
export function builtInGenes(): SimGene[] {
  return [
    gene('1017', 'CDK2', 'cyclin dependent kinase 2', HUMAN, {
      alias: ['CDKN2', 'p33(CDK2)'],
      ensembl: { gene: 'ENSG00000123374' },
      genomic_pos: { chr: '12', end: 55972784, ensemblgene: 'ENSG00000123374', start: 55966769, strand: 1 },
      HGNC: '1771',
      map_location: '12q13.2',
      refseq: { rna: ['NM_001290230.2', 'NM_001798.5', 'NM_052827.4', 'XM_011537732.2'] },
      uniprot: { 'Swiss-Prot': 'P24941' },
    }),
    gene('12566', 'Cdk2', 'cyclin-dependent kinase 2', MOUSE),
    gene('362817', 'Cdk2', 'cyclin dependent kinase 2', RAT),
    gene('7157', 'TP53', 'tumor protein p53', HUMAN, {
      alias: ['BCC7', 'BMFS5', 'LFS1', 'P53', 'TRP53'],
      ensembl: { gene: 'ENSG00000141510' },
      genomic_pos: { chr: '17', end: 7687538, ensemblgene: 'ENSG00000141510', start: 7661779, strand: -1 },
      HGNC: '11998',
      map_location: '17p13.1',
      uniprot: { 'Swiss-Prot': 'P04637' },
    }),
    gene('22059', 'Trp53', 'transformation related protein 53', MOUSE),
    gene('24842', 'Tp53', 'tumor protein p53', RAT),
    gene('695', 'BTK', 'Bruton tyrosine kinase', HUMAN, {
      ensembl: { gene: 'ENSG00000010671' },
      map_location: 'Xq22.1',
      refseq: { rna: ['NM_000061.3', 'NM_001287344.2', 'NM_001287345.2'] },
    }),
    gene('672', 'BRCA1', 'BRCA1 DNA repair associated', HUMAN, { ensembl: { gene: 'ENSG00000012048' }, map_location: '17q21.31' }),
    gene('627', 'BDNF', 'brain derived neurotrophic factor', HUMAN, { ensembl: { gene: 'ENSG00000176697' } }),
    gene('12064', 'Bdnf', 'brain derived neurotrophic factor', MOUSE),
    gene('24225', 'Bdnf', 'brain-derived neurotrophic factor', RAT),
    gene('390259', 'BSX', 'brain specific homeobox', HUMAN),
    gene('10409', 'BASP1', 'brain abundant membrane attached signal protein 1', HUMAN),
    gene('9610', 'RGS6', 'regulator of G protein signaling 6', HUMAN),
    gene('56917', 'MIER1', 'mesoderm induction early response 1, transcriptional regulator', HUMAN),
    gene('4741', 'NEFM', 'neurofilament medium chain', HUMAN),
    gene('4744', 'NEFH', 'neurofilament heavy chain', HUMAN),
    gene('4747', 'NEFL', 'neurofilament light chain', HUMAN),
    gene('4900', 'NRGN', 'neurogranin', HUMAN),
  ];
}

/** The build part of `GET /metadata` (the `stats` are computed from the simulator's genes). */
export function builtInMetadata(): Record<string, unknown> {
  return {
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
    taxonomy: { frog: 8364, fruitfly: 7227, human: 9606, mouse: 10090, nematode: 6239, pig: 9823, rat: 10116, 'thale-cress': 3702, zebrafish: 7955 },
  };
}

/**
 * `GET /metadata/fields` entries of the indexed fields (others are derived from the documents),
 * grouped by how the service indexes them.
 */
export function knownFields(): Record<string, Record<string, unknown>> {
  const groups: [info: Record<string, unknown>, paths: string[]][] = [
    [{ type: 'object' }, ['ensembl', 'genomic_pos', 'refseq', 'uniprot']],
    [{ index: true, searched_by_default: true, type: 'keyword' }, ['alias', 'symbol']],
    [{ index: true, searched_by_default: true, type: 'text' }, ['name', 'other_names', 'summary']],
    [
      { index: true, type: 'keyword' },
      [
        'ensembl.gene',
        'entrezgene',
        'genomic_pos.chr',
        'genomic_pos.ensemblgene',
        'HGNC',
        'map_location',
        'refseq_agg',
        'type_of_gene',
        'uniprot.Swiss-Prot',
        'uniprot.TrEMBL',
      ],
    ],
    [{ index: true, type: 'long' }, ['genomic_pos.end', 'genomic_pos.start', 'retired']],
    [{ index: true, type: 'integer' }, ['taxid']],
    [{ index: true, type: 'byte' }, ['genomic_pos.strand']],
    [{ index: false, type: 'text' }, ['refseq.genomic', 'refseq.protein', 'refseq.rna']],
  ];
  return Object.fromEntries(groups.flatMap(([info, paths]) => paths.map((path) => [path, { ...info }])));
}

/** The free-text `notes` entry of `/metadata/fields` (the client drops it). */
export const FIELDS_NOTES = 'Fields with "searched_by_default" are searched when a query has no field prefix.';
