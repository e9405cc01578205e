import { ValidationError } from '@bio/core-http';

/**
 * The nine common names the server translates to taxonomy ids (matched case-insensitively).
 *
 * @example
 * ```ts
 * SPECIES.human; // 9606
 * ```
 */
export const SPECIES = {
  human: 9606,
  mouse: 10090,
  rat: 10116,
  fruitfly: 7227,
  nematode: 6239,
  zebrafish: 7955,
  'thale-cress': 3702,
  frog: 8364,
  pig: 9823,
} as const;

/**
 * One of the nine common species names MyGene understands.
 *
 * @example
 * ```ts
 * const s: SpeciesName = 'thale-cress';
 * ```
 */
export type SpeciesName = keyof typeof SPECIES;

/**
 * A species filter: common names, NCBI taxonomy ids (numbers or digit strings), a list of
 * those, or `'all'`.
 *
 * @example
 * ```ts
 * const a: Species = 'human';
 * const b: Species = ['human', 'mouse', 9823];
 * const c: Species = 'all';
 * ```
 */
export type Species = SpeciesName | number | 'all' | `${number}` | readonly (SpeciesName | number | `${number}`)[];

/**
 * The taxonomy id of a common name or taxid, or `undefined` when unknown.
 *
 * @example
 * ```ts
 * taxidOf('Human'); // 9606
 * taxidOf(10116);   // 10116
 * taxidOf('yeti');  // undefined
 * ```
 */
export function taxidOf(species: string | number): number | undefined {
  if (typeof species === 'number') return Number.isSafeInteger(species) && species > 0 ? species : undefined;
  const text = species.trim().toLowerCase();
  if (/^\d+$/.test(text)) return Number(text) > 0 ? Number(text) : undefined;
  return Object.hasOwn(SPECIES, text) ? SPECIES[text as SpeciesName] : undefined;
}

/**
 * Validate a species filter and turn it into the wire value (comma-separated, names
 * lower-cased, taxids as numbers). Throws {@link ValidationError} on an unknown name, a bad
 * taxid, an empty list or `'all'` mixed with other values.
 *
 * @example
 * ```ts
 * speciesParam(['Human', 10116]); // 'human,10116'
 * speciesParam('all');            // 'all'
 * speciesParam('yeti');           // throws ValidationError
 * ```
 */
export function speciesParam(species: Species, field = 'species'): string {
  // A comma-separated string (the wire form, as mygene.py users write it) is accepted too.
  const list: readonly (string | number)[] =
    typeof species === 'string' ? species.split(',').filter((s) => s.trim() !== '') : typeof species === 'number' ? [species] : species;
  if (!Array.isArray(list) || list.length === 0) {
    throw new ValidationError({ message: `${field} must be a species name, a taxonomy id, a non-empty list of those, or 'all'`, field });
  }
  const out: string[] = [];
  for (const item of list) {
    if (typeof item === 'string' && item.trim().toLowerCase() === 'all') {
      if (list.length > 1) throw new ValidationError({ message: `${field}: 'all' cannot be combined with other species`, field });
      return 'all';
    }
    if (typeof item !== 'string' && typeof item !== 'number') {
      throw new ValidationError({ message: `${field}: expected a species name or taxonomy id, got ${typeof item}`, field });
    }
    const taxid = taxidOf(item);
    if (taxid === undefined) {
      throw new ValidationError({
        message: `${field}: unknown species ${JSON.stringify(item)}; use one of ${Object.keys(SPECIES).join(', ')}, a taxonomy id, or 'all'`,
        field,
      });
    }
    out.push(typeof item === 'number' || /^\s*\d+\s*$/.test(item) ? String(taxid) : item.trim().toLowerCase());
  }
  return out.join(',');
}
