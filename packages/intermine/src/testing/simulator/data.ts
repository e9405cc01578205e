// The built-in FlyMine-like dataset: real FlyBase genes (the ones the fixtures and the README
// use), their UniProt proteins, KEGG/Reactome pathways, chromosome locations, a few exons and
// introns, one pseudoobscura orthologue. Coordinates are approximate (release 6 style);
// sequences are generated, not FlyBase's.
import { findBy, type ObjectStore, type SimObject } from './store.js';

/**
 * A gene to add (built-in or `seed.genes`). Only `primaryIdentifier` is required.
 *
 * @example
 * ```ts
 * const gene: GeneSeed = { primaryIdentifier: 'FBgn0003975', symbol: 'vg', name: 'vestigial', length: 15000, chromosome: '2R', start: 12885000, end: 12900000, pathways: ['dme04330'] };
 * ```
 */
export interface GeneSeed {
  /** The gene's FlyBase-style id (`FBgn…`), unique among genes. */
  primaryIdentifier: string;
  /** The gene symbol, e.g. `eve`. */
  symbol?: string | undefined;
  /** The secondary id (annotation symbol, `CG…`). */
  secondaryIdentifier?: string | undefined;
  /** The full gene name. */
  name?: string | undefined;
  /** A free-text description. */
  description?: string | undefined;
  /** Length in base pairs. */
  length?: number | undefined;
  /** Organism short or full name (default `D. melanogaster`). */
  organism?: string | undefined;
  /** Chromosome primary identifier (`2L`, `3R`, `X` …); with `start` and `end`, the gene's location. */
  chromosome?: string | undefined;
  /** Start of the location on `chromosome` (1-based). */
  start?: number | undefined;
  /** End of the location on `chromosome` (inclusive). */
  end?: number | undefined;
  /** `'1'` (forward) or `'-1'` (reverse). */
  strand?: '1' | '-1' | undefined;
  /** Pathway identifiers (`dme04330`, `R-DME-212436` …). */
  pathways?: readonly string[] | undefined;
  /** Other names the gene is found by (keyword search and id resolution). */
  synonyms?: readonly string[] | undefined;
  /** The object id (default: the next free one). */
  id?: number | undefined;
}

/**
 * A protein to add (`seed.proteins`).
 *
 * @example
 * ```ts
 * const protein: ProteinSeed = { primaryIdentifier: 'VG_DROME', primaryAccession: 'Q26366', genes: ['FBgn0003975'] };
 * ```
 */
export interface ProteinSeed {
  /** The protein's UniProt-style id (e.g. `EVE_DROME`), unique among proteins. */
  primaryIdentifier: string;
  /** The UniProt accession, e.g. `P06602`. */
  primaryAccession?: string | undefined;
  /** Length in amino acids. */
  length?: number | undefined;
  /** Organism short or full name (default `D. melanogaster`). */
  organism?: string | undefined;
  /** Primary identifiers of the genes that encode it. */
  genes?: readonly string[] | undefined;
  /** The object id (default: the next free one). */
  id?: number | undefined;
}

/**
 * A pathway to add (`seed.pathways`).
 *
 * @example
 * ```ts
 * const pathway: PathwaySeed = { identifier: 'dme04310', name: 'Wnt signaling pathway', dataSet: 'KEGG pathways data set' };
 * ```
 */
export interface PathwaySeed {
  /** The pathway id, e.g. `dme04330` (KEGG) or `R-DME-212436` (Reactome). */
  identifier: string;
  /** The pathway's name. */
  name?: string | undefined;
  /** `KEGG pathways data set` or `Reactome data set` (the enrichment widget's filters). */
  dataSet?: string | undefined;
  /** The object id (default: the next free one). */
  id?: number | undefined;
}

/**
 * An organism to add (`seed.organisms`).
 *
 * @example
 * ```ts
 * const organism: OrganismSeed = { name: 'Drosophila simulans', shortName: 'D. simulans', taxonId: 7240 };
 * ```
 */
