import { ValidationError } from '@bio/core-http';

/** Whether this runtime can read local files (Node, Bun, Deno's Node layer). */
function hasFileSystem(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

/**
 * The text of a local file (a path or a `file:` URL), or of a `Blob`/`File` anywhere. A path in
 * a browser is a `ValidationError`: there is no file system to read it from.
 */
export async function readText(file: string | URL | Blob, field: string): Promise<string> {
  if (typeof Blob !== 'undefined' && file instanceof Blob) return file.text();
  if (typeof file !== 'string' && !(file instanceof URL)) {
    throw new ValidationError({ message: 'file must be a path, a file: URL or a Blob', field });
  }
  if (file instanceof URL && file.protocol !== 'file:') {
    throw new ValidationError({ message: `file must be a local path or a file: URL, got ${file.protocol} (fetch it and pass { identifiers })`, field });
  }
  if (!hasFileSystem()) {
    throw new ValidationError({
      message: `cannot read the file ${String(file)} here (no file system in a browser): pass a File/Blob as { file } or its text as { identifiers }`,
      field,
    });
  }
  // A computed specifier keeps browser bundlers from resolving a Node built-in.
  const specifier = 'node:fs/promises';
  const fs = (await import(/* @vite-ignore */ specifier)) as { readFile(path: string | URL, encoding: 'utf8'): Promise<string> };
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new ValidationError({ message: `cannot read the identifier file ${String(file)}${code ? ` (${code})` : ''}`, field, cause: error });
  }
}
