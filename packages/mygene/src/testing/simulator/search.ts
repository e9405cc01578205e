// Matching genes the way MyGene's Elasticsearch queries do, in memory: the query string syntax
// (fielded terms, phrases, wildcards, AND/OR/NOT, parentheses, CURIEs, genome intervals), batch
// scopes, id lookups, species filters and a deterministic `_score`. The index (gene-index.ts)
// narrows each term to the genes that can match; the rules here decide which of them do.
import { SPECIES } from '../../species.js';
import type { SimGene } from './dataset.js';
import { valuesAt } from './documents.js';
import { errorBody, refuse, searchError } from './wire.js';

/** What a search needs of an index (`GeneIndex` in gene-index.ts, which builds on this module). */
export interface CandidateIndex {
  /** The genes in index order (a position is an index into this list). */
  readonly docs: readonly SimGene[];
  /** Positions of the genes whose fields hold any of the targets' keys, in index order. */
  positions(targets: readonly ScopeTarget[]): readonly number[];
}

/**
 * The weights of MyGene's function_score (web/pipeline/build.py MygeneQueryBuilder.apply_extras,
 * score_mode "first"): pseudogenes 0.5 before anything else, then human 1.55, mouse 1.3, rat 1.2,
 * the other config_web.py TAXONOMY species 1.1, every other gene 1.
 */
const BOOST: Readonly<Record<number, number>> = { 9606: 1.55, 10090: 1.3, 10116: 1.2, 7227: 1.1, 6239: 1.1, 7955: 1.1, 3702: 1.1, 8364: 1.1, 9823: 1.1 };
const PSEUDOGENE = 0.5;

/** Fields searched by a term without a field, with their weights. */
const DEFAULT_FIELDS: readonly [string, number][] = [
  ['symbol', 20],
  ['alias', 10],
  ['_id', 10],
  ['entrezgene', 10],
  ['ensembl.gene', 10],
  ['refseq_agg', 8],
  ['uniprot.*', 8],
  ['name', 5],
  ['other_names', 3],
  ['summary', 2],
];

const TEXT_FIELDS = new Set(['name', 'other_names', 'summary', 'generif.text']);

/** Field names and CURIE prefixes the server rewrites (matched case-insensitively). */
const REWRITES: Readonly<Record<string, string>> = {
  refseq: 'refseq_agg',
  accession: 'accession_agg',
  uniprot: 'uniprot.*',
  uniprotkb: 'uniprot.*',
  ensemblgene: 'ensembl.gene',
  ensembl: 'ensembl.gene',
  ensembltranscript: 'ensembl.transcript',
  ensemblprotein: 'ensembl.protein',
  ncbigene: 'entrezgene',
  entrez: 'entrezgene',
  hgnc: 'HGNC',
  mgi: 'MGI',
  go: 'go_id',
};

/** The field a name in a query or in `scopes` stands for. */
export function canonicalField(name: string): string {
  return REWRITES[name.toLowerCase()] ?? name;
}

function stripVersion(accession: string): string {
  return accession.replace(/\.\d+$/, '');
}

/** The values a (canonical) field has in a document, aggregated fields included. */
export function fieldValues(doc: SimGene, field: string): unknown[] {
  if (field === '_id') return [doc._id];
  if (field === 'refseq_agg' || field === 'accession_agg') {
    const values = valuesAt(doc, field === 'refseq_agg' ? 'refseq' : 'accession').map(String);
    return [...values, ...values.map(stripVersion)];
  }
  if (field === 'go_id') return valuesAt(doc, 'go.*.id');
  if (field === 'MGI') return valuesAt(doc, 'MGI').flatMap((v) => [v, String(v).replace(/^MGI:/, '')]);
  return valuesAt(doc, field);
}

function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Does `text` (a word or a phrase) contain a wildcard, as `fieldMatches` reads it? */
export function isWildcard(text: string, phrase: boolean): boolean {
  return !phrase && /[*?]/.test(text);
}

/** The keys a value of `field` is indexed under: every token of a text field, else the lowercased value. */
export function indexKeys(field: string, value: unknown): string[] {
  return TEXT_FIELDS.has(field) ? tokens(String(value)) : [String(value).toLowerCase()];
}

/**
 * The index key every document that `fieldMatches(doc, field, text, phrase)` is filed under (for a
 * `text` without wildcards): its first token in a text field, else the lowercased text.
 * `undefined` when nothing can match.
 */
export function lookupKey(field: string, text: string): string | undefined {
  return TEXT_FIELDS.has(field) ? tokens(text)[0] : text.toLowerCase();
}

