// OMERO.tables through webgateway: `table/{fileId}/query/` and the bulk annotation of a well
// (`table/Screen.plateLinks.child.wells/{well}/query/`). Soft errors are HTTP 200 `{"error": …}`.
import type { RouteContext } from './context.js';
import type { SimTable } from './state.js';
import { json } from './wire.js';

type Cell = string | number | boolean | null;

/** A query → row predicate: `*`, `Well-123`, `(col==value)` (numbers, 'strings', b'bytes'); undefined = bad syntax. */
function predicate(table: SimTable, query: string): ((row: Cell[]) => boolean) | undefined {
  if (query === '*') return () => true;
  const well = /^Well-(\d+)$/.exec(query);
  const condition = well ? `(Well==${well[1]})` : query;
  const m = /^\(\s*([A-Za-z_][\w]*)\s*(==|!=|<=|>=|<|>)\s*(b?'[^']*'|b?"[^"]*"|-?\d+(?:\.\d+)?)\s*\)$/.exec(condition);
  if (!m) return undefined;
  const index = table.columns.findIndex((c) => c.name === m[1] || c.name.toLowerCase() === m[1]?.toLowerCase());
  if (index < 0) return undefined;
  const literal = m[3] as string;
  const value: Cell = /^b?['"]/.test(literal) ? literal.replace(/^b?['"]|['"]$/g, '') : Number(literal);
  const op = m[2];
  return (row) => {
    const cell = row[index] ?? null;
    if (cell === null) return false;
    switch (op) {
      case '==':
        return cell === value || String(cell) === String(value);
      case '!=':
        return String(cell) !== String(value);
      case '<':
        return Number(cell) < Number(value);
      case '>':
        return Number(cell) > Number(value);
      case '<=':
        return Number(cell) <= Number(value);
      default:
        return Number(cell) >= Number(value);
    }
  };
}

function query(ctx: RouteContext, table: SimTable, q: string | null, parent: { type: string; id: number } | undefined): Response {
  if (q === null || q === '') return json({ error: 'Must specify query' });
  const test = predicate(table, q);
  if (test === undefined) return json({ error: `Error executing query: ${q}: invalid syntax (<unknown>, line 1)` });
  const wanted = ctx.params.getAll('col_names');
  const picks = wanted.length === 0 ? table.columns.map((_, i) => i) : wanted.map((n) => table.columns.findIndex((c) => c.name === n)).filter((i) => i >= 0);
  const offset = Number(ctx.params.get('offset') ?? 0) || 0;
  const limitRaw = ctx.params.get('limit');
  const limit = limitRaw === null ? null : Number(limitRaw);
  const hits = table.rows.filter(test);
  if (limit === null && hits.length > 10_000) return json({ error: `Too many rows (${hits.length}) match; use a limit of at most 10000`, status: 404 });
  const rows = hits.slice(offset, limit === null ? undefined : offset + limit).map((r) => picks.map((i) => r[i] ?? null));
  return json({
    data: { column_types: picks.map((i) => table.columns[i]?.type), columns: picks.map((i) => table.columns[i]?.name), rows },
    meta: { rowCount: table.rows.length, totalCount: hits.length, limit, offset },
    id: table.fileId,
    annId: table.annotationId,
    owner: 'Public data',
    addedBy: 'Public data',
    parentType: parent ? `${parent.type[0]?.toUpperCase()}${parent.type.slice(1)}` : undefined,
    parentId: parent?.id,
    addedOn: table.addedOn,
  });
}

function parentOf(ctx: RouteContext, table: SimTable): { type: string; id: number } | undefined {
  return ctx.state.annotations.get(table.annotationId)?.parent;
}

/** Answer `webgateway/table/…`, or undefined. */
export function handleTable(ctx: RouteContext): Response | undefined {
  const byFile = /^webgateway\/table\/(\d+)\/query\/$/.exec(ctx.path);
  if (byFile) {
    const table = ctx.state.tables.get(Number(byFile[1]));
    if (table === undefined) return json({ error: `Table ${byFile[1]} not found` });
    return query(ctx, table, ctx.params.get('query'), parentOf(ctx, table));
  }
  const byWell = /^webgateway\/table\/Screen\.plateLinks\.child\.wells\/(\d+)\/query\/$/.exec(ctx.path);
  if (!byWell) return undefined;
  const well = ctx.state.wells.get(Number(byWell[1]));
  const screen = well && [...ctx.state.screens.values()].find((s) => s.plateIds.includes(well.plateId));
  // Several bulk-annotation tables: OMERO.web's object_table_query takes "the most recent one
  // (= the one with the highest identifier)" — the highest file id, not the latest addedOn.
  const table =
    screen &&
    [...ctx.state.tables.values()]
      .filter((t) => {
        const parent = parentOf(ctx, t);
        return parent?.type === 'screen' && parent.id === screen.id;
      })
      .sort((a, b) => b.fileId - a.fileId)[0];
  // object_table_query: no bulk-annotation file reached from the well (or no such well).
  if (table === undefined) return json({ error: 'Could not retrieve bulk annotations table' });
  return query(ctx, table, ctx.params.get('query'), parentOf(ctx, table));
}

/** One CSV field as Python's csv.writer (QUOTE_MINIMAL) writes it. */
function csvField(value: Cell): string {
  const text = value === null ? '' : typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * `webclient/omero_table/{fileId}/csv/` (omero_table view): the rows of `query` from `offset`,
 * at most `limit` (default the page size, 500 on IDR), as CSV with `\r\n` line ends, the header
 * first unless `header=false`. An unknown file is a 404 page; a query error is the JSON `{"error"}`.
 */
export function tableCsv(ctx: RouteContext, fileId: number): Response | undefined {
  const table = ctx.state.tables.get(fileId);
  if (table === undefined) return undefined;
  const q = ctx.params.get('query') ?? '*';
  const test = predicate(table, q);
  if (test === undefined) return json({ error: `Error executing query: ${q}: invalid syntax (<unknown>, line 1)` });
  const offset = Number(ctx.params.get('offset') ?? 0) || 0;
  const limit = Number(ctx.params.get('limit') ?? ctx.settings.webclientPageSize) || ctx.settings.webclientPageSize;
  const rows = table.rows.filter(test).slice(offset, offset + limit);
  const lines = ctx.params.get('header') === 'false' ? [] : [table.columns.map((c) => csvField(c.name)).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  const name = ctx.state.annotations.get(table.annotationId);
  const file = name?.kind === 'file' ? name.file.name : String(fileId);
  return new Response(lines.map((l) => `${l}\r\n`).join(''), {
    status: 200,
    headers: { 'content-type': 'text/csv', 'content-disposition': `attachment; filename=${file.replace(/ /g, '_').replace(/,/g, '.')}.csv` },
  });
}
