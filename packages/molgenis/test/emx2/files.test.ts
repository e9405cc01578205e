// CSV and ZIP: export (text, rows, filter), import, delete; ZIP import as a polled task.
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type Emx2TaskError, isEmx2TaskError, isResponseFormatError, isValidationError, toCsv } from '../../src/emx2/index.js';
import { emx2, useEmx2Simulator } from './helpers.js';

const sim = useEmx2Simulator({ syntheticRows: 300 });

async function admin() {
  const client = emx2();
  await client.signin('admin', 'admin');
  return client;
}

describe('CSV', () => {
  it('exports a table as text with a filter compiled from RSQL', async () => {
    const text = await emx2().schema('pet store').table('Pet').exportCsv({ filter: 'name=in=(spike,smaug)' }).text();
    expect(text).toBe(
      'name,category,photoUrls,status,tags,weight,orders,mg_draft\nspike,dog,,sold,"red,green",15.7,ORDER:e27c852c-29e2-4459-bcf1-98d8907ff77b,\nsmaug,dragon,,,,1500.0,,\n',
    );
    expect(sim.requests.at(-1)?.url.searchParams.get('filter')).toBe('{"name":{"equals":["spike","smaug"]}}');
  });

  it('streams rows parsed as they arrive', async () => {
    const rows: Record<string, string>[] = [];
    for await (const row of emx2().schema('synthetic').table('Sample').exportCsv({ separator: '\t' }).rows()) rows.push(row);
    expect(rows).toHaveLength(300);
    expect(rows[0]).toMatchObject({ id: 'S000001', site: 'Amsterdam', 'measured at': '2020-01-01T00:00', labels: '' });
    expect(rows[1]?.labels).toBe('l1,l1');
  });

  it('streams the raw bytes, and adds the mg_ columns only when asked', async () => {
    const stream = await emx2().schema('pet store').table('Category').exportCsv({ includeSystemColumns: true }).stream();
    const text = await new Response(stream).text();
    expect(text.split('\n')[0]).toBe('name,mg_draft,mg_insertedBy,mg_insertedOn,mg_updatedBy,mg_updatedOn');
    expect(text.split('\n')[1]).toBe('cat,,admin,2026-01-01T00:00,admin,2026-01-01T00:00');
    expect((await emx2().schema('pet store').table('Category').exportCsv().text()).split('\n')[0]).toBe('name,mg_draft');
  });

  it('rejects a truncated CSV instead of half-parsing it', async () => {
    sim.faults.set({ truncate: true });
    const error = await (async () => {
      for await (const _ of emx2().schema('pet store').table('Pet').exportCsv().rows()) void _;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    sim.faults.clear();
  });

  it('imports (upserts) rows or text and deletes by keys', async () => {
    const pets = (await admin()).schema('pet store').table('Pet');
    await pets.importCsv([
      { name: 'rex', category: { name: 'dog' }, weight: 12.5, tags: ['red', 'blue'] },
      { name: 'max, the cat', category: 'cat', weight: 3 },
    ]);
    expect(await pets.get('max, the cat', { columns: ['category', 'weight'] })).toEqual({ category: { name: 'cat' }, weight: 3 });
    expect(await pets.get('rex', { columns: ['tags'] })).toEqual({ tags: [{ name: 'red' }, { name: 'blue' }] });
    expect(await pets.deleteCsv([{ name: 'rex' }, { name: 'ghost' }])).toBe(1);
    await expect(pets.importCsv('name,category,weight\nnemo,whale,1\n')).rejects.toThrow(/Key \(category\)=\(whale\) is not present/);
  });

  it('imports CSV as a server task when async, failing with the task own message', async () => {
    const pets = (await admin()).schema('pet store').table('Pet');
    const task = await pets.importCsv('name,category,weight\nrex,dog,12.5\n', { async: true, interval: 0 });
    expect(task?.status).toBe('COMPLETED');
    expect(sim.requests.some((r) => r.url.pathname === '/pet%20store/api/csv' && r.headers.get('fileName') === 'Pet' && r.url.searchParams.has('async'))).toBe(
      true,
    );
    expect(await pets.count('name==rex')).toBe(1);
    const failed = await pets.importCsv('name,category,weight\nnemo,whale,1\n', { async: true, interval: 0 }).catch((e: unknown) => e);
    expect(isEmx2TaskError(failed) && failed.task.description).toMatch(/^Import failed: .*whale/);
  });

  it('a failed poll keeps its type and names the task the server is still running', async () => {
    const client = await admin();
    // The upload is answered; every _tasks poll after it fails with a status no retry covers.
    const failing = emx2({
      token: undefined,
      hooks: {
        afterResponse: [
          async ({ request }: { request: Request }) =>
            request.method === 'POST' && new URL(request.url).pathname === '/api/graphql' && (await request.clone().text()).includes('_tasks')
              ? new Response('{"errors":[{"message":"request too large"}]}', { status: 413, headers: { 'content-type': 'application/json' } })
              : undefined,
        ],
      },
    });
    await failing.signin('admin', sim.users.admin?.password ?? '');
    const error = await failing
      .schema('pet store')
      .table('Pet')
      .importCsv('name,category,weight\nrex,dog,12.5\n', { async: true, interval: 0 })
      .catch((e: unknown) => e);
    const [id] = [...sim.state.tasks.keys()];
    expect(error).toMatchObject({ name: 'BioHttpError', status: 413, message: expect.stringContaining(`EMX2 task ${id}`) });
    expect((error as Error).message).toContain(`waitForTask('${id}')`);
    // Waiting again (the task ended meanwhile) answers it.
    expect((await client.waitForTask(id!)).status).toBe('COMPLETED');
  });

  it('sends array elements as the server reads them, and refuses before any request what it would change', async () => {
    const pets = (await admin()).schema('pet store').table('Pet');
    await pets.importCsv([{ name: 'fido', category: 'dog', weight: 7, photoUrls: ['https://x/a,b.jpg', 'https://x/c.jpg'] }]);
    expect(await pets.get('fido', { columns: ['photoUrls'] })).toEqual({ photoUrls: ['https://x/a,b.jpg', 'https://x/c.jpg'] });
    await pets.importCsv([{ name: 'quoted', category: 'dog', weight: 7, photoUrls: ['say "hi"', 'x'] }]); // balanced quotes split as sent
    expect(await pets.get('quoted', { columns: ['photoUrls'] })).toEqual({ photoUrls: ['say "hi"', 'x'] });
    const sent = sim.requests.length;
    for (const [photoUrls, at] of [
      [['a"b', 'c'], 0],
      [['x', ''], 1],
      [[' padded'], 0],
      [['a', null], 1],
    ] as const) {
      const error = await pets.importCsv([{ name: 'fido', category: 'dog', weight: 7, photoUrls }]).catch((e: unknown) => e);
      expect(isValidationError(error)).toBe(true);
      expect((error as { field?: string }).field).toBe(`rows[0].photoUrls[${at}]`);
      expect((error as Error).message).toContain('table.save()');
    }
    expect(sim.requests.length).toBe(sent);
  });

  it('writes EMX2 CSV: arrays comma-joined and quoted, references as their key', () => {
    expect(toCsv([{ a: 'x,y', b: ['p', 'q,r'], c: { name: 'k' } }, { d: 1 }])).toBe('a,b,c,d\n"x,y","p,""q,r""",k,\n,,,1\n');
  });
});

describe('ZIP and tasks', () => {
  it('exports a schema and imports it back as a task, reporting progress', async () => {
    const client = await admin();
    const zip = await client.schema('pet store').exportZip();
    expect(Object.keys(unzipSync(zip))).toContain('Pet.csv');
    const edited = unzipSync(zip);
    edited['Category.csv'] = strToU8('name\nfish\n');
    const polls: string[] = [];
    const task = await client.schema('pet store').importZip(zipSync(edited), { interval: 0, onProgress: (p) => polls.push(p.task.status) });
    expect(task?.status).toBe('COMPLETED');
    expect(polls).toEqual(['RUNNING', 'COMPLETED']);
    expect(await client.schema('pet store').table('Category').count('name==fish')).toBe(1);
  });

  it('an async ZIP import (one transaction on the server) shows none of its rows until the task ends', async () => {
    const client = await admin();
    const categories = client.schema('pet store').table('Category');
    expect(await categories.count('name==fish')).toBe(0); // metadata loaded: a count below is one request
    const whileRunning: Promise<number>[] = [];
    const outcomes: unknown[] = [];
    const task = await client.schema('pet store').importZip(zipSync({ 'Category.csv': strToU8('name\nfish\n') }), {
      interval: 150, // the count below is answered long before the next poll
      onProgress: (p) => {
        if (p.task.status === 'RUNNING') whileRunning.push(categories.count('name==fish'));
        outcomes.push(sim.state.tasks.get(p.task.id)?.outcome);
      },
    });
    expect(task?.status).toBe('COMPLETED');
    expect(await Promise.all(whileRunning)).toEqual([0]);
    expect(await categories.count('name==fish')).toBe(1);
    // The simulator's state decides the outcome only when the work runs, as the task ends.
    expect(outcomes).toEqual([undefined, expect.objectContaining({ status: 'COMPLETED', description: expect.stringMatching(/completed in \d+ms$/) })]);
  });

  it('fails with the task own message, and writes nothing of the file (one transaction)', async () => {
    const client = await admin();
    const bad = zipSync({ 'Category.csv': strToU8('name\nfish\n'), 'Pet.csv': strToU8('name,category,weight\nnemo,whale,1\n') });
    const error = await client
      .schema('pet store')
      .importZip(bad, { interval: 0 })
      .catch((e: unknown) => e);
    expect(isEmx2TaskError(error)).toBe(true);
    expect((error as Emx2TaskError).task.status).toBe('ERROR');
    expect((error as Emx2TaskError).message).toMatch(/ended ERROR: Import failed: Upsert into table 'Pet' failed.*whale/);
    expect(await client.schema('pet store').table('Category').count('name==fish')).toBe(0);
  });

  it('imports synchronously when async is false, and checks the file name first', async () => {
    const client = await admin();
    expect(await client.schema('pet store').importZip(zipSync({ 'Category.csv': strToU8('name\nfish\n') }), { async: false })).toBeUndefined();
    await expect(client.schema('pet store').importZip(new Uint8Array(), { fileName: 'x.txt' })).rejects.toThrow(/\.zip or \.xlsx/);
    expect(isResponseFormatError(new Error())).toBe(false);
  });

  it('sends an upper-case .ZIP name with a lower-case extension (ZipApi#postZip tests endsWith(".zip"))', async () => {
    const client = await admin();
    const task = await client.schema('pet store').importZip(zipSync({ 'Category.csv': strToU8('name\nfish\n') }), { fileName: 'PETS.ZIP', interval: 0 });
    expect(task?.status).toBe('COMPLETED');
    expect(await client.schema('pet store').table('Category').count('name==fish')).toBe(1);
  });
});
