// Well labels from 0-based Row/Column and the plate's naming conventions.
import type { Plate, Well } from './models.js';

function letters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * OMERO.web's rule (webclient `_marshal_well`, omero-py `PlateWrapper.getRowLabels`/`getColumnLabels`):
 * the convention only switches away from the default, so rows are numbers only when it is
 * `number`, columns letters only when it is `letter`; anything else (null, absent, `''`, …) keeps
 * the default.
 */
function label(index: number, convention: string | null | undefined, fallback: 'letter' | 'number'): string {
  const other = fallback === 'letter' ? 'number' : 'letter';
  const kind = convention?.toLowerCase() === other ? other : fallback;
  return kind === 'letter' ? letters(index) : String(index + 1);
}

/**
 * The label of a well such as `A1` or `P24`: rows are letters and columns 1-based numbers unless
 * the plate's `RowNamingConvention`/`ColumnNamingConvention` (often null or absent) say otherwise.
 *
 * @example
 * ```ts
 * wellLabel({ Row: 14, Column: 1 }); // 'O2'
 * ```
 */
export function wellLabel(well: Pick<Well, 'Row' | 'Column'>, plate?: Pick<Plate, 'RowNamingConvention' | 'ColumnNamingConvention'>): string {
  return label(well.Row, plate?.RowNamingConvention, 'letter') + label(well.Column, plate?.ColumnNamingConvention, 'number');
}

/**
 * Row and column labels separately.
 *
 * @example
 * ```ts
 * wellName({ Row: 0, Column: 0 }); // { row: 'A', column: '1' }
 * ```
 */
export function wellName(
  well: Pick<Well, 'Row' | 'Column'>,
  plate?: Pick<Plate, 'RowNamingConvention' | 'ColumnNamingConvention'>,
): { row: string; column: string } {
  return { row: label(well.Row, plate?.RowNamingConvention, 'letter'), column: label(well.Column, plate?.ColumnNamingConvention, 'number') };
}
