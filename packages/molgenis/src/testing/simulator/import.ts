// The EMX import wizard: `POST /plugin/importwizard/importFile` (multipart `file`; 201 text/plain
// with the sys_ImportRun href) and the run itself at `/api/v2/sys_ImportRun/<id>`, which reads
// RUNNING a few times, then FINISHED or FAILED. Data sheets (`<entityTypeId>.tsv|csv` inside a
// zip, or a lone `<entityTypeId>.tsv|csv`) are imported into existing entity types with the
// requested `action`; metadata sheets (`entities`, `attributes`, `packages`, …) are not parsed,
// so an import cannot create entity types.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { readCsv } from '../../internal/csv.js';
import { BUILTIN_PACKAGES } from './builtin.js';
import { formDataOf, json, nextId, SimRefusal, textError } from './http.js';
import type { MolgenisSimulatorState, SimEntity, SimImportRun, SimRow } from './types.js';
import { buildRow } from './write.js';
import { unzip } from './zip.js';

const ACTIONS = ['add', 'add_update_existing', 'update', 'add_ignore_existing'];
const METADATA_ACTIONS = ['add', 'update', 'upsert', 'ignore'];
const EXTENSIONS = ['zip', 'xlsx', 'xls', 'csv', 'tsv', 'vcf', 'vcf.gz'];
const METADATA_SHEETS = new Set(['entities', 'attributes', 'packages', 'tags', 'i18nstrings', 'languages', 'l10nstrings']);

/** The rows of a CSV/TSV sheet (first line: attribute names). */
function sheetRows(text: string, separator: string): Record<string, unknown>[] {
  // Quoted fields may hold separators, quotes and line breaks (opencsv reads them so).
  const records = readCsv(text.replace(/^\uFEFF/, ''), separator).filter((r) => !(r.length === 1 && r[0]?.trim() === ''));
  const header = (records[0] ?? []).map((h) => h.trim());
  return records.slice(1).map((cells) => {
    const row: Record<string, unknown> = {};
    header.forEach((name, i) => {
      row[name] = cells[i] ?? '';
    });
    return row;
  });
}

type Outcome = SimImportRun['outcome'];

/** Import the data sheets, all or nothing; the run's outcome. */
function importSheets(state: MolgenisSimulatorState, sheets: Map<string, Uint8Array>, action: string): Outcome {
  const writes: [SimEntity, string, SimRow][] = [];
  const counts = new Map<string, number>();
  for (const [path, bytes] of sheets) {
    const file = path.split('/').pop() ?? path;
    const match = /^(.+)\.(tsv|csv)$/i.exec(file);
    if (match === null) continue;
    const sheet = match[1] as string;
    if (METADATA_SHEETS.has(sheet.toLowerCase())) continue;
    const entity = state.entities.get(sheet);
    if (entity === undefined) return { status: 'FAILED', message: `Unknown entity type '${sheet}' referenced in sheet '${sheet}'` };
    try {
      for (const input of sheetRows(new TextDecoder().decode(bytes), match[2]?.toLowerCase() === 'tsv' ? '\t' : ',')) {
        const row = buildRow(state, entity, input);
        const id = String(row[entity.meta.idAttribute]);
        const exists = entity.rows.has(id);
        if (exists && action === 'add')
          return { status: 'FAILED', message: `Duplicate value '${id}' for unique attribute '${entity.meta.idAttribute}' from entity '${sheet}'.` };
        if (!exists && action === 'update')
          return { status: 'FAILED', message: `Unknown entity with '${entity.meta.idAttribute}' '${id}' of type '${entity.meta.label}'.` };
        if (exists && action === 'add_ignore_existing') continue;
        writes.push([entity, id, row]);
        counts.set(sheet, (counts.get(sheet) ?? 0) + 1);
      }
    } catch (error) {
      if (!(error instanceof SimRefusal)) throw error;
      return { status: 'FAILED', message: `Error importing sheet '${sheet}'` };
    }
  }
  for (const [entity, id, row] of writes) entity.rows.set(id, row);
  const message = [...counts].map(([sheet, n]) => `Imported ${n} ${sheet} entities.<br />`).join('');
  return { status: 'FINISHED', message: message === '' ? 'No data imported.<br />' : message, importedEntities: [...counts.keys()].join(',') };
}

