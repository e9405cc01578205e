import { type CallOptions, ValidationError } from '@bio/core-http';
import { writeOpt } from './internal/request-options.js';
import { InterMineList, type ListOperationOptions, type Lists } from './lists.js';
import { postLines } from './results.js';

/**
 * The form's content type, exactly: GenomicRegionSearchListInput reads the `query` parameter only
 * when `request.getContentType()` equals `application/x-www-form-urlencoded`; with the usual
 * `;charset=UTF-8` it reads the request body instead, which the container has already consumed
 * as parameters (ListInput reads `listName` first), and the search fails on an empty JSON text.
 */
const REGION_FORM_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'application/x-www-form-urlencoded' };

/**
 * A genomic interval on one chromosome (1-based, inclusive, unless `isInterbase`).
 *
 * @example
 * ```ts
 * const r: GenomicRegion = { chromosome: '2L', start: 14614843, end: 14619614 };
 * ```
 */
export interface GenomicRegion {
  /** Chromosome name, as the mine names it (e.g. `2L`, `X`). */
  chromosome: string;
  /** First base of the region (1-based unless the search says `isInterbase`). */
  start: number;
  /** Last base of the region (at least `start`). */
  end: number;
}

const FORMATS = '"chr:start..end", "chr:start-end", "chr<TAB>start<TAB>end" or "chr:position"';

function position(text: string, region: string): number {
  const clean = text.replace(/,/g, '');
  if (!/^\d+$/.test(clean)) throw new ValidationError({ message: `region "${region}": "${text}" is not a position; use ${FORMATS}`, field: 'regions' });
  const n = Number(clean);
  if (!Number.isSafeInteger(n)) throw new ValidationError({ message: `region "${region}": position ${text} is too large`, field: 'regions' });
  return n;
}

/**
 * Parse a region string in any of the forms the server accepts: `chr:start..end`,
 * `chr:start-end`, `chr<TAB>start<TAB>end`, or a single position `chr:pos`. Thousands
 * separators (`14,614,843`) are allowed. Throws {@link ValidationError} otherwise.
 *
 * @example
 * ```ts
 * parseRegion('2L:14614843..14619614'); // { chromosome: '2L', start: 14614843, end: 14619614 }
 * parseRegion('2R:5866646-5868384');    // { chromosome: '2R', start: 5866646, end: 5868384 }
 * parseRegion('3R\t100\t200');          // { chromosome: '3R', start: 100, end: 200 }
 * parseRegion('X:500');                 // { chromosome: 'X', start: 500, end: 500 }
 * ```
 */
export function parseRegion(text: string): GenomicRegion {
  if (typeof text !== 'string') throw new ValidationError({ message: `a region must be a string, got ${typeof text}`, field: 'regions' });
  const region = text.trim();
  let chromosome: string;
  let startText: string;
  let endText: string;
  if (region.includes('\t')) {
    const parts = region.split('\t').map((p) => p.trim());
    if (parts.length !== 3)
      throw new ValidationError({ message: `region "${region}": a tab-separated region needs chromosome, start and end; use ${FORMATS}`, field: 'regions' });
    [chromosome, startText, endText] = parts as [string, string, string];
  } else {
    const colon = region.lastIndexOf(':');
    if (colon <= 0) throw new ValidationError({ message: `region "${region}" does not parse; use ${FORMATS}`, field: 'regions' });
    chromosome = region.slice(0, colon);
    const span = region.slice(colon + 1).trim();
    const m = /^([\d,]+)\s*(?:\.\.|-)\s*([\d,]+)$/.exec(span);
    if (m) {
      startText = m[1]!;
      endText = m[2]!;
    } else {
      startText = span;
      endText = span;
    }
  }
  if (!/^[^\s:]+$/.test(chromosome)) throw new ValidationError({ message: `region "${region}": bad chromosome name "${chromosome}"`, field: 'regions' });
  const start = position(startText, region);
  const end = position(endText, region);
  if (end < start) throw new ValidationError({ message: `region "${region}": end ${end} is before start ${start}`, field: 'regions' });
  return { chromosome, start, end };
}

