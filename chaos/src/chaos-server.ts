// A loopback fault-injecting reverse proxy. Each request takes the next step of the plan (the
// last entry repeats); 'ok' forwards the request to the upstream (a fixture replay server or a
// client's simulator) and sends its answer back unchanged. Every request is logged with the step it got, so tests can
// count attempts (a write must reach the server once) and check what headers arrived.
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Every fault the matrix exercises. */
export const FAULTS = [
  'reset-before-headers',
  'reset-mid-body',
  'hang',
  'stall-mid-body',
  'slow-bytes',
  '500',
  '502',
  '503',
  '503-retry-after',
  '504',
  '429-retry-after-seconds',
  '429-retry-after-date',
  'truncated-json',
  'html-200',
  'html-404',
  'invalid-json',
  '401',
  '403',
  'redirect-html-login',
  'redirect-cross-origin',
] as const;
/** One fault. */
export type Fault = (typeof FAULTS)[number];

/**
 * Faults of a streamed InterMine answer (`…"results":[ rows ],{trailer}`), outside the matrix: the
 * upstream's real answer is forwarded with every row, then `reset-before-trailer` cuts the
 * connection where the trailer would start (the rows complete, no end), and `trailer-failure`
 * replaces the trailer with InterMine's `wasSuccessful:false` (HTTP 200 already sent — how a mine
 * reports a query that failed part-way). The simulator always ends a stream it can build, so the
 * failure is injected here, on its real answer.
 */
export const STREAM_FAULTS = ['reset-before-trailer', 'trailer-failure'] as const;
/** One stream fault. */
export type StreamFault = (typeof STREAM_FAULTS)[number];
/**
 * Faults of the multi-request matrix (test/multi-request.test.ts), outside the single-request one:
 * 408 and 413 answers, and `html-mid-body` — the real answer's headers (HTTP 200) and first half,
 * then a proxy's HTML error page in the middle of the body, and the connection closed cleanly.
 */
export const PAGE_FAULTS = ['408', '413', 'html-mid-body'] as const;
/** One fault of the multi-request matrix. */
export type PageFault = (typeof PAGE_FAULTS)[number];
/**
 * A canned answer, for a service's own error dialect (`{"errors":[{"message"}]}`, an OMERO.web
 * HTML page …): sent as it is in place of the upstream's answer; `label` names it in logs and
 * matrix reports.
 */
export interface Answer {
  label: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}
/**
 * `trickle`: the real answer (full `Content-Length` declared) in {@link TRICKLE}`.pieces` writes
 * {@link TRICKLE}`.everyMs` apart — never idle longer than that, but slower in total than a short
 * timeout (≈ pieces × everyMs).
 */
export const TRICKLE = { pieces: 40, everyMs: 40 } as const;
/** One step of a plan: a fault, a canned answer, or forward to the upstream. */
export type Step = Fault | StreamFault | PageFault | 'trickle' | Answer | 'ok';

/** The name of a step (an answer's label). */
export function stepName(step: Step): string {
  return typeof step === 'string' ? step : step.label;
}

/** A request the server saw. */
export interface LoggedRequest {
  method: string;
  url: string;
  step: Step;
  headers: IncomingMessage['headers'];
  /** The request body (complete: read before the step is applied, except for resets and hangs). */
  body?: Buffer;
}

/** A running chaos proxy. */
export interface ChaosServer {
  readonly url: string;
  /** Set what the next requests get; the last step repeats. Clears the log. */
  plan(steps: readonly Step[]): void;
  /** Requests seen since the last `plan`, with the step each got. */
  readonly log: LoggedRequest[];
  /** Sockets still open (for leak accounting). */
  openSockets(): number;
  /**
   * Close idle connections and wait (up to `ms`) for the others to close; returns the sockets
   * still carrying a request nobody finished (a leak).
   */
  drain(ms?: number): Promise<number>;
  close(): Promise<void>;
}

