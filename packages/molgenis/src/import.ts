import { path, poll, type ResponseFormatError, ValidationError } from '@bio/core-http';
import { MolgenisImportError } from './errors.js';
import { type Context, callOf } from './internal/context.js';
import { formatError, jsonSnippet } from './internal/format-error.js';
import { toFilePart } from './internal/files.js';
import { lastSegment } from './internal/url.js';
import { assertId, assertInteger } from './internal/validate.js';
import type { FileInput, ImportJob, ImportRun, UploadZipOptions, WaitOptions } from './types.js';

const DEFAULT_INTERVAL = 1000;
/** Python's `upload_zip` defaults, sent unless the caller chooses. */
export const DEFAULT_DATA_ACTION = 'add';
export const DEFAULT_METADATA_ACTION = 'upsert';
const DEFAULT_DEADLINE = 600_000;

/** The run id from `/api/v2/sys_ImportRun/<id>` or a bare id. */
function runIdOf(idOrHref: string, root: string): string {
  if (idOrHref.includes('/')) {
    const id = lastSegment(idOrHref, root);
    if (id === undefined || id === '' || id === '.' || id === '..' || !/sys_ImportRun\/[^/]+\/?$/.test(new URL(idOrHref.trim(), root).pathname)) {
      throw new ValidationError({ message: `not a sys_ImportRun href: ${idOrHref}`, field: 'run' });
    }
    return id;
  }
  return idOrHref;
}

function checkWait(options: WaitOptions): void {
  if (options.interval !== undefined) assertInteger(options.interval, 'interval', 0);
  if (options.deadline !== undefined) assertInteger(options.deadline, 'deadline', 0);
}

/** The last state read, and the error naming the request that read it. */
interface RunRead {
  run: ImportRun;
  fail: (problem: string) => ResponseFormatError;
}

/**
 * Read the run with core-http's `poll` until it leaves `RUNNING` (`TimeoutError` after
 * `deadline`); `onState` sees every state read. Returns the last one.
 */
async function pollRun(ctx: Context, idOrHref: string, options: WaitOptions, onState?: (run: ImportRun) => void): Promise<RunRead> {
  assertId(idOrHref, 'run');
  const id = runIdOf(String(idOrHref), ctx.root);
  checkWait(options);
  const url = path`api/v2/sys_ImportRun/${id}`;
  return poll<RunRead>(
    async () => {
      const answer = ctx.http.get(url, callOf(options));
      const run = await answer.json<ImportRun>();
      const response = await answer;
      const fail = (problem: string): ResponseFormatError => formatError(ctx.http, { method: 'GET', path: url, response }, problem, jsonSnippet(run));
      if (typeof run !== 'object' || run === null || typeof run.status !== 'string') throw fail('the import run has no status');
      onState?.(run);
      return run.status === 'RUNNING' ? { done: false } : { done: true, value: { run, fail } };
    },
    {
      interval: options.interval ?? DEFAULT_INTERVAL,
      deadline: options.deadline ?? DEFAULT_DEADLINE,
      signal: options.signal,
      what: `import run ${id} (it goes on on the server)`,
    },
  );
}

/**
 * Every state of an import run, read until it leaves `RUNNING` (an async generator, so a
 * caller can show progress). Leaving the loop early stops the polling.
 */
export async function* importRunStates(ctx: Context, idOrHref: string, options: WaitOptions = {}): AsyncGenerator<ImportRun> {
  const stop = new AbortController();
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
  const states: ImportRun[] = [];
  let ended: { failed: false } | { failed: true; error: unknown } | undefined;
  let wake = (): void => undefined;
  pollRun(ctx, idOrHref, { ...options, signal }, (run) => {
    states.push(run);
    wake();
  }).then(
    () => {
      ended = { failed: false };
      wake();
    },
    (error: unknown) => {
      ended = { failed: true, error };
      wake();
    },
  );
  try {
    for (;;) {
      const run = states.shift();
      if (run !== undefined) yield run;
      else if (ended?.failed) throw ended.error;
      else if (ended !== undefined) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stop.abort();
  }
}

/** Poll until the run finishes; throws {@link MolgenisImportError} on `FAILED`. */
export async function waitForImport(ctx: Context, idOrHref: string, options: WaitOptions = {}): Promise<ImportRun> {
  const { run, fail } = await pollRun(ctx, idOrHref, options);
  if (run.status === 'FAILED') throw new MolgenisImportError(run, { status: 0 });
  if (run.status !== 'FINISHED') throw fail(`import run ${run.id} ended with unknown status ${JSON.stringify(run.status)}`);
  return run;
}

const DATA_ACTIONS = ['add', 'add_update_existing', 'update', 'add_ignore_existing'] as const;
const METADATA_ACTIONS = ['add', 'update', 'upsert', 'ignore'] as const;

function checkChoice(value: unknown, allowed: readonly string[], field: string): void {
  if (value !== undefined && !allowed.includes(value as string)) {
    throw new ValidationError({ message: `${field} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`, field });
  }
}

/**
 * `POST /plugin/importwizard/importFile` (multipart `file`), then poll `sys_ImportRun`.
 * `action` and `metadataAction` are always sent, defaulting to Python's `add` and `upsert`
 * (the server's own default for a missing `metadataAction` is `add`, which imports differently).
 */
export async function uploadZip(ctx: Context, zip: FileInput, options: UploadZipOptions = {}): Promise<ImportJob> {
  const wait = options.wait ?? true;
  checkWait(options);
  checkChoice(options.action, DATA_ACTIONS, 'action');
  checkChoice(options.metadataAction, METADATA_ACTIONS, 'metadataAction');
  if (options.filename !== undefined && (typeof options.filename !== 'string' || options.filename === '')) {
    throw new ValidationError({ message: 'filename must be a non-empty string such as "emx.zip"', field: 'filename' });
  }
  const part = await toFilePart(zip, 'zip', 'upload.zip');
  const form = new FormData();
  form.append('file', part.blob, options.filename ?? part.filename);
  const searchParams = {
    action: options.action ?? DEFAULT_DATA_ACTION,
    metadataAction: options.metadataAction ?? DEFAULT_METADATA_ACTION,
    entityTypeId: options.entityTypeId,
    packageId: options.packageId,
    notify: options.notify,
  };
  const url = 'plugin/importwizard/importFile';
  const answer = ctx.http.post(url, { body: form, searchParams, retry: false, ...callOf(options) });
  const href = (await answer.text()).trim();
  let id: string;
  try {
    id = runIdOf(href, ctx.root);
  } catch {
    throw formatError(ctx.http, { method: 'POST', path: url, searchParams, response: await answer }, 'expected the href of a sys_ImportRun', href);
  }
  if (!wait) return { id, href, status: 'RUNNING' };
  const run = await waitForImport(ctx, id, options);
  return { id, href, status: run.status, run };
}
