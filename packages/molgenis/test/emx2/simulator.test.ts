// The EMX2 simulator answers as EMX2 does (reference §3, §5–§10, §14), through plain fetch.
import { strFromU8, unzipSync, zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createEmx2Simulator } from '../../src/testing/index.js';
import { BASE, rawGraphql, useEmx2Simulator } from './helpers.js';

const sim = useEmx2Simulator();

async function token(user = 'admin', password = 'admin'): Promise<string> {
  const r = await rawGraphql('api/graphql', 'mutation($e:String,$p:String){signin(email:$e,password:$p){status message token}}', { e: user, p: password });
  return r.body.data.signin.token;
}

describe('transport and answers', () => {
  it('pretty-prints like Jackson and leaves out null fields', async () => {
    const r = await rawGraphql('pet%20store/graphql', '{Pet(filter:{name:{equals:"pooky"}}){name tags{name} weight}}');
    expect(r.status).toBe(200);
    expect(r.text).toBe('{\n  "data" : {\n    "Pet" : [\n      {\n        "name" : "pooky",\n        "weight" : 9.4\n      }\n    ]\n  }\n}');
  });

  it('prints empty lists and objects with a space, as Jackson does', async () => {
    expect((await rawGraphql('api/graphql', '{_settings{key value}}')).text).toBe('{\n  "data" : {\n    "_settings" : [ ]\n  }\n}');
  });

  it('answers an empty result without the table key, and prints whole doubles Java-style', async () => {
    expect((await rawGraphql('pet%20store/graphql', '{Pet(filter:{name:{equals:"nobody"}}){name}}')).text).toBe('{\n  "data" : { }\n}');
    expect((await rawGraphql('pet%20store/graphql', '{Pet(filter:{name:{equals:"smaug"}}){weight}}')).text).toContain('"weight" : 1500.0');
  });

  it('returns LONG as strings and ref arrays in the referenced table order', async () => {
    const r = await rawGraphql(
      'pet%20store/graphql',
      '{Order(orderby:{quantity:DESC}){quantity pet{name}} Pet(filter:{name:{equals:"fire ant"}}){tags{name}}}',
    );
    expect(r.body.data.Order.map((o: { quantity: unknown }) => o.quantity)).toEqual(['7', '1']);
    expect(r.body.data.Pet[0].tags.map((t: { name: string }) => t.name)).toEqual(['red', 'green', 'purple']);
  });

  it('refuses a POST without Content-Type and a mutation over GET', async () => {
    const noType = await fetch(`${BASE}/api/graphql`, { method: 'POST', body: new Blob([JSON.stringify({ query: '{_manifest{ImplementationVersion}}' })]) });
    expect(noType.status).toBe(400);
    const get = await fetch(`${BASE}/api/graphql?query=${encodeURIComponent('mutation{signout{status}}')}`);
    expect(get.status).toBe(400);
    expect((await get.json()).errors[0].message).toMatch(/Only query operations are allowed via HTTP GET/);
  });

  it('answers 404 for an unknown schema and for an unknown endpoint', async () => {
    const r = await rawGraphql('nope/graphql', '{_schema{name}}');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ errors: [{ message: "Schema 'nope' unknown. Might you need to sign in or ask permission?" }] });
    expect((await fetch(`${BASE}/api/v2/Pet`)).status).toBe(404);
  });

  it('turns GraphQL errors into HTTP 400 {"errors":[{message}]}', async () => {
    const unknown = await rawGraphql('pet%20store/graphql', '{Pet{nickname}}');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ errors: [{ message: "Validation error (FieldUndefined@[Pet/nickname]) : Field 'nickname' in type 'Pet' is undefined" }] });
    const syntax = await rawGraphql('pet%20store/graphql', '{Pet{name}');
    expect(syntax.body.errors[0].message).toBe("Invalid syntax with offending token '<EOF>' at line 1 column 11");
    const twoOps = await rawGraphql('pet%20store/graphql', '{Pet{name}} {Tag{name}}');
    expect(twoOps.body.errors[0].message).toMatch(/multiple operations/);
  });

  it('reports a validation error of a later field before a resolver failure of an earlier one (validation runs first)', async () => {
    // Anonymous: _tasks would fail while resolving, but graphql-java never runs it, the document being invalid.
    const r = await rawGraphql('pet%20store/graphql', '{_tasks{id} Pet{nickname}}');
    expect([r.status, r.body]).toEqual([
      400,
      { errors: [{ message: "Validation error (FieldUndefined@[Pet/nickname]) : Field 'nickname' in type 'Pet' is undefined" }] },
    ]);
  });
});

