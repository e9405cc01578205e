// importData: in-memory rows (and optional EMX metadata sheets) → an EMX zip → uploadZip.
// The zip is written by fflate (small, maintained, no dependencies, the same code in browsers
// and Node); the CSV is ours: quoting every text field is all EMX needs.
import { ValidationError } from '@bio/core-http';
import { strToU8, zipSync } from 'fflate';
import { uploadZip } from './import.js';
import type { Context } from './internal/context.js';
import { lastSegment } from './internal/url.js';
import { assertRows, isPlainObject } from './internal/validate.js';
import type { EmxMetadata, ImportDataOptions, ImportJob, Row } from './types.js';

const METADATA_SHEETS = ['packages', 'entities', 'attributes'] as const;

function field(value: unknown, where: string, root: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return `"${value.replace(/"/g, '""')}"`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValidationError({ message: `${where} is ${value}, which no EMX cell can hold`, field: where });
    return String(value);
  }
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ValidationError({ message: `${where} is an invalid Date`, field: where });
    return value.toISOString();
  }
  if (Array.isArray(value)) {
    // EMX writes a multi reference as its ids joined by commas (as Python's create_csv does).
    const items = value.map((item, i) => {
      const text = field(item, `${where}[${i}]`, root);
      return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text;
    });
    return `"${items.join(',').replace(/"/g, '""')}"`;
  }
  if (isPlainObject(value) && typeof value._href === 'string') return field(lastSegment(value._href, root), where, root); // a reference as read
  throw new ValidationError({ message: `${where} must be text, a number, a boolean, a Date, a list or a reference read from MOLGENIS`, field: where });
}

/** One CSV sheet: the union of the rows' keys (first-seen order) as header, every text quoted. */
function sheet(rows: readonly Row[], where: string, root: string): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (key === '_href' || key === '_meta' || seen.has(key)) continue;
      seen.add(key);
      columns.push(key);
    }
  }
  if (columns.length === 0) throw new ValidationError({ message: `${where} has no columns: give at least one row with values`, field: where });
  const lines = [columns.map((c) => field(c, `${where} column`, root)).join(',')];
  for (const [i, row] of rows.entries()) lines.push(columns.map((c) => field(row[c], `${where}[${i}].${c}`, root)).join(','));
  return `${lines.join('\n')}\n`;
}

/**
 * The EMX zip for `data` (entity type id → rows, one `<id>.csv` each) and `metadata` (the
 * `packages`, `entities` and `attributes` sheets). Rows may be as read (references are
 * written as ids) or uploadable.
 */
export function emxZip(data: Record<string, readonly Row[]>, metadata: EmxMetadata | undefined, root: string): Uint8Array {
  if (!isPlainObject(data))
    throw new ValidationError({ message: 'data must map entity type ids to rows, e.g. { demo_sightings: [{ id: "157" }] }', field: 'data' });
  if (metadata !== undefined && !isPlainObject(metadata))
    throw new ValidationError({ message: 'metadata must be { packages?, entities?, attributes? }', field: 'metadata' });
  const files: Record<string, Uint8Array> = {};
  for (const name of Object.keys(metadata ?? {})) {
    if (!(METADATA_SHEETS as readonly string[]).includes(name)) {
      throw new ValidationError({ message: `metadata.${name} is not an EMX sheet (${METADATA_SHEETS.join(', ')})`, field: `metadata.${name}` });
    }
  }
  for (const name of METADATA_SHEETS) {
    const rows = metadata?.[name];
    if (rows === undefined) continue;
    assertRows(rows, `metadata.${name}`);
    files[`${name}.csv`] = strToU8(sheet(rows, `metadata.${name}`, root));
  }
  for (const [entity, rows] of Object.entries(data)) {
    if (entity.trim() === '' || /[/\\]/.test(entity) || (METADATA_SHEETS as readonly string[]).includes(entity)) {
      throw new ValidationError({
        message: `data.${entity}: not an entity type id (empty, with a slash, or an EMX metadata sheet name)`,
        field: `data.${entity}`,
      });
    }
    assertRows(rows, `data.${entity}`);
    if (rows.length === 0) continue;
    files[`${entity}.csv`] = strToU8(sheet(rows, `data.${entity}`, root));
  }
  if (Object.keys(files).length === 0)
    throw new ValidationError({ message: 'nothing to import: every table is empty and no metadata was given', field: 'data' });
  return zipSync(files);
}

/** `importData`: build the EMX zip and upload it with {@link uploadZip} (waiting by default, as Python's `import_data`). */
export async function importData(ctx: Context, data: Record<string, readonly Row[]>, options: ImportDataOptions = {}): Promise<ImportJob> {
  const { metadata, ...upload } = options;
  const zip = emxZip(data, metadata, ctx.root);
  return uploadZip(ctx, { name: 'archive.zip', type: 'application/zip', data: zip }, upload);
}