/** `POST /plugin/importwizard/importFile`: 201 text/plain with `/api/v2/sys_ImportRun/<id>`. */
export async function importFile(state: MolgenisSimulatorState, request: SimulatedRequest, username: string): Promise<Response> {
  const params = request.url.searchParams;
  const action = (params.get('action') ?? 'add').toLowerCase();
  const metadataAction = (params.get('metadataAction') ?? 'add').toLowerCase();
  if (!ACTIONS.includes(action)) throw textError(400, `Invalid action:[${action.toUpperCase()}] valid values: ${ACTIONS.join(', ')}`);
  if (!METADATA_ACTIONS.includes(metadataAction))
    throw textError(400, `Invalid metadataAction:[${metadataAction.toUpperCase()}] valid values: ${METADATA_ACTIONS.join(', ')}`);
  const packageId = params.get('packageId');
  if (packageId !== null && !BUILTIN_PACKAGES.includes(packageId) && ![...state.entities.values()].some((e) => e.meta.package === packageId)) {
    throw textError(400, `Package [${packageId}] does not exist.`);
  }
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('multipart/form-data')) throw textError(400, 'Current request is not a multipart request');
  const form = await formDataOf(request.body, type);
  const file = form.get('file');
  if (file === null || typeof file === 'string') throw textError(400, "Required request part 'file' is not present");
  const name = file.name;
  const extension = EXTENSIONS.find((ext) => name.toLowerCase().endsWith(`.${ext}`));
  if (extension === undefined) throw textError(400, `Unsupported file extension for file '${name}'. Supported: ${EXTENSIONS.join(', ')}`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  let outcome: Outcome;
  if (extension === 'zip') {
    const sheets = unzip(bytes);
    outcome = sheets === undefined ? { status: 'FAILED', message: `Error reading '${name}': not a zip file` } : importSheets(state, sheets, action);
  } else if (extension === 'csv' || extension === 'tsv') {
    outcome = importSheets(state, new Map([[name, bytes]]), action);
  } else {
    outcome = { status: 'FINISHED', message: `Imported ${name} (not parsed by the simulator).<br />` };
  }
  const id = nextId(state);
  state.importRuns.set(id, {
    id,
    startDate: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    username,
    status: 'RUNNING',
    progress: 0,
    notify: params.get('notify') === 'true',
    outcome,
    polls: state.importPolls,
  });
  const href = `/api/v2/sys_ImportRun/${id}`;
  return new Response(href, { status: 201, headers: { 'content-type': 'text/plain;charset=UTF-8', location: href } });
}

/** `GET /api/v2/sys_ImportRun/<id>`: each read while RUNNING brings the run closer to its end. */
export function importRun(state: MolgenisSimulatorState, id: string): Response | undefined {
  const run = state.importRuns.get(id);
  if (run === undefined) return undefined;
  if (run.status === 'RUNNING') {
    if (run.polls <= 0) {
      run.status = run.outcome.status;
      run.message = run.outcome.message;
      run.importedEntities = run.outcome.importedEntities;
      run.endDate = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      run.progress = run.status === 'FINISHED' ? Math.max(1, run.progress) : run.progress;
    } else {
      run.polls -= 1;
      if (run.progress > 0 || run.polls < state.importPolls - 1) run.progress += 1;
    }
  }
  const { outcome: _outcome, polls: _polls, ...fields } = run;
  const body: Record<string, unknown> = {
    _meta: { href: '/api/v2/sys_ImportRun', name: 'sys_ImportRun', label: 'Import', idAttribute: 'id' },
    _href: `/api/v2/sys_ImportRun/${id}`,
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) body[key] = value;
  return json(body);
}
