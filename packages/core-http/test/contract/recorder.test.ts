// Record against a loopback node:http service, write the fixture, reload it, replay it through msw
// with the same calls, and check the responses are the same and no secret reached the file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureServer, createRecorder, type FixtureServer, loadFixtures } from '../../src/testing/index.js';

const CANARIES = {
  tokenHeader: 'tokhdr-2f9c1a7e5b',
  molgenisToken: 'molgtok-8d3e6f1a2c',
  sessionCookie: 'sessid-b4c7e9d2f1a0',
  csrfCookie: 'csrfck-7a1d3c5e9b2f',
  csrfHeader: 'csrfhdr-c3e5a7b9d1',
  csrfField: 'csrffld-e2b4d6f8a0',
  formPassword: 'formpw-91f2e3d4c5',
  jsonPassword: 'jsonpw-5c4d3e2f1a',
  tokenParam: 'tokprm-0a9b8c7d6e',
  responseToken: 'resptok-6e5d4c3b2a',
  echoed: 'echoed-3b5d7f9a1c',
};

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]);

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A small service with the shapes our clients meet: JSON search, JSON create, form login, binary, 404. */
function startService(): Promise<{ server: Server; url: string }> {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(request);
    const json = (status: number, value: unknown, headers: Record<string, string | string[]> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(value));
    };
    if (request.method === 'GET' && url.pathname === '/api/v2/search') {
      return json(200, { q: url.searchParams.get('q'), size: Number(url.searchParams.get('size')), hits: [{ id: 'ENSG00000123374', symbol: 'CDK2' }] });
    }
    if (request.method === 'POST' && url.pathname === '/api/v2/genes') {
      const data = JSON.parse(body) as { symbol: string };
      return json(201, { id: 7, symbol: data.symbol, token: CANARIES.responseToken }, { location: '/api/v2/genes/7' });
    }
    if (request.method === 'POST' && url.pathname === '/accounts/login/') {
      const form = new URLSearchParams(body);
      response.writeHead(200, {
        'content-type': 'text/plain; charset=utf-8',
        'set-cookie': [`sessionid=${CANARIES.sessionCookie}; Path=/; HttpOnly`, `csrftoken=${CANARIES.csrfCookie}; Path=/`],
      });
      return response.end(`Welcome ${form.get('username')}, your id is ${CANARIES.echoed}`);
    }
    if (request.method === 'GET' && url.pathname === '/render/1.png') {
      response.writeHead(200, { 'content-type': 'image/png' });
      return response.end(PNG);
    }
    return json(404, { detail: 'Not found.' });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

interface Seen {
  status: number;
  contentType: string | null;
  location: string | null;
  body: unknown;
}

/** The same calls, run against the live service while recording and against msw while replaying. */
async function scenario(fetchImpl: typeof fetch, base: string): Promise<Seen[]> {
  const seen: Seen[] = [];
  const keep = async (response: Response, as: 'json' | 'text' | 'bytes') => {
    const body = as === 'json' ? await response.json() : as === 'text' ? await response.text() : [...new Uint8Array(await response.arrayBuffer())];
    seen.push({ status: response.status, contentType: response.headers.get('content-type'), location: response.headers.get('location'), body });
  };
  await keep(await fetchImpl(`${base}/api/v2/search?q=cdk2&size=10&token=${CANARIES.tokenParam}`), 'json');
  await keep(
    await fetchImpl(`${base}/api/v2/genes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Token ${CANARIES.tokenHeader}`, 'x-molgenis-token': CANARIES.molgenisToken },
      body: JSON.stringify({ symbol: 'CDK2', password: CANARIES.jsonPassword }),
    }),
    'json',
  );
  await keep(
    await fetchImpl(`${base}/accounts/login/`, {
      method: 'POST',
      headers: { cookie: `csrftoken=${CANARIES.csrfCookie}`, 'x-csrftoken': CANARIES.csrfHeader },
      body: new URLSearchParams({ username: 'demo', password: CANARIES.formPassword, csrfmiddlewaretoken: CANARIES.csrfField }),
    }),
    'text',
  );
  await keep(await fetchImpl(`${base}/render/1.png`), 'bytes');
  await keep(await fetchImpl(`${base}/api/v2/genes/999`), 'json');
  return seen;
}

