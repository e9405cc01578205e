import { ValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { lastSegment, normalizeRootUrl, startOf } from '../../src/internal/url.js';

describe('normalizeRootUrl', () => {
  it.each([
    ['https://molgenis.example.org', 'https://molgenis.example.org/'],
    ['https://molgenis.example.org/', 'https://molgenis.example.org/'],
    ['https://molgenis.example.org/api', 'https://molgenis.example.org/'],
    ['https://molgenis.example.org/api/', 'https://molgenis.example.org/'],
    ['https://molgenis.example.org/api/v2/', 'https://molgenis.example.org/'],
    ['https://molgenis.example.org/api/v1/demo_sightings?num=5#x', 'https://molgenis.example.org/'],
    ['https://host.example/molgenis/api/', 'https://host.example/molgenis/'],
    ['https://host.example/molgenis', 'https://host.example/molgenis/'],
    ['  https://molgenis.example.org/api/  ', 'https://molgenis.example.org/'],
    ['http://localhost:8080/api/', 'http://localhost:8080/'],
  ])('%s → %s', (input, root) => {
    expect(normalizeRootUrl(input)).toBe(root);
  });

  it.each([
    // py-client: url.rstrip('/').rstrip('/api') eats trailing a, p, i characters
    ['https://molgenis.example.ca', 'https://molgenis.example.ca/'],
    ['https://molgenis.example.ca/api/', 'https://molgenis.example.ca/'],
    ['https://api.example.org/', 'https://api.example.org/'],
    ['https://data.example.org/mapi/', 'https://data.example.org/mapi/'],
    ['https://example.org/wiki/api', 'https://example.org/wiki/'],
    ['https://molgenis.bbmri.eu/pi', 'https://molgenis.bbmri.eu/pi/'],
  ])('never mangles hosts or paths: %s → %s', (input, root) => {
    expect(normalizeRootUrl(input)).toBe(root);
  });

  it.each(['', '   ', 'molgenis.example.org', 'ftp://molgenis.example.org', 'https://user:pw@molgenis.example.org'])('refuses %j', (input) => {
    expect(() => normalizeRootUrl(input)).toThrow(ValidationError);
  });
});

describe('href helpers', () => {
  it('lastSegment gives what URL resolution gives, fast path or not', () => {
    const base = 'https://x.example/';
    const viaUrl = (href: string): string | undefined => {
      const last = new URL(href.trim(), base).pathname
        .split('/')
        .filter((s) => s !== '')
        .at(-1);
      return last === undefined ? undefined : decodeURIComponent(last);
    };
    for (const href of [
      '/api/v2/E/151',
      '/api/v2/E/a%2Fb',
      '/api/v2/E/b c',
      '/api/v2/E/é',
      '/api/v2/E/x/',
      '/api/v2/E/%2e%2e',
      '/api/v2/E/..',
      '/api/v2/E/./a',
      '/api/v2/E/a?x=1',
      '/api/v2/E/a#f',
      '//other/api/b',
      '/api/v2/E/a\tb',
      '/',
    ]) {
      expect(lastSegment(href, base), href).toBe(viaUrl(href));
    }
  });

  it('lastSegment decodes the id', () => {
    expect(lastSegment('/api/v2/demo_sightings/a%2Fb', 'https://x.example/')).toBe('a/b');
    expect(lastSegment('https://x.example/api/v1/Person/aaaa', 'https://x.example/')).toBe('aaaa');
    expect(lastSegment('/api/v2/sys_ImportRun/r1\n', 'https://x.example/')).toBe('r1');
  });

  it('startOf reads start from nextHref', () => {
    expect(startOf('/api/v2/E?num=10000&start=20000&q=a%3D%3Db', 'https://x.example/')).toBe(20000);
    expect(startOf('/api/v2/E?num=10', 'https://x.example/')).toBeUndefined();
    expect(startOf('/api/v2/E?start=-1', 'https://x.example/')).toBeUndefined();
  });
});