export interface OrganismSeed {
  /** Full name, e.g. `Drosophila melanogaster`. */
  name: string;
  /** Short name, e.g. `D. melanogaster` (what queries and lookups use). */
  shortName: string;
  /** NCBI taxonomy id, e.g. `7227`. */
  taxonId: number;
  /** The object id (default: the next free one). */
  id?: number | undefined;
}

const ORGANISMS: OrganismSeed[] = [
  { id: 1000001, name: 'Drosophila melanogaster', shortName: 'D. melanogaster', taxonId: 7227 },
  { id: 1000002, name: 'Drosophila pseudoobscura', shortName: 'D. pseudoobscura', taxonId: 7237 },
  { id: 1000003, name: 'Homo sapiens', shortName: 'H. sapiens', taxonId: 9606 },
];

const CHROMOSOMES: [string, number][] = [
  ['2L', 23513712],
  ['2R', 25286936],
  ['3L', 28110227],
  ['3R', 32079331],
  ['4', 1348131],
  ['X', 23542271],
];

const DATA_SETS = ['KEGG pathways data set', 'Reactome data set'];

const PATHWAYS: PathwaySeed[] = [
  { id: 5002243, identifier: 'dme04330', name: 'Notch signaling pathway - Drosophila melanogaster (fruit fly)', dataSet: 'KEGG pathways data set' },
  { id: 5002244, identifier: 'dme04350', name: 'TGF-beta signaling pathway - Drosophila melanogaster (fruit fly)', dataSet: 'KEGG pathways data set' },
  { id: 5002245, identifier: 'dme04320', name: 'Dorso-ventral axis formation - Drosophila melanogaster (fruit fly)', dataSet: 'KEGG pathways data set' },
  { id: 5002117, identifier: 'R-DME-373076', name: 'Class A/1 (Rhodopsin-like receptors)', dataSet: 'Reactome data set' },
  { id: 5002301, identifier: 'R-DME-212436', name: 'Generic Transcription Pathway', dataSet: 'Reactome data set' },
  { id: 5002302, identifier: 'R-DME-74160', name: 'Gene expression (Transcription)', dataSet: 'Reactome data set' },
];

const TX = 'R-DME-212436';
const EXPR = 'R-DME-74160';

