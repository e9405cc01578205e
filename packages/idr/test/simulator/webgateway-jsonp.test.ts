import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { IDR, serve } from './helpers.js';

// omeroweb/webgateway/views.py: the `@jsonp` decorator (JSONP on `?callback=`) and get_thumbnails_json
// (ids through get_longs' int(), deduplicated, keyed as ints; more than the batch is
// HttpJavascriptResponseServerError, text/javascript).
const sim = createSimulator();
serve([sim]);

describe('simulator: webgateway @jsonp callback', () => {
  it('wraps a JSON view’s answer in the callback, as application/javascript', async () => {
    const r = await fetch(`${IDR}/webgateway/plate/2551/?callback=draw_1`);
    expect([r.status, r.headers.get('content-type')]).toEqual([200, 'application/javascript']);
    const text = await r.text();
    expect(text.startsWith('draw_1({') && text.endsWith('})')).toBe(true);
    expect(JSON.parse(text.slice('draw_1('.length, -1)).rowlabels[0]).toBe('A');
  });

  it('refuses a callback that is not a JavaScript name with a 400', async () => {
    const r = await fetch(`${IDR}/webgateway/imgData/1884807/?callback=alert(1)`);
    expect([r.status, await r.text()]).toEqual([400, 'Invalid callback']);
  });

  it('leaves an error raised in the view as JSON', async () => {
    const r = await fetch(`${IDR}/webgateway/plate/999999/?callback=cb`);
    expect([r.status, r.headers.get('content-type'), (await r.json()).message]).toEqual([
      500,
      'application/json',
      'Object of type type is not JSON serializable',
    ]);
  });
});

describe('simulator: webgateway get_thumbnails ids', () => {
  it('fails a non-integer id with the @jsonp 500 ValueError', async () => {
    const r = await fetch(`${IDR}/webgateway/get_thumbnails/?id=1884807&id=abc`);
    const body = await r.json();
    expect([r.status, body.message]).toEqual([500, "invalid literal for int() with base 10: 'abc'"]);
    expect(body.stacktrace).toMatch(/ValueError: invalid literal/);
  });

  it('keys thumbnails by the integer id, once each', async () => {
    const body = await (await fetch(`${IDR}/webgateway/get_thumbnails/?id=01884807&id=1884807&id=999999`)).json();
    expect(Object.keys(body).sort()).toEqual(['1884807', '999999']);
    expect(body['1884807']).toMatch(/^data:image\/jpeg;base64,/);
    expect(body['999999']).toBeNull();
  });

  it('sends the over-the-batch error as text/javascript', async () => {
    const ids = Array.from({ length: 51 }, (_, i) => `id=${i + 1}`).join('&');
    const r = await fetch(`${IDR}/webgateway/get_thumbnails/?${ids}`);
    expect([r.status, r.headers.get('content-type'), await r.text()]).toEqual([500, 'text/javascript', 'Max 50 thumbnails at a time.']);
  });
});
