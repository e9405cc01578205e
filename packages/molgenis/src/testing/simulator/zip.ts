// Just enough of the zip format to read an EMX upload: the central directory, stored and
// deflated entries (node:zlib). No encryption, no zip64.
import { inflateRawSync } from 'node:zlib';

/** The files of a zip archive (name → bytes), or `undefined` when `bytes` is not a readable zip. */
export function unzip(bytes: Uint8Array): Map<string, Uint8Array> | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const files = new Map<string, Uint8Array>();
  const decoder = new TextDecoder();
  try {
    for (let n = 0; n < count; n++) {
      if (view.getUint32(offset, true) !== 0x02014b50) return undefined;
      const method = view.getUint16(offset + 10, true);
      const size = view.getUint32(offset + 20, true);
      const nameLength = view.getUint16(offset + 28, true);
      const extraLength = view.getUint16(offset + 30, true);
      const commentLength = view.getUint16(offset + 32, true);
      const local = view.getUint32(offset + 42, true);
      const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
      offset += 46 + nameLength + extraLength + commentLength;
      if (view.getUint32(local, true) !== 0x04034b50) return undefined;
      const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      const data = bytes.subarray(dataStart, dataStart + size);
      if (name.endsWith('/')) continue;
      if (method === 0) files.set(name, data);
      else if (method === 8) files.set(name, new Uint8Array(inflateRawSync(data)));
      else return undefined;
    }
  } catch {
    return undefined;
  }
  return files;
}
