// The shared half of every client's `createSimulator()`: one stateful in-memory service answered
// through msw handlers or a loopback server, with faults and a request log. A client supplies
// only its service: the initial state and how a request changes it and is answered.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { answerPreflight, corsHeaders } from './cors.js';
import type { AddressInfo } from 'node:net';
import { http, type RequestHandler } from 'msw';
import { resetsWith } from './fixture-handlers.js';

/** A request as a simulator sees it: the URL, headers and the whole body, already read. */
export interface SimulatedRequest {
  /** HTTP method, upper-case. */
  method: string;
  /** The full request URL. */
  url: URL;
  /** The request headers. */
  headers: Headers;
  /** The raw body; empty for none. */
  body: Uint8Array;
  /**
   * The body as UTF-8 text.
   *
   * @example
   * ```ts
   * const xml = request.text();
   * ```
   */
  text(): string;
  /**
   * The body as JSON (`undefined` when empty; a `SyntaxError` when it is not JSON).
   *
   * @example
   * ```ts
   * const { ids } = request.json() as { ids: string[] };
   * ```
   */
  json(): unknown;
  /**
   * The body as form fields (`application/x-www-form-urlencoded`).
   *
   * @example
   * ```ts
   * const query = request.form().get('query');
   * ```
   */
  form(): URLSearchParams;
}

/**
 * Faults a simulator injects, for testing how code copes. Every field is optional; `every` says
 * which requests are hit (every Nth, counting from the first after the faults were set).
 *
 * @example
 * ```ts
 * sim.faults.set({ every: 3, status: 503, retryAfter: 1 }); // requests 3, 6, 9, … get a 503
 * sim.faults.set({ latency: 200 });                          // every answer 200 ms late
 * ```
 */
export interface SimulatorFaults {
  /** Delay every answer by this many ms. */
  latency?: number | undefined;
  /** Hit every Nth request (default 1: every request) with `status`, `reset` or `truncate`. */
  every?: number | undefined;
  /** Answer the hit requests with this status (an empty `text/plain` body). */
  status?: number | undefined;
  /** With `status`: a `Retry-After` header, in seconds. */
  retryAfter?: number | undefined;
  /** Drop the connection of the hit requests without an answer. */
  reset?: boolean | undefined;
  /** Send the head and half of the body of the hit requests' answers, then drop the connection. */
  truncate?: boolean | undefined;
}

/** The fault controls of a simulator. */
export interface SimulatorFaultControl {
  /**
   * Replace the faults in force (and restart the count of `every`).
   *
   * @example
   * ```ts
   * sim.faults.set({ every: 2, status: 503 });
   * ```
   */
  set(faults: SimulatorFaults): void;
  /**
   * No more faults.
   *
   * @example
   * ```ts
   * afterEach(() => sim.faults.clear());
   * ```
   */
  clear(): void;
  /** The faults in force. */
  readonly current: Readonly<SimulatorFaults>;
}

/** A running loopback simulator. */
export interface ListeningSimulator {
  /** The service root on 127.0.0.1, to pass to a client's `baseUrl` as it is. */
  baseUrl: string;
  /**
   * Stop listening and drop open connections.
   *
   * @example
   * ```ts
   * const listening = await sim.listen();
   * await listening.close();
   * ```
   */
  close(): Promise<void>;
}

/**
 * A stateful fake of a service. `handlers()` for msw, `listen()` for a loopback server; both
 * answer from the same state, which `reset()` puts back as it started.
 *
 * @example
 * ```ts
 * const sim = createSimulator();               // from @bio/<client>/testing
 * const server = setupServer(...sim.handlers());
 * afterEach(() => sim.reset());
 * ```
 */
