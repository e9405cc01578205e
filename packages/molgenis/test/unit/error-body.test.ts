import { describe, expect, it } from 'vitest';
import { errorDetails } from '../../src/index.js';
import { molgenisServiceMessage, parseErrorBody } from '../../src/internal/error-body.js';

describe('parseErrorBody', () => {
  it('classic errors[] with codes, several messages', () => {
    expect(parseErrorBody({ errors: [{ message: 'first', code: 'D02' }, { message: 'second' }] })).toEqual({ messages: ['first', 'second'], code: 'D02' });
  });

  it('problem+json: detail, errorCode and field errors', () => {
    const body = {
      type: 't',
      title: 'Bad Request',
      status: 400,
      detail: 'Invalid request',
      errorCode: 'V01',
      errors: [{ field: 'num', value: 20000, detail: 'must be ≤ 10000', errorCode: 'V03' }],
    };
    expect(parseErrorBody(body, 'application/problem+json')).toEqual({
      messages: ['Invalid request', 'num: must be ≤ 10000'],
      code: 'V01',
      problem: {
        type: 't',
        title: 'Bad Request',
        status: 400,
        detail: 'Invalid request',
        errorCode: 'V01',
        errors: [{ field: 'num', value: 20000, detail: 'must be ≤ 10000', errorCode: 'V03' }],
      },
    });
  });

  it('problem+json without detail falls back to title', () => {
    expect(parseErrorBody({ title: 'Forbidden', status: 403 }, 'application/problem+json').messages).toEqual(['Forbidden']);
  });

  it('HTML pages: title, else h1, else text', () => {
    expect(parseErrorBody('<html><head><title>502 Bad Gateway</title></head><body>x</body></html>', 'text/html').messages).toEqual(['502 Bad Gateway']);
    expect(parseErrorBody('<!DOCTYPE html><html><body><h1>Whitelabel Error Page</h1><p>There was an unexpected error</p></body></html>').messages).toEqual([
      'Whitelabel Error Page',
    ]);
    expect(parseErrorBody('<html><body><p>Access &amp; denied</p></body></html>', 'text/html').messages).toEqual(['Access & denied']);
  });

  it('plain text, JSON sent as text, empty bodies', () => {
    expect(parseErrorBody('  File type not supported \n', 'text/plain').messages).toEqual(['File type not supported']);
    expect(parseErrorBody('{"errors":[{"message":"m"}]}', 'text/plain')).toEqual({ messages: ['m'] });
    expect(parseErrorBody('', 'text/plain').messages).toEqual([]);
    expect(parseErrorBody(undefined).messages).toEqual([]);
    expect(parseErrorBody({ message: 'generic' }).messages).toEqual(['generic']);
  });

  it('the serviceMessage hook joins the messages', () => {
    const response = new Response(null, { headers: { 'content-type': 'application/json' } });
    expect(molgenisServiceMessage({ errors: [{ message: 'a' }, { message: 'b' }] }, response)).toBe('a; b');
    expect(molgenisServiceMessage({}, response)).toBeUndefined();
  });

  it('errorDetails reads an error body, undefined without one', () => {
    expect(errorDetails({ body: { errors: [{ message: 'x', code: 'C1' }] }, headers: { 'Content-Type': 'application/json' } })).toEqual({
      messages: ['x'],
      code: 'C1',
    });
    expect(errorDetails(new Error('plain'))).toBeUndefined();
    expect(errorDetails(null)).toBeUndefined();
  });
});