// [id, primaryIdentifier, CG, symbol, name, length, chromosome, start, end, strand, pathways, synonyms]
type GeneRow = [number, string, string, string, string, number, string, number, number, '1' | '-1', string[], string[]?];
const GENES: GeneRow[] = [
  [1016298, 'FBgn0000606', 'CG2328', 'eve', 'even skipped', 1478, '2R', 9979319, 9980796, '1', ['dme04330', 'R-DME-373076', TX], ['EVE']],
  [1064198, 'FBgn0004053', 'CG1046', 'zen', 'zerknullt', 1326, '3R', 6749225, 6750550, '1', [TX, 'dme04320'], ['z1']],
  [1011093, 'FBgn0000166', 'CG1034', 'bcd', 'bicoid', 3837, '3R', 6751341, 6755177, '-1', [TX, EXPR], ['Bic']],
  [1013712, 'FBgn0001180', 'CG9786', 'hb', 'hunchback', 3291, '3R', 8691855, 8695145, '-1', [TX, EXPR], ['l(3)85Ac', 'Hb']],
  [1014510, 'FBgn0001325', 'CG3340', 'Kr', 'Kruppel', 2534, '2R', 25224681, 25227214, '1', [TX], ['Kr-h']],
  [1031045, 'FBgn0003944', 'CG10388', 'Ubx', 'Ultrabithorax', 77628, '3R', 16712926, 16790553, '-1', [TX], ['bx']],
  [1009312, 'FBgn0000490', 'CG9885', 'dpp', 'decapentaplegic', 55164, '2L', 2427950, 2483113, '-1', ['dme04350', 'dme04320'], ['TGF-beta']],
  [1012210, 'FBgn0001077', 'CG2047', 'ftz', 'fushi tarazu', 1904, '3R', 6862590, 6864493, '1', [TX]],
  [1013260, 'FBgn0001168', 'CG8346', 'h', 'hairy', 2418, '3L', 8668213, 8670630, '1', ['dme04330', TX]],
  [1025603, 'FBgn0003300', 'CG1849', 'run', 'runt', 4813, 'X', 20544302, 20549114, '1', [TX]],
  [1023304, 'FBgn0002985', 'CG3851', 'odd', 'odd skipped', 2246, '2L', 3608400, 3610645, '1', []],
  [1024606, 'FBgn0003145', 'CG6716', 'prd', 'paired', 4101, '2L', 12082583, 12086683, '1', [TX]],
  [1026512, 'FBgn0003430', 'CG16738', 'slp1', 'sloppy paired 1', 2105, '2L', 3826163, 3828267, '1', []],
  [1014391, 'FBgn0001320', 'CG4717', 'kni', 'knirps', 2834, '3L', 20689740, 20692573, '1', [TX, EXPR]],
  [1013126, 'FBgn0001150', 'CG7952', 'gt', 'giant', 2291, 'X', 2426487, 2428777, '-1', [TX, EXPR]],
  [1029414, 'FBgn0003720', 'CG1378', 'tll', 'tailless', 3675, '3R', 31199830, 31203504, '1', [TX, EXPR]],
  [1131800, 'FBgn0261434', 'CG9768', 'hkb', 'huckebein', 1887, '3R', 31339600, 31341486, '-1', [TX]],
  [1067220, 'FBgn0004647', 'CG3936', 'N', 'Notch', 37706, 'X', 3134870, 3172576, '1', ['dme04330']],
  [1038001, 'FBgn0031930', 'CG10362', 'CG10362', 'CG10362', 4772, '2L', 14614843, 14619614, '1', []],
];

// [id, primaryIdentifier, primaryAccession, length, gene]
const PROTEINS: [number, string, string, number, string][] = [
  [2000001, 'EVE_DROME', 'P06602', 376, 'FBgn0000606'],
  [2000002, 'ZEN_DROME', 'P09089', 353, 'FBgn0004053'],
  [2000003, 'BCD_DROME', 'P09081', 494, 'FBgn0000166'],
  [2000004, 'HUNB_DROME', 'P05084', 758, 'FBgn0001180'],
  [2000005, 'KRUP_DROME', 'P07247', 502, 'FBgn0001325'],
  [2000006, 'UBX_DROME', 'P83949', 389, 'FBgn0003944'],
  [2000007, 'DECA_DROME', 'P07713', 588, 'FBgn0000490'],
  [2000008, 'FTZ_DROME', 'P02835', 410, 'FBgn0001077'],
  [2000009, 'HAIR_DROME', 'P14003', 337, 'FBgn0001168'],
];

// [id, class, primaryIdentifier, chromosome, start, end, gene]
const SUB_FEATURES: [number, 'Exon' | 'Intron', string, string, number, number, string][] = [
  [3000001, 'Exon', 'FBgn0031930:1', '2L', 14615003, 14615271, 'FBgn0031930'],
  [3000002, 'Intron', 'CG10362:intron1', '2L', 14615272, 14615330, 'FBgn0031930'],
  [3000003, 'Exon', 'FBgn0031930:2', '2L', 14615331, 14616100, 'FBgn0031930'],
  [3000004, 'Exon', 'FBgn0000606:1', '2R', 9979319, 9979900, 'FBgn0000606'],
  [3000005, 'Intron', 'eve:intron1', '2R', 9979901, 9980099, 'FBgn0000606'],
  [3000006, 'Exon', 'FBgn0000606:2', '2R', 9980100, 9980796, 'FBgn0000606'],
];

