import { ValidationError } from '@bio/core-http';
import type { FileInput } from '../types.js';

async function readAll(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  if (typeof (source as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    return chunks;
  }
  for await (const chunk of source as AsyncIterable<Uint8Array>) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
  return chunks;
}

function isFileLike(value: unknown): value is Blob & { name?: string } {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

/**
 * A multipart file part from a {@link FileInput}. Streams are read into memory: `FormData`
 * needs a `Blob`, and MOLGENIS needs the length of the part anyway.
 */
export async function toFilePart(input: FileInput, field: string, defaultName: string): Promise<{ blob: Blob; filename: string }> {
  if (isFileLike(input)) {
    const name = typeof input.name === 'string' && input.name !== '' ? input.name : defaultName;
    return { blob: input, filename: name };
  }
  if (typeof input !== 'object' || input === null || !('data' in input)) {
    throw new ValidationError({ message: `${field} must be a Blob/File or { name, data }`, field });
  }
  if (typeof input.name !== 'string' || input.name === '') throw new ValidationError({ message: `${field}.name must be a non-empty file name`, field });
  const type = input.type ?? 'application/octet-stream';
  const { data } = input;
  let blob: Blob;
  if (isFileLike(data)) blob = data.type === '' && input.type !== undefined ? new Blob([data], { type }) : data;
  else if (data instanceof Uint8Array) blob = new Blob([data as Uint8Array<ArrayBuffer>], { type });
  else if (data instanceof ArrayBuffer) blob = new Blob([data], { type });
  else if (typeof data === 'object' && data !== null && (Symbol.asyncIterator in data || 'getReader' in data)) {
    blob = new Blob((await readAll(data as ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>)) as Uint8Array<ArrayBuffer>[], { type });
  } else {
    throw new ValidationError({ message: `${field}.data must be a Blob, Uint8Array, ArrayBuffer, ReadableStream or async iterable of bytes`, field });
  }
  return { blob, filename: input.name };
}

/** A form field value as MOLGENIS' form binding reads it: lists comma-joined, null/undefined left out. */
export function formValue(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => formValue(v, field) ?? '').join(',');
  throw new ValidationError({ message: `${field}: only strings, numbers, booleans, dates and lists can be sent next to files`, field });
}