/** Does `field` of `doc` match `text` (a word, a wildcard pattern or a phrase)? */
export function fieldMatches(doc: SimGene, field: string, text: string, phrase: boolean): boolean {
  const values = fieldValues(doc, field);
  if (values.length === 0) return false;
  const hasWildcard = isWildcard(text, phrase);
  if (TEXT_FIELDS.has(field)) {
    const wanted = tokens(text);
    if (wanted.length === 0) return false;
    return values.some((value) => {
      const have = tokens(String(value));
      if (hasWildcard) return wanted.every((w) => have.some((h) => wildcard(w).test(h)));
      if (!phrase) return wanted.every((w) => have.includes(w));
      for (let i = 0; i + wanted.length <= have.length; i++) if (wanted.every((w, j) => have[i + j] === w)) return true;
      return false;
    });
  }
  const needle = text.toLowerCase();
  return values.some((value) => (hasWildcard ? wildcard(text).test(String(value)) : String(value).toLowerCase() === needle));
}

/** A `term` filter on the analysed `name`: one of its words is "pseudogene". */
function isPseudogene(doc: SimGene): boolean {
  return fieldValues(doc, 'name').some((name) =>
    String(name)
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .includes('pseudogene'),
  );
}

function boost(doc: SimGene): number {
  if (isPseudogene(doc)) return PSEUDOGENE;
  return typeof doc.taxid === 'number' ? (BOOST[doc.taxid] ?? 1) : 1;
}

function round(score: number): number {
  return Math.round(score * 1e5) / 1e5;
}

// ---- species ------------------------------------------------------------------------------

/**
 * A species item as the options stage translates it: every common name (config_web.py TAXONOMY, in
 * its order) replaced by its taxid wherever it occurs, case-insensitively (re.sub with re.I), so
 * `Human` becomes `9606`, `humans` `9606s` and `humanhuman` `96069606`.
 */
export function translateSpecies(item: string): string {
  let out = item;
  for (const [name, taxid] of Object.entries(SPECIES)) out = out.replace(new RegExp(name, 'gi'), String(taxid));
  return out;
}

/**
 * `species` as taxids; `undefined` when the list holds `all` or is absent (MygeneQueryBuilder.apply_extras):
 * items that are not strings (a JSON body) are its 400 TypeError, items that are not digits after
 * translation its 400 "cannot map some species to taxids.".
 */
export function speciesFilter(list: readonly string[] | undefined, notStrings = false): Set<number> | undefined {
  if (list === undefined || list.length === 0 || list.includes('all')) return undefined;
  if (notStrings) refuse(errorBody(400, 'TypeError', { details: 'species must be strings or integer strings.' }));
  const translated = list.map(translateSpecies);
  if (!translated.every((item) => /^\d+$/.test(item))) refuse(errorBody(400, 'cannot map some species to taxids.'));
  return new Set(translated.map(Number));
}

/**
 * `species_facet_filter` as taxids, read only with facets (a `terms` post_filter on `taxid`): no
 * `all` there, and an item that is not a number after translation fails in Elasticsearch.
 */
export function speciesTaxids(list: readonly string[] | undefined): Set<number> | undefined {
  if (list === undefined || list.length === 0) return undefined;
  const out = new Set<number>();
  for (const item of list) {
    const taxid = translateSpecies(item);
    if (!/^\d+$/.test(taxid)) refuse(searchError(`[query_shard_exception] Reason: failed to create query: For input string: "${taxid}"`));
    out.add(Number(taxid));
  }
  return out;
}

/** Filters every search applies: species, entrezonly, ensemblonly. */
export interface DocFilter {
  species: Set<number> | undefined;
  entrezonly: boolean;
  ensemblonly: boolean;
}

export function passes(doc: SimGene, filter: DocFilter): boolean {
  if (filter.species && !(typeof doc.taxid === 'number' && filter.species.has(doc.taxid))) return false;
  if (filter.entrezonly && fieldValues(doc, 'entrezgene').length === 0) return false;
  if (filter.ensemblonly && fieldValues(doc, 'ensembl.gene').length === 0) return false;
  return true;
}

// ---- id lookups and scopes ------------------------------------------------------------------

/** Scopes of `GET/POST /gene` and the default scopes of `POST /query`. */
export const ID_SCOPES = ['_id', 'entrezgene', 'ensembl.gene', 'retired'] as const;

function curie(term: string): { field: string; value: string } | undefined {
  const m = /^([A-Za-z][\w.-]*):(.+)$/.exec(term);
  if (!m) return undefined;
  const field = REWRITES[(m[1] as string).toLowerCase()];
  return field === undefined ? undefined : { field, value: m[2] as string };
}

/** A (canonical) field and the text a batch term looks for in it. */
export interface ScopeTarget {
  field: string;
  text: string;
}