export interface Simulator<S> {
  /** The service root the msw handlers answer at (the client's default `baseUrl`). */
  readonly baseUrl: string;
  /** The live state (rows, lists, sessions …); changed by writes. */
  readonly state: S;
  /**
   * msw handlers answering at `baseUrl` (or `options.baseUrl`); each call starts from a fresh state,
   * and so does msw's `server.resetHandlers()`.
   *
   * @example
   * ```ts
   * const server = setupServer(...sim.handlers({ baseUrl: 'https://mygene.info/v3' }));
   * ```
   */
  handlers(options?: { baseUrl?: string | undefined }): RequestHandler[];
  /**
   * Back to the initial state; faults cleared and the request log emptied.
   *
   * @example
   * ```ts
   * afterEach(() => sim.reset());
   * ```
   */
  reset(): void;
  /**
   * Serve the same service on 127.0.0.1 (a free port unless `port`). With `cors: true` it
   * answers CORS preflights and adds `Access-Control-*` headers (credentials allowed), so a
   * page in a browser test can call it.
   *
   * @example
   * ```ts
   * const { baseUrl, close } = await sim.listen();
   * const mg = new MyGene({ baseUrl });
   * ```
   */
  listen(options?: { port?: number | undefined; cors?: boolean | undefined }): Promise<ListeningSimulator>;
  /** Faults to inject: latency, failing statuses, dropped connections, truncated bodies. */
  readonly faults: SimulatorFaultControl;
  /** Every request received since the last reset, oldest first. */
  readonly requests: readonly SimulatedRequest[];
}

/**
 * What a client supplies to {@link createServiceSimulator}.
 *
 * @example
 * ```ts
 * const definition: ServiceDefinitionForSimulator<{ n: number }> = {
 *   baseUrl: 'https://service.example.org/api/',
 *   initialState: () => ({ n: 0 }),
 *   handle: (request, state) => Response.json({ n: ++state.n }),
 * };
 * ```
 */
export interface ServiceDefinitionForSimulator<S> {
  /** The client's default base URL, e.g. `https://mygene.info/v3`. */
  baseUrl: string;
  /** A fresh state (called on creation, by `handlers()` and by `reset()`). */
  initialState: () => S;
  /**
   * Answer one request. `path` is the request path relative to the base path (`gene/1017` for
   * `/v3/gene/1017`); a request outside the base path gets `path` `undefined`.
   */
  handle: (request: SimulatedRequest, state: S, path: string | undefined) => Response | Promise<Response>;
}

function simulatedRequest(method: string, url: URL, headers: Headers, body: Uint8Array): SimulatedRequest {
  const text = (): string => new TextDecoder().decode(body);
  return {
    method: method.toUpperCase(),
    url,
    headers,
    body,
    text,
    json: () => (body.byteLength === 0 ? undefined : JSON.parse(text())),
    form: () => new URLSearchParams(text()),
  };
}

