// A file upload of the batch API (`POST /{schema}/api/zip`, `/api/excel`): the bytes checked before
// anything is sent, sent as the multipart part `file`, then — with `?async` — the task polled.
import { path, ValidationError } from '@bio/core-http';
import { formatError, jsonSnippet } from '../../internal/format-error.js';
import { waitForTask } from '../tasks.js';
import type { Emx2Task, TaskWaitOptions } from '../types.js';
import { callOf, type Ctx } from './context.js';

/** A ZIP's first bytes (a local file header). An .xlsx is a ZIP too. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * Refuse, before any request, what cannot be the file: not bytes, no bytes, a name with another
 * extension, or bytes that do not start as a ZIP does (`PK\x03\x04`).
 */
export async function checkUpload(file: unknown, fileName: string, field: string, extensions: readonly string[], what: string): Promise<void> {
  if (typeof fileName !== 'string' || !extensions.some((e) => fileName.toLowerCase().endsWith(e)))
    throw new ValidationError({ message: `fileName must end ${extensions.join(' or ')}, got "${String(fileName)}"`, field: 'fileName' });
  if (!(file instanceof Uint8Array) && !(file instanceof Blob)) throw new ValidationError({ message: `${field} must be a Uint8Array or a Blob`, field });
  const size = file instanceof Blob ? file.size : file.byteLength;
  if (size === 0) throw new ValidationError({ message: `${field} is empty: ${what} has at least one entry`, field });
  const head = file instanceof Blob ? new Uint8Array(await file.slice(0, 4).arrayBuffer()) : file.subarray(0, 4);
  if (!ZIP_MAGIC.every((b, i) => head[i] === b))
    throw new ValidationError({ message: `${field} is not ${what}: it does not start with a ZIP signature (PK\\x03\\x04)`, field });
}

/** POST the file as the multipart part `file`; with `async` (default) poll the task until it ends. */
export async function postUpload(
  ctx: Ctx,
  schema: string,
  api: 'zip' | 'excel',
  file: Uint8Array | Blob,
  fileName: string,
  options: TaskWaitOptions & { async?: boolean | undefined },
): Promise<Emx2Task | undefined> {
  const form = new FormData();
  form.append('file', file instanceof Blob ? file : new Blob([file as Uint8Array<ArrayBuffer>]), fileName);
  const async = options.async ?? true;
  const url = path`${schema}/api/${api}`;
  const searchParams: Record<string, string> = async ? { async: 'true' } : {};
  const response = ctx.http.post(url, { body: form, searchParams, retry: false, ...callOf(options) });
  if (!async) {
    await response.text(); // `Import success in 123ms`
    return undefined;
  }
  const reference = await response.json<{ id?: unknown }>();
  if (typeof reference?.id !== 'string')
    throw formatError(
      ctx.http,
      { method: 'POST', path: url, searchParams, response: await response },
      'the async import answered no task id',
      jsonSnippet(reference),
    );
  return waitForTask(ctx, reference.id, options);
}
