import { describe, expect, it } from 'vitest';
import { htmlErrorMessage } from '../../src/index.js';

describe('htmlErrorMessage', () => {
  it('prefers the title, then the first heading, then the text', () => {
    expect(htmlErrorMessage('<html><head><title>502  Bad\nGateway</title></head><body><h1>x</h1></body></html>')).toBe('502 Bad Gateway');
    expect(htmlErrorMessage('<html><body><h1>Page <em>not</em> found</h1><p>more</p></body></html>')).toBe('Page not found');
    expect(htmlErrorMessage('<html><head><style>p{}</style><script>var a=1</script></head><body><p>Sign &amp; in</p></body></html>')).toBe('Sign & in');
  });
  it('returns undefined for a page without text, and clips long text to 300 characters', () => {
    expect(htmlErrorMessage('<html><body></body></html>')).toBeUndefined();
    expect(htmlErrorMessage(`<html><body>${'a '.repeat(400)}</body></html>`)?.length).toBe(300);
  });
});