const HTML_PAGE = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><hr><center>nginx</center></body></html>\n';
const LOGIN_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form method="post" action="/login"><input name="username"><input type="password" name="password"></form></body></html>\n';
const NOT_FOUND_PAGE = '<!DOCTYPE html><html><head><title>Page not found</title></head><body><h1>Not Found</h1></body></html>';

/** Where the rows of a streamed InterMine answer end (the `\n],` before the trailer); -1 if none. */
function trailerStart(out: Buffer): number {
  return out.lastIndexOf('\n],');
}

/** Where 'redirect-html-login' points: answered with a login page, not a step of its own. */
export const LOGIN_PATH = '/__chaos/login';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Sockets and, per socket, the responses not yet finished (a request the server still owes). */
function track(server: Server): { sockets: Map<Socket, number> } {
  const sockets = new Map<Socket, number>();
  server.on('connection', (socket) => {
    sockets.set(socket, 0);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    sockets.set(socket, (sockets.get(socket) ?? 0) + 1);
    res.on('close', () => {
      if (sockets.has(socket)) sockets.set(socket, Math.max(0, (sockets.get(socket) ?? 1) - 1));
    });
  });
  return { sockets };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/**
 * Close every socket without a request in progress (keep-alive connections, and the spare
 * connection undici opens after an aborted request), then wait up to `ms` for the busy ones to
 * close; returns how many sockets still carry a request the server has not finished (a leak).
 * A short pause at the end lets the client see the closes before its next request (otherwise it
 * could reuse a socket the server just closed); idle sockets opened meanwhile are closed too.
 */
async function waitForZero(sockets: Map<Socket, number>, ms: number): Promise<number> {
  const until = Date.now() + ms;
  const closeIdle = () => {
    for (const [socket, busy] of sockets) if (busy === 0) socket.destroy();
  };
  const busy = () => [...sockets.values()].filter((n) => n > 0).length;
  for (;;) {
    closeIdle();
    if (busy() === 0 || Date.now() >= until) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 20));
  closeIdle();
  return busy();
}

/**
 * Forward one request to `upstream` with its body; hands the whole answer to `done` (status,
 * headers, body). A dedicated agent without keep-alive, so nothing lingers after a test.
 */
function forwardTo(
  upstream: string,
  agent: Agent,
  req: IncomingMessage,
  body: Buffer,
  done: (status: number, headers: Record<string, string | string[]>, out: Buffer) => void,
): Promise<void> {
  const target = new URL(req.url ?? '/', upstream);
  const headers = { ...req.headers, host: target.host };
  return new Promise<void>((resolve) => {
    const up = httpRequest(target, { method: req.method ?? 'GET', headers, agent }, (upRes) => {
      const chunks: Buffer[] = [];
      upRes.on('data', (c: Buffer) => chunks.push(c));
      upRes.on('end', () => {
        const outHeaders: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(upRes.headers)) if (v !== undefined && k !== 'connection' && k !== 'keep-alive') outHeaders[k] = v;
        done(upRes.statusCode ?? 502, outHeaders, Buffer.concat(chunks));
        resolve();
      });
    });
    up.on('error', () => {
      done(502, { 'content-type': 'text/plain' }, Buffer.from('upstream failed'));
      resolve();
    });
    up.end(body);
  });
}

/**
 * Start the proxy in front of `upstream` (an `http://127.0.0.1:port` origin). `elsewhere` is a
 * second origin for cross-origin redirects (see {@link startMirror}).
 */
