// CsvHtmlDocumentScan: an HTML document's start outside quoted cells of a CSV body read in pieces.
import { describe, expect, it } from 'vitest';
import { CsvHtmlDocumentScan } from '@bio/core-http';

/** The body pushed in pieces of `size` characters: whether any piece reported an HTML document. */
function scan(body: string, size = body.length): boolean {
  const s = new CsvHtmlDocumentScan();
  for (let i = 0; i < body.length; i += size) if (s.push(body.slice(i, i + size))) return true;
  return false;
}

const PAGE = '<!DOCTYPE html>\n<html lang="en"><body>Bad gateway</body></html>\n';
const VALUE = `"${PAGE.replaceAll('"', '""')}"`;

describe('CsvHtmlDocumentScan', () => {
  it.each([1, 2, 7, 16, 17, 1000])('finds an error page in place of the CSV or after records, in pieces of %i', (size) => {
    expect(scan(PAGE, size)).toBe(true);
    expect(scan(`id,name\n1,"a, b"\n2,c\n${PAGE}`, size)).toBe(true);
    expect(scan(`id,name\n1,"say ""hi"""\n<html><body>proxy error</body></html>`, size)).toBe(true);
  });

  it.each([1, 2, 7, 16, 17, 1000])('reads a page inside a quoted cell as a value, in pieces of %i', (size) => {
    expect(scan(`id,notes\n1,${VALUE}\n2,plain\n`, size)).toBe(false);
    expect(scan(`id,notes\n1,"x ""<html>"" y"\n`, size)).toBe(false);
    // a page after such a value is still found
    expect(scan(`id,notes\n1,${VALUE}\n${PAGE}`, size)).toBe(true);
  });

  it('ignores text that only looks like tags', () => {
    expect(scan('a,b\n<b>bold</b>,<htmlx>\n<!doctype htm>,1\n')).toBe(false);
  });
});
