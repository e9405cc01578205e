// Checking the user's seed genes against the shapes MyGene documents have; anything that does not
// fit is a ValidationError naming the field (`seed.genes[2].taxid`).
import { ValidationError } from '@bio/core-http';
import type { SimGene } from './dataset.js';

/**
 * Genes of your own for the simulator, added to (or, with the same `_id`, replacing) the
 * built-in ones. Each is a MyGene document: `_id` and `taxid` are required; `symbol`, `name`,
 * `entrezgene`, `alias`, `ensembl`, `genomic_pos`, `refseq`, `uniprot`, `retired` and any other
 * field follow MyGene's shapes.
 *
 * @example
 * ```ts
 * const seed: MyGeneSeed = { genes: [{ _id: '5468', symbol: 'PPARG', name: 'peroxisome proliferator activated receptor gamma', taxid: 9606, entrezgene: '5468' }] };
 * ```
 */
export interface MyGeneSeed {
  /** The genes to add; each needs a non-empty string `_id` and a positive integer `taxid`. Invalid ones throw a `ValidationError` naming the field. */
  genes?: readonly Record<string, unknown>[] | undefined;
}

function fail(field: string, message: string): never {
  throw new ValidationError({ message: `${field}: ${message}`, field });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkJson(value: unknown, field: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(field, `expected a finite number, got ${value}`);
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) checkJson(item, `${field}[${i}]`);
    return;
  }
  if (isObject(value) && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, v] of Object.entries(value)) checkJson(v, `${field}.${key}`);
    return;
  }
  fail(field, `expected JSON data (string, number, boolean, null, list or plain object), got ${typeof value}`);
}

function oneOrMany(value: unknown, field: string, check: (item: unknown, field: string) => void): void {
  if (Array.isArray(value)) for (const [i, item] of value.entries()) check(item, `${field}[${i}]`);
  else check(value, field);
}

const string = (item: unknown, field: string): void => {
  if (typeof item !== 'string' || item.trim() === '') fail(field, 'expected a non-empty string');
};
const integer = (item: unknown, field: string): void => {
  if (typeof item !== 'number' || !Number.isSafeInteger(item)) fail(field, 'expected an integer');
};

function checkGene(gene: unknown, field: string): SimGene {
  if (!isObject(gene)) fail(field, 'expected a gene document (an object with _id and taxid)');
  checkJson(gene, field);
  if (typeof gene._id !== 'string' || gene._id.trim() === '') fail(`${field}._id`, 'expected a non-empty string (the Entrez or Ensembl gene id)');
  for (const computed of ['_score', 'query', 'notfound']) {
    if (Object.hasOwn(gene, computed)) fail(`${field}.${computed}`, 'is added by the server to answers, not stored in documents');
  }
  if (gene._version !== undefined) integer(gene._version, `${field}._version`);
  if (typeof gene.taxid !== 'number' || !Number.isSafeInteger(gene.taxid) || gene.taxid <= 0)
    fail(`${field}.taxid`, 'expected a positive integer NCBI taxonomy id');
  for (const key of ['symbol', 'name', 'type_of_gene', 'summary', 'map_location', 'HGNC', 'MGI'])
    if (gene[key] !== undefined) string(gene[key], `${field}.${key}`);
  if (gene.entrezgene !== undefined && !(typeof gene.entrezgene === 'string' ? /^\d+$/.test(gene.entrezgene) : Number.isSafeInteger(gene.entrezgene))) {
    fail(`${field}.entrezgene`, 'expected an Entrez id (digits, as a string or an integer)');
  }
  for (const key of ['alias', 'other_names']) if (gene[key] !== undefined) oneOrMany(gene[key], `${field}.${key}`, string);
  if (gene.retired !== undefined) oneOrMany(gene.retired, `${field}.retired`, integer);
  if (gene.ensembl !== undefined) {
    oneOrMany(gene.ensembl, `${field}.ensembl`, (item, f) => {
      if (!isObject(item)) fail(f, 'expected an object such as { gene: "ENSG…" }');
      if (item.gene !== undefined) string(item.gene, `${f}.gene`);
    });
  }
  if (gene.genomic_pos !== undefined) {
    oneOrMany(gene.genomic_pos, `${field}.genomic_pos`, (item, f) => {
      if (!isObject(item)) fail(f, 'expected an object { chr, start, end, strand }');
      string(item.chr, `${f}.chr`);
      integer(item.start, `${f}.start`);
      integer(item.end, `${f}.end`);
      if ((item.start as number) > (item.end as number)) fail(`${f}.start`, 'must not be after end');
      if (item.strand !== undefined && item.strand !== 1 && item.strand !== -1) fail(`${f}.strand`, 'expected 1 or -1');
    });
  }
  for (const key of ['refseq', 'uniprot', 'accession', 'go', 'pathway']) {
    if (gene[key] !== undefined && !isObject(gene[key])) fail(`${field}.${key}`, 'expected an object');
  }
  return { ...structuredClone(gene), _id: gene._id, _version: gene._version ?? 1 } as SimGene;
}

/** The seed's genes, checked and copied. */
export function seedGenes(seed: unknown): SimGene[] {
  if (seed === undefined) return [];
  if (!isObject(seed)) fail('seed', 'expected an object such as { genes: [...] }');
  for (const key of Object.keys(seed)) if (key !== 'genes') fail(`seed.${key}`, 'unknown seed key (MyGene serves genes only: use seed.genes)');
  if (seed.genes === undefined) return [];
  if (!Array.isArray(seed.genes)) fail('seed.genes', 'expected a list of gene documents');
  const seen = new Set<string>();
  return seed.genes.map((gene, i) => {
    const checked = checkGene(gene, `seed.genes[${i}]`);
    if (seen.has(checked._id)) fail(`seed.genes[${i}]._id`, `duplicate _id ${JSON.stringify(checked._id)} in the seed`);
    seen.add(checked._id);
    return checked;
  });
}