/** Where a batch term is looked for: a CURIE (`NCBIGene:1017`) in its own field, any other term in each of `scopes`. */
export function scopeTargets(term: string, scopes: readonly string[]): ScopeTarget[] {
  const c = curie(term);
  return c ? [{ field: c.field, text: c.value }] : scopes.map((scope) => ({ field: canonicalField(scope), text: term }));
}

/** Score of `term` against `scopes` (0: no match), matched as a phrase in each scope. */
export function scopeScore(doc: SimGene, term: string, scopes: readonly string[]): number {
  const matched = scopeTargets(term, scopes).some(({ field, text }) => fieldMatches(doc, field, text, true));
  return matched ? round(15 * boost(doc)) : 0;
}

// ---- the query string -------------------------------------------------------------------------

type Node =
  | { kind: 'term'; field: string | undefined; text: string; phrase: boolean }
  | { kind: 'all' }
  | { kind: 'and'; items: Node[] }
  | { kind: 'or'; items: Node[] }
  | { kind: 'not'; item: Node }
  | { kind: 'interval'; chr: string; start: number; end: number };

type Token =
  | { type: '(' | ')' | 'AND' | 'OR' | 'NOT' | 'PLUS' }
  | { type: 'FIELD'; value: string }
  | { type: 'WORD'; value: string }
  | { type: 'PHRASE'; value: string };

function tokenize(q: string, fail: () => never): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      out.push({ type: ch });
      i++;
    } else if (ch === '"') {
      const end = q.indexOf('"', i + 1);
      if (end < 0) fail();
      out.push({ type: 'PHRASE', value: q.slice(i + 1, end) });
      i = end + 1;
    } else if ((ch === '-' || ch === '!' || ch === '+') && i + 1 < q.length && !/\s/.test(q[i + 1] as string)) {
      out.push({ type: ch === '+' ? 'PLUS' : 'NOT' });
      i++;
    } else {
      let word = '';
      let field: string | undefined;
      while (i < q.length && !/[\s()]/.test(q[i] as string)) {
        const c = q[i] as string;
        if (c === '\\' && i + 1 < q.length) {
          word += q[i + 1];
          i += 2;
          continue;
        }
        if (c === ':' && field === undefined && word !== '') {
          field = word;
          word = '';
          i++;
          if (q[i] === '"' || q[i] === '(') break;
          continue;
        }
        word += c;
        i++;
      }
      if (field !== undefined) out.push({ type: 'FIELD', value: field });
      if (word === 'AND' || word === '&&') out.push({ type: 'AND' });
      else if (word === 'OR' || word === '||') out.push({ type: 'OR' });
      else if (word === 'NOT') out.push({ type: 'NOT' });
      else if (word !== '') out.push({ type: 'WORD', value: word });
      else if (field !== undefined && i >= q.length) fail();
    }
  }
  return out;
}

function parse(q: string): Node {
  const fail = (): never => refuse(searchError(`[query_shard_exception] Reason: Failed to parse query [${q}]`));
  const trimmed = q.trim();
  if (trimmed === '*' || trimmed === '*:*') return { kind: 'all' };
  const interval = /^chr(\w+):([\d,]+)-([\d,]+)$/i.exec(trimmed);
  if (interval) {
    return {
      kind: 'interval',
      chr: interval[1] as string,
      start: Number((interval[2] as string).replace(/,/g, '')),
      end: Number((interval[3] as string).replace(/,/g, '')),
    };
  }
  const list = tokenize(q, fail);
  let pos = 0;
  const peek = (): Token | undefined => list[pos];
  const term = (field: string | undefined, token: Token | undefined): Node => {
    if (token?.type === 'WORD') {
      if (/^[*?]/.test(token.value)) fail(); // leading wildcards are not allowed
      return { kind: 'term', field, text: token.value, phrase: false };
    }
    if (token?.type === 'PHRASE') return { kind: 'term', field, text: token.value, phrase: true };
    return fail();
  };
  const primary = (field: string | undefined): Node => {
    const token = list[pos++];
    if (token?.type === '(') {
      const inner = or(field);
      if (list[pos++]?.type !== ')') fail();
      return inner;
    }
    if (token?.type === 'FIELD') {
      if (peek()?.type === '(') {
        pos++;
        const inner = or(token.value);
        if (list[pos++]?.type !== ')') fail();
        return inner;
      }
      return term(token.value, list[pos++]);
    }
    return term(field, token);
  };
  const unary = (field: string | undefined): Node => {
    const token = peek();
    if (token?.type === 'NOT') {
      pos++;
      return { kind: 'not', item: unary(field) };
    }
    if (token?.type === 'PLUS') {
      pos++;
      return unary(field);
    }
    return primary(field);
  };
  const and = (field: string | undefined): Node => {
    const items = [unary(field)];
    for (let t = peek(); t !== undefined && t.type !== ')' && t.type !== 'OR'; t = peek()) {
      if (t.type === 'AND') pos++;
      items.push(unary(field));
    }
    return items.length === 1 ? (items[0] as Node) : { kind: 'and', items };
  };
  function or(field: string | undefined): Node {
    const items = [and(field)];
    while (peek()?.type === 'OR') {
      pos++;
      items.push(and(field));
    }
    return items.length === 1 ? (items[0] as Node) : { kind: 'or', items };
  }
  if (list.length === 0) fail();
  const node = or(undefined);
  if (pos !== list.length) fail();
  return node;
}

