// A loopback server for the secret-leak tests: it runs the login flows (MOLGENIS token,
// OMERO.web CSRF + session cookie) handing out canary secrets, and otherwise fails in the mode it
// is told — echoing every request header (credentials included) into its error bodies, the worst
// case for a client that copies server text into its errors.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the server answers requests outside the login flows. */
export type SecretMode =
  | 'redirect-cross-origin'
  | 'echo-500'
  | 'echo-401'
  | 'echo-403-html'
  | 'echo-200-html'
  | 'echo-invalid-json'
  | 'echo-redirect-login'
  | 'reset'
  | 'hang'
  | 'ok';

/** Canary secrets this server hands out. */
export interface SecretCanaries {
  molgenisToken: string;
  sessionCookie: string;
  csrfToken: string;
}

/** A running secret server. */
export interface SecretServer {
  url: string;
  mode: SecretMode;
  /** Where `/go` redirects (307) to: another origin, for the cross-origin tests. */
  redirectTo: string;
  /** Every request's raw headers, for checking what was sent. */
  seen: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

function echo(req: IncomingMessage): string {
  return `${req.method} ${req.url} ${Object.entries(req.headers)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('; ')}`;
}

/**
 * Start the server.
 *
 * @example
 * ```ts
 * const server = await startSecretServer({ molgenisToken: 'CANARY-T', sessionCookie: 'CANARY-S', csrfToken: 'CANARY-C' });
 * ```
 */
export async function startSecretServer(canaries: SecretCanaries): Promise<SecretServer> {
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  const state: Omit<SecretServer, 'url' | 'close'> = { mode: 'ok', redirectTo: '', seen: [] };
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.seen.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
      const url = req.url ?? '/';
      // Login flows, always answered.
      if (url === '/api/v1/login') {
        return json(res, 200, { token: canaries.molgenisToken, username: 'admin', firstname: 'Ada', lastname: 'Admin' });
      }
      if (url === '/api/v0/token/')
        return json(res, 200, { data: canaries.csrfToken }, { 'set-cookie': `csrftoken=${canaries.csrfToken}; Path=/; SameSite=Lax` });
      if (url === '/api/v0/servers/') return json(res, 200, { data: [{ id: 1, host: 'localhost', port: 4064, server: 'omero' }] });
      if (url === '/api/v0/login/') {
        return json(
          res,
          200,
          { success: true, eventContext: { sessionUuid: 'uuid', userId: 2, userName: 'ada', groupId: 3, groupName: 'lab', isAdmin: false } },
          { 'set-cookie': [`sessionid=${canaries.sessionCookie}; Path=/; HttpOnly`, `csrftoken=${canaries.csrfToken}; Path=/`] },
        );
      }
      if (url.startsWith('/go') && state.redirectTo !== '') {
        res.writeHead(307, { location: state.redirectTo });
        res.end();
        return;
      }
      if (url.startsWith('/__login')) {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<html><head><title>Sign in</title></head><body>You sent: ${echo(req)}</body></html>`);
        return;
      }
      const text = echo(req);
      switch (state.mode) {
        case 'redirect-cross-origin':
          res.writeHead(307, { location: new URL(url, state.redirectTo).href });
          res.end();
          return;
        case 'ok':
          return json(res, 200, { ok: true });
        case 'echo-500':
          return json(res, 500, { message: `Internal error while handling ${text}`, errors: [{ message: text }], detail: text });
        case 'echo-401':
          return json(res, 401, { message: `Invalid token in ${text}`, error: text }, { 'www-authenticate': `Token realm="${text.slice(0, 200)}"` });
        case 'echo-403-html':
          res.writeHead(403, { 'content-type': 'text/html' });
          res.end(`<html><head><title>Forbidden: ${text}</title></head><body><pre>${text}</pre></body></html>`);
          return;
        case 'echo-200-html':
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end(`<html><head><title>Proxy</title></head><body><pre>${text}</pre></body></html>`);
          return;
        case 'echo-invalid-json':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(`{"debug": "${text.replace(/"/g, "'")}", `);
          return;
        case 'echo-redirect-login':
          res.writeHead(302, { location: `/__login?next=${encodeURIComponent(url)}` });
          res.end();
          return;
        case 'reset':
          req.socket.destroy();
          return;
        case 'hang':
          hanging.add(res);
          return;
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const r of hanging) r.destroy();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
