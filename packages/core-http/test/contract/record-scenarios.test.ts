// recordScenarios against a loopback node:http service: secrets scrubbed in the written files,
// ordered exchanges kept, a throwing scenario writes nothing.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Fixture, recordScenarios } from '@bio/core-http/testing';

const SECRET = 's3cr3t-t0ken-value';
let server: Server;
let base = '';
let polls = 0;
const dir = mkdtempSync(join(tmpdir(), 'record-scenarios-'));

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/login') {
      response.writeHead(200, { 'content-type': 'application/json', 'set-cookie': `sessionid=${SECRET}; Path=/` });
      response.end(JSON.stringify({ token: SECRET, user: 'ada' }));
    } else if (url.pathname === '/job') {
      polls += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: polls < 3 ? 'RUNNING' : 'DONE', echo: request.headers.authorization ?? '' }));
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

it('writes one scrubbed fixture per scenario, keeps order, and writes nothing for a throwing scenario', async () => {
  const results = await recordScenarios({
    dir,
    scrub: { secrets: [SECRET] },
    scenarios: {
      login: async (fetch) => (await fetch(`${base}/login?token=${SECRET}`, { method: 'POST' })).json(),
      poll: async (fetch) => {
        for (let i = 0; i < 3; i++) await (await fetch(`${base}/job`, { headers: { authorization: `Bearer ${SECRET}` } })).json();
      },
      broken: async (fetch) => {
        await fetch(`${base}/job`);
        throw new Error('boom');
      },
    },
  });
  expect(results.map((r) => [r.name, r.exchanges, r.error])).toEqual([
    ['login', 1, undefined],
    ['poll', 3, undefined],
    ['broken', 1, 'boom'],
  ]);
  expect(results[0]!.bytes).toBeGreaterThan(0);
  expect(results[2]!.bytes).toBe(0);
  expect(existsSync(join(dir, 'broken.json'))).toBe(false);

  const loginText = readFileSync(join(dir, 'login.json'), 'utf8');
  const pollText = readFileSync(join(dir, 'poll.json'), 'utf8');
  expect(loginText).not.toContain(SECRET);
  expect(pollText).not.toContain(SECRET);
  const login = JSON.parse(loginText) as Fixture;
  expect(login.description).toMatch(new RegExp(`^re-recorded \\d{4}-\\d\\d-\\d\\dT.* from ${base}$`));
  expect(login.provenance).toEqual({ kind: 'recorded', date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), from: base, serviceVersion: 'unknown' });
  expect(login.exchanges[0]!.request.query).toEqual({ token: '[REDACTED]' });
  expect(login.exchanges[0]!.response.body).toEqual({ json: { token: '[REDACTED]', user: 'ada' } });
  const poll = JSON.parse(pollText) as Fixture;
  expect(poll.exchanges.map((e) => (e.response.body as { json: { status: string } }).json.status)).toEqual(['RUNNING', 'RUNNING', 'DONE']);
});

it('records only the scenarios named in `only`, and reports unknown names', async () => {
  const results = await recordScenarios({
    dir,
    only: ['one', 'missing'],
    scenarios: { one: (fetch) => fetch(`${base}/nothing`), two: (fetch) => fetch(`${base}/nothing`) },
  });
  expect(results.map((r) => [r.name, r.error])).toEqual([
    ['one', undefined],
    ['missing', 'unknown scenario "missing"'],
  ]);
  expect(existsSync(join(dir, 'two.json'))).toBe(false);
});

it('records a scenario whose first request is a POST given as a Request (its body is read once)', async () => {
  const results = await recordScenarios({
    dir,
    scenarios: {
      'post-first': async (f) => {
        const res = await f(
          new Request(`${base}/login`, { method: 'POST', body: JSON.stringify({ user: 'ada' }), headers: { 'content-type': 'application/json' } }),
        );
        return res.json();
      },
    },
  });
  expect(results).toEqual([expect.objectContaining({ name: 'post-first', exchanges: 1 })]);
  expect(results[0]).not.toHaveProperty('error');
  const fixture = JSON.parse(readFileSync(join(dir, 'post-first.json'), 'utf8')) as Fixture;
  expect(fixture.exchanges[0]?.request).toMatchObject({ method: 'POST', path: '/login', body: { json: { user: 'ada' } } });
  expect(fixture.description).toContain(base);
});
