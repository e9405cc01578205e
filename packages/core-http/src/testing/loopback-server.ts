// A node:http server on 127.0.0.1 replaying fixtures with the same matcher as the msw handlers
// (browser tests, benchmarks, the CLI's --offline mode).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { answerPreflight, corsHeaders } from './cors.js';
import type { AddressInfo } from 'node:net';
import type { Fixture } from './fixture-types.js';
import { FixtureMatcher, type FixtureMatcherOptions, type LenientQuery, sleep, toResponse } from './match.js';

/** Options of {@link startLoopbackFixtureServer}. */
export interface LoopbackFixtureServerOptions {
  /** The fixtures to serve; only paths are compared (no base URL). */
  fixtures: readonly Fixture[];
  /** Answer CORS preflights and add `Access-Control-*` headers (browser tests). Default `false`. */
  cors?: boolean;
  /** Port to listen on. Default `0` (a free port). */
  port?: number;
  /** Query parameters matched leniently (see {@link FixtureMatcherOptions}). */
  lenient?: LenientQuery | undefined;
  /** Match every query parameter exactly. Default `false`. */
  strict?: boolean | undefined;
}

/** A running loopback fixture server. */
export interface LoopbackFixtureServer {
  /** `http://127.0.0.1:<port>` (no trailing slash); fixture paths are served under it as they are. */
  url: string;
  /**
   * Stop listening and drop open connections.
   *
   * @example
   * ```ts
   * afterAll(() => server.close());
   * ```
   */
  close(): Promise<void>;
  /**
   * Reports of requests that matched no fixture, oldest first.
   *
   * @example
   * ```ts
   * expect(server.unmatchedRequests()).toEqual([]);
   * ```
   */
  unmatchedRequests(): string[];
  /**
   * Restart ordered exchanges (polls) from the first one.
   *
   * @example
   * ```ts
   * afterEach(() => server.reset());
   * ```
   */
  reset(): void;
}

async function readBody(request: IncomingMessage): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  return body.byteLength > 0 ? new Uint8Array(body) : undefined;
}

function toHeaders(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i < request.rawHeaders.length; i += 2) headers.append(request.rawHeaders[i]!, request.rawHeaders[i + 1]!);
  return headers;
}

/**
 * Start a `node:http` server on 127.0.0.1 that replays `fixtures` (same matching and ordering as
 * {@link fixtureHandlers}; fixture paths are served as they are, so point a client at
 * `${url}/v3`). With `cors: true` it answers preflights and adds CORS headers. A request that
 * matches nothing gets a `404` with `x-fixture-unmatched: 1` and the closest-fixture report as text.
 *
 * @example
 * ```ts
 * const server = await startLoopbackFixtureServer({ fixtures: loadFixtures('fixtures'), cors: true });
 * const response = await fetch(`${server.url}/v3/gene/1017`);
 * await server.close();
 * ```
 */
export async function startLoopbackFixtureServer(options: LoopbackFixtureServerOptions): Promise<LoopbackFixtureServer> {
  const matcher = new FixtureMatcher(options.fixtures, { lenient: options.lenient, strict: options.strict });
  const cors = options.cors ?? false;
  let origin = 'http://127.0.0.1';

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = (request.method ?? 'GET').toUpperCase();
    const extra = cors ? corsHeaders(request) : {};
    if (cors && answerPreflight(request, response)) return;
    const incoming = {
      method,
      url: new URL(request.url ?? '/', origin),
      headers: toHeaders(request),
      body: await readBody(request),
    };
    const hit = await matcher.match(incoming);
    if (!hit) {
      const report = await matcher.explain(incoming);
      response.writeHead(404, { ...extra, 'content-type': 'text/plain; charset=utf-8', 'x-fixture-unmatched': '1' });
      response.end(report);
      return;
    }
    await sleep(hit.exchange.response.delayMs ?? 0);
    const replay = toResponse(hit.exchange.response);
    const headers: Record<string, string | string[]> = { ...extra };
    for (const [name, value] of replay.headers) if (name !== 'set-cookie') headers[name] = value;
    const cookies = replay.headers.getSetCookie();
    if (cookies.length > 0) headers['set-cookie'] = cookies;
    const body = method === 'HEAD' ? undefined : new Uint8Array(await replay.arrayBuffer());
    if (body && !('content-length' in headers)) headers['content-length'] = String(body.byteLength);
    response.writeHead(replay.status, headers);
    response.end(body);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`Fixture server error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    unmatchedRequests: () => [...matcher.unmatched],
    reset: () => matcher.reset(),
  };
}