/**
 * Write a region as `chr:start..end`.
 *
 * @example
 * ```ts
 * formatRegion({ chromosome: '2L', start: 1, end: 100 }); // '2L:1..100'
 * ```
 */
export function formatRegion(region: GenomicRegion): string {
  return `${region.chromosome}:${region.start}..${region.end}`;
}

/**
 * What to search for: features of some types overlapping regions of one organism.
 *
 * @example
 * ```ts
 * const opts: RegionSearchOptions = { organism: 'D. melanogaster', featureTypes: ['Exon', 'Intron'], regions: ['2L:14614843..14619614'] };
 * ```
 */
export interface RegionSearchOptions {
  /** Organism short name, e.g. `D. melanogaster`. */
  organism: string;
  /** Feature classes, e.g. `['Gene']`, `['Exon', 'Intron']`. */
  featureTypes: readonly string[];
  /** Region strings (any accepted form) or parsed regions. */
  regions: readonly (string | GenomicRegion)[];
  /** Widen each region by this many base pairs on both sides. Default 0. */
  extension?: number | undefined;
  /** Coordinates are interbase (0-based, half-open). Default false. */
  isInterbase?: boolean | undefined;
  /** Only features on the region's strand. */
  strandSpecific?: boolean | undefined;
}

/**
 * The result of `regions.saveAsList()`: the new list and the spans the server rejected.
 *
 * @example
 * ```ts
 * const { list, invalidSpans } = await r.saveAsList('List from Regions');
 * ```
 */
export interface RegionListResult {
  /** The list created from the features found. */
  list: InterMineList;
  /** The regions the server could not use (e.g. an unknown chromosome), as it wrote them. */
  invalidSpans: string[];
}

/**
 * A region search (`/regions/*`): FASTA, GFF3, BED of the features found, or a list of them.
 * Regions are validated when the search is created.
 *
 * @example
 * ```ts
 * const r = mine.regions({ organism: 'D. melanogaster', featureTypes: ['Exon', 'Intron'], regions: ['2L:14614843..14619614'] });
 * for await (const line of r.fasta()) console.log(line);
 * await r.saveAsList('List from Regions');
 * ```
 */
export class RegionQuery {
  /** Organism short name, e.g. `D. melanogaster`. */
  readonly organism: string;
  /** The feature classes searched for, e.g. `['Gene']`. */
  readonly featureTypes: string[];
  /** The regions, parsed. */
  readonly regions: GenomicRegion[];
  /** Base pairs added on both sides of each region; 0 by default. */
  readonly extension: number;
  /** Whether coordinates are interbase (0-based, half-open); false by default. */
  readonly isInterbase: boolean;
  /** Only features on the region's strand; undefined when not set (the server's default). */
  readonly strandSpecific: boolean | undefined;
  readonly #lists: Lists;

  /**
   * Validate a region search; usually made by `mine.regions()`. Nothing is sent yet.
   *
   * @example
   * ```ts
   * const r = new RegionQuery(mine.lists, { organism: 'D. melanogaster', featureTypes: ['Gene'], regions: ['2L:1..100'] });
   * ```
   */
  constructor(lists: Lists, options: RegionSearchOptions) {
    this.#lists = lists;
    if (!options || typeof options.organism !== 'string' || options.organism.trim() === '')
      throw new ValidationError({ message: 'a region search needs an organism', field: 'organism' });
    if (
      !Array.isArray(options.featureTypes) ||
      options.featureTypes.length === 0 ||
      options.featureTypes.some((t) => typeof t !== 'string' || t.trim() === '')
    ) {
      throw new ValidationError({ message: 'a region search needs at least one feature type (e.g. "Gene")', field: 'featureTypes' });
    }
    if (!Array.isArray(options.regions) || options.regions.length === 0)
      throw new ValidationError({ message: 'a region search needs at least one region', field: 'regions' });
    if (options.extension !== undefined && (!Number.isInteger(options.extension) || options.extension < 0)) {
      throw new ValidationError({ message: `extension must be a non-negative integer, got ${options.extension}`, field: 'extension' });
    }
    this.organism = options.organism;
    this.featureTypes = [...options.featureTypes];
    this.regions = options.regions.map((r) => (typeof r === 'string' ? parseRegion(r) : parseRegion(formatRegion(r))));
    this.extension = options.extension ?? 0;
    this.isInterbase = options.isInterbase ?? false;
    this.strandSpecific = options.strandSpecific;
  }