function byKey(store: ObjectStore, className: string, key: string, value: string): SimObject | undefined {
  return findBy(store, className, key, value);
}

/** The organism object a short or full name names. */
export function findOrganism(store: ObjectStore, name: string): SimObject | undefined {
  const n = name.toLowerCase();
  // A loop, not find(): seeding asks once per gene.
  for (const o of store.all('Organism')) if (String(o.shortName).toLowerCase() === n || String(o.name).toLowerCase() === n) return o;
  return undefined;
}

/** The chromosome of an organism (any organism's when none is given) with this primary identifier. */
export function findChromosome(store: ObjectStore, primaryIdentifier: string, organism: SimObject | undefined): SimObject | undefined {
  for (const c of store.all('Chromosome')) if (c.primaryIdentifier === primaryIdentifier && (organism === undefined || c.organism === organism.id)) return c;
  return undefined;
}

/** Add an organism. */
export function addOrganism(store: ObjectStore, o: OrganismSeed): SimObject {
  const [genus, ...species] = o.name.split(' ');
  return store.add({
    class: 'Organism',
    id: o.id ?? store.nextId(),
    name: o.name,
    shortName: o.shortName,
    taxonId: o.taxonId,
    genus,
    species: species.join(' '),
  });
}

/** Add a pathway (and link it to its data set). */
export function addPathway(store: ObjectStore, p: PathwaySeed): SimObject {
  const pathway = store.add({ class: 'Pathway', id: p.id ?? store.nextId(), identifier: p.identifier, name: p.name ?? p.identifier });
  const dataSet =
    p.dataSet === undefined ? undefined : (byKey(store, 'DataSet', 'name', p.dataSet) ?? store.add({ class: 'DataSet', id: store.nextId(), name: p.dataSet }));
  if (dataSet) store.link(pathway, 'dataSets', dataSet);
  return pathway;
}

function locate(store: ObjectStore, feature: SimObject, chromosome: string, start: number, end: number, strand: string): void {
  const organism = store.follow(feature, 'organism')[0];
  const chr = findChromosome(store, chromosome, organism);
  if (!chr) throw new Error(`no chromosome ${chromosome}`);
  const location = store.add({ class: 'Location', id: store.nextId(), start, end, strand });
  store.link(location, 'locatedOn', chr);
  store.link(location, 'feature', feature);
  store.link(feature, 'chromosomeLocation', location);
  store.link(feature, 'chromosome', chr);
  store.link(feature, 'locations', location);
}

/** Add a `className` object with `fields` and its own id (or the next free one), linked to its organism (default D. melanogaster). */
function addOwned(
  store: ObjectStore,
  className: string,
  seed: { id?: number | undefined; organism?: string | undefined },
  fields: Record<string, unknown>,
): SimObject {
  const organism = findOrganism(store, seed.organism ?? 'D. melanogaster');
  if (!organism) throw new Error(`no organism ${seed.organism}`);
  const object = store.add({ class: className, id: seed.id ?? store.nextId(), ...fields });
  store.link(object, 'organism', organism);
  return object;
}

/** Link `object`'s `collection` to the `className` objects whose `key` is each of `identifiers` (each must exist). */
function linkAll(
  store: ObjectStore,
  object: SimObject,
  collection: string,
  [className, key]: [string, string],
  identifiers: readonly string[] | undefined,
): void {
  for (const identifier of identifiers ?? []) {
    const target = byKey(store, className, key, identifier);
    if (!target) throw new Error(`no ${className} ${identifier}`);
    store.link(object, collection, target);
  }
}

