import { isValidationError } from '@bio/core-http';
import { escapeLucene, fielded, interval, phrase } from '@bio/mygene';
import { describe, expect, it } from 'vitest';

describe('escapeLucene', () => {
  it('escapes every Lucene special character', () => {
    expect(escapeLucene('MGI:88339')).toBe('MGI\\:88339');
    expect(escapeLucene('IL-2 (p15)')).toBe('IL\\-2 \\(p15\\)');
    expect(escapeLucene('a+b&&c||d!e{f}[g]^h"i~j*k?l\\m/n=o<p>q')).toBe('a\\+b\\&\\&c\\|\\|d\\!e\\{f\\}\\[g\\]\\^h\\"i\\~j\\*k\\?l\\\\m\\/n\\=o\\<p\\>q');
  });
  it('leaves plain terms alone', () => {
    expect(escapeLucene('CDK2')).toBe('CDK2');
    expect(escapeLucene('tumor suppressor')).toBe('tumor suppressor');
  });
  it('refuses non-strings', () => {
    expect(() => escapeLucene(1017 as unknown as string)).toThrow(/expects a string/);
  });
});

describe('phrase and fielded', () => {
  it('quotes phrases and escapes inner quotes', () => {
    expect(phrase('tumor suppressor')).toBe('"tumor suppressor"');
    expect(phrase('say "hi" \\')).toBe('"say \\"hi\\" \\\\"');
  });
  it('builds fielded terms', () => {
    expect(fielded('symbol', 'cdk2')).toBe('symbol:cdk2');
    expect(fielded('entrezgene', 1017)).toBe('entrezgene:1017');
    expect(fielded('mgi', 'MGI:88339')).toBe('mgi:MGI\\:88339');
    expect(fielded('name', 'cyclin dependent')).toBe('name:"cyclin dependent"');
    expect(fielded('ensembl.gene', 'ENSG00000123374')).toBe('ensembl.gene:ENSG00000123374');
    expect(fielded('symbol', 'CDK?', { raw: true })).toBe('symbol:CDK?');
  });
  it('refuses bad field names and empty values', () => {
    expect(() => fielded('sym bol', 'x')).toThrow(/invalid field name/);
    expect(() => fielded('symbol', '')).toThrow(/must not be empty/);
  });
});

describe('interval', () => {
  it('builds a genome interval query', () => {
    expect(interval('chrX', 151073054, 151383976)).toBe('chrX:151073054-151383976');
    expect(interval('X', 151073054, 151383976)).toBe('chrX:151073054-151383976');
    expect(interval(12, 55966769, 55972784)).toBe('chr12:55966769-55972784');
  });
  it('validates coordinates', () => {
    const bad = [() => interval('chrX', 10, 5), () => interval('chrX', -1, 5), () => interval('chrX', 1.5, 5), () => interval('chr X', 1, 5)];
    for (const call of bad) {
      try {
        call();
        expect.unreachable();
      } catch (e) {
        expect(isValidationError(e)).toBe(true);
      }
    }
  });
});