function overlaps(doc: SimGene, chr: string, start: number, end: number): boolean {
  const positions = [doc.genomic_pos].flat().filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null);
  return positions.some((p) => String(p.chr).toLowerCase() === chr.toLowerCase() && Number(p.start) <= end && Number(p.end) >= start);
}

/** The field and text a fielded term is matched with (`go:` terms get their `GO:` prefix back). */
function fieldedTerm(field: string, text: string): ScopeTarget {
  const canonical = canonicalField(field);
  return { field: canonical, text: canonical === 'go_id' && !/^GO:/i.test(text) ? `GO:${text}` : text };
}

/**
 * Positions (in index order) of every document a node can match, or `undefined` when the index
 * cannot narrow it (`*`, intervals, wildcards, NOT): a superset, which `score` then decides on.
 */
function candidates(node: Node, index: CandidateIndex): readonly number[] | undefined {
  switch (node.kind) {
    case 'term': {
      if (isWildcard(node.text, node.phrase)) return undefined;
      const targets = node.field !== undefined ? [fieldedTerm(node.field, node.text)] : DEFAULT_FIELDS.map(([field]) => ({ field, text: node.text }));
      return index.positions(targets);
    }
    case 'and': {
      // Every item must match: the smallest narrowed item bounds the whole.
      let best: readonly number[] | undefined;
      for (const item of node.items) {
        const c = candidates(item, index);
        if (c !== undefined && (best === undefined || c.length < best.length)) best = c;
      }
      return best;
    }
    case 'or': {
      const all: (readonly number[])[] = [];
      for (const item of node.items) {
        const c = candidates(item, index);
        if (c === undefined) return undefined;
        all.push(c);
      }
      return [...new Set(all.flat())].sort((a, b) => a - b);
    }
    default:
      return undefined;
  }
}

/** Score of a node for a document; `undefined` when it does not match. */
function score(node: Node, doc: SimGene): number | undefined {
  switch (node.kind) {
    case 'all':
      return 1;
    case 'interval':
      return overlaps(doc, node.chr, node.start, node.end) ? 1 : undefined;
    case 'term': {
      if (node.field !== undefined) {
        const { field, text } = fieldedTerm(node.field, node.text);
        return fieldMatches(doc, field, text, node.phrase) ? 10 : undefined;
      }
      let best: number | undefined;
      for (const [field, weight] of DEFAULT_FIELDS) if (fieldMatches(doc, field, node.text, node.phrase)) best = Math.max(best ?? 0, weight);
      return best;
    }
    case 'and': {
      let total = 0;
      for (const item of node.items) {
        const s = score(item, doc);
        if (s === undefined) return undefined;
        total += s;
      }
      return total;
    }
    case 'or': {
      let total: number | undefined;
      for (const item of node.items) {
        const s = score(item, doc);
        if (s !== undefined) total = (total ?? 0) + s;
      }
      return total;
    }
    case 'not':
      return score(node.item, doc) === undefined ? 0 : undefined;
  }
}

/** A matched document and its `_score`. */
export interface Match {
  doc: SimGene;
  score: number;
}

/** Every document matching the query string `q` (refusing a syntax error with the server's 400), in index order. */
export function search(index: CandidateIndex, q: string, filter: DocFilter): Match[] {
  const node = parse(q);
  const isInterval = node.kind === 'interval';
  const effective: DocFilter = isInterval && filter.species === undefined ? { ...filter, species: new Set([9606]) } : filter;
  const out: Match[] = [];
  const narrowed = candidates(node, index);
  for (const doc of narrowed === undefined ? index.docs : narrowed.map((i) => index.docs[i] as SimGene)) {
    if (!passes(doc, effective)) continue;
    const s = score(node, doc);
    if (s !== undefined) out.push({ doc, score: round(Math.max(s, 0.1) * boost(doc)) });
  }
  return out;
}
