import type { SimGene } from '@bio/mygene/testing';

/** `n` synthetic human genes whose names contain `word` (ids 900000…), for paging and scroll tests. */
export function syntheticGenes(n: number, word = 'brain', start = 900_000): SimGene[] {
  return Array.from({ length: n }, (_, i) => ({
    _id: String(start + i),
    entrezgene: String(start + i),
    symbol: `SYN${i}`,
    name: `synthetic ${word} gene ${i}`,
    taxid: 9606,
  }));
}

/** Raw fetch against the simulator's default origin, returning status, content type and parsed body. */
export async function raw(path: string, init?: RequestInit): Promise<{ status: number; type: string; body: unknown }> {
  const response = await fetch(`https://mygene.info/v3/${path}`, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, type: response.headers.get('content-type') ?? '', body };
}