describe('record, write, reload and replay', () => {
  let dir: string;
  let file: string;
  let recorded: Seen[];
  let replayServer: FixtureServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bio-recorder-'));
    const { server, url } = await startService();
    try {
      const recorder = createRecorder({
        dir,
        name: 'roundtrip',
        source: 'loopback test service',
        scrub: { secrets: [CANARIES.echoed] },
        requestHeaders: ['authorization', 'x-molgenis-token', 'x-csrftoken', 'cookie'],
      });
      recorded = await scenario(recorder.fetch, url);
      expect(recorder.exchanges).toHaveLength(5);
      file = recorder.save();
    } finally {
      server.close();
    }
    replayServer = createFixtureServer({ fixtures: loadFixtures(dir), baseUrl: 'https://api.example.test' });
    replayServer.listen();
  });

  afterAll(() => {
    replayServer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records what the service answered', () => {
    expect(recorded.map((s) => s.status)).toEqual([200, 201, 200, 200, 404]);
    expect(recorded[3]!.body).toEqual([...PNG]);
  });

  it('writes stable pretty JSON with a trailing newline and the documented key order', () => {
    const raw = readFileSync(file, 'utf8');
    expect(raw.endsWith('}\n')).toBe(true);
    expect(raw.startsWith('{\n  "name": "roundtrip",\n  "source": "loopback test service",\n  "exchanges": [')).toBe(true);
    const fixture = JSON.parse(raw);
    expect(fixture.exchanges[0].request).toEqual({ method: 'GET', path: '/api/v2/search', query: { q: 'cdk2', size: '10', token: '[REDACTED]' } });
    expect(fixture.exchanges[1].request.body).toEqual({ json: { symbol: 'CDK2', password: '[REDACTED]' } });
    expect(fixture.exchanges[1].request.headers).toEqual({ authorization: 'Token [REDACTED]', 'x-molgenis-token': '[REDACTED]' });
    expect(fixture.exchanges[2].request.body).toEqual({ form: { username: 'demo', password: '[REDACTED]', csrfmiddlewaretoken: '[REDACTED]' } });
    expect(fixture.exchanges[2].response.headers['set-cookie']).toBe('sessionid=[REDACTED]; Path=/; HttpOnly\ncsrftoken=[REDACTED]; Path=/');
    expect(fixture.exchanges[3].response.body).toEqual({ base64: Buffer.from(PNG).toString('base64') });
    expect(fixture.exchanges[4].response).toEqual({ status: 404, headers: { 'content-type': 'application/json' }, body: { json: { detail: 'Not found.' } } });
  });

  it('never writes a secret: token header, cookies, CSRF, passwords, token param, known values', () => {
    const raw = readFileSync(file, 'utf8');
    for (const [what, canary] of Object.entries(CANARIES)) {
      expect(raw.includes(canary), `${what} leaked into ${file}`).toBe(false);
    }
  });

  it('replays the same calls through msw with equal responses', async () => {
    const replayed = await scenario(fetch, 'https://api.example.test');
    // Scrubbed values come back as the placeholder; everything else is what the service sent.
    const expected = structuredClone(recorded);
    expected[1]!.body = { ...(expected[1]!.body as object), token: '[REDACTED]' };
    expect(recorded[2]!.body).toBe(`Welcome demo, your id is ${CANARIES.echoed}`);
    expected[2]!.body = 'Welcome demo, your id is [REDACTED]';
    expect(replayed).toEqual(expected);
    expect(replayServer.unmatchedRequests()).toEqual([]);
  });
});
