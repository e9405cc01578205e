// A loopback fault-injecting reverse proxy. Each request takes the next fault from the plan
// (the last entry repeats); 'ok' forwards the request to the upstream (a fixture replay server)
// and streams its answer back unchanged.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Every fault the matrix exercises. */
export const FAULTS = [
  'reset-before-headers',
  'reset-mid-body',
  'hang',
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
export type Fault = (typeof FAULTS)[number];
export type Step = Fault | 'ok';

export interface ChaosServer {
  readonly url: string;
  /** Set what the next requests get; the last step repeats. */
  plan(steps: readonly Step[]): void;
  /** Requests seen since the last `plan`, with the step each got. */
  readonly log: { method: string; url: string; step: Step; headers: IncomingMessage['headers'] }[];
  /** Sockets still open (for leak accounting). */
  openSockets(): number;
  close(): Promise<void>;
}

const HTML_PAGE = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><hr><center>nginx</center></body></html>\n';
const LOGIN_PAGE = '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form method="post" action="/login"><input name="username"><input type="password" name="password"></form></body></html>\n';

const LOGIN_PATH = '/__chaos/login';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Start the proxy in front of `upstream` (an http://127.0.0.1:port origin). `elsewhere` is a second origin for cross-origin redirects. */
export async function startChaosServer(options: { upstream: string; elsewhere: string }): Promise<ChaosServer> {
  let steps: readonly Step[] = ['ok'];
  let served = 0;
  const log: ChaosServer['log'] = [];
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();

  const forward = async (req: IncomingMessage, res: ServerResponse, mutate?: (status: number, headers: Record<string, string>, body: Buffer) => void) => {
    const body = await readBody(req);
    const target = new URL(req.url ?? '/', options.upstream);
    const headers = { ...req.headers, host: target.host };
    await new Promise<void>((resolve) => {
      const up = httpRequest(target, { method: req.method ?? 'GET', headers }, (upRes) => {
        const chunks: Buffer[] = [];
        upRes.on('data', (c: Buffer) => chunks.push(c));
        upRes.on('end', () => {
          const out = Buffer.concat(chunks);
          const outHeaders: Record<string, string> = {};
          for (const [k, v] of Object.entries(upRes.headers)) if (typeof v === 'string') outHeaders[k] = v;
          if (mutate) mutate(upRes.statusCode ?? 502, outHeaders, out);
          else {
            res.writeHead(upRes.statusCode ?? 502, outHeaders);
            res.end(out);
          }
          resolve();
        });
      });
      up.on('error', () => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('upstream failed');
        resolve();
      });
      up.end(body);
    });
  };

  const server: Server = createServer((req, res) => {
    // The page a 'redirect-html-login' points at: not a step of its own.
    if ((req.url ?? '').startsWith(LOGIN_PATH)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(LOGIN_PAGE);
      return;
    }
    const step = steps[Math.min(served, steps.length - 1)] ?? 'ok';
    served++;
    log.push({ method: req.method ?? 'GET', url: req.url ?? '/', step, headers: req.headers });
    void handle(step, req, res);
  });

  const handle = async (step: Step, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    switch (step) {
      case 'ok':
        return forward(req, res);
      case 'reset-before-headers':
        req.socket.destroy();
        return;
      case 'reset-mid-body':
        return forward(req, res, (status, headers, body) => {
          res.writeHead(status, { ...headers, 'content-length': String(body.length) });
          res.write(body.subarray(0, Math.max(1, Math.floor(body.length / 2))));
          setTimeout(() => req.socket.destroy(), 5);
        });
      case 'hang':
        hanging.add(res);
        return;
      case 'slow-bytes':
        return forward(req, res, (status, headers, body) => {
          res.writeHead(status, { ...headers, 'content-length': String(body.length) });
          let i = 0;
          const timer = setInterval(() => {
            if (res.destroyed || i >= body.length) {
              clearInterval(timer);
              if (!res.destroyed) res.end();
              return;
            }
            // A few bytes every tick: slow, but finishes well inside a test's deadline.
            res.write(body.subarray(i, i + 64));
            i += 64;
          }, 1);
        });
      case '500':
      case '502':
      case '504':
        res.writeHead(Number(step), { 'content-type': 'text/html' });
        res.end(HTML_PAGE);
        return;
      case '503':
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('Service Unavailable');
        return;
      case '503-retry-after':
        res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '0' });
        res.end('Service Unavailable');
        return;
      case '429-retry-after-seconds':
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end('{"message":"Too Many Requests"}');
        return;
      case '429-retry-after-date':
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': new Date(Date.now() - 1000).toUTCString() });
        res.end('{"message":"Too Many Requests"}');
        return;
      case 'truncated-json':
        return forward(req, res, (status, headers, body) => {
          const cut = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
          delete headers['content-length'];
          delete headers['transfer-encoding'];
          res.writeHead(status, headers);
          res.end(cut);
        });
      case 'html-200':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(HTML_PAGE);
        return;
      case 'html-404':
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!DOCTYPE html><html><head><title>Page not found</title></head><body><h1>Not Found</h1></body></html>');
        return;
      case 'invalid-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"total": 3, "hits": [');
        return;
      case '401':
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{"message":"Invalid or expired token"}');
        return;
      case '403':
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end('{"message":"Forbidden"}');
        return;
      case 'redirect-html-login':
        res.writeHead(302, { location: `${LOGIN_PATH}?next=${encodeURIComponent(req.url ?? '/')}` });
        res.end();
        return;
      case 'redirect-cross-origin':
        res.writeHead(307, { location: new URL(req.url ?? '/', options.elsewhere).toString() });
        res.end();
        return;
    }
  };

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    plan(next) {
      steps = next.length > 0 ? next : ['ok'];
      served = 0;
      log.length = 0;
    },
    log,
    openSockets: () => sockets.size,
    async close() {
      for (const res of hanging) res.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