function relativePath(url: URL, base: URL): string | undefined {
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  const path = decodeURI(url.pathname);
  if (path === basePath.slice(0, -1)) return '';
  return path.startsWith(decodeURI(basePath)) ? path.slice(decodeURI(basePath).length) : undefined;
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

type FaultVerdict = { kind: 'none' } | { kind: 'status'; status: number; retryAfter: number | undefined } | { kind: 'reset' } | { kind: 'truncate' };

/**
 * Build a {@link Simulator} from a service definition: the state, the msw handlers, the loopback
 * server, the faults and the request log. Each client's `createSimulator()` is one call of this.
 *
 * @example
 * ```ts
 * const sim = createServiceSimulator({ baseUrl: 'https://example.org/api/', initialState: () => ({ hits: 0 }), handle: (_r, s) => Response.json({ hits: ++s.hits }) });
 * ```
 */
export function createServiceSimulator<S>(definition: ServiceDefinitionForSimulator<S>): Simulator<S> {
  const defaultBase = new URL(definition.baseUrl);
  let state = definition.initialState();
  let faults: SimulatorFaults = {};
  let counted = 0;
  const log: SimulatedRequest[] = [];

  const verdict = (): FaultVerdict => {
    const hit = (faults.status !== undefined || faults.reset || faults.truncate) && ++counted % Math.max(1, faults.every ?? 1) === 0;
    if (!hit) return { kind: 'none' };
    if (faults.reset) return { kind: 'reset' };
    if (faults.status !== undefined) return { kind: 'status', status: faults.status, retryAfter: faults.retryAfter };
    return { kind: 'truncate' };
  };

  const answer = async (request: SimulatedRequest, base: URL, signal: AbortSignal | undefined): Promise<{ response: Response; fault: FaultVerdict }> => {
    log.push(request);
    await wait(faults.latency ?? 0, signal);
    const fault = verdict();
    if (fault.kind === 'status') {
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      return { response: new Response('', { status: fault.status, headers }), fault };
    }
    return { response: await definition.handle(request, state, relativePath(request.url, base)), fault };
  };

  const simulator: Simulator<S> = {
    baseUrl: definition.baseUrl,
    get state() {
      return state;
    },
    handlers(options = {}) {
      simulator.reset();
      const base = new URL(options.baseUrl ?? definition.baseUrl);
      const handler = http.all(`${base.origin}/*`, async ({ request }) => {
        const body = new Uint8Array(await request.arrayBuffer());
        let answered: Awaited<ReturnType<typeof answer>>;
        try {
          answered = await answer(simulatedRequest(request.method, new URL(request.url), request.headers, body), base, request.signal);
        } catch (error) {
          // The caller gave up while the simulated latency ran: a network error for the request,
          // not an exception in the handler (msw would print that on the console).
          if (request.signal.aborted) return Response.error();
          throw error;
        }
        const { response, fault } = answered;
        if (fault.kind === 'reset') return Response.error();
        return fault.kind === 'truncate' ? truncated(response) : response;
      });
      resetsWith(handler, () => simulator.reset()); // server.resetHandlers() starts the service afresh too
      return [handler];
    },
    reset() {
      state = definition.initialState();
      faults = {};
      counted = 0;
      log.length = 0;
    },
    async listen(options = {}) {
      const server = createServer((req, res) => void serve(req, res));
      let base = defaultBase;
      async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
        if (options.cors && answerPreflight(req, res)) return;
        const cors = options.cors ? Object.entries(corsHeaders(req)) : [];
        // The browser's view replaces the service's own CORS headers (IDR sends `*`, which a
        // page with credentials may not use); one value each.
        const own = (headers: Headers): [string, string][] => [...headers.entries()].filter(([k]) => !cors.some(([c]) => c === k));
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const headers = new Headers();
        for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
        const url = new URL(req.url ?? '/', base.origin);
        try {
          const { response, fault } = await answer(simulatedRequest(req.method ?? 'GET', url, headers, new Uint8Array(Buffer.concat(chunks))), base, undefined);
          if (fault.kind === 'reset') {
            req.socket.destroy();
            return;
          }
          if (fault.kind !== 'truncate' && response.body !== null && !response.headers.has('content-length')) {
            // A streamed answer (a large result generated as it is read) goes out as it comes, chunked.
            res.writeHead(response.status, [...own(response.headers), ...cors]);
            await pipeBody(response.body, res);
            return;
          }
          const bytes = new Uint8Array(await response.arrayBuffer());
          res.writeHead(
            response.status,
            own(response.headers)
              .filter(([k]) => k !== 'content-length')
              .concat([['content-length', String(bytes.byteLength)]], cors),
          );
          if (fault.kind === 'truncate') {
            res.write(bytes.subarray(0, Math.max(1, bytes.byteLength >> 1)), () => setTimeout(() => res.socket?.destroy(), 10));
            return;
          }
          res.end(bytes);
        } catch (error) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`simulator error: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      base = new URL(`http://127.0.0.1:${port}${defaultBase.pathname}`);
      return {
        baseUrl: base.href.replace(/\/$/, ''),
        close: () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    },
    faults: {
      set(next) {
        faults = { ...next };
        counted = 0;
      },
      clear() {
        faults = {};
        counted = 0;
      },
      get current() {
        return faults;
      },
    },
    get requests() {
      return log;
    },
  };
  return simulator;
}

/** Write a response body to a node response as it is read, waiting when the socket is full. */
async function pipeBody(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise<void>((resolve) => res.once('drain', resolve));
      if (res.destroyed) return;
    }
    res.end();
  } finally {
    reader.releaseLock();
  }
}

/** The head and half of the body, then a broken stream (what a dropped connection looks like). */
function truncated(response: Response): Response {
  const whole = response.body;
  if (whole === null) return Response.error();
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent) {
        controller.error(new TypeError('terminated: the simulator dropped the connection'));
        return;
      }
      const bytes = new Uint8Array(await new Response(whole).arrayBuffer());
      controller.enqueue(bytes.subarray(0, Math.max(1, bytes.byteLength >> 1)));
      sent = true;
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
}