/** Add a gene with its organism, location, pathways and synonyms (everything it names must exist). */
export function addGene(store: ObjectStore, g: GeneSeed): SimObject {
  const gene = addOwned(store, 'Gene', g, {
    primaryIdentifier: g.primaryIdentifier,
    secondaryIdentifier: g.secondaryIdentifier ?? null,
    symbol: g.symbol ?? null,
    name: g.name ?? null,
    description: g.description ?? null,
    length: g.length ?? (g.start !== undefined && g.end !== undefined ? g.end - g.start + 1 : null),
  });
  if (g.chromosome !== undefined && g.start !== undefined && g.end !== undefined) locate(store, gene, g.chromosome, g.start, g.end, g.strand ?? '1');
  linkAll(store, gene, 'pathways', ['Pathway', 'identifier'], g.pathways);
  for (const value of g.synonyms ?? []) store.link(gene, 'synonyms', store.add({ class: 'Synonym', id: store.nextId(), value }));
  return gene;
}

/** Add a protein linked to its genes. */
export function addProtein(store: ObjectStore, p: ProteinSeed): SimObject {
  const protein = addOwned(store, 'Protein', p, {
    primaryIdentifier: p.primaryIdentifier,
    primaryAccession: p.primaryAccession ?? null,
    length: p.length ?? null,
    symbol: null,
  });
  linkAll(store, protein, 'genes', ['Gene', 'primaryIdentifier'], p.genes);
  return protein;
}

/** The gene with this primary identifier. */
export function findGene(store: ObjectStore, primaryIdentifier: string): SimObject | undefined {
  return byKey(store, 'Gene', 'primaryIdentifier', primaryIdentifier);
}

/** The pathway with this identifier. */
export function findPathway(store: ObjectStore, identifier: string): SimObject | undefined {
  return byKey(store, 'Pathway', 'identifier', identifier);
}

/** Fill a store with the built-in dataset. */
export function loadBuiltIn(store: ObjectStore): void {
  for (const o of ORGANISMS) addOrganism(store, o);
  const fly = findOrganism(store, 'D. melanogaster')!;
  for (const [i, [name, length]] of CHROMOSOMES.entries()) {
    store.link(store.add({ class: 'Chromosome', id: 4000001 + i, primaryIdentifier: name, length }), 'organism', fly);
  }
  for (const name of DATA_SETS) store.add({ class: 'DataSet', id: store.nextId(), name });
  for (const p of PATHWAYS) addPathway(store, p);
  for (const [id, primaryIdentifier, cg, symbol, name, length, chromosome, start, end, strand, pathways, synonyms] of GENES) {
    addGene(store, { id, primaryIdentifier, secondaryIdentifier: cg, symbol, name, length, chromosome, start, end, strand, pathways, synonyms });
  }
  const dpseEve = addGene(store, {
    id: 1251032,
    primaryIdentifier: 'FBgn0081246',
    secondaryIdentifier: 'GA17539',
    symbol: 'Dpse\\eve',
    name: 'even skipped',
    length: 1420,
    organism: 'D. pseudoobscura',
  });
  const eve = findGene(store, 'FBgn0000606')!;
  for (const [a, b] of [
    [eve, dpseEve],
    [dpseEve, eve],
  ] as const) {
    const h = store.add({ class: 'Homologue', id: store.nextId(), type: 'orthologue' });
    store.link(h, 'gene', a);
    store.link(h, 'homologue', b);
    store.link(a, 'homologues', h);
  }
  for (const [id, primaryIdentifier, primaryAccession, length, gene] of PROTEINS)
    addProtein(store, { id, primaryIdentifier, primaryAccession, length, genes: [gene] });
  for (const [id, cls, primaryIdentifier, chromosome, start, end, geneId] of SUB_FEATURES) {
    const feature = store.add({ class: cls, id, primaryIdentifier, symbol: null, length: end - start + 1 });
    store.link(feature, 'organism', fly);
    locate(store, feature, chromosome, start, end, '1');
    const gene = findGene(store, geneId)!;
    if (cls === 'Exon') store.link(feature, 'gene', gene);
    else store.link(feature, 'genes', gene);
  }
}