describe('sign-in and tokens', () => {
  it('answers a failed sign-in with 200 and status FAILED', async () => {
    const r = await rawGraphql('api/graphql', 'mutation{signin(email:"admin",password:"wrong"){status message token}}');
    expect(r.status).toBe(200);
    expect(r.body.data.signin).toEqual({ status: 'FAILED', message: "Sign in as 'admin' failed: user or password unknown" });
  });

  it('refuses a bad token on every endpoint instead of falling back to anonymous', async () => {
    const forged = await rawGraphql('pet%20store/graphql', '{Pet{name}}', undefined, { 'x-molgenis-token': 'a.b.c' });
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0].message).toBe('Invalid token or token expired');
    const garbage = await fetch(`${BASE}/pet%20store/api/csv/Pet`, { headers: { 'x-molgenis-token': 'garbage' } });
    expect((await garbage.json()).errors[0].message).toMatch(/Missing part delimiters/);
  });

  it('knows the signed-in user from the token and creates named tokens', async () => {
    const t = await token();
    const s = await rawGraphql('api/graphql', '{_session{email}}', undefined, { 'x-molgenis-token': t });
    expect(s.body.data._session.email).toBe('admin');
    const named = await rawGraphql('api/graphql', 'mutation{createToken(email:"admin",tokenName:"ci"){status message token}}', undefined, {
      'x-molgenis-token': t,
    });
    expect(named.body.data.createToken.message).toBe("Token 'ci' created for user 'admin'");
    const anonymous = await rawGraphql('api/graphql', 'mutation{createToken(email:"admin",tokenName:"x"){status}}');
    expect(anonymous.body.errors[0].message).toMatch(/FieldUndefined/);
  });
});

describe('reads', () => {
  it('filters, searches, orders, pages and counts', async () => {
    const q = `query($f: SampleFilter) { Sample(filter: $f, orderby: [{value: DESC}, {id: ASC}], limit: 3, offset: 2) { id value } Sample_agg(filter: $f) { count } }`;
    const r = await rawGraphql('synthetic/graphql', q, { f: { flag: { equals: true }, index: { between: [0, 299] } } });
    expect(r.body.data.Sample_agg.count).toBe(100);
    expect(r.body.data.Sample).toHaveLength(3);
    const values = r.body.data.Sample.map((s: { value: number }) => s.value);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    const search = await rawGraphql('pet%20store/graphql', '{Pet(search:"caterpillar"){name}}');
    expect(search.body.data.Pet).toEqual([{ name: 'the very hungry caterpillar' }]);
  });

  it('rejects two operators on one column and an unknown filter field', async () => {
    const two = await rawGraphql('pet%20store/graphql', '{Pet(filter:{weight:{equals:1, between:[0,2]}}){name}}');
    expect(two.body.errors[0].message).toBe('Exception while fetching data (/Pet) : Can only have one operator, found multiple for weight');
    const foo = await rawGraphql('pet%20store/graphql', '{Pet(filter:{foo:{equals:1}}){name}}');
    expect(foo.body.errors[0].message).toMatch(/contains a field not in 'PetFilter': 'foo'/);
  });

  it('includes nulls in not_equals and excludes them from not_like', async () => {
    const ne = await rawGraphql('pet%20store/graphql', '{Pet(filter:{status:{not_equals:"available"}}){name}}');
    expect(ne.body.data.Pet.map((p: { name: string }) => p.name).sort()).toEqual(['smaug', 'spike', 'yakul']);
    const nl = await rawGraphql('pet%20store/graphql', '{Pet(filter:{status:{not_like:"avail"}}){name}}');
    expect(nl.body.data.Pet).toEqual([{ name: 'spike' }]);
  });
});

