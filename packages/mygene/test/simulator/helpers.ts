import { createSimulator, type MyGeneSimulator, type MyGeneSimulatorOptions, type SimGene } from '@bio/mygene/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** A simulator behind msw for one test file (unmatched requests fail); state, faults and the log are reset after each test. */
export function useSimulator(options: MyGeneSimulatorOptions = {}): MyGeneSimulator {
  const sim = createSimulator(options);
  const server = setupServer(...sim.handlers());
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => sim.reset());
  afterAll(() => server.close());
  return sim;
}

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

/** {@link raw} of a POST with a JSON body. */
export function postJson(path: string, body: unknown): ReturnType<typeof raw> {
  return raw(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
