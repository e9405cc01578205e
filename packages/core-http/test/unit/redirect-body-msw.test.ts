// A redirect whose 3xx response has a body (nginx sends a small HTML page with every 302) must
// be followed without waiting on that body, also when the body is a tee branch (msw).
import { HttpResponse, http as mswHttp } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHttpClient } from '../../src/index.js';

const NGINX_302 =
  '<html>\r\n<head><title>302 Found</title></head>\r\n<body>\r\n<center><h1>302 Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const server = setupServer(
  mswHttp.get('https://x.test/old', () => new HttpResponse(NGINX_302, { status: 302, headers: { location: '/new', 'content-type': 'text/html' } })),
  mswHttp.get('https://x.test/new', () => HttpResponse.json({ ok: true })),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

it('follows a 302 that carries an HTML body', async () => {
  const client = createHttpClient({ baseUrl: 'https://x.test/', retry: 0 });
  await expect(client.get('old').json()).resolves.toEqual({ ok: true });
}, 5000);