describe('mutations', () => {
  it('inserts, then refuses a duplicate, a missing required column, and anonymous writes', async () => {
    const t = { 'x-molgenis-token': await token() };
    const ins = await rawGraphql(
      'pet%20store/graphql',
      'mutation($r:[PetInput]){insert(Pet:$r){status message}}',
      { r: [{ name: 'rex', category: { name: 'dog' }, weight: 12.5 }] },
      t,
    );
    expect(ins.body.data.insert).toEqual({ status: 'SUCCESS', message: 'inserted 1 records to Pet\n' });
    const dup = await rawGraphql(
      'pet%20store/graphql',
      'mutation($r:[PetInput]){insert(Pet:$r){message}}',
      { r: [{ name: 'rex', category: { name: 'dog' }, weight: 1 }] },
      t,
    );
    expect(dup.body.errors[0].message).toBe(
      `Update into table 'Pet' failed.: Transaction failed: duplicate key value violates unique constraint "Pet_KEY1". Details: Key (name)=(rex) already exists.`,
    );
    const upd = await rawGraphql('pet%20store/graphql', 'mutation{update(Pet:{name:"rex", weight: 13}){message}}', undefined, t);
    expect(upd.body.errors[0].message).toMatch(/^Update into table 'Pet' failed.: Transaction failed: column 'category' is required in ROW\(/);
    const anon = await rawGraphql('pet%20store/graphql', 'mutation{save(Pet:{name:"x", category:{name:"cat"}, weight: 1}){message}}');
    expect(anon.body.errors[0].message).toBe("Upsert into table 'Pet' failed: Transaction failed: permission denied for table Pet. ");
  });

  it('refuses deleting a referenced row and counts missing keys as nothing', async () => {
    const t = { 'x-molgenis-token': await token() };
    const ref = await rawGraphql('pet%20store/graphql', 'mutation{delete(Pet:{name:"pooky"}){message}}', undefined, t);
    expect(ref.body.errors[0].message).toMatch(
      /^Delete into table Pet failed: Transaction failed: update or delete on table "Pet" violates foreign key constraint "Order.pet REFERENCES Pet"/,
    );
    const gone = await rawGraphql('pet%20store/graphql', 'mutation{delete(Pet:[{name:"ghost"}]){message}}', undefined, t);
    expect(gone.body.data.delete.message).toBe('delete 0 records from Pet\n');
  });

  it('keeps earlier tables of a failing mutation written (one transaction per table)', async () => {
    const t = { 'x-molgenis-token': await token() };
    const r = await rawGraphql(
      'pet%20store/graphql',
      'mutation{save(Category:{name:"fish"}, Pet:{name:"nemo", category:{name:"whale"}, weight:1}){message}}',
      undefined,
      t,
    );
    expect(r.status).toBe(400);
    expect(
      sim.state.schemas
        .get('pet store')
        ?.tables.find((x) => x.name === 'Category')
        ?.rows.some((row) => row.name === 'fish'),
    ).toBe(true);
  });
});

describe('CSV, ZIP and tasks', () => {
  it('downloads a table as CSV with names, refs as keys and a filter', async () => {
    const r = await fetch(`${BASE}/pet%20store/api/csv/Pet?filter=${encodeURIComponent('{"name":{"equals":["spike","smaug"]}}')}`);
    expect(r.headers.get('content-type')).toBe('text/csv;charset=utf-8');
    expect(await r.text()).toBe(
      'name,category,photoUrls,status,tags,weight,orders,mg_draft\nspike,dog,,sold,"red,green",15.7,ORDER:e27c852c-29e2-4459-bcf1-98d8907ff77b,\nsmaug,dragon,,,,1500.0,,\n',
    );
  });

  it('writes cells as the server does: a FILE as <name> and <name>_filename, array elements unescaped, every cell trimmed', async () => {
    const user = sim.state.schemas.get('pet store')?.tables.find((t) => t.name === 'User');
    user?.rows.push({ username: 'pic', picture: { id: 'f1', filename: 'me.png' }, firstName: '  Ann  ', pets: ['spike'] });
    const pet = sim.state.schemas.get('pet store')?.tables.find((t) => t.name === 'Pet');
    pet?.rows.push({ name: 'odd', category: 'cat', weight: 1, photoUrls: ['a,b', '5"', ' c '] });
    const users = await (await fetch(`${BASE}/pet%20store/api/csv/User`)).text();
    expect(users.split('\n')[0]).toBe('username,firstName,lastName,picture,picture_filename,email,password,phone,userStatus,pets,street,mg_draft');
    expect(users).toContain('\npic,Ann,,f1,me.png,,,,,spike,,\n');
    const pets = await (await fetch(`${BASE}/pet%20store/api/csv/Pet?filter=${encodeURIComponent('{"name":{"equals":["odd"]}}')}`)).text();
    // `"a,b",5", c` (joinCsvString, then trimmed), quoted as a whole by the CSV writer
    expect(pets.split('\n')[1]).toBe('odd,cat,"""a,b"",5"", c",,,1.0,,');
  });

  it('imports CSV (upsert, answers null) and deletes by keys (answers the count)', async () => {
    const t = { 'x-molgenis-token': await token() };
    const up = await fetch(`${BASE}/pet%20store/api/csv/Pet`, { method: 'POST', headers: t, body: 'name,category,weight\nrex,dog,12.5\nmax,cat,3\n' });
    expect([up.status, await up.text()]).toEqual([200, 'null']);
    const del = await fetch(`${BASE}/pet%20store/api/csv/Pet`, { method: 'DELETE', headers: t, body: 'name\nrex\nghost\n' });
    expect(await del.text()).toBe('1');
  });

  it('round-trips a ZIP, and runs an async import as a task polled by _tasks(id:)', async () => {
    const t = { 'x-molgenis-token': await token() };
    const zip = new Uint8Array(await (await fetch(`${BASE}/pet%20store/api/zip`, { headers: t })).arrayBuffer());
    expect(Object.keys(unzipSync(zip)).sort()).toEqual(['Category.csv', 'Order.csv', 'Pet.csv', 'Tag.csv', 'User.csv', 'molgenis.csv']);
    const bad = zipSync({ 'Pet.csv': strToU8('name,category,weight\nnemo,whale,1\n') });
    const form = new FormData();
    form.append('file', new Blob([bad]), 'bad.zip');
    const started = await fetch(`${BASE}/pet%20store/api/zip?async=true`, { method: 'POST', headers: t, body: form });
    const { id } = await started.json();
    const poll = () => rawGraphql('api/graphql', `{_tasks(id:"${id}"){status description}}`);
    expect((await poll()).body.data._tasks[0].status).toBe('RUNNING');
    const done = (await poll()).body.data._tasks[0];
    expect(done.status).toBe('ERROR');
    expect(done.description).toMatch(/^Import failed: Upsert into table 'Pet' failed: .*Key \(category\)=\(whale\) is not present/);
    expect(strFromU8(unzipSync(zip)['Pet.csv']!)).toContain('pooky,cat');
  });
});

it('generates the synthetic table deterministically', () => {
  const a = createEmx2Simulator({ syntheticRows: 10 }).state.schemas.get('synthetic')!.tables[0]!.rows;
  const b = createEmx2Simulator({ syntheticRows: 10 }).state.schemas.get('synthetic')!.tables[0]!.rows;
  expect(a).toEqual(b);
  expect(a).toHaveLength(10);
});
