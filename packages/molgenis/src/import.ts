import { AbortError, path, ResponseFormatError, TimeoutError, ValidationError } from '@bio/core-http';
import { MolgenisImportError } from './errors.js';
import { type Context, signalOf } from './internal/context.js';
import { toFilePart } from './internal/files.js';
import { lastSegment } from './internal/url.js';
import { assertId, assertInteger } from './internal/validate.js';
import type { FileInput, ImportJob, ImportRun, UploadZipOptions, WaitOptions } from './types.js';

const DEFAULT_POLL_MS = 1000;
const DEFAULT_TIMEOUT_MS = 600_000;

/** Sleep that ends early (rejecting) when the signal aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError({ service: 'molgenis', message: 'import polling aborted', cause: signal.reason }));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortError({ service: 'molgenis', message: 'import polling aborted', cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The run id from `/api/v2/sys_ImportRun/<id>` or a bare id. */
function runIdOf(idOrHref: string, root: string): string {
  if (idOrHref.includes('/')) {
    const id = lastSegment(idOrHref, root);
    if (id === undefined || id === '' || !/sys_ImportRun\/[^/]+\/?$/.test(new URL(idOrHref.trim(), root).pathname)) {
      throw new ValidationError({ message: `not a sys_ImportRun href: ${idOrHref}`, field: 'run' });
    }
    return id;
  }
  return idOrHref;
}

/**
 * Every state of an import run, polled until it leaves `RUNNING` (an async generator, so a
 * caller can show progress). Throws `TimeoutError` after `timeoutMs`.
 */
export async function* importRunStates(ctx: Context, idOrHref: string, options: WaitOptions = {}): AsyncGenerator<ImportRun> {
  assertId(idOrHref, 'run');
  const id = runIdOf(String(idOrHref), ctx.root);
  const interval = options.pollIntervalMs ?? DEFAULT_POLL_MS;
  assertInteger(interval, 'pollIntervalMs', 0);
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  assertInteger(timeout, 'timeoutMs', 0);
  const deadline = Date.now() + timeout;
  const url = path`api/v2/sys_ImportRun/${id}`;
  for (;;) {
    const run = await ctx.http.get(url, signalOf(options)).json<ImportRun>();
    if (typeof run !== 'object' || run === null || typeof run.status !== 'string') {
      throw new ResponseFormatError({ service: 'molgenis', method: 'GET', url: ctx.http.url(url), message: `GET ${url}: the import run has no status` });
    }
    yield run;
    if (run.status !== 'RUNNING') return;
    if (Date.now() + interval > deadline) {
      throw new TimeoutError({ service: 'molgenis', method: 'GET', url: ctx.http.url(url), message: `import run ${id} still RUNNING after ${timeout} ms (the import goes on on the server)` });
    }
    await sleep(interval, options.signal);
  }
}

/** Poll until the run finishes; throws {@link MolgenisImportError} on `FAILED`. */
export async function waitForImport(ctx: Context, idOrHref: string, options: WaitOptions = {}): Promise<ImportRun> {
  let last: ImportRun | undefined;
  for await (const run of importRunStates(ctx, idOrHref, options)) last = run;
  const run = last as ImportRun;
  if (run.status === 'FAILED') throw new MolgenisImportError(run, { status: 0 });
  if (run.status !== 'FINISHED') {
    throw new ResponseFormatError({ service: 'molgenis', message: `import run ${run.id} ended with unknown status ${JSON.stringify(run.status)}` });
  }
  return run;
}

/** `POST /plugin/importwizard/importFile` (multipart `file`), then poll `sys_ImportRun`. */
export async function uploadZip(ctx: Context, zip: FileInput, options: UploadZipOptions = {}): Promise<ImportJob> {
  const wait = options.wait ?? true;
  if (options.pollIntervalMs !== undefined) assertInteger(options.pollIntervalMs, 'pollIntervalMs', 0);
  if (options.timeoutMs !== undefined) assertInteger(options.timeoutMs, 'timeoutMs', 0);
  if (options.filename !== undefined && (typeof options.filename !== 'string' || options.filename === '')) {
    throw new ValidationError({ message: 'filename must be a non-empty string such as "emx.zip"', field: 'filename' });
  }
  const part = await toFilePart(zip, 'zip', 'upload.zip');
  const form = new FormData();
  form.append('file', part.blob, options.filename ?? part.filename);
  const searchParams = {
    action: options.action,
    metadataAction: options.metadataAction,
    entityTypeId: options.entityTypeId,
    packageId: options.packageId,
    notify: options.notify,
  };
  const url = 'plugin/importwizard/importFile';
  const href = (await ctx.http.post(url, { body: form, searchParams, retry: false, ...signalOf(options) }).text()).trim();
  let id: string;
  try {
    id = runIdOf(href, ctx.root);
  } catch {
    throw new ResponseFormatError({
      service: 'molgenis',
      method: 'POST',
      url: ctx.http.url(url),
      snippet: href.slice(0, 300),
      message: `POST ${url}: expected the href of a sys_ImportRun, got ${JSON.stringify(href.slice(0, 100))}`,
    });
  }
  if (!wait) return { id, href, status: 'RUNNING' };
  const run = await waitForImport(ctx, id, options);
  return { id, href, status: run.status, run };
}