export async function startChaosServer(options: { upstream: string; elsewhere: string }): Promise<ChaosServer> {
  let steps: readonly Step[] = ['ok'];
  let served = 0;
  const log: LoggedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const timers = new Set<ReturnType<typeof setInterval>>();
  const agent = new Agent({ keepAlive: false });

  const send = (res: ServerResponse, status: number, headers: Record<string, string | string[]>, body: Buffer | string) => {
    res.writeHead(status, headers);
    res.end(body);
  };

  const handle = async (step: Step, req: IncomingMessage, res: ServerResponse, entry: LoggedRequest): Promise<void> => {
    switch (step) {
      case 'reset-before-headers':
        req.socket.destroy();
        return;
      case 'hang':
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      default:
    }
    const body = await readBody(req);
    entry.body = body;
    if (typeof step === 'object') return send(res, step.status, step.headers, step.body);
    switch (step) {
      case 'ok':
        return forwardTo(options.upstream, agent, req, body, (status, headers, out) => send(res, status, headers, out));
      case 'reset-mid-body':
        // Declare the full length (at least 2 bytes), send half, then cut the connection.
        return forwardTo(options.upstream, agent, req, body, (status, headers, out) => {
          delete headers['transfer-encoding'];
          res.writeHead(status, { ...headers, 'content-length': String(Math.max(2, out.length)) });
          res.write(out.subarray(0, Math.floor(out.length / 2)));
          const timer = setTimeout(() => req.socket.destroy(), 5);
          res.on('close', () => clearTimeout(timer));
        });
      case 'stall-mid-body':
        // Headers and half the body, then nothing (the connection stays open).
        return forwardTo(options.upstream, agent, req, body, (status, headers, out) => {
          delete headers['transfer-encoding'];
          res.writeHead(status, { ...headers, 'content-length': String(Math.max(2, out.length)) });
          res.write(out.subarray(0, Math.floor(out.length / 2)));
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
        });
      case 'slow-bytes':
      case 'trickle':
        // The real answer in ~40 small writes 1 ms apart (byte by byte for small bodies), or
        // TRICKLE.pieces writes TRICKLE.everyMs apart.
        return forwardTo(options.upstream, agent, req, body, (status, headers, out) => {
          delete headers['transfer-encoding'];
          res.writeHead(status, { ...headers, 'content-length': String(out.length) });
          const piece = Math.max(1, Math.ceil(out.length / (step === 'trickle' ? TRICKLE.pieces : 40)));
          let i = 0;
          const timer = setInterval(
            () => {
              if (res.destroyed || i >= out.length) {
                clearInterval(timer);
                timers.delete(timer);
                if (!res.destroyed) res.end();
                return;
              }
              res.write(out.subarray(i, i + piece));
              i += piece;
            },
            step === 'trickle' ? TRICKLE.everyMs : 1,
          );
          timers.add(timer);
        });
      case 'reset-before-trailer':
        // Every row (full length declared), then the connection is cut where the trailer starts.
        return forwardTo(options.upstream, agent, req, body, (status, headers, out) => {
          const end = trailerStart(out);
          if (end < 0) return void req.socket.destroy(); // not a streamed answer: no rows to keep
          delete headers['transfer-encoding'];
          res.writeHead(status, { ...headers, 'content-length': String(out.length) });
          res.write(out.subarray(0, end + 1), () => {
            const timer = setTimeout(() => req.socket.destroy(), 20);
            res.on('close', () => clearTimeout(timer));
          });
        });
      case 'trailer-failure':
        // The same rows, then InterMine's trailer of a query that failed after the 200 was sent.
        return forwardTo(options.upstream, agent, req, body, (status, headers, out) => {
          const end = trailerStart(out);
          if (end < 0) return void req.socket.destroy();
          delete headers['content-length'];
          delete headers['transfer-encoding'];
          const failed = '{"executionTime":"2026.12.01 01:00::00","wasSuccessful":false,"error":"Service failed. Please contact support.","statusCode":500}';
          send(res, status, headers, Buffer.concat([out.subarray(0, end), Buffer.from(`\n],${failed.slice(1)}\n`)]));
        });
      case 'truncated-json':
        // A complete HTTP message whose body is only the first half of the real one.
        return forwardTo(options.upstream, agent, req, body, (status, headers, out) => {
          delete headers['content-length'];
          delete headers['transfer-encoding'];
          send(res, status, headers, out.subarray(0, Math.max(1, Math.floor(out.length / 2))));
        });
      case 'html-mid-body':
        // The real answer's first half, then an HTML error page, then a clean end of the message.
        return forwardTo(options.upstream, agent, req, body, (status, headers, out) => {
          delete headers['content-length'];
          delete headers['transfer-encoding'];
          send(res, status, headers, Buffer.concat([out.subarray(0, Math.floor(out.length / 2)), Buffer.from(HTML_PAGE)]));
        });
      case '408':
        return send(res, 408, { 'content-type': 'text/plain', connection: 'close' }, 'Request Timeout');
      case '413':
        return send(res, 413, { 'content-type': 'text/html' }, '<html><body><h1>413 Request Entity Too Large</h1></body></html>');
      case '500':
      case '502':
      case '504':
        return send(res, Number(step), { 'content-type': 'text/html' }, HTML_PAGE);
      case '503':
        return send(res, 503, { 'content-type': 'text/plain' }, 'Service Unavailable');
      case '503-retry-after':
        return send(res, 503, { 'content-type': 'text/plain', 'retry-after': '0' }, 'Service Unavailable');
      case '429-retry-after-seconds':
        return send(res, 429, { 'content-type': 'application/json', 'retry-after': '0' }, '{"message":"Too Many Requests"}');
      case '429-retry-after-date':
        return send(
          res,
          429,
          { 'content-type': 'application/json', 'retry-after': new Date(Date.now() - 1000).toUTCString() },
          '{"message":"Too Many Requests"}',
        );
      case 'html-200':
        return send(res, 200, { 'content-type': 'text/html; charset=utf-8' }, HTML_PAGE);
      case 'html-404':
        return send(res, 404, { 'content-type': 'text/html; charset=utf-8' }, NOT_FOUND_PAGE);
      case 'invalid-json':
        return send(res, 200, { 'content-type': 'application/json' }, '{"total": 3, "hits": [');
      case '401':
        return send(res, 401, { 'content-type': 'application/json' }, '{"message":"Invalid or expired token"}');
      case '403':
        return send(res, 403, { 'content-type': 'application/json' }, '{"message":"Forbidden"}');
      case 'redirect-html-login':
        return send(res, 302, { location: `${LOGIN_PATH}?next=${encodeURIComponent(req.url ?? '/')}` }, '');
      case 'redirect-cross-origin':
        return send(res, 307, { location: new URL(req.url ?? '/', options.elsewhere).toString() }, '');
    }
  };

  const server: Server = createServer((req, res) => {
    if ((req.url ?? '').startsWith(LOGIN_PATH)) {
      send(res, 200, { 'content-type': 'text/html; charset=utf-8' }, LOGIN_PAGE);
      return;
    }
    const step = steps[Math.min(served, steps.length - 1)] ?? 'ok';
    served++;
    const entry: LoggedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', step, headers: req.headers };
    log.push(entry);
    handle(step, req, res, entry).catch(() => req.socket.destroy());
  });
  const { sockets } = track(server);
  const url = await listen(server);
  return {
    url,
    plan(next) {
      steps = next.length > 0 ? next : ['ok'];
      served = 0;
      log.length = 0;
    },
    log,
    openSockets: () => sockets.size,
    drain: (ms = 5000) => waitForZero(sockets, ms),
    async close() {
      for (const timer of timers) clearInterval(timer);
      for (const res of hanging) res.destroy();
      for (const socket of sockets.keys()) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

/** A second origin: records every request (headers included) and forwards it to `upstream`. */
export interface Mirror {
  readonly url: string;
  readonly log: LoggedRequest[];
  openSockets(): number;
  drain(ms?: number): Promise<number>;
  close(): Promise<void>;
}

/** Start a {@link Mirror} in front of `upstream`. */
export async function startMirror(upstream: string): Promise<Mirror> {
  const log: LoggedRequest[] = [];
  const agent = new Agent({ keepAlive: false });
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      log.push({ method: req.method ?? 'GET', url: req.url ?? '/', step: 'ok', headers: req.headers, body });
      return forwardTo(upstream, agent, req, body, (status, headers, out) => {
        res.writeHead(status, headers);
        res.end(out);
      });
    });
  });
  const { sockets } = track(server);
  const url = await listen(server);
  return {
    url,
    log,
    openSockets: () => sockets.size,
    drain: (ms = 5000) => waitForZero(sockets, ms),
    async close() {
      for (const socket of sockets.keys()) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
