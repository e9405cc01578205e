// How GraphqlApi reads a request before GraphQL runs: the multipart `variables` field, and the
// document a GET without `query` runs.
import { describe, expect, it } from 'vitest';
import { BASE, useEmx2Simulator } from './helpers.js';

useEmx2Simulator();

describe('multipart GraphQL POST (GraphqlApi#getVariablesFromRequest)', () => {
  it('answers 400 when the `variables` field is missing: Jackson rejects the null content', async () => {
    const form = new FormData();
    form.append('query', '{Pet{name}}');
    const res = await fetch(`${BASE}/pet%20store/graphql`, { method: 'POST', body: form });
    const cause = 'argument "content" is null';
    expect([res.status, await res.json()]).toEqual([
      400,
      { errors: [{ message: `Parsing of graphql variables failed. Should be an object with each graphql variable a key. ${cause}: ${cause}` }] },
    ]);
  });

  it('runs the query when `variables` is given', async () => {
    const form = new FormData();
    form.append('query', '{Pet(filter:{name:{equals:"pooky"}}){name}}');
    form.append('variables', '{}');
    const res = await fetch(`${BASE}/pet%20store/graphql`, { method: 'POST', body: form });
    expect([res.status, await res.json()]).toEqual([200, { data: { Pet: [{ name: 'pooky' }] } }]);
  });
});
