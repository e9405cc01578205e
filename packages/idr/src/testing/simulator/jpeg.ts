// A real, minimal baseline JPEG (mid-grey, 8-bit greyscale) for the simulator's thumbnails: SOI, JFIF
// APP0, DQT, SOF0, two one-symbol Huffman tables, SOS, the entropy-coded blocks, EOI (also used by
// scripts/generate-fixtures.ts for the recorded thumbnails).

/** A valid greyscale JPEG of `width`×`height` (multiples of 8 keep the scan byte-aligned). */
export function tinyJpeg(width = 96, height = 72): Uint8Array {
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = blocks * 2;
  const scan = new Uint8Array(Math.ceil(bits / 8));
  // All code bits are 0; pad the last byte with 1s as the standard requires.
  const pad = scan.length * 8 - bits;
  if (pad > 0) scan[scan.length - 1] = (1 << pad) - 1;
  const counts = [1, ...new Array<number>(15).fill(0)];
  const parts: number[] = [
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x10,
    0x4a,
    0x46,
    0x49,
    0x46,
    0x00,
    0x01,
    0x01,
    0x00,
    0x00,
    0x01,
    0x00,
    0x01,
    0x00,
    0x00,
    0xff,
    0xdb,
    0x00,
    0x43,
    0x00,
    ...new Array<number>(64).fill(1),
    0xff,
    0xc0,
    0x00,
    0x0b,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x01,
    0x01,
    0x11,
    0x00,
    0xff,
    0xc4,
    0x00,
    0x14,
    0x00,
    ...counts,
    0x00,
    0xff,
    0xc4,
    0x00,
    0x14,
    0x10,
    ...counts,
    0x00,
    0xff,
    0xda,
    0x00,
    0x08,
    0x01,
    0x01,
    0x00,
    0x00,
    0x3f,
    0x00,
    ...scan,
    0xff,
    0xd9,
  ];
  return Uint8Array.from(parts);
}
