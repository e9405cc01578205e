// The content types of the flat answers, as the server sets them: WebService.initOutput calls
// ResponseUtil.setTabHeader / setCSVHeader / setPlainTextHeader, which add setCharacterEncoding
// ("UTF-8"); the bio exports (BioQueryService, AbstractRegionExportService.getDefaultOutput) call
// ResponseUtil.setCustomTypeHeader with their getContentType(), which adds no charset. The client
// reads every one of them.
import { isUnauthorizedError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { client, ROOT, useSimulator } from './setup.js';

const SERVICE = `${ROOT}/service`;
const EVE = '<query model="genomic" view="Gene.symbol"><constraint path="Gene.symbol" op="=" value="eve" code="A"/></query>';
const REGIONS = JSON.stringify({ organism: 'D. melanogaster', featureTypes: ['Gene'], regions: ['2R:9979319..9980796'] });

// The exact type the region services need to read `query` as a parameter (GenomicRegionSearchListInput).
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function typeOf(path: string, form: Record<string, string>): Promise<[number, string | null]> {
  const response = await fetch(`${SERVICE}/${path}`, { method: 'POST', body: new URLSearchParams(form), headers: FORM });
  await response.arrayBuffer();
  return [response.status, response.headers.get('content-type')];
}

async function drain(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe('simulator: the content types of flat answers', () => {
  useSimulator();

  it('TSV, CSV and the text count carry ;charset=UTF-8 (setTabHeader, setCSVHeader, setPlainTextHeader)', async () => {
    expect(await typeOf('query/results', { query: EVE, format: 'tsv' })).toEqual([200, 'text/tab-separated-values;charset=UTF-8']);
    expect(await typeOf('query/results', { query: EVE })).toEqual([200, 'text/tab-separated-values;charset=UTF-8']);
    expect(await typeOf('query/results', { query: EVE, format: 'csv' })).toEqual([200, 'text/comma-separated-values;charset=UTF-8']);
    expect(await typeOf('query/results', { query: EVE, format: 'count' })).toEqual([200, 'text/plain;charset=UTF-8']);
    expect(await typeOf('template/results', { name: 'Gene_Pathways', format: 'tab', constraint1: 'Gene', op1: 'LOOKUP', value1: 'zen' })).toEqual([
      200,
      'text/tab-separated-values;charset=UTF-8',
    ]);
  });

  it('FASTA, GFF3 and BED carry their own types, without a charset (setCustomTypeHeader)', async () => {
    expect(await typeOf('query/results/fasta', { query: EVE })).toEqual([200, 'text/x-fasta']);
    expect(await typeOf('query/results/gff3', { query: EVE })).toEqual([200, 'text/x-gff3']);
    expect(await typeOf('query/results/bed', { query: EVE })).toEqual([200, 'text/x-ucsc-bed']);
    expect(await typeOf('regions/sequence', { query: REGIONS })).toEqual([200, 'text/x-fasta']);
    expect(await typeOf('regions/fasta', { query: REGIONS })).toEqual([200, 'text/x-fasta']);
    expect(await typeOf('regions/gff3', { query: REGIONS })).toEqual([200, 'text/x-gff3']);
    expect(await typeOf('regions/bed', { query: REGIONS })).toEqual([200, 'text/x-ucsc-bed']);
  });

  it('are all read by the client', async () => {
    const mine = client();
    const q = mine.query('Gene').select('symbol').where('symbol', '=', 'eve');
    expect(await drain(mine.tsv(q))).toEqual(['eve']);
    expect(await drain(mine.csv(q))).toEqual(['"eve"']);
    expect((await drain(mine.fasta(q)))[0]).toMatch(/^>FBgn0000606 /);
    expect(await drain(mine.gff3(q))).toEqual(['##gff-version 3', expect.stringMatching(/^2R\tFlyBase\tgene\t/)]);
    expect((await drain(mine.bed(q)))[1]).toMatch(/^chr2R\t/);
    expect((await drain((await mine.template('Gene_Pathways')).tsv({ A: 'zen' }))).length).toBeGreaterThan(0);
    const regions = mine.regions({ organism: 'D. melanogaster', featureTypes: ['Gene'], regions: ['2R:9979319..9980796'] });
    expect((await drain(regions.fasta()))[0]).toMatch(/^>/);
    expect((await drain(regions.gff3())).length).toBeGreaterThan(0);
    expect((await drain(regions.bed())).length).toBeGreaterThan(0);
  });

  it('and the client reads an [ERROR] answer under the charset types too', async () => {
    const mine = client({ token: 'nope' });
    const q = mine.query('Gene').select('symbol').where('symbol', '=', 'eve');
    for (const lines of [mine.tsv(q), mine.csv(q)]) {
      const error = await drain(lines).catch((e: unknown) => e);
      expect(isUnauthorizedError(error)).toBe(true);
      expect((error as { serviceMessage: string }).serviceMessage).toMatch(/^This token is not a valid access key: .*$/);
    }
  });
});
