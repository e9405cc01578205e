// The headers of the bio exports: BioQueryService and AbstractRegionExportService.getDefaultOutput
// call ResponseUtil.setCustomTypeHeader(response, getDefaultFileName(), getContentType()), which
// is setNoCache (Pragma, Cache-Control), the bare content type and setFileName:
// `Content-Disposition: attachment; filename="results<n><suffix>"`, n from StringUtil.uniqueString
// (a process-wide counter). initOutput sets them before authenticate, so a refusal carries them too.
// The client reads the lines whatever the content type and disposition: neither is promised.
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { client, ROOT, useSimulatorServer } from './setup.js';

const { server } = useSimulatorServer();
const SERVICE = `${ROOT}/service`;
const EVE = '<query model="genomic" view="Gene.symbol"><constraint path="Gene.symbol" op="=" value="eve" code="A"/></query>';
const REGIONS = JSON.stringify({ organism: 'D. melanogaster', featureTypes: ['Gene'], regions: ['2R:9979319..9980796'] });

// The exact type the region services need to read `query` as a parameter (GenomicRegionSearchListInput).
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function headersOf(path: string, form: Record<string, string>): Promise<[number, string | null, string | null, string | null, string | null]> {
  const response = await fetch(`${SERVICE}/${path}`, { method: 'POST', body: new URLSearchParams(form), headers: FORM });
  await response.arrayBuffer();
  const h = response.headers;
  return [response.status, h.get('content-type'), h.get('content-disposition'), h.get('pragma'), h.get('cache-control')];
}

const file = (suffix: string) => expect.stringMatching(new RegExp(`^attachment; filename="results\\d+${suffix.replace('.', '\\.')}"$`));

describe('simulator: bio export headers', () => {
  it('name a results<n> file with the service suffix, and forbid caching', async () => {
    const noCache = ['no-cache', 'must-revalidate, max-age=0'];
    expect(await headersOf('regions/fasta', { query: REGIONS })).toEqual([200, 'text/x-fasta', file('.fasta'), ...noCache]);
    expect(await headersOf('regions/sequence', { query: REGIONS })).toEqual([200, 'text/x-fasta', file('.fasta'), ...noCache]);
    expect(await headersOf('regions/gff3', { query: REGIONS })).toEqual([200, 'text/x-gff3', file('.gff3'), ...noCache]);
    expect(await headersOf('regions/bed', { query: REGIONS })).toEqual([200, 'text/x-ucsc-bed', file('.bed'), ...noCache]);
    expect(await headersOf('query/results/fasta', { query: EVE })).toEqual([200, 'text/x-fasta', file('.fa'), ...noCache]);
    expect(await headersOf('query/results/gff3', { query: EVE })).toEqual([200, 'text/x-gff3', file('.gff3'), ...noCache]);
    expect(await headersOf('query/results/bed', { query: EVE })).toEqual([200, 'text/x-ucsc-bed', file('.bed'), ...noCache]);
  });

  it('are on a refused export too (initOutput comes before authenticate)', async () => {
    const [status, type, disposition] = await headersOf('regions/bed', { query: REGIONS, token: 'nope' });
    expect([status, type, disposition]).toEqual([401, 'text/x-ucsc-bed', file('.bed')]);
  });
});

describe('client: region exports', () => {
  it('reads the lines whatever the content type, with or without a disposition', async () => {
    const mine = client();
    const regions = mine.regions({ organism: 'D. melanogaster', featureTypes: ['Gene'], regions: ['2R:9979319..9980796'] });
    const fromSimulator: string[] = [];
    for await (const line of regions.gff3()) fromSimulator.push(line);
    server.use(
      http.post(
        `${SERVICE}/regions/gff3`,
        () => new HttpResponse(fromSimulator.map((l) => `${l}\n`).join(''), { headers: { 'content-type': 'application/octet-stream' } }),
      ),
    );
    const plain: string[] = [];
    for await (const line of regions.gff3()) plain.push(line);
    expect(plain).toEqual(fromSimulator);
    expect(fromSimulator[0]).toBe('##gff-version 3');
  });
});