  /**
   * The JSON sent as the `query` parameter.
   *
   * @example
   * ```ts
   * JSON.stringify(r.toJSON()); // {"organism":"D. melanogaster","featureTypes":["Exon"],"regions":["2L:1..100"],"extension":0,"isInterbase":false}
   * ```
   */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      organism: this.organism,
      featureTypes: [...this.featureTypes],
      regions: this.regions.map(formatRegion),
      extension: this.extension,
      isInterbase: this.isInterbase,
    };
    if (this.strandSpecific !== undefined) json.strandSpecific = this.strandSpecific;
    return json;
  }

  #text(kind: 'fasta' | 'gff3' | 'bed' | 'sequence', options: CallOptions): AsyncGenerator<string> {
    return postLines(this.#lists.http, `regions/${kind}`, { query: JSON.stringify(this.toJSON()) }, options, { ...REGION_FORM_HEADERS });
  }

  /**
   * FASTA lines of the features found.
   *
   * @example
   * ```ts
   * for await (const line of r.fasta()) console.log(line);
   * ```
   */
  fasta(options: CallOptions = {}): AsyncGenerator<string> {
    return this.#text('fasta', options);
  }

  /**
   * The sequences of the features found, as FASTA lines (`/regions/sequence`, the mine's region
   * sequence export).
   *
   * @example
   * ```ts
   * for await (const line of mine.regions({ organism: 'D. melanogaster', featureTypes: ['Gene'], regions: ['2R:9979000..9981000'] }).sequence()) console.log(line);
   * ```
   */
  sequence(options: CallOptions = {}): AsyncGenerator<string> {
    return this.#text('sequence', options);
  }

  /**
   * GFF3 lines of the features found.
   *
   * @example
   * ```ts
   * for await (const line of r.gff3()) console.log(line);
   * ```
   */
  gff3(options: CallOptions = {}): AsyncGenerator<string> {
    return this.#text('gff3', options);
  }

  /**
   * BED lines of the features found.
   *
   * @example
   * ```ts
   * for await (const line of r.bed()) console.log(line);
   * ```
   */
  bed(options: CallOptions = {}): AsyncGenerator<string> {
    return this.#text('bed', options);
  }

  /**
   * Save the features found as a list; reports the spans the server rejected.
   *
   * @example
   * ```ts
   * const { list, invalidSpans } = await r.saveAsList('List from Regions');
   * ```
   */
  async saveAsList(name: string, options: ListOperationOptions = {}): Promise<RegionListResult> {
    if (typeof name !== 'string' || name.trim() === '') throw new ValidationError({ message: 'a list name must be a non-empty string', field: 'name' });
    const body = await this.#lists.http
      .post('regions/list', {
        form: {
          query: JSON.stringify(this.toJSON()),
          listName: name,
          description: options.description,
          tags: options.tags && options.tags.length > 0 ? options.tags.join(';') : undefined,
        },
        headers: { ...REGION_FORM_HEADERS },
        ...writeOpt(options),
      })
      .json<{ listName?: unknown; listSize?: number; type?: string; invalidSpans?: string[] }>();
    const list = new InterMineList(this.#lists, {
      // The name sent: the JSON header writes a name of digits (or `true`, `null`) unquoted (JSONFormatter.quoteValue).
      name,
      type: body.type ?? (this.featureTypes.length === 1 ? this.featureTypes[0]! : 'SequenceFeature'),
      size: body.listSize ?? 0,
      tags: [...(options.tags ?? [])],
      ...(options.description ? { description: options.description } : {}),
    });
    return { list, invalidSpans: body.invalidSpans ?? [] };
  }
}
