import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixtureFormatError, formatFixture, loadFixtures, validateFixture } from '../../src/testing/index.js';

const valid = {
  name: 'gene-1017',
  exchanges: [{ request: { method: 'GET', path: '/v3/gene/1017' }, response: { status: 200, body: { json: { _id: '1017' } } } }],
};

describe('loadFixtures', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bio-fixtures-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const put = (file: string, text: string) => {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  };

  it('reads every *.json under the directory, recursively and in path order, from a path or a URL', () => {
    put('b.json', formatFixture({ ...valid, name: 'b' }));
    put('a/c.json', formatFixture({ ...valid, name: 'a-c' }));
    put('notes.txt', 'not a fixture');
    expect(loadFixtures(dir).map((f) => f.name)).toEqual(['a-c', 'b']);
    expect(loadFixtures(pathToFileURL(`${dir}/`)).map((f) => f.name)).toEqual(['a-c', 'b']);
  });

  it('names the file when it is not JSON', () => {
    put('broken.json', '{ "name": "x", ');
    expect(() => loadFixtures(dir)).toThrow(FixtureFormatError);
    expect(() => loadFixtures(dir)).toThrow(/Malformed fixture .*broken\.json: not valid JSON/);
  });

  it('names the file and the field when the shape is wrong', () => {
    put('ok.json', JSON.stringify(valid));
    put('nested/bad-status.json', JSON.stringify({ ...valid, exchanges: [{ request: { method: 'GET', path: '/x' }, response: { status: '200' } }] }));
    expect(() => loadFixtures(dir)).toThrow(/Malformed fixture .*nested[/\\]bad-status\.json: exchanges\[0\]\.response\.status must be an integer HTTP status/);
  });

  it('rejects a missing directory clearly', () => {
    expect(() => loadFixtures(join(dir, 'nope'))).toThrow(/Fixture directory not found/);
  });
});

describe('validateFixture', () => {
  const bad = (value: unknown) => () => validateFixture(value, 'f.json');

  it('checks provenance: recorded needs date, origin and service version; written needs its reference', () => {
    const exchanges = [{ request: { method: 'GET', path: '/x' }, response: { status: 200 } }];
    const written = { name: 'w', provenance: { kind: 'written', from: 'shared/reference/mygene.md' }, exchanges };
    expect(validateFixture(written, 'f.json').provenance).toEqual({ kind: 'written', from: 'shared/reference/mygene.md' });
    const recorded = { kind: 'recorded', date: '2027-01-05T10:00:00.000Z', from: 'https://mygene.info', serviceVersion: '3.2' };
    expect(validateFixture({ name: 'r', provenance: recorded, exchanges }, 'f.json').provenance).toEqual(recorded);
    expect(bad({ name: 'x', provenance: { kind: 'written' }, exchanges })).toThrow(/"provenance" of kind "written" needs "from"/);
    expect(bad({ name: 'x', provenance: { ...recorded, date: 'yesterday' }, exchanges })).toThrow(/needs "date"/);
    expect(bad({ name: 'x', provenance: { ...recorded, serviceVersion: '' }, exchanges })).toThrow(/needs "serviceVersion"/);
    expect(bad({ name: 'x', provenance: { kind: 'guessed', from: 'x' }, exchanges })).toThrow(/"recorded" or "written"/);
  });

  it('accepts every body kind', () => {
    const bodies = [
      { json: null },
      { text: '' },
      { form: { a: '1', b: ['2', '3'] } },
      { xml: '<a/>' },
      { base64: 'AAEC' },
      { multipart: { name: 'x', file: { filename: 'ids.txt', type: 'text/plain', text: '1017\n' } } },
    ];
    for (const body of bodies) {
      expect(() =>
        validateFixture({ name: 'n', exchanges: [{ request: { method: 'POST', path: '/p', body }, response: { status: 200, body } }] }, 'f.json'),
      ).not.toThrow();
    }
  });

  it('explains what is wrong', () => {
    expect(bad([])).toThrow('Malformed fixture f.json: the file must hold a JSON object');
    expect(bad({ exchanges: [] })).toThrow('"name" must be a non-empty string');
    expect(bad({ name: 'n', exchanges: [] })).toThrow('"exchanges" must be a non-empty array');
    expect(bad({ name: 'n', exchanges: [{ request: { method: 'GET', path: 'v3/gene' }, response: { status: 200 } }] })).toThrow(
      'exchanges[0].request.path must be a string starting with "/"',
    );
    expect(bad({ name: 'n', exchanges: [{ request: { method: 'GET', path: '/p', query: { a: 1 } }, response: { status: 200 } }] })).toThrow(
      'exchanges[0].request.query.a must be a string or an array of strings',
    );
    expect(bad({ name: 'n', exchanges: [{ request: { method: 'GET', path: '/p' }, response: { status: 200, body: { json: 1, text: 'x' } } }] })).toThrow(
      'exchanges[0].response.body must have exactly one of json, text, form, xml, base64, multipart (got json, text)',
    );
    expect(bad({ name: 'n', exchanges: [{ request: { method: 'GET', path: '/p' }, response: { status: 200, delayMs: -1 } }] })).toThrow('delayMs');
  });
});
