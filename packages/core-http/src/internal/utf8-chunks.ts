// Decode UTF-8 chunk by chunk. A character split across chunks is held back until its last
// byte arrives. Each call decodes only whole characters, which lets TextDecoder take its fast
// non-streaming path (about 3x faster than `{ stream: true }` on Node 20).

function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const b = bytes[n - k]!;
    if (b < 0x80) return n;
    if (b >= 0xc0) {
      const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return size > k ? n - k : n;
    }
    // a continuation byte: look further back for the lead byte
  }
  return n;
}

/** A UTF-8 decoder for a sequence of byte chunks; drops a leading byte-order mark. */
export class Utf8ChunkDecoder {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private tail: Uint8Array | undefined;
  private atStart = true;

  /** Decode the next chunk; pass `undefined` at the end of input to flush what is held back. */
  decode(chunk: Uint8Array | undefined): string {
    let bytes: Uint8Array;
    if (chunk === undefined) {
      if (this.tail === undefined) return '';
      bytes = this.tail; // an incomplete character at the very end: decoded as U+FFFD
      this.tail = undefined;
    } else {
      bytes = chunk;
      if (this.tail !== undefined) {
        bytes = new Uint8Array(this.tail.length + chunk.length);
        bytes.set(this.tail);
        bytes.set(chunk, this.tail.length);
        this.tail = undefined;
      }
      const cut = completeLength(bytes);
      if (cut < bytes.length) {
        this.tail = bytes.slice(cut);
        bytes = bytes.subarray(0, cut);
      }
    }
    if (bytes.length === 0) return '';
    let text = this.decoder.decode(bytes);
    if (this.atStart && text.length > 0) {
      this.atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  }
}
