import { type Exchange, formatError } from './internal/json.js';

/**
 * True when `bytes` look like a complete JPEG: SOI marker `FF D8 FF` at the start and the EOI
 * marker `FF D9` at the end (trailing zero padding tolerated).
 *
 * @example
 * ```ts
 * isJpeg(await idr.thumbnail(1229801)); // true
 * ```
 */
export function isJpeg(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return false;
  let end = bytes.length;
  while (end > 2 && bytes[end - 1] === 0x00) end--;
  return bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9;
}

/** Throw a ResponseFormatError (naming the exchange `at`) unless `bytes` are a complete JPEG. */
export function assertJpeg(bytes: Uint8Array, at: Exchange, contentType?: string): Uint8Array {
  if (isJpeg(bytes)) return bytes;
  const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  const text = new TextDecoder().decode(bytes.subarray(0, 200));
  throw formatError(at, `expected a JPEG (FF D8 … FF D9), got ${bytes.length} bytes starting ${head || '(empty)'}`, { contentType, snippet: text });
}
