// The GraphQL escape hatch: data returned, EMX2's 400 errors typed by what they say.
import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  isBioHttpError,
  isConflictError,
  isForbiddenError,
  isNotFoundError,
  NotFoundError,
  ValidationError,
} from '../../src/emx2/index.js';
import { emx2, useEmx2Simulator } from './helpers.js';

const sim = useEmx2Simulator();

async function admin() {
  const client = emx2();
  await client.signin('admin', 'admin');
  return client;
}

describe('schema.graphql', () => {
  it('returns data, with variables', async () => {
    const data = await emx2()
      .schema('pet store')
      .graphql<{ Pet: { name: string }[] }>('query($n: [String]) { Pet(filter: { name: { equals: $n } }) { name } }', { n: ['tom'] });
    expect(data).toEqual({ Pet: [{ name: 'tom' }] });
  });

  it('maps errors: permission → Forbidden, unknown field/schema → NotFound, constraint → Conflict, syntax → BadRequest', async () => {
    const petStore = emx2().schema('pet store');
    const forbidden = await petStore
      .graphql('mutation { save(Pet: { name: "x", category: { name: "cat" }, weight: 1 }) { message } }')
      .catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(ForbiddenError);
    expect(isForbiddenError(forbidden)).toBe(true);
    expect((forbidden as ForbiddenError).status).toBe(400);
    expect((forbidden as ForbiddenError).serviceMessage).toBe("Upsert into table 'Pet' failed: Transaction failed: permission denied for table Pet. ");

    const unknownField = await petStore.graphql('{ Pet { nickname } }').catch((e: unknown) => e);
    expect(unknownField).toBeInstanceOf(NotFoundError);
    const unknownSchema = await emx2()
      .schema('no such')
      .graphql('{ _schema { name } }')
      .catch((e: unknown) => e);
    expect(isNotFoundError(unknownSchema) && unknownSchema.status).toBe(404);

    const client = await admin();
    const duplicate = await client
      .schema('pet store')
      .graphql('mutation { insert(Pet: { name: "pooky", category: { name: "cat" }, weight: 1 }) { message } }')
      .catch((e: unknown) => e);
    expect(isConflictError(duplicate)).toBe(true);
    expect(duplicate).toBeInstanceOf(ConflictError);

    const syntax = await petStore.graphql('{ Pet { name }').catch((e: unknown) => e);
    expect(syntax).toBeInstanceOf(BadRequestError);
    expect(isBioHttpError(syntax) && syntax.serviceMessage).toBe("Invalid syntax with offending token '<EOF>' at line 1 column 15");
  });

  it('never retries a mutation, retries a failed query', async () => {
    const client = emx2({ retry: { limit: 1, delay: 0 } });
    sim.faults.set({ status: 503, every: 2 });
    const from = sim.requests.length;
    await client.schema('pet store').graphql('{ Pet(limit: 1) { name } }');
    await client.schema('pet store').graphql('{ Pet(limit: 1) { name } }'); // the 2nd request fails, the 3rd succeeds
    expect(sim.requests.length - from).toBe(3);
    sim.faults.set({ status: 503 });
    const before = sim.requests.length;
    await expect(client.schema('pet store').graphql('mutation { truncate(tables: ["Pet"]) { message } }')).rejects.toThrow(/503/);
    expect(sim.requests.length - before).toBe(1);
  });

  it('never retries a database-level mutation that starts with a comment', async () => {
    const client = emx2({ retry: { limit: 1, delay: 0 } });
    sim.faults.set({ status: 503 });
    const before = sim.requests.length;
    await expect(client.graphql('# a note\nmutation { signout { message } }')).rejects.toThrow(/503/);
    expect(sim.requests.length - before).toBe(1);
  });

  it('validates the document before sending', async () => {
    const from = sim.requests.length;
    await expect(emx2().schema('pet store').graphql('  ')).rejects.toThrow(ValidationError);
    expect(sim.requests.length).toBe(from);
  });
});
