// The README's quick start (`new MyGene({ email })`) and calls that list fields in another order
// match the recorded fixtures; `strict: true` compares every parameter exactly.
import { isUnmatchedRequestError } from '@bio/core-http/testing';
import { MyGene } from '@bio/mygene';
import { handlers } from '@bio/mygene/testing';
import { setupServer } from 'msw/node';
import { expect, it, vi } from 'vitest';

async function withServer<T>(strict: boolean, run: () => Promise<T>): Promise<T> {
  const server = setupServer(...handlers({ strict }));
  server.listen({ onUnhandledRequest: 'error' });
  const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    return await run();
  } finally {
    stderr.mockRestore();
    server.close();
  }
}

it('matches leniently: email ignored, fields in any order', async () => {
  const gene = await withServer(false, () => new MyGene({ email: 'me@lab.org' }).gene('1017', { fields: ['name', 'symbol'] }));
  expect(gene?.symbol).toBe('CDK2');
});

it('strict: true refuses the same call, naming the parameter', async () => {
  const error = await withServer(true, () => new MyGene({ email: 'me@lab.org' }).gene('1017', { fields: ['name', 'symbol'] }).catch((e: unknown) => e));
  expect(isUnmatchedRequestError(error)).toBe(true);
  expect((error as Error).message).toMatch(/email|fields/);
});
